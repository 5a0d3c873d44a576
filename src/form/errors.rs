//! The problems a form shows: found by the widget's own rules, or reported by the server in its
//! error details, each placed on the field it is about.

use porting_model::validate::Problem;
use porting_model::ErrorDetail;

use super::checks::{problem, Problems, Rules};
use super::draft::Draft;
use super::table::Field;

/// Why an answer was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Issue {
    /// A rule the catalog has a message for.
    Rule(Problem),
    /// The server's own words, for a refusal the widget's rules did not foresee. Shown as text.
    Server(String),
}

/// Every problem on a form, by field (named apart from the `Errors` of Leptos' `ErrorBoundary`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldIssues {
    /// By [`Field::index`].
    by_field: [Option<Issue>; Field::ALL.len()],
    /// Problems no field on the form can show, in the server's words.
    pub general: Vec<String>,
}

impl FieldIssues {
    pub fn from_problems(problems: Problems) -> FieldIssues {
        let mut errors = FieldIssues::default();
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
    ) -> FieldIssues {
        let mut errors = FieldIssues::default();
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

    /// Checks again the `live` fields an edit of `edited` can fix or break; whether a problem
    /// changed. A server-only problem stays until its own field changes: no rule here can tell.
    pub fn after_edit(
        &mut self,
        edited: Field,
        before: &Draft,
        after: &Draft,
        live: &[Field],
        rules: &Rules,
    ) -> bool {
        let mut changed = false;
        for &field in live.iter().filter(|field| edited.affects(**field)) {
            let slot = &mut self.by_field[field.index()];
            if matches!(slot, Some(Issue::Server(_))) && before.same_answer(after, field) {
                continue;
            }
            let found = problem(field, after, rules).map(Issue::Rule);
            changed |= *slot != found;
            *slot = found;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::testing::draft;
    use porting_model::testing::PortingBuilder;
    use porting_model::validate::CalendarDate;

    fn detail(property: Option<&str>, code: &str, message: &str) -> ErrorDetail {
        ErrorDetail { property: property.map(Into::into), code: Some(code.into()), message: message.into() }
    }

    fn rules() -> Rules {
        Rules::for_porting(&PortingBuilder::new().build(), None, CalendarDate::new(2026, 11, 26).unwrap())
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
        let errors = FieldIssues::from_server("Invalid fields.", &details, &shown, &draft, &rules());
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
        let errors = FieldIssues::from_server("Not now.", &[], &[], &Draft::default(), &rules());
        assert_eq!(errors.general, ["Not now."]);
        assert!(!errors.is_empty());
    }

    /// `draft` after `field` was set to `value`.
    fn edited(draft: &Draft, field: Field, value: &str) -> Draft {
        let mut after = draft.clone();
        after.set_text(field, value.into());
        after
    }

    #[test]
    fn an_edit_rechecks_the_live_fields_it_affects_in_page_order() {
        let mut errors = FieldIssues::from_problems(vec![
            (Field::LastName, Problem::Required),
            (Field::FirstName, Problem::Required),
        ]);
        let order: Vec<Field> = errors.fields().map(|(field, _)| field).collect();
        assert_eq!(order, [Field::FirstName, Field::LastName]);
        let live = [Field::FirstName, Field::LastName];
        let before = Draft::default();
        let digits = edited(&before, Field::FirstName, "123");
        assert!(errors.after_edit(Field::FirstName, &before, &digits, &live, &rules()));
        assert_eq!(errors.get(Field::FirstName), Some(&Issue::Rule(Problem::NoLetter)));
        assert_eq!(errors.get(Field::LastName), Some(&Issue::Rule(Problem::Required)), "not affected");
        let named = edited(&digits, Field::FirstName, "Jerry");
        assert!(errors.after_edit(Field::FirstName, &digits, &named, &live, &rules()));
        assert_eq!(errors.get(Field::FirstName), None);
        assert!(!errors.after_edit(Field::FirstName, &named, &named, &live, &rules()), "nothing changed");
    }

    /// An address the rules accept, whose postcode the server refused.
    fn refused_postcode() -> (Draft, FieldIssues) {
        let draft = draft(&[
            (Field::Country, "US"),
            (Field::Line1, "1 Main St"),
            (Field::City, "Springfield"),
            (Field::State, "NY"),
            (Field::PostalCode, "10024"),
        ]);
        let details = [detail(Some("address.postalCode"), "zipCodeMismatch", "Not this ZIP code.")];
        let errors = FieldIssues::from_server("Invalid.", &details, &[Field::PostalCode], &draft, &rules());
        assert_eq!(errors.get(Field::PostalCode), Some(&Issue::Server("Not this ZIP code.".into())));
        (draft, errors)
    }

    #[test]
    fn a_problem_only_the_server_found_survives_edits_of_other_fields_and_the_same_value() {
        let (before, mut errors) = refused_postcode();
        let live = [Field::PostalCode];
        let city = edited(&before, Field::City, "Shelbyville");
        assert!(!errors.after_edit(Field::City, &before, &city, &live, &rules()));
        let same = edited(&city, Field::PostalCode, "10024");
        assert!(!errors.after_edit(Field::PostalCode, &city, &same, &live, &rules()));
        assert_eq!(errors.get(Field::PostalCode), Some(&Issue::Server("Not this ZIP code.".into())));
    }

    #[test]
    fn a_problem_only_the_server_found_gives_way_to_the_rules_once_its_answer_changes() {
        let (before, mut errors) = refused_postcode();
        let live = [Field::PostalCode];
        let short = edited(&before, Field::PostalCode, "1002");
        assert!(errors.after_edit(Field::PostalCode, &before, &short, &live, &rules()));
        assert_eq!(errors.get(Field::PostalCode), Some(&Issue::Rule(Problem::InvalidZip)));
        let fixed = edited(&short, Field::PostalCode, "10025");
        errors.after_edit(Field::PostalCode, &short, &fixed, &live, &rules());
        assert!(errors.is_empty());
    }

    #[test]
    fn a_local_problem_follows_a_sibling_address_part() {
        let (mut before, _) = refused_postcode();
        before.set_text(Field::PostalCode, "SW1A 2AA".into());
        let mut errors = FieldIssues::from_problems(vec![(Field::PostalCode, Problem::InvalidZip)]);
        let gb = edited(&before, Field::Country, "GB");
        assert!(errors.after_edit(Field::Country, &before, &gb, &[Field::PostalCode], &rules()));
        assert!(errors.is_empty(), "a UK postcode fits once the country is the UK");
    }
}
