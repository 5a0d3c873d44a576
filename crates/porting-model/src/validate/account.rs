//! The account number at the donor provider.

use std::ops::RangeInclusive;

use super::text::{is_control, is_space_or_dash, required, without};
use super::Problem;

/// The length bound when the donor provider's own is unknown: account numbers differ by carrier
/// (T-Mobile US uses 9 digits, others up to about 20 characters), so only a generous bound that
/// stops pasted junk is safe for all of them.
pub const DEFAULT_ACCOUNT_NUMBER_LEN: RangeInclusive<usize> = 1..=30;

/// An account number with the spaces and dashes of its printed form removed, `len` characters
/// long (the donor provider's exact length when known, else [`DEFAULT_ACCOUNT_NUMBER_LEN`]).
/// Any other character is kept as typed (`1234.5678`, `ACC/12345`): Gigs takes any string and
/// carriers differ, so only control and invisible characters are refused.
pub fn account_number(input: &str, len: Option<RangeInclusive<usize>>) -> Result<String, Problem> {
    let number = without(required(input)?, is_space_or_dash);
    let len = len.unwrap_or(DEFAULT_ACCOUNT_NUMBER_LEN);
    // Characters, not bytes: the bound is on what the buyer sees.
    let count = number.chars().count();
    if number.is_empty() {
        Err(Problem::Required)
    } else if number.chars().any(is_control) {
        Err(Problem::ControlCharacter)
    } else if count < *len.start() {
        Err(Problem::TooShort { min: *len.start() })
    } else if count > *len.end() {
        Err(Problem::TooLong { max: *len.end() })
    } else {
        Ok(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_spaces_and_dashes() {
        assert_eq!(account_number(" 123-456 789 ", None), Ok("123456789".into()));
        assert_eq!(account_number("ab12CD", None), Ok("ab12CD".into()));
    }

    #[test]
    fn keeps_punctuation_and_any_script() {
        for number in ["1234.5678", "ACC/12345", "12#4", "Ä123", "No:42_7"] {
            assert_eq!(account_number(number, None), Ok(number.into()), "{number}");
        }
        assert_eq!(account_number(" ACC/12-34 ", None), Ok("ACC/1234".into()));
    }

    #[test]
    fn refuses_blank_and_control_or_invisible_characters() {
        assert_eq!(account_number("", None), Err(Problem::Required));
        assert_eq!(account_number(" - ", None), Err(Problem::Required));
        for number in ["12\u{0}34", "1234\u{7F}", "12\u{200B}34", "\u{202E}1234"] {
            assert_eq!(account_number(number, None), Err(Problem::ControlCharacter), "{number:?}");
        }
    }

    #[test]
    fn default_bound_on_both_sides() {
        assert_eq!(account_number("1", None), Ok("1".into()));
        assert_eq!(account_number(&"9".repeat(30), None), Ok("9".repeat(30)));
        assert_eq!(account_number(&"9".repeat(31), None), Err(Problem::TooLong { max: 30 }));
        assert_eq!(account_number(&"Ä".repeat(30), None), Ok("Ä".repeat(30)), "characters, not bytes");
        assert_eq!(account_number(&"Ä".repeat(31), None), Err(Problem::TooLong { max: 30 }));
    }

    #[test]
    fn an_exact_provider_length_on_both_sides() {
        let t_mobile = || Some(9..=9);
        assert_eq!(account_number("123456789", t_mobile()), Ok("123456789".into()));
        assert_eq!(account_number("12345678", t_mobile()), Err(Problem::TooShort { min: 9 }));
        assert_eq!(account_number("1234567890", t_mobile()), Err(Problem::TooLong { max: 9 }));
    }
}
