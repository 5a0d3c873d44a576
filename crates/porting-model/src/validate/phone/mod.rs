//! Phone numbers in E.164 (`+` and at most 15 digits), the form Gigs takes, from what people type:
//! an international number with any punctuation, or a national number beside a country select.

mod codes;
mod plan;

pub(super) use codes::calling_code_of;

use super::text::{is_digits, is_space_or_dash, required, without};
use super::Problem;

/// E.164's bound on the digits of a number, calling code included.
pub const MAX_DIGITS: usize = 15;

/// The fewest digits a national number has under a calling code without a plan here: some small
/// territories (Niue, St Helena) have 4-digit numbers.
const MIN_NATIONAL_DIGITS: usize = 4;

/// The countries a phone country select can offer, as (ISO 3166-1 alpha-2, calling code), sorted
/// by ISO code: those whose national numbering plan this crate knows, so [`national_to_e164`] can
/// strip their trunk prefix and check their lengths.
pub const PHONE_COUNTRIES: &[(&str, &str)] = &[
    ("AU", "61"),
    ("CA", "1"),
    ("DE", "49"),
    ("ES", "34"),
    ("FR", "33"),
    ("GB", "44"),
    ("IE", "353"),
    ("NL", "31"),
    ("US", "1"),
];

/// The calling code of a country in [`PHONE_COUNTRIES`] (any case), e.g. `GB` → `44`.
pub fn calling_code(country_iso2: &str) -> Option<&'static str> {
    let country = country_iso2.trim();
    PHONE_COUNTRIES.iter().find(|(iso2, _)| iso2.eq_ignore_ascii_case(country)).map(|&(_, code)| code)
}

/// A number in E.164: `+`, a calling code in use, a national number of a length its plan allows
/// (see [`PHONE_COUNTRIES`]); separators and a `(0)` trunk marker are dropped.
pub fn phone_number(input: &str) -> Result<String, Problem> {
    let digits = digits_of(required(input)?.strip_prefix('+').ok_or(Problem::MissingPlus)?)?;
    check(&digits)?;
    Ok(format!("+{digits}"))
}

/// A number typed beside a country select, in E.164. A national number loses its trunk prefix
/// (`07700 900123` in GB, `1 202 555 0123` in the US); a full international number (`+44 …` or
/// `0044 …`) is taken as it is, but must belong to the chosen country.
pub fn national_to_e164(country_iso2: &str, national: &str) -> Result<String, Problem> {
    let code = calling_code(country_iso2).ok_or(Problem::UnsupportedCountry)?;
    let typed = required(national)?;
    let digits = match typed.strip_prefix('+') {
        Some(international) => digits_of(international)?,
        None => {
            let digits = digits_of(typed)?;
            match digits.strip_prefix("00") {
                // 00 is the international prefix in most of the world. It cannot be the start of
                // a national number here: none starts with 0 once its trunk prefix is gone.
                Some(international) => international.to_owned(),
                // The plan's trunk prefix never starts a national number (a NANP number never
                // starts with 1), so a leading one is always the trunk prefix.
                None => {
                    let trunk = plan::plan(code).and_then(|plan| plan.trunk_prefix);
                    let national = trunk.and_then(|trunk| digits.strip_prefix(trunk)).unwrap_or(&digits);
                    format!("{code}{national}")
                }
            }
        }
    };
    if codes::calling_code_of(&digits) != Some(code) {
        return Err(Problem::CountryCodeMismatch { expected: code });
    }
    check(&digits)?;
    Ok(format!("+{digits}"))
}

/// The digits of a typed number, without the characters people write between them and without
/// a `(0)`: in `+44 (0)20 …` it marks the trunk prefix, which is dialled only at home.
fn digits_of(typed: &str) -> Result<String, Problem> {
    let digits =
        without(&typed.replacen("(0)", "", 1), |c| is_space_or_dash(c) || matches!(c, '.' | '(' | ')'));
    if digits.is_empty() {
        Err(Problem::Required)
    } else if !is_digits(&digits) {
        Err(Problem::NotDigits)
    } else {
        Ok(digits)
    }
}

/// Checks the digits of an international number (after the `+`).
fn check(digits: &str) -> Result<(), Problem> {
    let code = codes::calling_code_of(digits).ok_or(Problem::UnknownCountryCode)?;
    let national = &digits[code.len()..];
    if digits.len() > MAX_DIGITS {
        return Err(Problem::TooManyDigits { max: MAX_DIGITS });
    }
    match plan::plan(code) {
        Some(plan) => plan.check(national),
        None if national.len() < MIN_NATIONAL_DIGITS => {
            Err(Problem::TooFewDigits { min: code.len() + MIN_NATIONAL_DIGITS })
        }
        None => Ok(()),
    }
}

