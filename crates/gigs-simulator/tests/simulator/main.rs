//! The Gigs simulator: its lifecycle rules through its Rust API, its HTTP API over real HTTP on
//! loopback, its test numbers and its webhooks. Time is a manual clock: no test waits for it.

mod http;
mod lifecycle;
mod outcomes;
mod standalone;

use std::sync::Arc;

use gigs_http::clock::ManualClock;
use gigs_simulator::{Simulator, ANSWER_TIME};
use porting_model::{AccountPin, Address, CreatePorting, NewPorting, Porting, PortingFields, Status};
use time::macros::datetime;
use time::OffsetDateTime;

pub const START: OffsetDateTime = datetime!(2030-01-01 12:00 UTC);
pub const API_KEY: &str = "sk_test";

pub fn simulator() -> (Arc<Simulator>, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(START));
    (Arc::new(Simulator::new("acme", API_KEY, clock.clone())), clock)
}

/// A porting of `phone_number` to the US network from AT&T, with nothing else given.
pub fn us(phone_number: &str) -> CreatePorting {
    CreatePorting {
        user: "usr_1".into(),
        provider: "p9".into(),
        porting: NewPorting {
            phone_number: phone_number.into(),
            fields: PortingFields { donor_provider: Some("svp_us_att".into()), ..Default::default() },
        },
    }
}

/// Everything AT&T needs.
pub fn att_fields() -> PortingFields {
    PortingFields {
        account_number: Some("123456789".into()),
        account_pin: Some(AccountPin::new("8642")),
        address: Some(Address {
            line1: "129 West 81st Street".into(),
            line2: None,
            city: "New York".into(),
            postal_code: "10024".into(),
            state: Some("NY".into()),
            country: "US".into(),
        }),
        first_name: Some("Ada".into()),
        last_name: Some("Lovelace".into()),
        ..Default::default()
    }
}

/// A porting of `phone_number` to the UK network with its PAC: nothing more is required.
pub fn uk(phone_number: &str, fields: PortingFields) -> CreatePorting {
    let pac = PortingFields { account_pin: Some(AccountPin::new("ABC123456")), ..fields };
    CreatePorting {
        user: "usr_1".into(),
        provider: "p7".into(),
        porting: NewPorting { phone_number: phone_number.into(), fields: pac },
    }
}

/// A porting of `phone_number` to the Irish network from eir, with nothing else given.
pub fn ie(phone_number: &str) -> CreatePorting {
    CreatePorting {
        user: "usr_1".into(),
        provider: "p5".into(),
        porting: NewPorting {
            phone_number: phone_number.into(),
            fields: PortingFields { donor_provider: Some("svp_ie_eir".into()), ..Default::default() },
        },
    }
}

/// A US porting of `phone_number` with all AT&T needs, used for a subscription: requested.
pub fn requested(sim: &Simulator, phone_number: &str) -> Porting {
    let mut body = us(phone_number);
    body.porting.fields = PortingFields { donor_provider: Some("svp_us_att".into()), ..att_fields() };
    let porting = sim.create(body).unwrap();
    let porting = sim.activate(&porting.id).unwrap();
    assert_eq!(porting.status, Status::Requested);
    porting
}

/// Lets the donor answer: the clock passes the answer time and the simulator ticks.
pub fn let_donor_answer(sim: &Simulator, clock: &ManualClock) {
    clock.advance(ANSWER_TIME);
    sim.tick();
}
