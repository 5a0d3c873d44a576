//! The lifecycle rules, one test each, through the simulator's Rust API.

use std::time::Duration;

use axum::http::StatusCode;
use gigs_http::error::ApiError;
use porting_model::{
    AccountPin, AccountType, Behavior, DeclineCode, FieldName, PortingFields, Status, UpdatePorting,
};

use crate::{att_fields, ie, let_donor_answer, requested, simulator, uk, us};

fn fields(fields: PortingFields) -> UpdatePorting {
    UpdatePorting { fields, ..Default::default() }
}

fn detail(error: &ApiError) -> (StatusCode, Option<&str>, Option<&str>) {
    let first = error.body.details.first();
    (error.status, first.and_then(|d| d.property.as_deref()), first.and_then(|d| d.code.as_deref()))
}

#[test]
fn a_new_porting_is_a_draft_that_requires_its_donor() {
    let (sim, _) = simulator();
    let mut body = us("+12025550150");
    body.porting.fields.donor_provider = None;
    let porting = sim.create(body).unwrap();
    assert_eq!(porting.status, Status::Draft);
    assert_eq!(porting.required, [FieldName::DonorProvider]);
    assert_eq!((porting.provider.as_str(), porting.recipient_provider.id.as_str()), ("p9", "svp_p9"));
    assert_eq!(porting.created_at, "2030-01-01T12:00:00Z");
}

#[test]
fn required_depends_on_donor_and_recipient_and_shrinks_as_fields_arrive() {
    let (sim, _) = simulator();
    let porting = sim.create(us("+12025550150")).unwrap();
    assert_eq!(
        porting.required,
        [
            FieldName::AccountNumber,
            FieldName::AccountPin,
            FieldName::Address,
            FieldName::FirstName,
            FieldName::LastName
        ]
    );
    let pin = PortingFields { account_pin: Some(AccountPin::new("8642")), ..Default::default() };
    let porting = sim.update(&porting.id, fields(pin)).unwrap();
    assert!(porting.account_pin_exists);
    assert!(!porting.required.contains(&FieldName::AccountPin));
    let birthday_too = PortingFields { donor_provider: Some("svp_us_xfinity".into()), ..Default::default() };
    assert!(sim.update(&porting.id, fields(birthday_too)).unwrap().required.contains(&FieldName::Birthday));
    let uk = sim.create(uk("+447700900150", PortingFields::default())).unwrap();
    assert_eq!(uk.required, []);
}

#[test]
fn the_pin_is_write_only() {
    let (sim, _) = simulator();
    let mut changes = sim.subscribe();
    let porting = requested(&sim, "+12025550150");
    assert!(porting.account_pin_exists);
    let serialised = serde_json::to_string(&sim.get(&porting.id).unwrap()).unwrap();
    assert!(!serialised.contains("8642") && !serialised.contains("\"accountPin\""));
    while let Ok(change) = changes.try_recv() {
        assert!(!serde_json::to_string(&change).unwrap().contains("8642"));
    }
}

#[test]
fn a_billing_pin_donor_requires_it_and_keeps_only_that_it_exists() {
    let (sim, _) = simulator();
    let mut changes = sim.subscribe();
    let mut body = us("+12025550150");
    body.porting.fields = PortingFields { donor_provider: Some("svp_us_optimum".into()), ..att_fields() };
    let porting = sim.create(body).unwrap();
    assert_eq!((porting.required, porting.billing_pin_exists), (vec![FieldName::BillingPin], false));
    let pin = PortingFields { billing_pin: Some(AccountPin::new("24-68")), ..Default::default() };
    let porting = sim.update(&porting.id, fields(pin)).unwrap();
    assert_eq!((porting.required, porting.billing_pin_exists), (vec![], true));
    let serialised = serde_json::to_string(&sim.get(&porting.id).unwrap()).unwrap();
    assert!(!serialised.contains("2468") && !serialised.contains("\"billingPin\""), "{serialised}");
    while let Ok(change) = changes.try_recv() {
        assert!(!serde_json::to_string(&change).unwrap().contains("2468"));
    }
}

#[test]
fn an_irish_porting_waits_for_the_account_type_then_is_requested() {
    let (sim, _) = simulator();
    let porting = sim.create(ie("+353209100050")).unwrap();
    assert_eq!((porting.provider.as_str(), porting.recipient_provider.id.as_str()), ("p5", "svp_p5"));
    assert_eq!(porting.required, [FieldName::AccountType]);
    assert_eq!(sim.activate(&porting.id).unwrap().status, Status::InformationRequired);
    let kind = PortingFields { account_type: Some(AccountType::PrepaidRegistered), ..Default::default() };
    let porting = sim.update(&porting.id, fields(kind)).unwrap();
    assert_eq!((porting.status, porting.required), (Status::Requested, vec![]));
    assert_eq!(porting.account_type, Some(AccountType::PrepaidRegistered));
}

