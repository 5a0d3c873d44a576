//! The test numbers, each through a whole porting: what the table in docs/simulator.md promises.

use std::time::Duration;

use gigs_simulator::test_numbers::{decline_message, is_fixable, UK_PREFIX, US_PREFIX};
use porting_model::{DeclineCode, PortingFields, Status, UpdatePorting};

use crate::{att_fields, let_donor_answer, requested, simulator, uk, us};

#[test]
fn each_decline_code_has_a_us_and_a_uk_test_number() {
    let (sim, clock) = simulator();
    for (index, code) in DeclineCode::KNOWN.iter().enumerate() {
        let us_porting = requested(&sim, &format!("{US_PREFIX}{:02}", index + 1));
        let uk_porting =
            sim.create(uk(&format!("{UK_PREFIX}{:02}", index + 1), PortingFields::default())).unwrap();
        sim.activate(&uk_porting.id).unwrap();
        let_donor_answer(&sim, &clock);
        for id in [us_porting.id, uk_porting.id] {
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
    let ids: Vec<String> = ["+12025550100", "+12025550121", "+13125550147"]
        .iter()
        .map(|number| requested(&sim, number).id)
        .collect();
    let_donor_answer(&sim, &clock);
    for id in ids {
        assert_eq!(sim.get(&id).unwrap().status, Status::Completed);
    }
}
