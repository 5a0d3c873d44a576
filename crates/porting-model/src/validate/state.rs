//! States and provinces as the subdivision part of an ISO 3166-2 code (`NY` of `US-NY`), the form
//! Gigs uses in addresses.

use super::text::{is_ascii_alphanumeric, required};
use super::Problem;

/// US subdivisions (ISO 3166-2:US), sorted: the 50 states, the District of Columbia and the
/// outlying areas with their own code (American Samoa, Guam, Northern Mariana Islands, Puerto
/// Rico, Minor Outlying Islands, Virgin Islands), which US addresses may carry as their state.
pub const US_STATES: &[&str] = &[
    "AK", "AL", "AR", "AS", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "GU", "HI", "IA", "ID", "IL",
    "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MP", "MS", "MT", "NC", "ND", "NE", "NH",
    "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UM", "UT", "VA",
    "VI", "VT", "WA", "WI", "WV", "WY",
];

/// Canada's 10 provinces and 3 territories (ISO 3166-2:CA), sorted.
pub const CA_PROVINCES: &[&str] =
    &["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];

/// The full list of subdivision codes of a country, where this crate has one. Addresses in these
/// countries always name their state or province.
pub fn subdivisions(country_iso2: &str) -> Option<&'static [&'static str]> {
    match country_iso2.trim().to_ascii_uppercase().as_str() {
        "US" => Some(US_STATES),
        "CA" => Some(CA_PROVINCES),
        _ => None,
    }
}

/// A subdivision code of `country_iso2`, in any case, with or without the country prefix of the
/// full ISO 3166-2 code (`us-ny` → `NY`). Checked against the full list for the US and Canada;
/// elsewhere only the ISO 3166-2 shape (1 to 3 letters or digits) is known.
pub fn state(input: &str, country_iso2: &str) -> Result<String, Problem> {
    let typed = required(input)?.to_ascii_uppercase();
    let prefix = format!("{}-", country_iso2.trim().to_ascii_uppercase());
    let code = typed.strip_prefix(&prefix).unwrap_or(&typed);
    let known = match subdivisions(country_iso2) {
        Some(list) => list.binary_search(&code).is_ok(),
        None => (1..=3).contains(&code.len()) && is_ascii_alphanumeric(code),
    };
    if known {
        Ok(code.to_owned())
    } else {
        Err(Problem::UnknownState)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_complete_and_sorted() {
        assert_eq!(US_STATES.len(), 50 + 1 + 6);
        assert_eq!(CA_PROVINCES.len(), 13);
        for list in [US_STATES, CA_PROVINCES] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]));
        }
    }

    #[test]
    fn us_states_in_any_case_with_or_without_prefix() {
        assert_eq!(state("NY", "US"), Ok("NY".into()));
        assert_eq!(state(" ny ", "us"), Ok("NY".into()));
        assert_eq!(state("US-NY", "US"), Ok("NY".into()));
        assert_eq!(state("us-ak", "US"), Ok("AK".into())); // first of the list
        assert_eq!(state("WY", "US"), Ok("WY".into())); // last of the list
        assert_eq!(state("DC", "US"), Ok("DC".into()));
        assert_eq!(state("PR", "US"), Ok("PR".into()));
    }

    #[test]
    fn unknown_us_codes_are_refused() {
        for input in ["XX", "NYC", "New York", "CA-ON", "US-", "ON", "AA", "ZZ"] {
            assert_eq!(state(input, "US"), Err(Problem::UnknownState), "{input}");
        }
        assert_eq!(state("", "US"), Err(Problem::Required));
    }

    #[test]
    fn canadian_provinces() {
        assert_eq!(state("qc", "CA"), Ok("QC".into()));
        assert_eq!(state("CA-YT", "CA"), Ok("YT".into()));
        assert_eq!(state("NY", "CA"), Err(Problem::UnknownState));
        assert_eq!(state("PQ", "CA"), Err(Problem::UnknownState)); // Quebec's pre-1992 postal abbreviation
    }

    #[test]
    fn other_countries_get_the_iso_3166_2_shape() {
        assert_eq!(state("by", "DE"), Ok("BY".into()));
        assert_eq!(state("DE-BY", "DE"), Ok("BY".into()));
        assert_eq!(state("ENG", "GB"), Ok("ENG".into()));
        assert_eq!(state("1", "JP"), Ok("1".into()));
        assert_eq!(state("ABCD", "GB"), Err(Problem::UnknownState));
        assert_eq!(state("A-B", "GB"), Err(Problem::UnknownState));
        assert_eq!(state("É", "FR"), Err(Problem::UnknownState));
    }

    #[test]
    fn subdivisions_are_known_for_us_and_canada_only() {
        assert_eq!(subdivisions("us"), Some(US_STATES));
        assert_eq!(subdivisions("CA"), Some(CA_PROVINCES));
        assert_eq!(subdivisions("GB"), None);
    }
}
