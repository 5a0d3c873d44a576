//! Postal codes: the exact national format where this crate knows it (US, UK, Canada, Germany), a
//! loose shape elsewhere.

use super::text::{fits, is_ascii_alphanumeric, required, without};
use super::Problem;

/// Countries and territories inside the US Postal Service's ZIP code system.
const ZIP_COUNTRIES: &[&str] = &["AS", "FM", "GU", "MH", "MP", "PR", "PW", "US", "VI"];

/// The UK and the Crown Dependencies, which share the Royal Mail's postcode format.
const UK_POSTCODE_COUNTRIES: &[&str] = &["GB", "GG", "IM", "JE"];

/// The Royal Mail's outward code shapes (the part before the space).
const UK_OUTWARD_SHAPES: &[&str] = &["A9", "A99", "A9A", "AA9", "AA99", "AA9A"];

/// The letters the Royal Mail uses at each position of an outward code. Position 3 is a letter
/// only in `A9A` and position 4 only in `AA9A`, so the position alone decides the set.
const UK_OUTWARD_LETTERS: [&str; 4] =
    ["ABCDEFGHIJKLMNOPRSTUWYZ", "ABCDEFGHKLMNOPQRSTUVWXY", "ABCDEFGHJKPSTUW", "ABEHMNPRVWXY"];

/// The letters of an inward code (the part after the space): never C, I, K, M, O or V.
const UK_INWARD_LETTERS: &str = "ABDEFGHJLNPQRSTUWXYZ";

/// Canada Post never uses D, F, I, O, Q or U, and W and Z never come first.
const CA_FIRST_LETTERS: &str = "ABCEGHJKLMNPRSTVXY";
const CA_OTHER_LETTERS: &str = "ABCEGHJKLMNPRSTVWXYZ";

/// The bounds of the loose rule for countries without a known format (the longest real postal
/// codes, e.g. Iran's `1234567890` or Brazil's `12345-678`, fit in 10).
const GENERIC_LEN: std::ops::RangeInclusive<usize> = 2..=10;

/// The postal code of an address in `country_iso2`, normalised to the form the post uses.
pub fn postal_code(input: &str, country_iso2: &str) -> Result<String, Problem> {
    let typed = required(input)?;
    let country = country_iso2.trim().to_ascii_uppercase();
    if ZIP_COUNTRIES.contains(&country.as_str()) {
        zip(typed)
    } else if UK_POSTCODE_COUNTRIES.contains(&country.as_str()) {
        uk(typed)
    } else {
        match country.as_str() {
            "CA" => canada(typed),
            "DE" if fits(typed, "99999") => Ok(typed.to_owned()),
            "DE" => Err(Problem::InvalidPostcode),
            _ => generic(typed),
        }
    }
}

/// `12345` or `12345-6789`; nine bare digits are the same ZIP+4 without its dash.
fn zip(typed: &str) -> Result<String, Problem> {
    if fits(typed, "99999") || fits(typed, "99999-9999") {
        Ok(typed.to_owned())
    } else if fits(typed, "999999999") {
        Ok(format!("{}-{}", &typed[..5], &typed[5..]))
    } else {
        Err(Problem::InvalidZip)
    }
}

/// Any case, with or without the space, normalised to `SW1A 1AA`.
fn uk(typed: &str) -> Result<String, Problem> {
    let compact = without(typed, char::is_whitespace).to_ascii_uppercase();
    // Girobank's postcode predates the format and is still in use.
    if compact == "GIR0AA" {
        return Ok("GIR 0AA".into());
    }
    // The inward code is always the last three characters; `is_ascii` keeps the split on a
    // character boundary.
    let split = compact.len().checked_sub(3).filter(|_| compact.is_ascii());
    match split.map(|at| compact.split_at(at)) {
        Some((outward, inward)) if is_uk_outward(outward) && is_uk_inward(inward) => {
            Ok(format!("{outward} {inward}"))
        }
        _ => Err(Problem::InvalidPostcode),
    }
}

fn is_uk_outward(outward: &str) -> bool {
    UK_OUTWARD_SHAPES.iter().any(|shape| fits(outward, shape))
        && outward
            .chars()
            .zip(UK_OUTWARD_LETTERS)
            .all(|(c, letters)| c.is_ascii_digit() || letters.contains(c))
}

fn is_uk_inward(inward: &str) -> bool {
    fits(inward, "9AA") && inward[1..].chars().all(|c| UK_INWARD_LETTERS.contains(c))
}

/// `A9A 9A9`, any case, with or without the space, normalised to `K1A 0B1`.
fn canada(typed: &str) -> Result<String, Problem> {
    let compact = without(typed, char::is_whitespace).to_ascii_uppercase();
    let letters_ok = compact.chars().enumerate().all(|(i, c)| match i {
        0 => CA_FIRST_LETTERS.contains(c),
        2 | 4 => CA_OTHER_LETTERS.contains(c),
        _ => true,
    });
    if fits(&compact, "A9A9A9") && letters_ok {
        Ok(format!("{} {}", &compact[..3], &compact[3..]))
    } else {
        Err(Problem::InvalidPostcode)
    }
}