#[test]
fn subscribing_asks_for_missing_information_or_requests_the_port() {
    let (sim, _) = simulator();
    let waiting = sim.create(us("+12025550150")).unwrap();
    let waiting = sim.activate(&waiting.id).unwrap();
    assert_eq!(waiting.status, Status::InformationRequired);
    assert!(waiting.subscription.as_deref().is_some_and(|s| s.starts_with("sub_")));
    let complete = requested(&sim, "+12025550151");
    assert_eq!(complete.last_requested_at.as_deref(), Some("2030-01-01T12:00:00Z"));
}

#[test]
fn subscribing_is_refused_outside_draft() {
    let (sim, _) = simulator();
    let porting = requested(&sim, "+12025550150");
    assert_eq!(sim.activate(&porting.id).unwrap_err().status, StatusCode::CONFLICT);
}

#[test]
fn providing_all_that_is_required_requests_the_port() {
    let (sim, clock) = simulator();
    let porting = sim.create(us("+12025550150")).unwrap();
    sim.activate(&porting.id).unwrap();
    clock.advance(Duration::from_secs(60));
    let porting = sim.update(&porting.id, fields(att_fields())).unwrap();
    assert_eq!((porting.status, porting.required), (Status::Requested, vec![]));
    assert_eq!(porting.last_requested_at.as_deref(), Some("2030-01-01T12:01:00Z"));
}

#[test]
fn a_requested_port_completes_when_the_donor_answers() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550150");
    clock.advance(Duration::from_secs(119));
    assert_eq!(sim.tick(), 0);
    assert_eq!(sim.get(&porting.id).unwrap().status, Status::Requested);
    clock.advance(Duration::from_secs(1));
    assert_eq!(sim.tick(), 1);
    let porting = sim.get(&porting.id).unwrap();
    assert_eq!(
        (porting.status, porting.completed_at.as_deref()),
        (Status::Completed, Some("2030-01-01T12:02:00Z"))
    );
}

#[test]
fn answers_due_are_applied_before_any_request_without_a_tick() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550150");
    clock.advance(Duration::from_secs(3600));
    assert_eq!(sim.get(&porting.id).unwrap().status, Status::Completed);
}

#[test]
fn phone_number_is_updatable_only_in_draft() {
    let (sim, _) = simulator();
    let porting = sim.create(us("+12025550150")).unwrap();
    let number = UpdatePorting { phone_number: Some("+12025550160".into()), ..Default::default() };
    assert_eq!(sim.update(&porting.id, number.clone()).unwrap().phone_number, "+12025550160");
    sim.activate(&porting.id).unwrap();
    let error = sim.update(&porting.id, number).unwrap_err();
    assert_eq!(detail(&error), (StatusCode::CONFLICT, Some("phoneNumber"), Some("notUpdatableInStatus")));
}

#[test]
fn provider_and_behavior_are_updatable_only_in_draft() {
    let (sim, _) = simulator();
    let porting = sim.create(uk("+447700900150", PortingFields::default())).unwrap();
    let cancel_only = fields(PortingFields { behavior: Some(Behavior::CancelOnly), ..Default::default() });
    assert_eq!(sim.update(&porting.id, cancel_only.clone()).unwrap().behavior, Behavior::CancelOnly);
    let provider = UpdatePorting { provider: Some("p7".into()), ..Default::default() };
    assert!(sim.update(&porting.id, provider.clone()).is_ok());
    let other = sim.create(us("+12025550150")).unwrap();
    sim.activate(&other.id).unwrap();
    for (update, property) in [(cancel_only, "behavior"), (provider, "provider")] {
        let error = sim.update(&other.id, update).unwrap_err();
        assert_eq!(detail(&error), (StatusCode::CONFLICT, Some(property), Some("notUpdatableInStatus")));
    }
}

#[test]
fn nothing_is_updatable_once_requested() {
    let (sim, _) = simulator();
    let porting = requested(&sim, "+12025550150");
    let name = fields(PortingFields { first_name: Some("Grace".into()), ..Default::default() });
    let error = sim.update(&porting.id, name).unwrap_err();
    assert_eq!(detail(&error), (StatusCode::CONFLICT, Some("firstName"), Some("notUpdatableInStatus")));
}

#[test]
fn an_empty_update_leaves_a_requested_porting_as_it_is() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550150");
    clock.advance(Duration::from_secs(60));
    assert_eq!(sim.update(&porting.id, UpdatePorting::default()).unwrap(), porting);
    clock.advance(Duration::from_secs(60));
    assert_eq!(sim.get(&porting.id).unwrap().status, Status::Completed, "the answer keeps its time");
}

