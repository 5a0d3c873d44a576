//! The account holder's address: each part with its own rule, postcode and state by country.

use super::country::country;
use super::postcode::postal_code;
use super::state::{state, subdivisions};
use super::text::single_line;
use super::Problem;
use crate::porting::Address;

/// The longest address line accepted, in characters.
pub const ADDRESS_LINE_MAX: usize = 100;
/// The longest city name accepted, in characters.
pub const CITY_MAX: usize = 60;

/// The problems of an address, by property (`line1`, `line2`, `city`, `postalCode`, `state`,
/// `country`, in that order); empty when the address is valid.
pub fn address(address: &Address) -> Vec<(&'static str, Problem)> {
    normalise_address(address).err().unwrap_or_default()
}

/// The address as it should be sent: every part trimmed, postcode and state in their national
/// form, country in upper case, a blank second line or state dropped. Or all its problems.
pub fn normalise_address(address: &Address) -> Result<Address, Vec<(&'static str, Problem)>> {
    let checked_country = country(&address.country);
    // An unknown country still gets its postcode and state checked, by the generic rules.
    let rules_country = checked_country.as_deref().unwrap_or("");
    let line1 = single_line(&address.line1, ADDRESS_LINE_MAX);
    let line2 = optional(address.line2.as_deref(), |line| single_line(line, ADDRESS_LINE_MAX));
    let city = single_line(&address.city, CITY_MAX);
    let postal_code = postal_code(&address.postal_code, rules_country);
    let state = match optional(address.state.as_deref(), |code| state(code, rules_country)) {
        // US and Canadian addresses are incomplete without their state or province.
        Ok(None) if subdivisions(rules_country).is_some() => Err(Problem::Required),
        other => other,
    };

    let mut problems = Vec::new();
    note(&mut problems, "line1", &line1);
    note(&mut problems, "line2", &line2);
    note(&mut problems, "city", &city);
    note(&mut problems, "postalCode", &postal_code);
    note(&mut problems, "state", &state);
    note(&mut problems, "country", &checked_country);
    match (line1, line2, city, postal_code, state, checked_country) {
        (Ok(line1), Ok(line2), Ok(city), Ok(postal_code), Ok(state), Ok(country)) => {
            Ok(Address { line1, line2, city, postal_code, state, country })
        }
        _ => Err(problems),
    }
}

/// `rule` applied to a part that may be absent; blank counts as absent.
fn optional(
    value: Option<&str>,
    rule: impl FnOnce(&str) -> Result<String, Problem>,
) -> Result<Option<String>, Problem> {
    match value {
        Some(text) if !text.trim().is_empty() => rule(text).map(Some),
        _ => Ok(None),
    }
}

fn note<T>(problems: &mut Vec<(&'static str, Problem)>, property: &'static str, result: &Result<T, Problem>) {
    if let Err(problem) = result {
        problems.push((property, problem.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_york() -> Address {
        Address {
            line1: "129 West 81st Street".into(),
            line2: Some("Apartment 5A".into()),
            city: "New York City".into(),
            postal_code: "10024".into(),
            state: Some("NY".into()),
            country: "US".into(),
        }
    }

    #[test]
    fn a_valid_address_is_normalised() {
        let typed = Address {
            line1: " 129 West 81st Street ".into(),
            line2: Some("  ".into()),
            city: "New York City\n".into(),
            postal_code: "100241234".into(),
            state: Some("us-ny".into()),
            country: "us".into(),
        };
        let expected = Address { line2: None, postal_code: "10024-1234".into(), ..new_york() };
        assert_eq!(normalise_address(&typed), Ok(expected));
        assert!(address(&new_york()).is_empty());
    }

    #[test]
    fn uk_address_without_state() {
        let london = Address {
            line1: "10 Downing Street".into(),
            line2: None,
            city: "London".into(),
            postal_code: "sw1a2aa".into(),
            state: None,
            country: "GB".into(),
        };
        let normalised = normalise_address(&london).unwrap();
        assert_eq!(normalised.postal_code, "SW1A 2AA");
        assert_eq!(normalised.state, None);
    }

    #[test]
    fn line_and_city_lengths_on_both_sides() {
        let with = |line1: String, city: String| Address { line1, city, ..new_york() };
        assert!(address(&with("a".repeat(100), "c".repeat(60))).is_empty());
        assert_eq!(
            address(&with("a".repeat(101), "c".repeat(61))),
            [("line1", Problem::TooLong { max: 100 }), ("city", Problem::TooLong { max: 60 })]
        );
        let line2 = Address { line2: Some("b".repeat(101)), ..new_york() };
        assert_eq!(address(&line2), [("line2", Problem::TooLong { max: 100 })]);
        let line2 = Address { line2: Some("b".repeat(100)), ..new_york() };
        assert!(address(&line2).is_empty());
    }

    #[test]
    fn every_problem_is_reported_in_property_order() {
        let bad = Address {
            line1: " ".into(),
            line2: Some("Flat\u{202E}1".into()),
            city: "".into(),
            postal_code: "1002".into(),
            state: Some("ZZ".into()),
            country: "XX".into(),
        };
        assert_eq!(
            address(&bad),
            [
                ("line1", Problem::Required),
                ("line2", Problem::ControlCharacter),
                ("city", Problem::Required),
                // The generic rule accepts 1002; an unknown country gets no ZIP rule.
                ("country", Problem::UnknownCountry),
            ]
        );
    }

    #[test]
    fn postcode_and_state_follow_the_country() {
        let canadian = Address {
            postal_code: "10024".into(),
            state: Some("NY".into()),
            country: "CA".into(),
            ..new_york()
        };
        assert_eq!(
            address(&canadian),
            [("postalCode", Problem::InvalidPostcode), ("state", Problem::UnknownState)]
        );
        let us_zip = Address { postal_code: "SW1A 1AA".into(), ..new_york() };
        assert_eq!(address(&us_zip), [("postalCode", Problem::InvalidZip)]);
    }

    #[test]
    fn us_and_canadian_addresses_need_a_state() {
        assert_eq!(address(&Address { state: None, ..new_york() }), [("state", Problem::Required)]);
        assert_eq!(
            address(&Address { state: Some(" ".into()), ..new_york() }),
            [("state", Problem::Required)]
        );
        let german = Address { postal_code: "10115".into(), state: None, country: "DE".into(), ..new_york() };
        assert!(address(&german).is_empty());
    }
}