/// 2 to 10 ASCII letters, digits, spaces and dashes with at least one letter or digit, upper-cased
/// (postal codes are case-insensitive wherever they contain letters, e.g. the Dutch `1234 AB`).
fn generic(typed: &str) -> Result<String, Problem> {
    let code = typed.to_ascii_uppercase();
    let parts = without(&code, |c| c == ' ' || c == '-');
    if GENERIC_LEN.contains(&code.len()) && !parts.is_empty() && is_ascii_alphanumeric(&parts) {
        Ok(code)
    } else {
        Err(Problem::InvalidPostcode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_five_digits_or_zip_plus_four() {
        assert_eq!(postal_code("10024", "US"), Ok("10024".into()));
        assert_eq!(postal_code(" 10024-1234 ", "us"), Ok("10024-1234".into()));
        assert_eq!(postal_code("100241234", "US"), Ok("10024-1234".into()));
        for input in ["1002", "100245", "10024-123", "10024-12345", "10024 1234", "1002A", "10024-"] {
            assert_eq!(postal_code(input, "US"), Err(Problem::InvalidZip), "{input}");
        }
        assert_eq!(postal_code("00901", "PR"), Ok("00901".into()));
        assert_eq!(postal_code("", "US"), Err(Problem::Required));
    }

    #[test]
    fn uk_every_outward_shape_normalised() {
        for (input, expected) in [
            ("m1 1ae", "M1 1AE"),         // A9
            ("B338TH", "B33 8TH"),        // A99
            ("w1a 0ax", "W1A 0AX"),       // A9A
            ("CR2 6XH", "CR2 6XH"),       // AA9
            ("dn551pt", "DN55 1PT"),      // AA99
            ("  SW1A  1AA ", "SW1A 1AA"), // AA9A
            ("gir 0aa", "GIR 0AA"),
        ] {
            assert_eq!(postal_code(input, "GB"), Ok(expected.into()), "{input}");
        }
        assert_eq!(postal_code("GY1 1AA", "GG"), Ok("GY1 1AA".into()));
    }

    #[test]
    fn uk_shapes_too_short_too_long_or_wrong() {
        for input in
            ["M1", "M11A", "SW1A1AAA", "SW1AB 1AA", "1W1A 1AA", "SW1A AAA", "SW1A 11A", "SW1A 1A1", "£1 1AA"]
        {
            assert_eq!(postal_code(input, "GB"), Err(Problem::InvalidPostcode), "{input}");
        }
    }

    #[test]
    fn uk_letters_per_position() {
        // First position: Q, V and X are never used; their neighbours are.
        assert_eq!(postal_code("QA1 1AA", "GB"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("PA1 1AA", "GB"), Ok("PA1 1AA".into()));
        assert_eq!(postal_code("RA1 1AA", "GB"), Ok("RA1 1AA".into()));
        // Second position: I, J and Z are never used.
        assert_eq!(postal_code("AI1 1AA", "GB"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("AH1 1AA", "GB"), Ok("AH1 1AA".into()));
        // Third position of A9A: only ABCDEFGHJKPSTUW.
        assert_eq!(postal_code("W1I 1AA", "GB"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("W1J 1AA", "GB"), Ok("W1J 1AA".into()));
        // Fourth position of AA9A: only ABEHMNPRVWXY.
        assert_eq!(postal_code("EC1C 1AA", "GB"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("EC1V 9HQ", "GB"), Ok("EC1V 9HQ".into()));
        // Inward letters: never C, I, K, M, O or V.
        assert_eq!(postal_code("SW1A 1AC", "GB"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("SW1A 1AB", "GB"), Ok("SW1A 1AB".into()));
    }

    #[test]
    fn canada_with_or_without_space() {
        assert_eq!(postal_code("k1a0b1", "CA"), Ok("K1A 0B1".into()));
        assert_eq!(postal_code("K1A 0B1", "CA"), Ok("K1A 0B1".into()));
        for input in ["K1A 0B", "K1A 0B12", "11A 0B1", "D1A 0B1", "W1A 0B1", "K1O 0B1", "K1A 0U1", "K1A-0B1"]
        {
            assert_eq!(postal_code(input, "CA"), Err(Problem::InvalidPostcode), "{input}");
        }
        // W and Z are fine after the first position.
        assert_eq!(postal_code("T2W 1Z9", "CA"), Ok("T2W 1Z9".into()));
    }

    #[test]
    fn germany_five_digits() {
        assert_eq!(postal_code("10115", "DE"), Ok("10115".into()));
        assert_eq!(postal_code("1011", "DE"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("101155", "DE"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("D-10115", "DE"), Err(Problem::InvalidPostcode));
    }

    #[test]
    fn elsewhere_a_loose_shape() {
        assert_eq!(postal_code("1234 ab", "NL"), Ok("1234 AB".into()));
        assert_eq!(postal_code("75", "FR"), Ok("75".into()));
        assert_eq!(postal_code("1234567890", "IR"), Ok("1234567890".into()));
        assert_eq!(postal_code("7", "FR"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("12345678901", "IR"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("--", "FR"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("75_001", "FR"), Err(Problem::InvalidPostcode));
        assert_eq!(postal_code("75001\n", "FR"), Ok("75001".into()));
        assert_eq!(postal_code("7500é", "FR"), Err(Problem::InvalidPostcode));
    }
}