/// An E.164 number as people write it: `+1 202-555-0102`, `+44 7700 900123`, `+44 20 7946 0958`;
/// other countries as `+33 612345678`. Anything that is not E.164 comes back as it was.
pub fn written(e164: &str) -> String {
    let Some(code) = e164.strip_prefix('+').filter(|d| is_digits(d)).and_then(codes::calling_code_of) else {
        return e164.to_owned();
    };
    let national = &e164[1 + code.len()..];
    // Where each group of the national number ends, and what joins the groups.
    let (ends, joint): (&[usize], &str) = match (code, national.len(), national.as_bytes().first()) {
        ("1", 10, _) => (&[3, 6], "-"),
        ("44", 10, Some(b'2')) => (&[2, 6], " "),
        ("44", 10, Some(b'3' | b'8' | b'9')) => (&[3, 6], " "),
        ("44", 10, _) => (&[4], " "),
        _ => (&[], ""),
    };
    let mut grouped = String::with_capacity(national.len() + ends.len());
    for (i, digit) in national.chars().enumerate() {
        if ends.contains(&i) {
            grouped.push_str(joint);
        }
        grouped.push(digit);
    }
    format!("+{code} {grouped}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_people_write_them() {
        assert_eq!(written("+12025550102"), "+1 202-555-0102");
        assert_eq!(written("+19591234567"), "+1 959-123-4567");
        assert_eq!(written("+447700900123"), "+44 7700 900123");
        assert_eq!(written("+442079460958"), "+44 20 7946 0958");
        assert_eq!(written("+443069990123"), "+44 306 999 0123");
        assert_eq!(written("+33612345678"), "+33 612345678");
        for odd in ["", "12025550102", "+1 202", "+999", "<b>"] {
            assert_eq!(written(odd), odd);
        }
    }

    #[test]
    fn every_phone_country_has_a_plan_and_a_real_code() {
        for &(iso2, code) in PHONE_COUNTRIES {
            assert!(plan::plan(code).is_some(), "{iso2}");
            assert_eq!(codes::calling_code_of(code), Some(code), "{iso2}");
            assert!(crate::validate::COUNTRY_CODES.contains(&iso2), "{iso2}");
        }
        assert!(PHONE_COUNTRIES.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn calling_codes_of_supported_countries() {
        assert_eq!(calling_code("GB"), Some("44"));
        assert_eq!(calling_code(" us"), Some("1"));
        assert_eq!(calling_code("ca"), Some("1"));
        assert_eq!(calling_code("IE"), Some("353"));
        assert_eq!(calling_code("IT"), None);
        assert_eq!(calling_code("UK"), None);
    }

    #[test]
    fn tolerates_separators() {
        for input in
            ["+1 (202) 555-0123", "+1.202.555.0123", " +12025550123 ", "+1\u{A0}202\u{A0}555\u{A0}0123"]
        {
            assert_eq!(phone_number(input), Ok("+12025550123".into()), "{input}");
        }
        assert_eq!(phone_number("+44 (0)7700 900123"), Ok("+447700900123".into()));
        assert_eq!(phone_number("+44 7700-900-123"), Ok("+447700900123".into()));
    }

    #[test]
    fn needs_the_plus_and_digits() {
        assert_eq!(phone_number(""), Err(Problem::Required));
        assert_eq!(phone_number("+"), Err(Problem::Required));
        assert_eq!(phone_number("447700900123"), Err(Problem::MissingPlus));
        assert_eq!(phone_number("0044 7700 900123"), Err(Problem::MissingPlus));
        assert_eq!(phone_number("+44 7700 9OO123"), Err(Problem::NotDigits));
        assert_eq!(phone_number("++447700900123"), Err(Problem::NotDigits));
        assert_eq!(phone_number("+44 7700 900123 ext 4"), Err(Problem::NotDigits));
    }

    #[test]
    fn needs_a_calling_code_in_use() {
        assert_eq!(phone_number("+999 1234567"), Err(Problem::UnknownCountryCode));
        assert_eq!(phone_number("+800 12345678"), Err(Problem::UnknownCountryCode));
        assert_eq!(phone_number("+259 1234567"), Err(Problem::UnknownCountryCode));
    }

    #[test]
    fn fifteen_digits_in_all_on_both_sides() {
        // Italy has no plan here, so only E.164's bounds apply.
        assert_eq!(phone_number("+39 0612 3456789 0"), Ok("+39061234567890".into()));
        assert_eq!(phone_number("+39 0612 3456789 01"), Ok("+390612345678901".into()));
        assert_eq!(phone_number("+39 0612 3456789 012"), Err(Problem::TooManyDigits { max: 15 }));
        // The bound holds before a plan's own: German numbers are open-ended.
        assert_eq!(phone_number("+49 3012 3456 7890 1"), Ok("+493012345678901".into()));
        assert_eq!(phone_number("+49 3012 3456 7890 12"), Err(Problem::TooManyDigits { max: 15 }));
    }

    #[test]
    fn a_sane_minimum_without_a_plan() {
        assert_eq!(phone_number("+683 4002"), Ok("+6834002".into())); // Niue
        assert_eq!(phone_number("+683 400"), Err(Problem::TooFewDigits { min: 7 }));
        assert_eq!(phone_number("+39 0612"), Ok("+390612".into()));
        assert_eq!(phone_number("+39 061"), Err(Problem::TooFewDigits { min: 6 }));
    }

    #[test]
    fn applies_the_country_plans() {
        assert_eq!(phone_number("+1 202 555 0123"), Ok("+12025550123".into()));
        assert_eq!(phone_number("+1 613 555 0123"), Ok("+16135550123".into())); // Ottawa
        assert_eq!(phone_number("+1 102 555 0123"), Err(Problem::InvalidNumberRange { calling_code: "1" }));
        assert_eq!(phone_number("+1 959 123 4567"), Ok("+19591234567".into()));
        assert_eq!(
            phone_number("+1 202 555 012"),
            Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 })
        );
        assert_eq!(phone_number("+44 7700 900123"), Ok("+447700900123".into()));
        assert_eq!(phone_number("+44 07700 900123"), Err(Problem::InvalidNumberRange { calling_code: "44" }));
        assert_eq!(phone_number("+49 1512 3456789"), Ok("+4915123456789".into()));
        assert_eq!(phone_number("+33 6 12 34 56 78"), Ok("+33612345678".into()));
        assert_eq!(phone_number("+34 612 345 678"), Ok("+34612345678".into()));
        assert_eq!(phone_number("+31 6 12345678"), Ok("+31612345678".into()));
        assert_eq!(phone_number("+353 85 012 3456"), Ok("+353850123456".into()));
        assert_eq!(phone_number("+61 412 345 678"), Ok("+61412345678".into()));
    }

    #[test]
    fn national_numbers_lose_their_trunk_prefix() {
        assert_eq!(national_to_e164("GB", "07700 900123"), Ok("+447700900123".into()));
        assert_eq!(national_to_e164("GB", "7700 900123"), Ok("+447700900123".into()));
        assert_eq!(national_to_e164("gb", "(0)7700 900123"), Ok("+447700900123".into()));
        assert_eq!(national_to_e164("DE", "0151 23456789"), Ok("+4915123456789".into()));
        assert_eq!(national_to_e164("FR", "06 12 34 56 78"), Ok("+33612345678".into()));
        assert_eq!(national_to_e164("AU", "0412 345 678"), Ok("+61412345678".into()));
        assert_eq!(national_to_e164("US", "1 (202) 555-0123"), Ok("+12025550123".into()));
        assert_eq!(national_to_e164("US", "202-555-0123"), Ok("+12025550123".into()));
        assert_eq!(national_to_e164("CA", "613.555.0123"), Ok("+16135550123".into()));
    }

    #[test]
    fn a_leading_one_in_the_nanp_is_the_trunk_prefix() {
        assert_eq!(
            national_to_e164("US", "1202555012"),
            Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 })
        );
        assert_eq!(
            national_to_e164("US", "12025550123 4"),
            Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 })
        );
    }

    #[test]
    fn spain_has_no_trunk_prefix() {
        assert_eq!(national_to_e164("ES", "612 345 678"), Ok("+34612345678".into()));
        assert_eq!(
            national_to_e164("ES", "0612 345 678"),
            Err(Problem::InvalidNumberRange { calling_code: "34" })
        );
    }

    #[test]
    fn pasted_international_numbers_must_match_the_country() {
        assert_eq!(national_to_e164("GB", "+44 7700 900123"), Ok("+447700900123".into()));
        assert_eq!(national_to_e164("GB", "0044 7700 900123"), Ok("+447700900123".into()));
        assert_eq!(national_to_e164("IE", "00353 85 012 3456"), Ok("+353850123456".into()));
        assert_eq!(national_to_e164("US", "+1 613 555 0123"), Ok("+16135550123".into())); // any NANP number
        let not_gb = Err(Problem::CountryCodeMismatch { expected: "44" });
        assert_eq!(national_to_e164("GB", "+33 6 12 34 56 78"), not_gb);
        assert_eq!(national_to_e164("GB", "0033 6 12 34 56 78"), not_gb);
        assert_eq!(national_to_e164("GB", "+353 85 012 3456"), not_gb);
        assert_eq!(
            national_to_e164("IE", "+44 7700 900123"),
            Err(Problem::CountryCodeMismatch { expected: "353" })
        );
    }

    #[test]
    fn national_numbers_are_still_checked() {
        assert_eq!(national_to_e164("GB", ""), Err(Problem::Required));
        assert_eq!(national_to_e164("GB", "07700 9OO123"), Err(Problem::NotDigits));
        assert_eq!(
            national_to_e164("GB", "07700 90012"),
            Err(Problem::WrongLength { calling_code: "44", expected: 10..=10 })
        );
        assert_eq!(national_to_e164("GB", "+44 77OO"), Err(Problem::NotDigits));
    }

    #[test]
    fn unsupported_countries_are_refused() {
        assert_eq!(national_to_e164("IT", "06 1234 5678"), Err(Problem::UnsupportedCountry));
        assert_eq!(national_to_e164("XX", "06 1234 5678"), Err(Problem::UnsupportedCountry));
        assert_eq!(national_to_e164("", "06 1234 5678"), Err(Problem::UnsupportedCountry));
    }
}
