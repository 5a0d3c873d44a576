//! The model's rules applied to the buyer's answers field by field: live, for one field whose
//! error is showing, and all at once on submit, which also yields the normalised values to send.

use porting_model::validate::{
    account_number, account_pin, behavior, birthday, donor_provider, donor_provider_approval,
    national_to_e164, normalise_address, person_name, scheduled_on, subdivisions, CalendarDate, Context,
    PinKind, Problem,
};
use porting_model::{Address, Behavior, Porting};

use super::draft::Draft;
use super::fields::Field;

/// What the rules need beyond the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub ctx: Context,
    /// A PIN is already on file, so a blank PIN field keeps it.
    pub pin_optional: bool,
    /// The provider may be left out (the create step, when there is no list to choose from).
    pub donor_optional: bool,
}

impl Rules {
    /// The rules for the answers in `draft` to `porting`'s form: a provider picked in the form
    /// decides the PIN and account number rules, else the porting's own donor does, as the proxy
    /// checks an update against the donor its body names.
    pub fn for_porting(porting: &Porting, draft: &Draft, today: CalendarDate) -> Rules {
        Rules {
            ctx: Context::for_porting(porting, draft.donor_name.as_deref(), today),
            // A PIN a decline was about must be typed again, though one is on file.
            pin_optional: porting.account_pin_exists
                && !crate::status::reopened(porting).contains(&porting_model::FieldName::AccountPin),
            donor_optional: false,
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
        Rules { ctx, pin_optional: false, donor_optional }
    }
}

/// The normalised answers of a form that passed every rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// Every answered field outside the address, in page order; an approval is `"true"`.
    pub values: Vec<(Field, String)>,
    /// The whole address, when its fields were on the form.
    pub address: Option<Address>,
}

impl Checked {
    pub fn value(&self, field: Field) -> Option<&str> {
        self.values.iter().find(|(f, _)| *f == field).map(|(_, value)| value.as_str())
    }
}

/// Problems by field, in page order.
pub type Problems = Vec<(Field, Problem)>;

/// What is wrong with `field` now, if anything.
pub fn problem(field: Field, draft: &Draft, rules: &Rules) -> Option<Problem> {
    if field.in_address() {
        let parts = address(draft).err()?;
        parts.into_iter().find(|(part, _)| *part == field).map(|(_, problem)| problem)
    } else {
        single(field, draft, rules).err()
    }
}

