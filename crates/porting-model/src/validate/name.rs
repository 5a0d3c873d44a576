//! The account holder's first and last names.

use super::text::single_line;
use super::Problem;

/// The longest name accepted, in characters.
pub const NAME_MAX: usize = 50;

/// A first or last name: trimmed, 1 to [`NAME_MAX`] characters, no control or invisible
/// characters, at least one letter. Any script, and the apostrophes, hyphens and spaces real names
/// hold, are welcome: the donor provider's records are matched against what the buyer writes.
pub fn person_name(input: &str) -> Result<String, Problem> {
    let name = single_line(input, NAME_MAX)?;
    if name.chars().any(char::is_alphabetic) {
        Ok(name)
    } else {
        Err(Problem::NoLetter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_any_script() {
        for name in ["Zoë", "O'Brien", "Nguyễn", "李", "Jean-Luc", "Mary Ann", "Ødegård", "Αλέξης", "محمد"]
        {
            assert_eq!(person_name(name), Ok(name.into()), "{name}");
        }
        assert_eq!(person_name("  Ada \n"), Ok("Ada".into()));
    }

    #[test]
    fn names_spelled_with_zero_width_joiners() {
        for name in [
            "حسین\u{200C}زاده", // Persian Hosseinzadeh: the non-joiner keeps زاده its own word
            "ශ්\u{200D}රියානි",     // Sinhala Shriyani: the joiner makes the rakaransaya of ශ්‍රී
            "നിര്\u{200D}മല",    // Malayalam Nirmala, with the chillu written by the joiner
        ] {
            assert_eq!(person_name(name), Ok(name.into()), "{name}");
        }
    }

    #[test]
    fn length_in_characters_on_both_sides() {
        assert_eq!(person_name("A"), Ok("A".into()));
        assert_eq!(person_name(&"李".repeat(50)), Ok("李".repeat(50)));
        assert_eq!(person_name(&"李".repeat(51)), Err(Problem::TooLong { max: 50 }));
        assert_eq!(person_name(""), Err(Problem::Required));
        assert_eq!(person_name(" \t "), Err(Problem::Required));
    }

    #[test]
    fn control_and_invisible_characters_are_refused() {
        for name in [
            "Ada\nLovelace",
            "Ada\tLovelace",
            "Ada\u{0}",
            "Ada\u{7F}x",
            "\u{200B}Ada",
            "Ada\u{202E}x",
            "A\u{2066}da",
        ] {
            assert_eq!(person_name(name), Err(Problem::ControlCharacter), "{name:?}");
        }
        // A no-break space is whitespace, not a control character.
        assert_eq!(person_name("Mary\u{A0}Ann"), Ok("Mary\u{A0}Ann".into()));
    }

    #[test]
    fn a_letter_is_needed() {
        assert_eq!(person_name("42"), Err(Problem::NoLetter));
        assert_eq!(person_name("'-."), Err(Problem::NoLetter));
        assert_eq!(person_name("4a"), Ok("4a".into()));
    }
}
