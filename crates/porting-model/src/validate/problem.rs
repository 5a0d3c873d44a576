//! The one error type of every rule: a stable machine code for programs and the widget's message
//! catalog, and an English sentence for developers reading an API error.

use std::fmt;
use std::ops::RangeInclusive;

/// Why a value was refused.
///
/// [`Problem::code`] is part of the API (it becomes `details[].code` in proxy errors and keys the
/// widget's localised messages), so a code never changes once published.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Nothing but whitespace or separators was entered.
    Required,
    /// Fewer characters than `min`.
    TooShort { min: usize },
    /// More characters than `max`.
    TooLong { max: usize },
    /// Fewer digits than `min` (a PIN, or a phone number counted with its country code).
    TooFewDigits { min: usize },
    /// More digits than `max`.
    TooManyDigits { max: usize },
    /// A control character, line break or invisible formatting character (zero-width, bidi).
    ControlCharacter,
    /// A name without any letter.
    NoLetter,
    /// Something other than digits and the separators the field tolerates.
    NotDigits,
    /// Not an identifier such as `svp_0SNlurA01K6GY5L0XJffY8`.
    InvalidId,
    /// A value outside the documented set (e.g. an unknown `behavior`).
    UnknownValue,
    /// An international number without its leading `+`.
    MissingPlus,
    /// The digits after `+` do not start with a country calling code in use.
    UnknownCountryCode,
    /// The national number has a length that numbers under this calling code never have.
    WrongLength { calling_code: &'static str, expected: RangeInclusive<usize> },
    /// The national number starts with digits that no number under this calling code has.
    InvalidNumberRange { calling_code: &'static str },
    /// A pasted international number belongs to another country than the one chosen.
    CountryCodeMismatch { expected: &'static str },
    /// Numbers of this country cannot be entered nationally (no numbering plan for it here).
    UnsupportedCountry,
    /// Not a real calendar date written `YYYY-MM-DD`.
    NotADate,
    /// The date is today or later but must be earlier.
    NotInPast,
    /// The date is today or earlier but must be later.
    NotInFuture,
    /// The birthday makes the account holder older than `max_years`: most likely a typo.
    TooOld { max_years: u32 },
    /// `scheduledOn` was given for a recipient provider outside the United Kingdom.
    ScheduleOnlyUk,
    /// `cancelOnly` was asked of a recipient provider outside the United Kingdom.
    CancelOnlyUk,
    /// Not a UK Porting Authorisation Code (3 letters, 6 digits).
    InvalidPac,
    /// Not a UK Service Termination Authorisation Code (6 digits, 3 letters).
    InvalidStac,
    /// A STAC where a PAC is needed: the buyer asked the old provider for the wrong code.
    StacInsteadOfPac,
    /// A PAC where a STAC is needed.
    PacInsteadOfStac,
    /// Not a US ZIP code.
    InvalidZip,
    /// Not a postcode of the address's country.
    InvalidPostcode,
    /// Not an officially assigned ISO 3166-1 alpha-2 code.
    UnknownCountry,
    /// Not a subdivision (state, province) code of the country.
    UnknownState,
    /// The account holder did not approve the transfer the porting requires approval of (the
    /// widget's check of its own box: Gigs itself takes `false`).
    NotApproved,
}

impl Problem {
    /// The problem as one detail of a Gigs-shaped 422, about `property`.
    pub fn detail(&self, property: &str) -> crate::error::ErrorDetail {
        crate::error::ErrorDetail {
            property: Some(property.into()),
            code: Some(self.code().into()),
            message: self.to_string(),
        }
    }

    /// The stable camelCase machine code.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooShort { .. } => "tooShort",
            Problem::TooLong { .. } => "tooLong",
            Problem::TooFewDigits { .. } => "tooFewDigits",
            Problem::TooManyDigits { .. } => "tooManyDigits",
            Problem::ControlCharacter => "controlCharacter",
            Problem::NoLetter => "noLetter",
            Problem::NotDigits => "notDigits",
            Problem::InvalidId => "invalidId",
            Problem::UnknownValue => "unknownValue",
            Problem::MissingPlus => "missingPlus",
            Problem::UnknownCountryCode => "unknownCountryCode",
            Problem::WrongLength { .. } => "wrongLength",
            Problem::InvalidNumberRange { .. } => "invalidNumberRange",
            Problem::CountryCodeMismatch { .. } => "countryCodeMismatch",
            Problem::UnsupportedCountry => "unsupportedCountry",
            Problem::NotADate => "notADate",
            Problem::NotInPast => "notInPast",
            Problem::NotInFuture => "notInFuture",
            Problem::TooOld { .. } => "tooOld",
            Problem::ScheduleOnlyUk => "scheduleOnlyUk",
            Problem::CancelOnlyUk => "cancelOnlyUk",
            Problem::InvalidPac => "invalidPac",
            Problem::InvalidStac => "invalidStac",
            Problem::StacInsteadOfPac => "stacInsteadOfPac",
            Problem::PacInsteadOfStac => "pacInsteadOfStac",
            Problem::InvalidZip => "invalidZip",
            Problem::InvalidPostcode => "invalidPostcode",
            Problem::UnknownCountry => "unknownCountry",
            Problem::UnknownState => "unknownState",
            Problem::NotApproved => "notApproved",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => f.write_str("A value is required."),
            Problem::TooShort { min } => write!(f, "Must be at least {min} characters long."),
            Problem::TooLong { max } => write!(f, "Must be at most {max} characters long."),
            Problem::TooFewDigits { min } => write!(f, "Must have at least {min} digits."),
            Problem::TooManyDigits { max } => write!(f, "Must have at most {max} digits."),
            Problem::ControlCharacter => f.write_str(
                "Must not contain control characters, line breaks or invisible formatting characters.",
            ),
            Problem::NoLetter => f.write_str("Must contain at least one letter."),
            Problem::NotDigits => f.write_str("Must contain only digits, apart from spaces and dashes."),
            Problem::InvalidId => {
                f.write_str("Must be an identifier of letters, digits, underscores and dashes.")
            }
            Problem::UnknownValue => f.write_str("Is not one of the allowed values."),
            Problem::MissingPlus => {
                f.write_str("Must be in international format: + followed by the country calling code.")
            }
            Problem::UnknownCountryCode => {
                f.write_str("Does not start with a country calling code that is in use.")
            }
            Problem::WrongLength { calling_code, expected } => {
                write!(f, "A +{calling_code} number must have ")?;
                if expected.start() == expected.end() {
                    write!(f, "{}", expected.start())?;
                } else {
                    write!(f, "{} to {}", expected.start(), expected.end())?;
                }
                f.write_str(" digits after the country calling code.")
            }
            Problem::InvalidNumberRange { calling_code } => {
                write!(f, "Is not in a number range in use under +{calling_code}.")
            }
            Problem::CountryCodeMismatch { expected } => {
                write!(f, "Is a number of another country: expected one starting with +{expected}.")
            }
            Problem::UnsupportedCountry => f.write_str("Phone numbers of this country are not supported."),
            Problem::NotADate => f.write_str("Must be a real calendar date written YYYY-MM-DD."),
            Problem::NotInPast => f.write_str("Must be a date before today."),
            Problem::NotInFuture => f.write_str("Must be a date after today."),
            Problem::TooOld { max_years } => {
                write!(f, "Makes the account holder older than {max_years} years; check the year.")
            }
            Problem::ScheduleOnlyUk => {
                f.write_str("A porting can be scheduled only with a provider in the United Kingdom.")
            }
            Problem::CancelOnlyUk => {
                f.write_str("The cancelOnly behavior is offered only by providers in the United Kingdom.")
            }
            Problem::InvalidPac => {
                f.write_str("Must be a PAC: 3 letters followed by 6 digits, like ABC123456.")
            }
            Problem::InvalidStac => {
                f.write_str("Must be a STAC: 6 digits followed by 3 letters, like 123456ABC.")
            }
            Problem::StacInsteadOfPac => {
                f.write_str("Is a STAC, which only ends the old service; keeping the number needs a PAC.")
            }
            Problem::PacInsteadOfStac => {
                f.write_str("Is a PAC, which moves the number; only ending the old service needs a STAC.")
            }
            Problem::InvalidZip => {
                f.write_str("Must be a ZIP code: 5 digits, optionally a dash and 4 more digits.")
            }
            Problem::InvalidPostcode => f.write_str("Is not a valid postcode for the country."),
            Problem::UnknownCountry => {
                f.write_str("Must be an ISO 3166-1 alpha-2 country code, like US or GB.")
            }
            Problem::UnknownState => {
                f.write_str("Is not a state, province or other subdivision code of the country.")
            }
            Problem::NotApproved => f.write_str("The account holder must approve the transfer."),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each variant; the match makes adding a variant without listing it here a compile
    /// error, so the tests below always cover every code.
    fn every_problem() -> Vec<Problem> {
        let all = vec![
            Problem::Required,
            Problem::TooShort { min: 2 },
            Problem::TooLong { max: 50 },
            Problem::TooFewDigits { min: 4 },
            Problem::TooManyDigits { max: 15 },
            Problem::ControlCharacter,
            Problem::NoLetter,
            Problem::NotDigits,
            Problem::InvalidId,
            Problem::UnknownValue,
            Problem::MissingPlus,
            Problem::UnknownCountryCode,
            Problem::WrongLength { calling_code: "44", expected: 9..=10 },
            Problem::InvalidNumberRange { calling_code: "1" },
            Problem::CountryCodeMismatch { expected: "44" },
            Problem::UnsupportedCountry,
            Problem::NotADate,
            Problem::NotInPast,
            Problem::NotInFuture,
            Problem::TooOld { max_years: 120 },
            Problem::ScheduleOnlyUk,
            Problem::CancelOnlyUk,
            Problem::InvalidPac,
            Problem::InvalidStac,
            Problem::StacInsteadOfPac,
            Problem::PacInsteadOfStac,
            Problem::InvalidZip,
            Problem::InvalidPostcode,
            Problem::UnknownCountry,
            Problem::UnknownState,
            Problem::NotApproved,
        ];
        for problem in &all {
            match problem {
                Problem::Required
                | Problem::TooShort { .. }
                | Problem::TooLong { .. }
                | Problem::TooFewDigits { .. }
                | Problem::TooManyDigits { .. }
                | Problem::ControlCharacter
                | Problem::NoLetter
                | Problem::NotDigits
                | Problem::InvalidId
                | Problem::UnknownValue
                | Problem::MissingPlus
                | Problem::UnknownCountryCode
                | Problem::WrongLength { .. }
                | Problem::InvalidNumberRange { .. }
                | Problem::CountryCodeMismatch { .. }
                | Problem::UnsupportedCountry
                | Problem::NotADate
                | Problem::NotInPast
                | Problem::NotInFuture
                | Problem::TooOld { .. }
                | Problem::ScheduleOnlyUk
                | Problem::CancelOnlyUk
                | Problem::InvalidPac
                | Problem::InvalidStac
                | Problem::StacInsteadOfPac
                | Problem::PacInsteadOfStac
                | Problem::InvalidZip
                | Problem::InvalidPostcode
                | Problem::UnknownCountry
                | Problem::UnknownState
                | Problem::NotApproved => {}
            }
        }
        all
    }

    #[test]
    fn codes_are_distinct_camel_case() {
        let all = every_problem();
        let mut codes: Vec<_> = all.iter().map(Problem::code).collect();
        for code in &codes {
            assert!(code.starts_with(|c: char| c.is_ascii_lowercase()), "{code}");
            assert!(code.chars().all(|c| c.is_ascii_alphanumeric()), "{code}");
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }

    #[test]
    fn messages_are_sentences() {
        for problem in every_problem() {
            let message = problem.to_string();
            assert!(message.starts_with(|c: char| c.is_ascii_uppercase()), "{message}");
            assert!(message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn messages_carry_their_data() {
        assert_eq!(Problem::TooLong { max: 50 }.to_string(), "Must be at most 50 characters long.");
        assert_eq!(
            Problem::WrongLength { calling_code: "44", expected: 9..=10 }.to_string(),
            "A +44 number must have 9 to 10 digits after the country calling code."
        );
        assert_eq!(
            Problem::WrongLength { calling_code: "33", expected: 9..=9 }.to_string(),
            "A +33 number must have 9 digits after the country calling code."
        );
        assert!(Problem::TooOld { max_years: 120 }.to_string().contains("120"));
    }
}
