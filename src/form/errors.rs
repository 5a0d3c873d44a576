//! The problems a form shows: found by the widget's own rules, or reported by the server in its
//! error details, each placed on the field it is about.

use porting_model::validate::Problem;
use porting_model::ErrorDetail;

use super::checks::{problem, Problems, Rules};
use super::draft::Draft;
use super::fields::Field;

/// Why an answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Issue {
    /// A rule the catalog has a message for.
    Rule(Problem),
    /// The server's own words, for a refusal the widget's rules did not foresee. Shown as text.
    Server(String),
}

/// Every problem on a form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Errors {
    /// By [`Field::index`].
    by_field: [Option<Issue>; Field::ALL.len()],
    /// Problems no field on the form can show, in the server's words.
    pub general: Vec<String>,
}

impl Errors {
    pub fn from_problems(problems: Problems) -> Errors {
        let mut errors = Errors::default();
        for (field, problem) in problems {
            errors.by_field[field.index()] = Some(Issue::Rule(problem));
        }
        errors
    }

    /// The server's refusal (`message` with `details`) placed on the fields of `shown`. A detail
    /// whose code is the problem the widget's own rule finds in the answer gets the catalog's
    /// message; any other keeps the server's. What fits no field shown is general.
    pub fn from_server(
        message: &str,
        details: &[ErrorDetail],
        shown: &[Field],
        draft: &Draft,
        rules: &Rules,
    ) -> Errors {
        let mut errors = Errors::default();
        for detail in details {
            let field =
                detail.property.as_deref().and_then(Field::from_property).filter(|f| shown.contains(f));
            let Some(field) = field else {
                errors.general.push(detail.message.clone());
                continue;
            };
            let issue = match problem(field, draft, rules) {
                Some(found) if detail.code.as_deref() == Some(found.code()) => Issue::Rule(found),
                _ => Issue::Server(detail.message.clone()),
            };
            errors.by_field[field.index()].get_or_insert(issue);
        }
        if errors.is_empty() {
            errors.general.push(message.to_owned());
        }
        errors
    }

    pub fn is_empty(&self) -> bool {
        self.by_field.iter().all(Option::is_none) && self.general.is_empty()
    }

    pub fn get(&self, field: Field) -> Option<&Issue> {
        self.by_field[field.index()].as_ref()
    }

    /// The fields with a problem and their problems, in page order.
    pub fn fields(&self) -> impl Iterator<Item = (Field, &Issue)> {
        Field::ALL.into_iter().zip(&self.by_field).filter_map(|(field, issue)| Some((field, issue.as_ref()?)))
    }

    /// Replaces the problem of `field` with what its rule finds now (nothing once it is fixed).
    pub fn recheck(&mut self, field: Field, found: Option<Problem>) {
        self.by_field[field.index()] = found.map(Issue::Rule);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::testing::bare_porting;
    use porting_model::validate::CalendarDate;

    fn detail(property: Option<&str>, code: &str, message: &str) -> ErrorDetail {
        ErrorDetail { property: property.map(Into::into), code: Some(code.into()), message: message.into() }
    }

    fn rules() -> Rules {
        Rules::for_porting(&bare_porting(&[]), CalendarDate::new(2026, 11, 26).unwrap())
    }

    #[test]
    fn server_details_land_on_their_fields_with_the_catalogs_message_when_the_rule_agrees() {
        let mut draft = Draft::default();
        draft.set_text(Field::AccountPin, "12a4".into());
        draft.set_text(Field::Country, "US".into());
        draft.set_text(Field::PostalCode, "1234".into());
        let shown = [Field::AccountPin, Field::Country, Field::PostalCode, Field::FirstName];
        let details = [
            detail(Some("accountPin"), "notDigits", "Must contain only digits."),
            detail(Some("address.postalCode"), "invalidZip", "Must be a ZIP code."),
            detail(Some("firstName"), "userInformationMismatch", "Does not match the <b>account</b>."),
            detail(Some("phoneNumber"), "portProtected", "The number is port protected."),
            detail(None, "x", "Something else."),
        ];
        let errors = Errors::from_server("Invalid fields.", &details, &shown, &draft, &rules());
        assert_eq!(errors.get(Field::AccountPin), Some(&Issue::Rule(Problem::NotDigits)));
        assert_eq!(errors.get(Field::PostalCode), Some(&Issue::Rule(Problem::InvalidZip)));
        assert_eq!(
            errors.get(Field::FirstName),
            Some(&Issue::Server("Does not match the <b>account</b>.".into()))
        );
        assert_eq!(errors.general, ["The number is port protected.", "Something else."]);
    }

    #[test]
    fn a_refusal_without_details_is_general() {
        let errors = Errors::from_server("Not now.", &[], &[], &Draft::default(), &rules());
        assert_eq!(errors.general, ["Not now."]);
        assert!(!errors.is_empty());
    }

    #[test]
    fn rechecking_replaces_or_clears_a_fields_problem() {
        let mut errors = Errors::from_problems(vec![
            (Field::LastName, Problem::Required),
            (Field::FirstName, Problem::Required),
        ]);
        let order: Vec<Field> = errors.fields().map(|(field, _)| field).collect();
        assert_eq!(order, [Field::FirstName, Field::LastName]);
        errors.recheck(Field::FirstName, Some(Problem::NoLetter));
        assert_eq!(errors.get(Field::FirstName), Some(&Issue::Rule(Problem::NoLetter)));
        errors.recheck(Field::FirstName, None);
        errors.recheck(Field::LastName, None);
        assert!(errors.is_empty());
    }
}
