//! What the buyer has typed, and the request bodies built from it. An update carries only what
//! the buyer changed, so nothing the porting holds is wiped (a blank day is the buyer's choice of
//! "as soon as possible", sent as `null`); the PIN is kept only until it has been sent.

use std::borrow::Cow;

use porting_model::{Behavior, NewPorting, Porting, ServiceProvider, UpdatePorting};

use super::checks::{check_all, Problems, Rules};
use super::table::{Field, Input};

/// A date typed into three boxes, as the GOV.UK date input asks for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// One of the three boxes of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    pub const ALL: [DatePart; 3] = [DatePart::Day, DatePart::Month, DatePart::Year];
}

impl DateParts {
    pub fn part(&self, part: DatePart) -> &str {
        match part {
            DatePart::Day => &self.day,
            DatePart::Month => &self.month,
            DatePart::Year => &self.year,
        }
    }

    pub fn set(&mut self, part: DatePart, value: String) {
        match part {
            DatePart::Day => self.day = value,
            DatePart::Month => self.month = value,
            DatePart::Year => self.year = value,
        }
    }

    /// The parts of an ISO date (`YYYY-MM-DD`); anything else leaves them blank.
    pub fn from_iso(iso: &str) -> DateParts {
        match iso.trim().splitn(3, '-').collect::<Vec<_>>()[..] {
            [year, month, day] => DateParts { day: day.into(), month: month.into(), year: year.into() },
            _ => DateParts::default(),
        }
    }

    /// The date written as the model's rule reads it: blank when nothing was typed, and a
    /// malformed date (which the rule refuses) when a part is missing or not a number.
    pub fn iso(&self) -> String {
        let [day, month, year] = [&self.day, &self.month, &self.year].map(|part| part.trim());
        if [day, month, year].iter().all(|part| part.is_empty()) {
            return String::new();
        }
        format!("{year}-{month:0>2}-{day:0>2}")
    }
}

/// The buyer's answers. Its `Debug` output leaves out the PIN, like the model's `AccountPin`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// By [`Field::index`].
    text: [String; Field::ALL.len()],
    pub birthday: DateParts,
    pub approved: bool,
    /// The name of the provider picked in this form (its id is the `DonorProvider` answer): the
    /// rules for the PIN and account number follow it.
    pub donor_name: Option<String>,
}

impl std::fmt::Debug for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text: Vec<_> = Field::ALL
            .into_iter()
            .filter(|field| *field != Field::AccountPin)
            .map(|field| (field, self.text(field)))
            .collect();
        f.debug_struct("Draft")
            .field("text", &text)
            .field("birthday", &self.birthday)
            .field("approved", &self.approved)
            .field("donor_name", &self.donor_name)
            .finish_non_exhaustive()
    }
}

impl Draft {
    /// Answers that start from what `porting` holds, so a buyer who changes a value edits it
    /// rather than typing it again. The PIN is write-only and always starts blank; the address
    /// country defaults to `country` (the recipient's).
    pub fn for_porting(porting: &Porting, country: &str) -> Draft {
        let mut draft = Draft::default();
        draft.set_text(Field::Country, country.to_owned());
        for field in Field::ALL {
            if let Some(value) = (field.row().on_file)(porting) {
                draft.set_answer(field, value);
            }
        }
        draft
    }

    /// Blank answers for the create step, with the number's country preselected.
    pub fn for_create(country: &str) -> Draft {
        let mut draft = Draft::default();
        draft.set_text(Field::PhoneCountry, country.to_owned());
        draft.set_text(Field::Behavior, Behavior::PortIn.to_string());
        draft
    }

    /// What was typed into `field` (blank if nothing).
    pub fn text(&self, field: Field) -> &str {
        &self.text[field.index()]
    }

    pub fn set_text(&mut self, field: Field, value: String) {
        self.text[field.index()] = value;
    }

