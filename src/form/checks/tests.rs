use super::*;
use crate::form::draft::DateParts;
use crate::form::testing::draft;
use porting_model::testing::PortingBuilder;

fn today() -> CalendarDate {
    CalendarDate::new(2026, 11, 26).unwrap()
}

fn rules() -> Rules {
    Rules::for_porting(&PortingBuilder::new().build(), None, today())
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
    let fields = [Field::LastName, Field::AccountNumber, Field::FirstName, Field::Birthday, Field::Approval];
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
    let mut porting = PortingBuilder::new().build();
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
    let mut porting = PortingBuilder::new().required(&["donorProvider", "accountPin"]).build();
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
    let mut porting = PortingBuilder::new().build();
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
