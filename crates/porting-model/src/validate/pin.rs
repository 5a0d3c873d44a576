//! The account PIN: a US transfer PIN, a UK PAC or STAC, or elsewhere any one line.

use super::text::{fits, is_digits, is_space_or_dash, required, single_line, without};
use super::Problem;

/// Which kind of secret the donor provider expects in `accountPin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinKind {
    /// A transfer PIN of `min` to `max` digits (US carriers).
    Digits { min: usize, max: usize },
    /// A UK Porting Authorisation Code, which moves the number (`portIn`): `ABC123456`.
    Pac,
    /// A UK Service Termination Authorisation Code, which only ends the old contract
    /// (`cancelOnly`): `123456ABC`.
    Stac,
    /// A code of a country whose codes are not known here: any one line of text, as typed.
    Text,
}

impl PinKind {
    /// US transfer PINs are 4 to 10 digits in practice (Verizon prepaid 4, T-Mobile 6).
    pub const DEFAULT: PinKind = PinKind::Digits { min: 4, max: 10 };
}

/// The rule for a billing PIN beside a transfer PIN of `kind`: the account PIN's, without a
/// donor's own length (nothing says a billing PIN has it), and any one line where it is not digits.
pub fn billing_pin_kind(kind: PinKind) -> PinKind {
    match kind {
        PinKind::Digits { .. } => PinKind::DEFAULT,
        _ => PinKind::Text,
    }
}

/// The longest [`PinKind::Text`] code, in characters: far above known ones (France's RIO has 12),
/// it only stops pasted junk.
const TEXT_MAX: usize = 50;

const PAC: &str = "AAA999999";
const STAC: &str = "999999AAA";

/// The PIN as the donor provider accepts it: digits only for a transfer PIN (Verizon shows PINs
/// with dashes but refuses them), upper case without spaces for a PAC or STAC, otherwise trimmed.
pub fn account_pin(input: &str, kind: PinKind) -> Result<String, Problem> {
    let typed = required(input)?;
    match kind {
        PinKind::Digits { min, max } => digits(typed, min, max),
        PinKind::Pac => uk_code(typed, PAC, STAC, Problem::InvalidPac, Problem::StacInsteadOfPac),
        PinKind::Stac => uk_code(typed, STAC, PAC, Problem::InvalidStac, Problem::PacInsteadOfStac),
        PinKind::Text => single_line(typed, TEXT_MAX),
    }
}

fn digits(typed: &str, min: usize, max: usize) -> Result<String, Problem> {
    let pin = without(typed, is_space_or_dash);
    if pin.is_empty() {
        Err(Problem::Required)
    } else if !is_digits(&pin) {
        Err(Problem::NotDigits)
    } else if pin.len() < min {
        Err(Problem::TooFewDigits { min })
    } else if pin.len() > max {
        Err(Problem::TooManyDigits { max })
    } else {
        Ok(pin)
    }
}

/// A PAC or STAC of `shape`; one of `other_shape` gets its own problem, as buyers easily ask the
/// old provider for the wrong one of the two codes.
fn uk_code(
    typed: &str,
    shape: &str,
    other_shape: &str,
    invalid: Problem,
    other: Problem,
) -> Result<String, Problem> {
    let code = without(typed, char::is_whitespace).to_ascii_uppercase();
    if fits(&code, shape) {
        Ok(code)
    } else if fits(&code, other_shape) {
        Err(other)
    } else {
        Err(invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_strip_spaces_and_dashes() {
        assert_eq!(account_pin("12-34", PinKind::DEFAULT), Ok("1234".into()));
        assert_eq!(account_pin(" 1 2 3 4 ", PinKind::DEFAULT), Ok("1234".into()));
        assert_eq!(account_pin("--", PinKind::DEFAULT), Err(Problem::Required));
        assert_eq!(account_pin("", PinKind::DEFAULT), Err(Problem::Required));
    }

    #[test]
    fn digits_only() {
        assert_eq!(account_pin("12a4", PinKind::DEFAULT), Err(Problem::NotDigits));
        assert_eq!(account_pin("12.34", PinKind::DEFAULT), Err(Problem::NotDigits));
        assert_eq!(account_pin("１２３４", PinKind::DEFAULT), Err(Problem::NotDigits));
        // full-width
    }

    #[test]
    fn default_length_on_both_sides() {
        assert_eq!(account_pin("123", PinKind::DEFAULT), Err(Problem::TooFewDigits { min: 4 }));
        assert_eq!(account_pin("1234", PinKind::DEFAULT), Ok("1234".into()));
        assert_eq!(account_pin("1234567890", PinKind::DEFAULT), Ok("1234567890".into()));
        assert_eq!(account_pin("12345678901", PinKind::DEFAULT), Err(Problem::TooManyDigits { max: 10 }));
    }

    #[test]
    fn a_provider_specific_length() {
        let six = PinKind::Digits { min: 6, max: 6 };
        assert_eq!(account_pin("12345", six), Err(Problem::TooFewDigits { min: 6 }));
        assert_eq!(account_pin("123456", six), Ok("123456".into()));
        assert_eq!(account_pin("1234567", six), Err(Problem::TooManyDigits { max: 6 }));
    }

    #[test]
    fn text_codes_are_any_one_line_as_typed() {
        for code in ["Kennwort-7", "01P123456ABC", "ab 12.34/x", "ÄÖü9", "12-34"] {
            assert_eq!(account_pin(code, PinKind::Text), Ok(code.into()), "{code}");
        }
        assert_eq!(account_pin(" x1 ", PinKind::Text), Ok("x1".into()));
        assert_eq!(account_pin(" ", PinKind::Text), Err(Problem::Required));
        assert_eq!(account_pin("12\n34", PinKind::Text), Err(Problem::ControlCharacter));
        assert_eq!(account_pin("12\u{200B}34", PinKind::Text), Err(Problem::ControlCharacter));
        assert_eq!(account_pin(&"é".repeat(50), PinKind::Text), Ok("é".repeat(50)));
        assert_eq!(account_pin(&"é".repeat(51), PinKind::Text), Err(Problem::TooLong { max: 50 }));
    }

    #[test]
    fn pac_any_case_and_spacing() {
        assert_eq!(account_pin("abc 123 456", PinKind::Pac), Ok("ABC123456".into()));
        assert_eq!(account_pin("ABC123456", PinKind::Pac), Ok("ABC123456".into()));
        for input in ["ABC12345", "ABC1234567", "AB1234567", "ABCD12345", "ABC-123456", "ÀBC123456"] {
            assert_eq!(account_pin(input, PinKind::Pac), Err(Problem::InvalidPac), "{input}");
        }
        assert_eq!(account_pin("123456abc", PinKind::Pac), Err(Problem::StacInsteadOfPac));
    }

    #[test]
    fn stac_any_case_and_spacing() {
        assert_eq!(account_pin("123 456 abc", PinKind::Stac), Ok("123456ABC".into()));
        for input in ["12345ABC", "1234567ABC", "123456AB", "123456ABCD"] {
            assert_eq!(account_pin(input, PinKind::Stac), Err(Problem::InvalidStac), "{input}");
        }
        assert_eq!(account_pin("ABC123456", PinKind::Stac), Err(Problem::PacInsteadOfStac));
    }
}
