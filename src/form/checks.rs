//! The model's rules applied to the buyer's answers: live, for one field whose error is showing,
//! and all at once on submit, which also yields the normalised values to send. The answers enter
//! the body the model checks through the field table, and the model's problems come back by field.

use porting_model::validate::{
    check_each, national_to_e164, subdivisions, CalendarDate, Context, PinKind, Problem,
};
use porting_model::{FieldName, Porting, PortingFields};

use super::draft::Draft;
use super::fields::fields_of;
use super::table::Field;

/// What the rules need beyond the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub ctx: Context,
    /// A PIN is already on file, so a blank PIN field keeps it.
    pub pin_optional: bool,
    /// The provider may be left out (the create step, when there is no list to choose from).
    pub donor_optional: bool,
    /// The country and state of the address on file, kept where the form asks no state.
    pub state_on_file: Option<(String, String)>,
}

impl Rules {
    /// The rules for the answers to `porting`'s form: the provider picked in the form
    /// (`donor_name`) decides the PIN and account number rules, else the porting's own donor does,
    /// as the proxy checks an update against the donor its body names.
    pub fn for_porting(porting: &Porting, donor_name: Option<&str>, today: CalendarDate) -> Rules {
        Rules {
            ctx: Context::for_porting(porting, donor_name, today),
            // A PIN a decline was about must be typed again, though one is on file.
            pin_optional: porting.account_pin_exists
                && !crate::status::reopened(porting).contains(&FieldName::AccountPin),
            donor_optional: false,
            state_on_file: porting.address.as_ref().and_then(|a| Some((a.country.clone(), a.state.clone()?))),
        }
    }

    /// The create step asks only for the number and the provider, which need no porting facts.
    pub fn for_create(today: CalendarDate, donor_optional: bool) -> Rules {
        let ctx = Context {
            today,
            pin: PinKind::DEFAULT,
            account_number_len: None,
            recipient_country: String::new(),
        };
        Rules { ctx, pin_optional: false, donor_optional, state_on_file: None }
    }

    /// The state of an address in `country`, which has no state list and so no state field: the
    /// one on file while the country is the one on file, as an update must not wipe it.
    fn kept_state(&self, country: &str) -> Option<String> {
        let (held_country, state) = self.state_on_file.as_ref()?;
        held_country.trim().eq_ignore_ascii_case(country.trim()).then(|| state.clone())
    }

    /// Whether `field` may be left blank, and then is not sent.
    fn may_skip(&self, field: Field) -> bool {
        match field {
            Field::AccountPin => self.pin_optional,
            Field::DonorProvider => self.donor_optional,
            _ => false,
        }
    }
}

/// The normalised answers of a form that passed every rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Checked {
    /// In E.164, when the number was on the form.
    pub phone_number: Option<String>,
    pub fields: PortingFields,
}

/// Problems by field, in page order.
pub type Problems = Vec<(Field, Problem)>;

/// What is wrong with `field` now, if anything (an address part is checked with its siblings).
pub fn problem(field: Field, draft: &Draft, rules: &Rules) -> Option<Problem> {
    let group =
        if field.in_address() { fields_of(&FieldName::Address) } else { std::slice::from_ref(&field) };
    let problems = check_all(group, draft, rules).err()?;
    problems.into_iter().find(|(at, _)| *at == field).map(|(_, problem)| problem)
}

/// The form's own rule for its approval box, shown only where the porting requires approval:
/// it must be ticked, though Gigs itself also takes `false`.
fn unapproved(fields: &[Field], draft: &Draft) -> Option<Problem> {
    (fields.contains(&Field::Approval) && !draft.approved).then_some(Problem::NotApproved)
}

