//! Templates: the words a host page or a language file gives for a text with values in it, as
//! `{name}` placeholders filled here.

use porting_model::validate::Problem;

/// The values a problem's words may name.
pub(super) fn problem_value(problem: &Problem) -> Option<(&'static str, String)> {
    Some(match problem {
        Problem::TooShort { min } | Problem::TooFewDigits { min } => ("min", min.to_string()),
        Problem::TooLong { max } | Problem::TooManyDigits { max } => ("max", max.to_string()),
        Problem::TooOld { max_years } => ("max_years", max_years.to_string()),
        Problem::CountryCodeMismatch { expected } => ("expected", (*expected).to_owned()),
        Problem::WrongLength { calling_code, .. } | Problem::InvalidNumberRange { calling_code } => {
            ("calling_code", (*calling_code).to_owned())
        }
        _ => return None,
    })
}

/// A value a template names.
pub(super) trait Value {
    fn text(&self) -> String;

    /// A count of 1, which some words say apart.
    fn is_one(&self) -> bool {
        false
    }
}

impl Value for &str {
    fn text(&self) -> String {
        (*self).to_owned()
    }
}

impl Value for usize {
    fn text(&self) -> String {
        self.to_string()
    }

    fn is_one(&self) -> bool {
        *self == 1
    }
}

impl Value for u32 {
    fn text(&self) -> String {
        self.to_string()
    }

    fn is_one(&self) -> bool {
        *self == 1
    }
}

impl Value for &[String] {
    fn text(&self) -> String {
        self.join(", ")
    }
}

/// `template` with each `{name}` of `values` replaced by its value.
pub(super) fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_owned(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}