#[test]
fn an_ended_porting_refuses_every_update() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550150");
    let_donor_answer(&sim, &clock);
    let error = sim.update(&porting.id, UpdatePorting::default()).unwrap_err();
    assert_eq!(
        (error.status, error.body.code.as_deref()),
        (StatusCode::CONFLICT, Some("portingNotUpdatable"))
    );
}

#[test]
fn empty_patch_retries_a_declined_porting() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550113");
    let_donor_answer(&sim, &clock);
    let declined = sim.get(&porting.id).unwrap();
    assert_eq!(declined.status, Status::Declined);
    assert_eq!(declined.declined_code, Some(DeclineCode::PhoneNumberPrepaid));
    assert_eq!(declined.last_declined_at.as_deref(), Some("2030-01-01T12:02:00Z"));
    let retried = sim.update(&porting.id, UpdatePorting::default()).unwrap();
    assert_eq!(retried.status, Status::Requested);
    assert_eq!(retried.last_requested_at.as_deref(), Some("2030-01-01T12:02:00Z"));
    assert_eq!((retried.declined_code, retried.declined_message), (None, None));
    assert_eq!(retried.last_declined_at, declined.last_declined_at);
}

#[test]
fn declined_attempts_count_every_decline() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550113");
    for attempt in 1..=3 {
        let_donor_answer(&sim, &clock);
        let declined = sim.get(&porting.id).unwrap();
        assert_eq!((declined.status, declined.declined_attempts), (Status::Declined, attempt));
        sim.update(&porting.id, UpdatePorting::default()).unwrap();
    }
}

#[test]
fn a_fixable_decline_completes_once_the_buyer_updates_again() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550102");
    let_donor_answer(&sim, &clock);
    let declined = sim.get(&porting.id).unwrap();
    assert_eq!(declined.declined_code, Some(DeclineCode::AccountPinRequiredOrInvalid));
    let new_pin = fields(PortingFields { account_pin: Some(AccountPin::new("97531")), ..Default::default() });
    assert_eq!(sim.update(&porting.id, new_pin).unwrap().status, Status::Requested);
    let_donor_answer(&sim, &clock);
    let completed = sim.get(&porting.id).unwrap();
    assert_eq!((completed.status, completed.declined_attempts), (Status::Completed, 1));
}

#[test]
fn cancel_is_allowed_while_pending_waiting_for_information_or_declined() {
    let (sim, clock) = simulator();
    let pending = sim.create(us("+12025550119")).unwrap();
    let pending = sim.activate(&pending.id).unwrap();
    assert_eq!(pending.status, Status::Pending);
    let waiting = sim.create(us("+12025550150")).unwrap();
    sim.activate(&waiting.id).unwrap();
    let declined = requested(&sim, "+12025550104");
    let_donor_answer(&sim, &clock);
    for id in [pending.id, waiting.id, declined.id] {
        let canceled = sim.cancel(&id).unwrap();
        assert_eq!(canceled.status, Status::Canceled);
        assert_eq!(canceled.canceled_at.as_deref(), Some("2030-01-01T12:02:00Z"));
    }
}

#[test]
fn cancel_is_refused_once_completed() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, "+12025550150");
    let_donor_answer(&sim, &clock);
    let error = sim.cancel(&porting.id).unwrap_err();
    assert_eq!(
        (error.status, error.body.code.as_deref()),
        (StatusCode::CONFLICT, Some("portingNotCancelable"))
    );
}

#[test]
fn cancel_is_refused_for_a_draft_and_a_port_requested_as_soon_as_possible() {
    let (sim, _) = simulator();
    let draft = sim.create(us("+12025550150")).unwrap();
    let asap = requested(&sim, "+12025550151");
    for id in [draft.id, asap.id] {
        assert_eq!(sim.cancel(&id).unwrap_err().status, StatusCode::CONFLICT);
    }
}

#[test]
fn a_port_requested_for_a_later_day_can_be_canceled_and_then_never_completes() {
    let (sim, clock) = simulator();
    let later = PortingFields { scheduled_on: Some(Some("2030-01-05".into())), ..Default::default() };
    let porting = sim.create(uk("+447700900150", later)).unwrap();
    assert_eq!(sim.activate(&porting.id).unwrap().status, Status::Requested);
    assert_eq!(sim.cancel(&porting.id).unwrap().status, Status::Canceled);
    clock.advance(Duration::from_secs(10 * 86_400));
    assert_eq!(sim.tick(), 0);
    assert_eq!(sim.get(&porting.id).unwrap().completed_at, None);
}