/// Checks every field in `fields`: the normalised answers, or every problem in page order.
pub fn check_all(fields: &[Field], draft: &Draft, rules: &Rules) -> Result<Checked, Problems> {
    let mut typed = PortingFields::default();
    for &field in fields {
        let answer = draft.answer(field);
        if answer.trim().is_empty() && rules.may_skip(field) {
            continue;
        }
        if let Some(put) = field.row().answer {
            put(&answer, &mut typed);
        }
    }
    // Where the country has no list of states the form shows no state field.
    if let Some(address) = typed.address.as_mut().filter(|a| subdivisions(&a.country).is_none()) {
        address.state = rules.kept_state(&address.country);
    }
    let mut ctx = rules.ctx.clone();
    let country = draft.text(Field::PhoneCountry);
    // Before the porting exists, the number's country is the network's (see the create step).
    if ctx.recipient_country.is_empty() {
        ctx.recipient_country = country.to_owned();
    }
    // By field, so they come out in page order.
    let mut found: [Option<Problem>; Field::ALL.len()] = Default::default();
    let phone_number = fields
        .contains(&Field::PhoneNumber)
        .then(|| national_to_e164(country, draft.text(Field::PhoneNumber)))
        .transpose()
        .unwrap_or_else(|problem| {
            found[Field::PhoneNumber.index()] = Some(problem);
            None
        });
    let checked = check_each(&typed, &ctx).unwrap_or_else(|problems| {
        for (property, problem) in problems {
            if let Some(field) = Field::from_property(&property) {
                found[field.index()] = Some(problem);
            }
        }
        PortingFields::default()
    });
    found[Field::Approval.index()] = unapproved(fields, draft);
    let problems: Problems =
        Field::ALL.into_iter().zip(found).filter_map(|(field, problem)| Some((field, problem?))).collect();
    if problems.is_empty() {
        Ok(Checked { phone_number, fields: checked })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::draft::DateParts;
    use crate::form::testing::{bare_porting, draft};

    fn today() -> CalendarDate {
        CalendarDate::new(2026, 11, 26).unwrap()
    }

    fn rules() -> Rules {
        Rules::for_porting(&bare_porting(&[]), None, today())
    }

    fn provider(id: &str, name: &str) -> porting_model::ServiceProvider {
        porting_model::ServiceProvider {
            object: "serviceProvider".into(),
            id: id.into(),
            name: name.into(),
            recipient_providers: vec!["p9".into()],
        }
    }

    fn codes(result: Result<Checked, Problems>) -> Vec<(Field, &'static str)> {
        result.unwrap_err().into_iter().map(|(field, problem)| (field, problem.code())).collect()
    }

    const ADDRESS: [Field; 6] =
        [Field::Country, Field::Line1, Field::Line2, Field::City, Field::State, Field::PostalCode];

    #[test]
    fn the_issues_examples_get_specific_problems() {
        let mut typed = draft(&[
            (Field::PhoneCountry, "US"),
            (Field::PhoneNumber, "+1 555"),
            (Field::AccountPin, "12a4"),
            (Field::Country, "US"),
            (Field::Line1, "1 Main St"),
            (Field::City, "Springfield"),
            (Field::State, "NY"),
            (Field::PostalCode, "1234"),
        ]);
        typed.birthday = DateParts::from_iso("2030-01-01");
        let mut fields = vec![Field::PhoneNumber, Field::AccountPin, Field::Birthday];
        fields.extend(ADDRESS);
        assert_eq!(
            codes(check_all(&fields, &typed, &rules())),
            [
                (Field::PhoneNumber, "wrongLength"),
                (Field::AccountPin, "notDigits"),
                (Field::Birthday, "notInPast"),
                (Field::PostalCode, "invalidZip"),
            ]
        );
    }

    #[test]
    fn blank_required_fields_are_required_in_page_order() {
        let fields =
            [Field::LastName, Field::AccountNumber, Field::FirstName, Field::Birthday, Field::Approval];
        assert_eq!(
            codes(check_all(&fields, &Draft::default(), &rules())),
            [
                (Field::AccountNumber, "required"),
                (Field::FirstName, "required"),
                (Field::LastName, "required"),
                (Field::Birthday, "required"),
                (Field::Approval, "notApproved"),
            ]
        );
    }

    #[test]
    fn the_approval_box_must_be_ticked_where_the_form_asks_for_it() {
        let mut typed = draft(&[(Field::FirstName, "Jerry")]);
        assert_eq!(problem(Field::Approval, &typed, &rules()), Some(Problem::NotApproved));
        // Not asked, the unticked box is neither a problem nor sent.
        let without = check_all(&[Field::FirstName], &typed, &rules()).unwrap();
        assert_eq!(without.fields.donor_provider_approval, None);
        typed.approved = true;
        assert_eq!(problem(Field::Approval, &typed, &rules()), None);
        let ticked = check_all(&[Field::FirstName, Field::Approval], &typed, &rules()).unwrap();
        assert_eq!(ticked.fields.donor_provider_approval, Some(true));
    }

    #[test]
    fn answers_are_normalised() {
        let mut typed = draft(&[
            (Field::AccountNumber, " 123-456-789 "),
            (Field::AccountPin, "12-34"),
            (Field::FirstName, " Jerry "),
            (Field::Country, "us"),
            (Field::Line1, " 129 West 81st Street"),
            (Field::City, "New York City"),
            (Field::State, "ny"),
            (Field::PostalCode, "100241234"),
        ]);
        typed.approved = true;
        let mut fields = vec![Field::AccountNumber, Field::AccountPin, Field::FirstName, Field::Approval];
        fields.extend(ADDRESS);
        let checked = check_all(&fields, &typed, &rules()).unwrap().fields;
        assert_eq!(checked.account_number.as_deref(), Some("123456789"));
        assert_eq!(checked.account_pin.as_ref().map(porting_model::AccountPin::expose), Some("1234"));
        assert_eq!(checked.first_name.as_deref(), Some("Jerry"));
        assert_eq!(checked.donor_provider_approval, Some(true));
        let address = checked.address.unwrap();
        assert_eq!(
            (address.line2, address.state.as_deref(), address.postal_code.as_str(), address.country.as_str()),
            (None, Some("NY"), "10024-1234", "US")
        );
    }

    #[test]
    fn a_blank_pin_keeps_the_one_on_file_but_a_typed_one_is_checked() {
        let with_pin = Rules { pin_optional: true, ..rules() };
        let checked = check_all(&[Field::AccountPin], &Draft::default(), &with_pin).unwrap();
        assert_eq!(checked, Checked::default());
        assert_eq!(problem(Field::AccountPin, &Draft::default(), &rules()), Some(Problem::Required));
        let short = draft(&[(Field::AccountPin, "123")]);
        assert_eq!(problem(Field::AccountPin, &short, &with_pin), Some(Problem::TooFewDigits { min: 4 }));
    }

    #[test]
    fn the_donor_decides_the_pin_and_account_number_shape() {
        let mut porting = bare_porting(&[]);
        porting.donor_provider = Some(provider("svp_us_tmobile", "T-Mobile"));
        let typed = draft(&[(Field::AccountPin, "1234"), (Field::AccountNumber, "12345678")]);
        let rules = Rules::for_porting(&porting, typed.donor_name.as_deref(), today());
        assert_eq!(problem(Field::AccountPin, &typed, &rules), Some(Problem::TooFewDigits { min: 6 }));
        assert_eq!(problem(Field::AccountNumber, &typed, &rules), Some(Problem::TooShort { min: 9 }));
        porting.phone_number = "+447700900123".into();
        let uk = Rules::for_porting(&porting, typed.donor_name.as_deref(), today());
        let stac = draft(&[(Field::AccountPin, "123456abc")]);
        assert_eq!(problem(Field::AccountPin, &stac, &uk), Some(Problem::StacInsteadOfPac));
    }

    #[test]
    fn a_provider_picked_in_the_form_decides_the_pin_over_the_one_on_file() {
        let mut porting = bare_porting(&["donorProvider", "accountPin"]);
        porting.donor_provider = Some(provider("svp_us_att", "AT&T"));
        let mut typed = draft(&[(Field::AccountPin, "1234")]);
        let on_file = Rules::for_porting(&porting, typed.donor_name.as_deref(), today());
        assert_eq!(problem(Field::AccountPin, &typed, &on_file), None);
        typed.pick_donor(Some(&provider("svp_us_tmobile", "T-Mobile")));
        assert_eq!(typed.text(Field::DonorProvider), "svp_us_tmobile");
        let picked = Rules::for_porting(&porting, typed.donor_name.as_deref(), today());
        assert_eq!(problem(Field::AccountPin, &typed, &picked), Some(Problem::TooFewDigits { min: 6 }));
        typed.pick_donor(None);
        assert_eq!(typed.text(Field::DonorProvider), "");
        assert_eq!(Rules::for_porting(&porting, typed.donor_name.as_deref(), today()), on_file);
    }

    #[test]
    fn the_state_is_asked_only_where_the_country_has_a_list() {
        let us = draft(&[
            (Field::Country, "US"),
            (Field::Line1, "1 Main St"),
            (Field::City, "X"),
            (Field::PostalCode, "10024"),
        ]);
        assert_eq!(problem(Field::State, &us, &rules()), Some(Problem::Required));
        assert_eq!(problem(Field::PostalCode, &us, &rules()), None);
        let mut gb = us.clone();
        gb.set_text(Field::Country, "GB".into());
        gb.set_text(Field::State, "NY".into());
        gb.set_text(Field::PostalCode, "sw1a2aa".into());
        let checked = check_all(&ADDRESS, &gb, &rules()).unwrap().fields.address.unwrap();
        assert_eq!((checked.state, checked.postal_code.as_str()), (None, "SW1A 2AA"));
    }

    #[test]
    fn a_state_on_file_stays_while_its_country_does_where_the_form_asks_none() {
        let mut porting = bare_porting(&[]);
        porting.address = Some(porting_model::Address {
            line1: "10 Downing Street".into(),
            city: "London".into(),
            postal_code: "SW1A 2AA".into(),
            state: Some("ENG".into()),
            country: "GB".into(),
            ..Default::default()
        });
        let rules = Rules::for_porting(&porting, None, today());
        let mut typed = draft(&[
            (Field::Country, "gb"),
            (Field::Line1, "10 Downing Street"),
            (Field::City, "London"),
            (Field::State, "NY"),
            (Field::PostalCode, "SW1A 2AA"),
        ]);
        let state = |typed: &Draft| check_all(&ADDRESS, typed, &rules).unwrap().fields.address.unwrap().state;
        assert_eq!(state(&typed), Some("ENG".into()), "the hidden field's stale NY is not sent");
        typed.set_text(Field::Country, "DE".into());
        typed.set_text(Field::PostalCode, "10115".into());
        assert_eq!(state(&typed), None);
    }

    #[test]
    fn the_create_step_turns_a_national_number_into_e164() {
        let typed = draft(&[(Field::PhoneCountry, "GB"), (Field::PhoneNumber, "07700 900123")]);
        let optional = Rules::for_create(today(), true);
        let checked = check_all(&[Field::PhoneNumber, Field::DonorProvider], &typed, &optional).unwrap();
        assert_eq!(checked.phone_number.as_deref(), Some("+447700900123"));
        assert_eq!(checked.fields.donor_provider, None);
        let needed = Rules::for_create(today(), false);
        assert_eq!(problem(Field::DonorProvider, &typed, &needed), Some(Problem::Required));
        let french = draft(&[(Field::PhoneCountry, "GB"), (Field::PhoneNumber, "+33 6 12 34 56 78")]);
        assert_eq!(
            problem(Field::PhoneNumber, &french, &needed),
            Some(Problem::CountryCodeMismatch { expected: "44" })
        );
    }
}
