//! A porting builder for tests (feature `testing`): a US porting waiting for information that
//! holds nothing, changed step by step, so that each test names only what it needs.

use crate::porting::{Address, Porting, ServiceProvider};
use crate::values::{DeclineCode, FieldName, Status};

/// Builds a [`Porting`] as Gigs would return it.
#[derive(Clone, Debug)]
pub struct PortingBuilder(Porting);

impl Default for PortingBuilder {
    fn default() -> Self {
        PortingBuilder::new()
    }
}

/// A service provider as Gigs writes one.
pub fn provider(id: &str, name: &str) -> ServiceProvider {
    ServiceProvider {
        object: "serviceProvider".into(),
        id: id.into(),
        name: name.into(),
        recipient_providers: vec!["p9".into()],
    }
}

impl PortingBuilder {
    /// `prt_1` of user `usr_1`, for `+12015550123` to network `p9`: `informationRequired`,
    /// requiring nothing and holding nothing.
    pub fn new() -> PortingBuilder {
        PortingBuilder(Porting {
            object: "porting".into(),
            id: "prt_1".into(),
            account_number: None,
            account_pin_exists: false,
            account_type: None,
            billing_pin_exists: false,
            address: None,
            behavior: Default::default(),
            birthday: None,
            canceled_at: None,
            completed_at: None,
            created_at: "2026-01-01T00:00:00Z".into(),
            declined_attempts: 0,
            declined_code: None,
            declined_message: None,
            donor_provider: None,
            donor_provider_approval: None,
            expired_at: None,
            failed_at: None,
            first_name: None,
            last_declined_at: None,
            last_name: None,
            last_requested_at: None,
            phone_number: "+12015550123".into(),
            provider: "p9".into(),
            recipient_provider: provider("svp_p9", "Gigs"),
            required: Vec::new(),
            scheduled_on: None,
            status: Status::InformationRequired,
            subscription: None,
            user: "usr_1".into(),
        })
    }

    pub fn id(mut self, id: &str) -> Self {
        self.0.id = id.into();
        self
    }

    pub fn status(mut self, status: &str) -> Self {
        self.0.status = Status::from(status);
        self
    }

    /// The names the porting requires, as Gigs spells them (unknown ones kept).
    pub fn required(mut self, names: &[&str]) -> Self {
        self.0.required = names.iter().map(|name| FieldName::from(*name)).collect();
        self
    }

    pub fn phone_number(mut self, number: &str) -> Self {
        self.0.phone_number = number.into();
        self
    }

    /// Declined with `code` (as Gigs spells it), `attempts` times in all.
    pub fn created_at(mut self, at: &str) -> Self {
        self.0.created_at = at.into();
        self
    }

    pub fn behavior(mut self, behavior: &str) -> Self {
        self.0.behavior = behavior.into();
        self
    }

    pub fn declined(mut self, code: &str, attempts: u32) -> Self {
        self.0.status = Status::Declined;
        self.0.declined_code = Some(DeclineCode::from(code));
        self.0.declined_attempts = attempts;
        self.0.last_declined_at = Some("2026-01-01T00:05:00Z".into());
        self
    }

    pub fn declined_message(mut self, message: &str) -> Self {
        self.0.declined_message = Some(message.into());
        self
    }

    /// A PIN is on file (Gigs shows only that one exists).
    pub fn pin_on_file(mut self) -> Self {
        self.0.account_pin_exists = true;
        self
    }

    pub fn account_number(mut self, number: &str) -> Self {
        self.0.account_number = Some(number.into());
        self
    }

    pub fn first_name(mut self, name: &str) -> Self {
        self.0.first_name = Some(name.into());
        self
    }

    pub fn last_name(mut self, name: &str) -> Self {
        self.0.last_name = Some(name.into());
        self
    }

    pub fn birthday(mut self, day: &str) -> Self {
        self.0.birthday = Some(day.into());
        self
    }

    pub fn address(mut self, address: Address) -> Self {
        self.0.address = Some(address);
        self
    }

    pub fn donor(mut self, id: &str, name: &str) -> Self {
        self.0.donor_provider = Some(provider(id, name));
        self
    }

    pub fn approval(mut self, approved: bool) -> Self {
        self.0.donor_provider_approval = Some(approved);
        self
    }

    pub fn scheduled_on(mut self, day: &str) -> Self {
        self.0.scheduled_on = Some(day.into());
        self
    }

    pub fn requested_at(mut self, at: &str) -> Self {
        self.0.last_requested_at = Some(at.into());
        self
    }

    pub fn build(self) -> Porting {
        self.0
    }

    /// The porting as JSON, as the proxy answers with it.
    pub fn json(self) -> serde_json::Value {
        serde_json::to_value(self.0).expect("a porting is JSON")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_porting_reads_back_as_gigs_writes_it() {
        let json = PortingBuilder::new().status("requested").required(&["accountPin", "simSerial"]).json();
        assert_eq!(json["status"], "requested");
        assert_eq!(json["required"], serde_json::json!(["accountPin", "simSerial"]));
        let read: Porting = serde_json::from_value(json).unwrap();
        assert_eq!(read.required[1], FieldName::Unknown("simSerial".into()));
        let declined = PortingBuilder::new().declined("portingDeclined", 2).build();
        assert_eq!((declined.status, declined.declined_attempts), (Status::Declined, 2));
    }
}
