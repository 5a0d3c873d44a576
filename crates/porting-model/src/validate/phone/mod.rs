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
mod tests;