    /// The answer to `field` as the rules read it: the date written `YYYY-MM-DD`, the approval
    /// `true` or `false`, else what was typed.
    pub fn answer(&self, field: Field) -> Cow<'_, str> {
        match field.row().input {
            Input::Date => Cow::Owned(self.birthday.iso()),
            Input::Checkbox => Cow::Borrowed(if self.approved { "true" } else { "false" }),
            _ => Cow::Borrowed(self.text(field)),
        }
    }

    /// Sets `field`'s answer as [`Draft::answer`] reads it.
    pub fn set_answer(&mut self, field: Field, value: &str) {
        match field.row().input {
            Input::Date => self.birthday = DateParts::from_iso(value),
            Input::Checkbox => self.approved = value == "true",
            _ => self.set_text(field, value.to_owned()),
        }
    }

    /// Whether `field` has the same answer in both.
    pub fn same_answer(&self, other: &Draft, field: Field) -> bool {
        self.answer(field) == other.answer(field)
    }

    /// Picks the current provider, or none (then the porting's own donor decides the rules).
    pub fn pick_donor(&mut self, provider: Option<&ServiceProvider>) {
        self.set_text(Field::DonorProvider, provider.map(|p| p.id.clone()).unwrap_or_default());
        self.donor_name = provider.map(|p| p.name.clone());
    }

    /// Drops the PIN once it has been sent: the form never holds it longer than it must.
    pub fn forget_pin(&mut self) {
        self.text[Field::AccountPin.index()] = String::new();
    }

    /// The fields whose answers differ in `other`: a date's boxes, the approval and the picked
    /// provider's name count as their fields'.
    pub fn changed(&self, other: &Draft) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|&field| match field {
                Field::Birthday => self.birthday != other.birthday,
                Field::Approval => self.approved != other.approved,
                Field::DonorProvider => {
                    self.text(field) != other.text(field) || self.donor_name != other.donor_name
                }
                _ => self.text(field) != other.text(field),
            })
            .collect()
    }
}

/// The country to preselect for a number, from the browser's language tag (`en-GB` → `GB`):
/// its region when the form knows that country's numbers, else the United States.
pub fn country_for_language(tag: &str) -> &'static str {
    let region = tag.split(['-', '_']).nth(1).unwrap_or_default().to_ascii_uppercase();
    porting_model::validate::PHONE_COUNTRIES
        .iter()
        .find(|(code, _)| *code == region)
        .map_or("US", |(code, _)| code)
}

/// The update for the fields on the form (`fields`): only answers that differ from what
/// `porting` holds, normalised (a blank optional answer is left out, a blank day is `null`). A typed PIN is always sent, as the porting's
/// PIN cannot be read back to compare; the address is sent whole when any part of it changed.
pub fn update_body(
    porting: &Porting,
    fields: &[Field],
    draft: &Draft,
    rules: &Rules,
) -> Result<UpdatePorting, Problems> {
    let checked = check_all(fields, draft, rules)?;
    Ok(UpdatePorting { fields: checked.fields.changed_from(porting), ..Default::default() })
}

/// Whether the create step offers the choice of only ending the old contract: Gigs has
/// `cancelOnly` for UK numbers only.
pub fn offers_cancel_only(draft: &Draft) -> bool {
    draft.text(Field::PhoneCountry) == "GB"
}

/// The fields the create step shows for `draft`.
pub fn create_fields(draft: &Draft) -> Vec<Field> {
    let choice = offers_cancel_only(draft).then_some(Field::Behavior);
    [Some(Field::PhoneNumber), choice, Some(Field::DonorProvider)].into_iter().flatten().collect()
}

