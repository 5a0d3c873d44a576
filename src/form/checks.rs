//! The model's rules applied to the buyer's answers: live, for one field whose error is showing,
//! and all at once on submit, which also yields the normalised values to send. The answers enter
//! the body the model checks through the field table, and the model's problems come back by field.

use porting_model::validate::{
    check_each, national_to_e164, subdivisions, CalendarDate, Context, PinKind, Problem,
};
use porting_model::{FieldName, Porting, PortingFields};

use super::draft::Draft;
use super::plan::fields_of;
use super::table::Field;

/// What the rules need beyond the answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rules {
    pub ctx: Context,
    /// A PIN is already on file, so a blank PIN field keeps it.
    pub pin_optional: bool,
    /// A billing PIN is already on file, so a blank billing PIN field keeps it.
    pub billing_pin_optional: bool,
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
                && !crate::journey::decline::reopened(porting).contains(&FieldName::AccountPin),
            billing_pin_optional: porting.billing_pin_exists,
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
        Rules { ctx, pin_optional: false, billing_pin_optional: false, donor_optional, state_on_file: None }
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
            Field::BillingPin => self.billing_pin_optional,
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
mod tests;