#[test]
fn a_scheduled_uk_porting_completes_at_the_start_of_its_day() {
    let (sim, clock) = simulator();
    let later = PortingFields { scheduled_on: Some(Some("2030-01-05".into())), ..Default::default() };
    let porting = sim.create(uk("+447700900150", later)).unwrap();
    sim.activate(&porting.id).unwrap();
    clock.advance(Duration::from_secs(86_400));
    assert_eq!(sim.get(&porting.id).unwrap().status, Status::Requested);
    clock.advance(Duration::from_secs(4 * 86_400));
    let completed = sim.get(&porting.id).unwrap();
    assert_eq!(completed.completed_at.as_deref(), Some("2030-01-05T00:00:00Z"));
}

#[test]
fn scheduled_on_is_only_for_uk_providers() {
    let (sim, _) = simulator();
    let mut body = us("+12025550150");
    body.porting.fields.scheduled_on = Some(Some("2030-01-05".into()));
    let error = sim.create(body).unwrap_err();
    assert_eq!(
        detail(&error),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("scheduledOn"), Some("scheduleOnlyUk"))
    );
}

#[test]
fn scheduled_on_must_be_in_the_future() {
    let (sim, _) = simulator();
    let today = PortingFields { scheduled_on: Some(Some("2030-01-01".into())), ..Default::default() };
    let error = sim.create(uk("+447700900150", today)).unwrap_err();
    assert_eq!(detail(&error), (StatusCode::UNPROCESSABLE_ENTITY, Some("scheduledOn"), Some("notInFuture")));
}

#[test]
fn cancel_only_is_only_for_uk_providers() {
    let (sim, _) = simulator();
    let mut body = us("+12025550150");
    body.porting.fields.behavior = Some(Behavior::CancelOnly);
    let error = sim.create(body).unwrap_err();
    assert_eq!(detail(&error), (StatusCode::UNPROCESSABLE_ENTITY, Some("behavior"), Some("cancelOnlyUk")));
}

#[test]
fn every_field_is_validated_with_the_model_rules() {
    let (sim, _) = simulator();
    let porting = sim.create(us("+12025550150")).unwrap();
    let mut bad = att_fields();
    bad.address.as_mut().unwrap().postal_code = "1002".into();
    bad.birthday = Some("2031-01-01".into());
    let error = sim.update(&porting.id, fields(bad)).unwrap_err();
    let named: Vec<_> =
        error.body.details.iter().map(|d| (d.property.as_deref(), d.code.as_deref())).collect();
    assert_eq!(
        named,
        [(Some("address.postalCode"), Some("invalidZip")), (Some("birthday"), Some("notInPast"))]
    );
    assert_eq!(sim.get(&porting.id).unwrap().address, None, "nothing is written when anything is invalid");
}

#[test]
fn values_are_stored_normalised() {
    let (sim, _) = simulator();
    let mut body = us("+1 (202) 555-0150");
    body.porting.fields.first_name = Some("  Ada ".into());
    let porting = sim.create(body).unwrap();
    assert_eq!((porting.phone_number.as_str(), porting.first_name.as_deref()), ("+12025550150", Some("Ada")));
}

#[test]
fn a_number_must_belong_to_the_networks_country() {
    let (sim, _) = simulator();
    for body in [us("+447700900150"), us("+353209100050"), ie("+12025550150"), ie("+447700900150")] {
        let error = sim.create(body).unwrap_err();
        assert_eq!(
            detail(&error),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("phoneNumber"), Some("countryCodeMismatch"))
        );
    }
}

#[test]
fn donors_must_exist_and_port_to_the_network() {
    let (sim, _) = simulator();
    for (donor, code) in [
        ("svp_gb_ee", "notPortableToProvider"),
        ("svp_ie_eir", "notPortableToProvider"),
        ("svp_us_nobody", "unknownValue"),
    ] {
        let mut body = us("+12025550150");
        body.porting.fields.donor_provider = Some(donor.into());
        let error = sim.create(body).unwrap_err();
        assert_eq!(detail(&error), (StatusCode::UNPROCESSABLE_ENTITY, Some("donorProvider"), Some(code)));
    }
}

#[test]
fn every_change_is_sent_to_subscribers() {
    let (sim, clock) = simulator();
    let mut changes = sim.subscribe();
    let porting = sim.create(us("+12025550150")).unwrap();
    sim.activate(&porting.id).unwrap();
    sim.update(&porting.id, fields(att_fields())).unwrap();
    let_donor_answer(&sim, &clock);
    let statuses: Vec<Status> = std::iter::from_fn(|| changes.try_recv().ok()).map(|p| p.status).collect();
    assert_eq!(statuses, [Status::Draft, Status::InformationRequired, Status::Requested, Status::Completed]);
}
