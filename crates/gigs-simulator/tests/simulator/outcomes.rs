//! The test numbers, each through a whole porting: what the table in docs/simulator.md promises.

use std::time::Duration;

use axum::http::StatusCode;
use gigs_simulator::test_numbers::{decline_message, is_fixable, IE_PREFIX, UK_PREFIX, US_PREFIX};
use gigs_simulator::Simulator;
use porting_model::{AccountType, DeclineCode, Porting, PortingFields, Status, UpdatePorting};

use crate::{att_fields, ie, let_donor_answer, requested, simulator, uk, us};

/// A UK porting of `phone_number` with its PAC, subscribed: requested.
fn uk_requested(sim: &Simulator, phone_number: &str) -> Porting {
    let porting = sim.create(uk(phone_number, PortingFields::default())).unwrap();
    sim.activate(&porting.id).unwrap()
}

/// An Irish porting of `phone_number` with its account type, subscribed: requested.
fn ie_requested(sim: &Simulator, phone_number: &str) -> Porting {
    let mut body = ie(phone_number);
    body.porting.fields.account_type = Some(AccountType::PostpaidSingle);
    let porting = sim.create(body).unwrap();
    sim.activate(&porting.id).unwrap()
}

#[test]
fn each_decline_code_has_a_us_a_uk_and_an_irish_test_number() {
    let (sim, clock) = simulator();
    for (index, code) in DeclineCode::KNOWN.iter().enumerate() {
        let selector = index + 1;
        let portings = [
            requested(&sim, &format!("{US_PREFIX}{selector:02}")),
            uk_requested(&sim, &format!("{UK_PREFIX}{selector:02}")),
            ie_requested(&sim, &format!("{IE_PREFIX}{selector:02}")),
        ];
        let_donor_answer(&sim, &clock);
        for Porting { id, .. } in portings {
            let declined = sim.get(&id).unwrap();
            assert_eq!(declined.status, Status::Declined, "{code}");
            assert_eq!(declined.declined_code.as_ref(), Some(code));
            assert_eq!(declined.declined_message.as_deref(), Some(decline_message(code)));
        }
    }
}

#[test]
fn a_decline_that_cannot_be_fixed_comes_again_at_every_retry() {
    let (sim, clock) = simulator();
    for code in DeclineCode::KNOWN.iter().filter(|code| !is_fixable(code)) {
        let index = DeclineCode::KNOWN.iter().position(|known| known == code).unwrap() + 1;
        let porting = requested(&sim, &format!("{US_PREFIX}{index:02}"));
        for _ in 0..2 {
            let_donor_answer(&sim, &clock);
            assert_eq!(sim.get(&porting.id).unwrap().declined_code.as_ref(), Some(code));
            sim.update(&porting.id, UpdatePorting::default()).unwrap();
        }
    }
}

#[test]
fn a_fixable_decline_completes_on_the_retry() {
    let (sim, clock) = simulator();
    for code in DeclineCode::KNOWN.iter().filter(|code| is_fixable(code)) {
        let index = DeclineCode::KNOWN.iter().position(|known| known == code).unwrap() + 1;
        let porting = requested(&sim, &format!("{US_PREFIX}{index:02}"));
        let_donor_answer(&sim, &clock);
        assert_eq!(sim.get(&porting.id).unwrap().declined_code.as_ref(), Some(code));
        let fix = UpdatePorting { fields: att_fields(), ..Default::default() };
        sim.update(&porting.id, fix).unwrap();
        let_donor_answer(&sim, &clock);
        assert_eq!(sim.get(&porting.id).unwrap().status, Status::Completed, "{code}");
    }
}

#[test]
fn number_17_expires() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, &format!("{US_PREFIX}17"));
    let_donor_answer(&sim, &clock);
    let expired = sim.get(&porting.id).unwrap();
    assert_eq!(
        (expired.status, expired.expired_at.as_deref()),
        (Status::Expired, Some("2030-01-01T12:02:00Z"))
    );
}

#[test]
fn number_21_fails_for_good_in_every_country() {
    let (sim, clock) = simulator();
    let mut changes = sim.subscribe();
    let portings = [
        requested(&sim, &format!("{US_PREFIX}21")),
        uk_requested(&sim, &format!("{UK_PREFIX}21")),
        ie_requested(&sim, &format!("{IE_PREFIX}21")),
    ];
    let_donor_answer(&sim, &clock);
    for porting in portings {
        let failed = sim.get(&porting.id).unwrap();
        assert_eq!(
            (&failed.status, failed.failed_at.as_deref(), failed.completed_at.as_deref()),
            (&Status::Failed, Some("2030-01-01T12:02:00Z"), None)
        );
        let error = sim.update(&porting.id, UpdatePorting::default()).unwrap_err();
        assert_eq!(
            (error.status, error.body.code.as_deref()),
            (StatusCode::CONFLICT, Some("portingNotUpdatable"))
        );
        let error = sim.cancel(&porting.id).unwrap_err();
        assert_eq!(
            (error.status, error.body.code.as_deref()),
            (StatusCode::CONFLICT, Some("portingNotCancelable"))
        );
        assert_eq!(sim.get(&porting.id).unwrap(), failed, "refused requests change nothing");
    }
    let failures = std::iter::from_fn(|| changes.try_recv().ok()).filter(|p| p.status == Status::Failed);
    assert_eq!(failures.count(), 3, "each failure is sent to subscribers");
}

#[test]
fn number_18_stays_requested_forever() {
    let (sim, clock) = simulator();
    let porting = requested(&sim, &format!("{US_PREFIX}18"));
    clock.advance(Duration::from_secs(365 * 86_400));
    assert_eq!(sim.tick(), 0);
    assert_eq!(sim.get(&porting.id).unwrap().status, Status::Requested);
}

#[test]
fn number_19_stays_pending_forever_whatever_is_provided() {
    let (sim, clock) = simulator();
    let porting = sim.create(us(&format!("{US_PREFIX}19"))).unwrap();
    assert_eq!(sim.activate(&porting.id).unwrap().status, Status::Pending);
    let everything = UpdatePorting { fields: att_fields(), ..Default::default() };
    let updated = sim.update(&porting.id, everything).unwrap();
    assert_eq!((updated.status, updated.required), (Status::Pending, vec![]));
    clock.advance(Duration::from_secs(365 * 86_400));
    assert_eq!(sim.get(&porting.id).unwrap().status, Status::Pending);
}

#[test]
fn any_other_number_completes() {
    let (sim, clock) = simulator();
    let mut ids: Vec<String> = ["+12025550100", "+12025550122", "+13125550147"]
        .iter()
        .map(|number| requested(&sim, number).id)
        .collect();
    ids.extend([&format!("{IE_PREFIX}00"), "+353209100122"].map(|number| ie_requested(&sim, number).id));
    let_donor_answer(&sim, &clock);
    for id in ids {
        assert_eq!(sim.get(&id).unwrap().status, Status::Completed, "{id}");
    }
}