/// The create body: the number in E.164, `cancelOnly` when chosen and, when chosen, the current
/// provider.
pub fn new_porting(draft: &Draft, rules: &Rules) -> Result<NewPorting, Problems> {
    let mut checked = check_all(&create_fields(draft), draft, rules)?;
    // Moving the number is Gigs' default, so only the other choice is sent.
    checked.fields.behavior = checked.fields.behavior.filter(|b| *b != Behavior::PortIn);
    Ok(NewPorting { phone_number: checked.phone_number.unwrap_or_default(), fields: checked.fields })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::fields::{plan, Item};
    use crate::form::testing::{bare_porting, spec_porting};
    use porting_model::validate::CalendarDate;

    fn rules(porting: &Porting) -> Rules {
        Rules::for_porting(porting, None, CalendarDate::new(2026, 11, 26).unwrap())
    }

    /// The fields a buyer sees for `porting` when they change nothing already provided.
    fn asked_fields(porting: &Porting) -> Vec<Field> {
        plan(porting).items().filter(|item| item.provided.is_none()).flat_map(Item::fields).copied().collect()
    }

    fn json(body: &UpdatePorting) -> serde_json::Value {
        serde_json::to_value(body).unwrap()
    }

    #[test]
    fn a_change_names_the_fields_it_touched_and_no_other() {
        let before = Draft::default();
        let mut after = before.clone();
        assert!(before.changed(&after).is_empty());
        after.set_text(Field::AccountNumber, "1".into());
        after.birthday.set(DatePart::Month, "3".into());
        assert_eq!(before.changed(&after), [Field::AccountNumber, Field::Birthday]);
        let mut picked = before.clone();
        picked.donor_name = Some("AT&T".into());
        picked.approved = true;
        assert_eq!(before.changed(&picked), [Field::DonorProvider, Field::Approval]);
    }

    #[test]
    fn dates_go_to_and_from_three_parts() {
        let parts = DateParts::from_iso("1990-01-31");
        assert_eq!((parts.day.as_str(), parts.month.as_str(), parts.year.as_str()), ("31", "01", "1990"));
        assert_eq!(parts.iso(), "1990-01-31");
        let typed = DateParts { day: " 7".into(), month: "3 ".into(), year: "1985".into() };
        assert_eq!(typed.iso(), "1985-03-07");
        assert_eq!(DateParts::default().iso(), "");
        assert_eq!(DateParts { year: "1985".into(), ..Default::default() }.iso(), "1985-00-00");
        assert_eq!(DateParts::from_iso("yesterday"), DateParts::default());
        let mut typed = DateParts::default();
        for (part, value) in [(DatePart::Day, "9"), (DatePart::Month, "11"), (DatePart::Year, "1989")] {
            typed.set(part, value.into());
            assert_eq!(typed.part(part), value);
        }
        assert_eq!(typed.iso(), "1989-11-09");
    }

    #[test]
    fn only_what_the_buyer_filled_in_is_sent() {
        let porting = bare_porting(&["accountNumber", "accountPin", "firstName", "lastName", "address"]);
        let mut draft = Draft::for_porting(&porting, "US");
        for (field, value) in [
            (Field::AccountNumber, "123-456-789"),
            (Field::AccountPin, "1234"),
            (Field::FirstName, "Jerry"),
            (Field::LastName, "Seinfeld"),
            (Field::Line1, "129 West 81st Street"),
            (Field::City, "New York City"),
            (Field::State, "NY"),
            (Field::PostalCode, "10024"),
        ] {
            draft.set_text(field, value.into());
        }
        let body = update_body(&porting, &asked_fields(&porting), &draft, &rules(&porting)).unwrap();
        assert_eq!(
            json(&body),
            serde_json::json!({
                "accountNumber": "123456789", "accountPin": "1234", "firstName": "Jerry", "lastName": "Seinfeld",
                "address": {"line1": "129 West 81st Street", "line2": null, "city": "New York City",
                            "postalCode": "10024", "state": "NY", "country": "US"}
            })
        );
    }

    #[test]
    fn unchanged_provided_values_are_never_sent_and_a_blank_pin_keeps_the_one_on_file() {
        let mut porting = spec_porting();
        // The example's account holder would be nine years old, which the birthday rule refuses.
        porting.birthday = Some("1990-01-31".into());
        let everything: Vec<Field> = plan(&porting).items().flat_map(Item::fields).copied().collect();
        let draft = Draft::for_porting(&porting, "US");
        let body = update_body(&porting, &everything, &draft, &rules(&porting)).unwrap();
        assert_eq!(json(&body), serde_json::json!({}));
    }

    #[test]
    fn a_changed_provided_value_is_sent_alone_and_the_address_whole() {
        let porting = spec_porting();
        let mut draft = Draft::for_porting(&porting, "US");
        draft.set_text(Field::FirstName, " Jerome ".into());
        draft.set_text(Field::PostalCode, "10025".into());
        let mut fields = vec![Field::FirstName, Field::LastName];
        fields.extend(crate::form::fields::fields_of(&porting_model::FieldName::Address));
        let body = update_body(&porting, &fields, &draft, &rules(&porting)).unwrap();
        let sent = json(&body);
        assert_eq!(sent["firstName"], "Jerome");
        assert!(sent.get("lastName").is_none());
        assert_eq!(sent["address"]["postalCode"], "10025");
        assert_eq!(sent["address"]["line2"], "Apartment 5A");
    }

    /// A UK porting whose address on file has a state (`ENG`), reopened by an address decline.
    fn uk_porting_with_state_reopened() -> Porting {
        let mut porting = spec_porting();
        porting.phone_number = "+447700900123".into();
        porting.address = Some(porting_model::Address {
            line1: "10 Downing Street".into(),
            line2: None,
            city: "London".into(),
            postal_code: "SW1A 2AA".into(),
            state: Some("ENG".into()),
            country: "GB".into(),
        });
        porting.status = porting_model::Status::Declined;
        porting.required = Vec::new();
        porting.declined_code = Some(porting_model::DeclineCode::AddressRequiredOrInvalid);
        porting
    }

    #[test]
    fn a_reopened_address_keeps_the_state_on_file_that_the_form_has_no_field_for() {
        let porting = uk_porting_with_state_reopened();
        let fields = asked_fields(&porting);
        assert!(fields.contains(&Field::State), "the address is asked again");
        let mut draft = Draft::for_porting(&porting, "GB");
        let untouched = update_body(&porting, &fields, &draft, &rules(&porting)).unwrap();
        assert_eq!(json(&untouched), serde_json::json!({}), "no state: null");
        draft.set_text(Field::Line1, "11 Downing Street".into());
        let moved = update_body(&porting, &fields, &draft, &rules(&porting)).unwrap();
        assert_eq!(json(&moved)["address"]["state"], "ENG");
        assert_eq!(json(&moved)["address"]["line1"], "11 Downing Street");
    }

    #[test]
    fn a_state_on_file_is_dropped_once_the_buyer_changes_the_country() {
        let porting = uk_porting_with_state_reopened();
        let fields = asked_fields(&porting);
        let mut draft = Draft::for_porting(&porting, "GB");
        draft.set_text(Field::Country, "FR".into());
        draft.set_text(Field::PostalCode, "75008".into());
        let body = update_body(&porting, &fields, &draft, &rules(&porting)).unwrap();
        assert_eq!(json(&body)["address"]["country"], "FR");
        assert_eq!(json(&body)["address"]["state"], serde_json::Value::Null);
        // Nor does a state typed for a country with a list outlive a return to the one on file.
        draft.set_text(Field::Country, "US".into());
        draft.set_text(Field::State, "NY".into());
        draft.set_text(Field::Country, "GB".into());
        draft.set_text(Field::PostalCode, "SW1A 2AA".into());
        let back = update_body(&porting, &fields, &draft, &rules(&porting)).unwrap();
        assert_eq!(json(&back), serde_json::json!({}));
    }

    #[test]
    fn a_blank_required_field_is_a_problem_not_an_empty_value() {
        let porting = bare_porting(&["firstName", "accountPin"]);
        let draft = Draft::for_porting(&porting, "US");
        let problems = update_body(&porting, &asked_fields(&porting), &draft, &rules(&porting)).unwrap_err();
        let fields: Vec<Field> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, [Field::AccountPin, Field::FirstName]);
    }

    #[test]
    fn the_pin_is_dropped_after_sending_and_never_prefilled() {
        let porting = spec_porting();
        let mut draft = Draft::for_porting(&porting, "US");
        assert_eq!(draft.text(Field::AccountPin), "");
        draft.set_text(Field::AccountPin, "8642".into());
        assert!(!format!("{draft:?}").contains("8642"), "never in a log line");
        let body = update_body(&porting, &[Field::AccountPin], &draft, &rules(&porting)).unwrap();
        assert_eq!(json(&body), serde_json::json!({"accountPin": "8642"}));
        draft.forget_pin();
        assert_eq!(draft.text(Field::AccountPin), "");
    }

    #[test]
    fn approval_and_donor_are_sent_when_new() {
        let porting = bare_porting(&["donorProvider", "donorProviderApproval"]);
        let mut draft = Draft::for_porting(&porting, "US");
        draft.set_text(Field::DonorProvider, "svp_us_att".into());
        draft.approved = true;
        let body = update_body(&porting, &asked_fields(&porting), &draft, &rules(&porting)).unwrap();
        assert_eq!(
            json(&body),
            serde_json::json!({"donorProvider": "svp_us_att", "donorProviderApproval": true})
        );
    }

    #[test]
    fn the_number_country_follows_the_browser_language() {
        assert_eq!(country_for_language("en-GB"), "GB");
        assert_eq!(country_for_language("fr_ca"), "CA");
        assert_eq!(country_for_language("de"), "US");
        assert_eq!(country_for_language("it-IT"), "US");
        assert_eq!(country_for_language(""), "US");
    }

    #[test]
    fn the_create_body_has_the_e164_number_and_the_chosen_provider() {
        let mut draft = Draft::for_create("US");
        draft.set_text(Field::PhoneNumber, "(201) 555-0123".into());
        let today = CalendarDate::new(2026, 11, 26).unwrap();
        let without = new_porting(&draft, &Rules::for_create(today, true)).unwrap();
        assert_eq!(
            serde_json::to_value(&without).unwrap(),
            serde_json::json!({"phoneNumber": "+12015550123"})
        );
        draft.set_text(Field::DonorProvider, "svp_us_att".into());
        let with = new_porting(&draft, &Rules::for_create(today, false)).unwrap();
        assert_eq!(with.fields.donor_provider.as_deref(), Some("svp_us_att"));
        draft.set_text(Field::PhoneNumber, "+1 555".into());
        let problems = new_porting(&draft, &Rules::for_create(today, false)).unwrap_err();
        assert_eq!(problems[0].0, Field::PhoneNumber);
    }

    #[test]
    fn the_references_example_number_goes_through_the_create_step() {
        let mut draft = Draft::for_create("US");
        draft.set_text(Field::PhoneNumber, "(959) 123-4567".into());
        let today = CalendarDate::new(2026, 11, 26).unwrap();
        let body = new_porting(&draft, &Rules::for_create(today, true)).unwrap();
        assert_eq!(body.phone_number, "+19591234567");
    }

    #[test]
    fn only_a_uk_number_may_just_end_the_old_contract() {
        let today = CalendarDate::new(2026, 11, 26).unwrap();
        let rules = Rules::for_create(today, true);
        let mut draft = Draft::for_create("GB");
        draft.set_text(Field::PhoneNumber, "07700 900123".into());
        assert_eq!(create_fields(&draft), [Field::PhoneNumber, Field::Behavior, Field::DonorProvider]);
        assert_eq!(new_porting(&draft, &rules).unwrap().fields.behavior, None, "moving is the default");
        draft.set_text(Field::Behavior, "cancelOnly".into());
        assert_eq!(new_porting(&draft, &rules).unwrap().fields.behavior, Some(Behavior::CancelOnly));
        // Switched to a US number, the choice is gone and not sent.
        draft.set_text(Field::PhoneCountry, "US".into());
        draft.set_text(Field::PhoneNumber, "(201) 555-0123".into());
        assert_eq!(create_fields(&draft), [Field::PhoneNumber, Field::DonorProvider]);
        assert_eq!(new_porting(&draft, &rules).unwrap().fields.behavior, None);
    }

    #[test]
    fn a_chosen_day_is_sent_once_and_as_soon_as_possible_sends_nothing() {
        let mut porting = bare_porting(&["accountPin"]);
        porting.phone_number = "+447700900123".into();
        let today = CalendarDate::new(2026, 11, 26).unwrap();
        let mut draft = Draft::for_porting(&porting, "GB");
        draft.set_text(Field::AccountPin, "ABC123456".into());
        let fields = [Field::AccountPin, Field::ScheduledOn];
        let rules = Rules::for_porting(&porting, draft.donor_name.as_deref(), today);
        assert_eq!(update_body(&porting, &fields, &draft, &rules).unwrap().fields.scheduled_on, None);
        draft.set_text(Field::ScheduledOn, "2026-11-30".into());
        let body = update_body(&porting, &fields, &draft, &rules).unwrap();
        assert_eq!(json(&body)["scheduledOn"], "2026-11-30");
        porting.scheduled_on = Some("2026-11-30".into());
        assert_eq!(update_body(&porting, &fields, &draft, &rules).unwrap().fields.scheduled_on, None);
        draft.set_text(Field::ScheduledOn, "2026-11-26".into());
        let problems = update_body(&porting, &fields, &draft, &rules).unwrap_err();
        assert_eq!(problems, [(Field::ScheduledOn, porting_model::validate::Problem::NotInFuture)]);
    }
}
