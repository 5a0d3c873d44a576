//! Small text helpers the rules share, standing in for regular expressions (this crate ships in
//! the widget's wasm, where a regex engine would cost more than all the rules together).

use std::ops::RangeInclusive;

use super::Problem;

/// `input` without surrounding whitespace, or `Required` when nothing else was typed.
pub(super) fn required(input: &str) -> Result<&str, Problem> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(trimmed)
    }
}

/// `input` without the characters `is_separator` picks.
pub(super) fn without(input: &str, is_separator: impl Fn(char) -> bool) -> String {
    input.chars().filter(|&c| !is_separator(c)).collect()
}

/// Spaces and dashes: what people and bills put inside numbers and codes to make them readable.
/// Any Unicode whitespace counts, as text copied from a web page often holds no-break spaces.
pub(super) fn is_space_or_dash(c: char) -> bool {
    c.is_whitespace() || c == '-'
}

/// Whether `s` is ASCII digits only.
pub(super) fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `s` is ASCII letters and digits only.
pub(super) fn is_ascii_alphanumeric(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Whether `s` has exactly the shape `pattern`, in which `A` stands for an ASCII capital letter,
/// `9` for an ASCII digit and any other character for itself.
pub(super) fn fits(s: &str, pattern: &str) -> bool {
    s.len() == pattern.len()
        && s.bytes().zip(pattern.bytes()).all(|(c, p)| match p {
            b'A' => c.is_ascii_uppercase(),
            b'9' => c.is_ascii_digit(),
            _ => c == p,
        })
}

/// Invisible characters that are not `char::is_control` but can disguise, reorder or break what a
/// person reads: a name that looks right on screen could then differ from the donor's records.
/// Not the zero-width non-joiner and joiner (U+200C, U+200D): Persian and Indic names need them.
const INVISIBLE: &[RangeInclusive<char>] = &[
    '\u{00AD}'..='\u{00AD}',   // soft hyphen
    '\u{061C}'..='\u{061C}',   // Arabic letter mark
    '\u{180E}'..='\u{180E}',   // Mongolian vowel separator
    '\u{200B}'..='\u{200B}',   // zero-width space
    '\u{200E}'..='\u{200F}',   // left-to-right and right-to-left marks
    '\u{2028}'..='\u{202E}',   // line and paragraph separators, bidi embeddings and overrides
    '\u{2060}'..='\u{2064}',   // word joiner, invisible operators
    '\u{2066}'..='\u{206F}',   // bidi isolates, deprecated format characters
    '\u{FEFF}'..='\u{FEFF}',   // zero-width no-break space (byte order mark)
    '\u{FFF9}'..='\u{FFFB}',   // interlinear annotation
    '\u{E0000}'..='\u{E007F}', // tag characters
];

/// Whether `c` may not appear in free text: C0 and C1 controls (U+0000–U+001F, U+007F–U+009F,
/// including tab and line feed) and the invisible formatting characters above.
pub(super) fn is_control(c: char) -> bool {
    c.is_control() || INVISIBLE.iter().any(|range| range.contains(&c))
}

/// One line of free text (a name, an address line, a city): trimmed, 1 to `max` characters
/// (not bytes), no control characters.
pub(super) fn single_line(input: &str, max: usize) -> Result<String, Problem> {
    let text = required(input)?;
    if text.chars().any(is_control) {
        Err(Problem::ControlCharacter)
    } else if text.chars().count() > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_refuses_blank() {
        assert_eq!(required("  a b \t"), Ok("a b"));
        assert_eq!(required(" \u{A0}\n"), Err(Problem::Required));
        assert_eq!(required(""), Err(Problem::Required));
    }

    #[test]
    fn without_drops_only_separators() {
        assert_eq!(without("12-34 5\u{A0}6", is_space_or_dash), "123456");
        assert_eq!(without("12.34", is_space_or_dash), "12.34");
    }

    #[test]
    fn fits_matches_letters_digits_and_literals() {
        assert!(fits("AB12-9", "AA99-9"));
        assert!(!fits("ab12-9", "AA99-9"));
        assert!(!fits("AB12 9", "AA99-9"));
        assert!(!fits("AB129", "AA99-9"));
        assert!(!fits("AB12-99", "AA99-9"));
        // A non-ASCII letter is never an `A`, even where byte lengths happen to agree.
        assert!(!fits("É1", "AA9"));
    }

    #[test]
    fn digit_and_alphanumeric_checks_are_ascii_only() {
        assert!(is_digits("0123456789"));
        assert!(!is_digits("12a"));
        assert!(!is_digits("١٢٣")); // Arabic-Indic digits
        assert!(is_ascii_alphanumeric("Az09"));
        assert!(!is_ascii_alphanumeric("Az_09"));
        assert!(!is_ascii_alphanumeric("É"));
    }

    #[test]
    fn control_characters_on_both_sides_of_each_boundary() {
        for c in ['\u{0}', '\t', '\n', '\u{1F}', '\u{7F}', '\u{85}', '\u{9F}'] {
            assert!(is_control(c), "{c:?}");
        }
        for c in [' ', '~', '\u{A0}', '\u{A1}'] {
            assert!(!is_control(c), "{c:?}");
        }
    }

    #[test]
    fn invisible_characters_on_both_sides_of_each_boundary() {
        for c in
            ['\u{AD}', '\u{200B}', '\u{200F}', '\u{2028}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}']
        {
            assert!(is_control(c), "{c:?}");
        }
        for c in ['\u{AC}', '\u{200A}', '\u{2010}', '\u{2027}', '\u{202F}', '\u{2065}', '\u{2070}'] {
            assert!(!is_control(c), "{c:?}");
        }
        // The joiners between the zero-width space and the direction marks are letters' business.
        assert_eq!(
            ['\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}'].map(is_control),
            [true, false, false, true]
        );
        assert!(is_control('\u{FEFF}'));
        assert!(!is_control('\u{FEFE}'));
    }

    #[test]
    fn single_line_counts_characters_not_bytes() {
        assert_eq!(single_line(&"é".repeat(5), 5), Ok("ééééé".into()));
        assert_eq!(single_line(&"é".repeat(6), 5), Err(Problem::TooLong { max: 5 }));
        assert_eq!(single_line("  a\tb ", 5), Err(Problem::ControlCharacter));
        assert_eq!(single_line(" ab \n", 5), Ok("ab".into()));
        assert_eq!(single_line("  ", 5), Err(Problem::Required));
    }
}
