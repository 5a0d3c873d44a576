use porting_model::testing::PortingBuilder;
use porting_model::validate::CalendarDate;
use porting_model::{Address, Behavior, Porting, UpdatePorting};

use super::*;
use crate::form::draft::Draft;
use crate::form::plan::{plan, Item};
use crate::form::testing::spec_porting;

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
fn only_what_the_buyer_filled_in_is_sent() {
    let porting = PortingBuilder::new()
        .required(&["accountNumber", "accountPin", "firstName", "lastName", "address"])
        .build();
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
    fields.extend(crate::form::plan::fields_of(&porting_model::FieldName::Address));
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
    porting.address = Some(Address {
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
    let porting = PortingBuilder::new().required(&["firstName", "accountPin"]).build();
    let draft = Draft::for_porting(&porting, "US");
    let problems = update_body(&porting, &asked_fields(&porting), &draft, &rules(&porting)).unwrap_err();
    let fields: Vec<Field> = problems.iter().map(|(field, _)| *field).collect();
    assert_eq!(fields, [Field::AccountPin, Field::FirstName]);
}

#[test]
fn the_pins_are_dropped_after_sending_and_never_prefilled() {
    let mut porting = spec_porting();
    porting.billing_pin_exists = true;
    let mut draft = Draft::for_porting(&porting, "US");
    assert_eq!((draft.text(Field::AccountPin), draft.text(Field::BillingPin)), ("", ""));
    draft.set_text(Field::AccountPin, "8642".into());
    draft.set_text(Field::BillingPin, "97531".into());
    assert!(
        !format!("{draft:?}").contains("8642") && !format!("{draft:?}").contains("97531"),
        "never logged"
    );
    let fields = [Field::AccountPin, Field::BillingPin];
    let body = update_body(&porting, &fields, &draft, &rules(&porting)).unwrap();
    assert_eq!(json(&body), serde_json::json!({"accountPin": "8642", "billingPin": "97531"}));
    draft.forget_pin();
    assert_eq!((draft.text(Field::AccountPin), draft.text(Field::BillingPin)), ("", ""));
}

#[test]
fn a_billing_pin_on_file_may_be_left_blank_and_an_account_type_is_sent_when_chosen() {
    let mut porting = PortingBuilder::new().required(&["accountType", "billingPin"]).build();
    let mut draft = Draft::for_porting(&porting, "IE");
    let problems = update_body(&porting, &asked_fields(&porting), &draft, &rules(&porting)).unwrap_err();
    let fields: Vec<Field> = problems.iter().map(|(field, _)| *field).collect();
    assert_eq!(fields, [Field::AccountType, Field::BillingPin]);
    porting.billing_pin_exists = true;
    draft.set_text(Field::AccountType, "prepaidRegistered".into());
    let body = update_body(&porting, &asked_fields(&porting), &draft, &rules(&porting)).unwrap();
    assert_eq!(json(&body), serde_json::json!({"accountType": "prepaidRegistered"}));
}

#[test]
fn approval_and_donor_are_sent_when_new() {
    let porting = PortingBuilder::new().required(&["donorProvider", "donorProviderApproval"]).build();
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
fn the_create_body_has_the_e164_number_and_the_chosen_provider() {
    let mut draft = Draft::for_create("US");
    draft.set_text(Field::PhoneNumber, "(201) 555-0123".into());
    let today = CalendarDate::new(2026, 11, 26).unwrap();
    let without = new_porting(&draft, &Rules::for_create(today, true)).unwrap();
    assert_eq!(serde_json::to_value(&without).unwrap(), serde_json::json!({"phoneNumber": "+12015550123"}));
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
    let uk = PortingBuilder::new().required(&["accountPin"]).phone_number("+447700900123");
    let porting = uk.clone().build();
    let today = CalendarDate::new(2026, 11, 26).unwrap();
    let mut draft = Draft::for_porting(&porting, "GB");
    draft.set_text(Field::AccountPin, "ABC123456".into());
    let fields = [Field::AccountPin, Field::ScheduledOn];
    let rules = Rules::for_porting(&porting, draft.donor_name.as_deref(), today);
    assert_eq!(update_body(&porting, &fields, &draft, &rules).unwrap().fields.scheduled_on, None);
    draft.set_text(Field::ScheduledOn, "2026-11-30".into());
    let body = update_body(&porting, &fields, &draft, &rules).unwrap();
    assert_eq!(json(&body)["scheduledOn"], "2026-11-30");
    let scheduled = uk.scheduled_on("2026-11-30").build();
    assert_eq!(update_body(&scheduled, &fields, &draft, &rules).unwrap().fields.scheduled_on, None);
    draft.set_text(Field::ScheduledOn, "2026-11-26".into());
    let problems = update_body(&scheduled, &fields, &draft, &rules).unwrap_err();
    assert_eq!(problems, [(Field::ScheduledOn, porting_model::validate::Problem::NotInFuture)]);
}