/// Checks every field in `fields`: the normalised answers, or every problem in page order.
pub fn check_all(fields: &[Field], draft: &Draft, rules: &Rules) -> Result<Checked, Problems> {
    let address = fields.iter().any(|f| f.in_address()).then(|| address(draft));
    let mut checked = Checked::default();
    let mut problems = Problems::new();
    for field in Field::ALL.into_iter().filter(|f| fields.contains(f)) {
        if field.in_address() {
            if let Some(Err(parts)) = &address {
                problems.extend(parts.iter().filter(|(part, _)| *part == field).cloned());
            }
            continue;
        }
        match single(field, draft, rules) {
            Ok(Some(value)) => checked.values.push((field, value)),
            Ok(None) => {}
            Err(problem) => problems.push((field, problem)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    checked.address = address.and_then(Result::ok);
    Ok(checked)
}

/// A field outside the address: its normalised value, `None` when blank and allowed to be.
fn single(field: Field, draft: &Draft, rules: &Rules) -> Result<Option<String>, Problem> {
    let text = draft.text(field);
    let blank = text.trim().is_empty();
    let value = match field {
        Field::PhoneCountry => Ok(text.to_owned()),
        Field::PhoneNumber => national_to_e164(draft.text(Field::PhoneCountry), text),
        // Before the porting exists, the number's country is the network's (see the create step).
        Field::Behavior => {
            let country = Some(rules.ctx.recipient_country.as_str())
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| draft.text(Field::PhoneCountry));
            behavior(&Behavior::from(text), country).map(|b| b.to_string())
        }
        Field::DonorProvider if blank && rules.donor_optional => return Ok(None),
        Field::DonorProvider => donor_provider(text),
        Field::AccountNumber => account_number(text, rules.ctx.account_number_len.clone()),
        Field::AccountPin if blank && rules.pin_optional => return Ok(None),
        Field::AccountPin => account_pin(text, rules.ctx.pin),
        Field::FirstName | Field::LastName => person_name(text),
        Field::Birthday => birthday(&draft.birthday.iso(), rules.ctx.today),
        Field::Approval => donor_provider_approval(Some(draft.approved)).map(|_| "true".to_owned()),
        // Blank: as soon as possible, which needs no day.
        Field::ScheduledOn if blank => return Ok(None),
        Field::ScheduledOn => scheduled_on(text, rules.ctx.today, &rules.ctx.recipient_country),
        Field::Country | Field::Line1 | Field::Line2 | Field::City | Field::State | Field::PostalCode => {
            unreachable!("address fields are checked together")
        }
    };
    value.map(Some)
}

/// The address the buyer typed, normalised, or its problems by field. The state is left out where
/// the country has no list of states, as the form then shows no state field.
fn address(draft: &Draft) -> Result<Address, Problems> {
    let text = |field| draft.text(field).to_owned();
    let country = text(Field::Country);
    let typed = Address {
        line1: text(Field::Line1),
        line2: Some(text(Field::Line2)),
        city: text(Field::City),
        postal_code: text(Field::PostalCode),
        state: subdivisions(&country).map(|_| text(Field::State)),
        country,
    };
    normalise_address(&typed).map_err(|parts| {
        parts
            .into_iter()
            .filter_map(|(part, problem)| {
                Field::from_property(&format!("address.{part}")).map(|field| (field, problem))
            })
            .collect()
    })
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
        Rules::for_porting(&bare_porting(&[]), &Draft::default(), today())
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
        let checked = check_all(&fields, &typed, &rules()).unwrap();
        assert_eq!(checked.value(Field::AccountNumber).unwrap(), "123456789");
        assert_eq!(checked.value(Field::AccountPin).unwrap(), "1234");
        assert_eq!(checked.value(Field::FirstName).unwrap(), "Jerry");
        assert_eq!(checked.value(Field::Approval).unwrap(), "true");
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
        assert!(checked.values.is_empty());
        assert_eq!(problem(Field::AccountPin, &Draft::default(), &rules()), Some(Problem::Required));
        let short = draft(&[(Field::AccountPin, "123")]);
        assert_eq!(problem(Field::AccountPin, &short, &with_pin), Some(Problem::TooFewDigits { min: 4 }));
    }

    #[test]
    fn the_donor_decides_the_pin_and_account_number_shape() {
        let mut porting = bare_porting(&[]);
        porting.donor_provider = Some(provider("svp_us_tmobile", "T-Mobile"));
        let typed = draft(&[(Field::AccountPin, "1234"), (Field::AccountNumber, "12345678")]);
        let rules = Rules::for_porting(&porting, &typed, today());
        assert_eq!(problem(Field::AccountPin, &typed, &rules), Some(Problem::TooFewDigits { min: 6 }));
        assert_eq!(problem(Field::AccountNumber, &typed, &rules), Some(Problem::TooShort { min: 9 }));
        porting.phone_number = "+447700900123".into();
        let uk = Rules::for_porting(&porting, &typed, today());
        let stac = draft(&[(Field::AccountPin, "123456abc")]);
        assert_eq!(problem(Field::AccountPin, &stac, &uk), Some(Problem::StacInsteadOfPac));
    }

    #[test]
    fn a_provider_picked_in_the_form_decides_the_pin_over_the_one_on_file() {
        let mut porting = bare_porting(&["donorProvider", "accountPin"]);
        porting.donor_provider = Some(provider("svp_us_att", "AT&T"));
        let mut typed = draft(&[(Field::AccountPin, "1234")]);
        let on_file = Rules::for_porting(&porting, &typed, today());
        assert_eq!(problem(Field::AccountPin, &typed, &on_file), None);
        typed.pick_donor(Some(&provider("svp_us_tmobile", "T-Mobile")));
        assert_eq!(typed.text(Field::DonorProvider), "svp_us_tmobile");
        let picked = Rules::for_porting(&porting, &typed, today());
        assert_eq!(problem(Field::AccountPin, &typed, &picked), Some(Problem::TooFewDigits { min: 6 }));
        typed.pick_donor(None);
        assert_eq!(typed.text(Field::DonorProvider), "");
        assert_eq!(Rules::for_porting(&porting, &typed, today()), on_file);
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
        let checked = check_all(&ADDRESS, &gb, &rules()).unwrap().address.unwrap();
        assert_eq!((checked.state, checked.postal_code.as_str()), (None, "SW1A 2AA"));
    }

    #[test]
    fn the_create_step_turns_a_national_number_into_e164() {
        let typed = draft(&[(Field::PhoneCountry, "GB"), (Field::PhoneNumber, "07700 900123")]);
        let optional = Rules::for_create(today(), true);
        let checked = check_all(&[Field::PhoneNumber, Field::DonorProvider], &typed, &optional).unwrap();
        assert_eq!(checked.value(Field::PhoneNumber).unwrap(), "+447700900123");
        assert_eq!(checked.value(Field::DonorProvider), None);
        let needed = Rules::for_create(today(), false);
        assert_eq!(problem(Field::DonorProvider, &typed, &needed), Some(Problem::Required));
        let french = draft(&[(Field::PhoneCountry, "GB"), (Field::PhoneNumber, "+33 6 12 34 56 78")]);
        assert_eq!(
            problem(Field::PhoneNumber, &french, &needed),
            Some(Problem::CountryCodeMismatch { expected: "44" })
        );
    }
}
