//! An in-memory Gigs: the porting lifecycle behind a Gigs-shaped HTTP API, so the whole product
//! runs and is tested offline.

mod catalog;
mod routes;

use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use axum::http::StatusCode;
use porting_model::{CreatePorting, FieldName, GigsError, Porting, Status};

pub use catalog::{Catalog, Donor, NetworkProvider};
pub use routes::router;

use crate::clock::{rfc3339, Clock};
use crate::error::ApiError;
use crate::ids::new_id;

/// The simulated Gigs project.
pub struct Simulator {
    project: String,
    api_key: String,
    catalog: Catalog,
    clock: Arc<dyn Clock>,
    /// Portings in creation order.
    portings: Mutex<Vec<Porting>>,
    /// Every porting after each change, for live status and webhooks.
    changes: broadcast::Sender<Porting>,
}

impl Simulator {
    pub fn new(project: impl Into<String>, api_key: impl Into<String>, clock: Arc<dyn Clock>) -> Self {
        Simulator {
            project: project.into(),
            api_key: api_key.into(),
            catalog: Catalog::builtin(),
            clock,
            portings: Mutex::new(Vec::new()),
            changes: broadcast::channel(1024).0,
        }
    }

    /// Each porting as it is after every change from now on. A receiver that falls more than
    /// 1024 changes behind misses the oldest (and learns so from `RecvError::Lagged`).
    pub fn subscribe(&self) -> broadcast::Receiver<Porting> {
        self.changes.subscribe()
    }

    fn changed(&self, porting: &Porting) {
        // No subscriber is fine: nobody is watching.
        let _ = self.changes.send(porting.clone());
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    fn portings(&self) -> std::sync::MutexGuard<'_, Vec<Porting>> {
        // A panic while holding the lock cannot leave a porting half-written (every change is a
        // single assignment), so a poisoned lock is still safe to use.
        self.portings.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Creates a porting in `draft`, as Gigs does.
    pub fn create(&self, body: CreatePorting) -> Result<Porting, ApiError> {
        let network = self.catalog.network(&body.provider).ok_or_else(|| {
            unprocessable("provider", "providerUnknown", "The provider is not a known network provider.")
        })?;
        let fields = body.porting.fields;
        let donor = match fields.donor_provider.as_deref() {
            None => None,
            Some(id) => Some(self.donor_for(id, &network.id)?),
        };
        let mut porting = Porting {
            object: "porting".into(),
            id: new_id("prt"),
            account_number: fields.account_number,
            account_pin_exists: fields.account_pin.is_some(),
            address: fields.address,
            behavior: fields.behavior.unwrap_or_default(),
            birthday: fields.birthday,
            canceled_at: None,
            completed_at: None,
            created_at: rfc3339(self.clock.now()),
            declined_attempts: 0,
            declined_code: None,
            declined_message: None,
            donor_provider: donor.map(Donor::service_provider),
            donor_provider_approval: fields.donor_provider_approval,
            expired_at: None,
            first_name: fields.first_name,
            last_declined_at: None,
            last_name: fields.last_name,
            last_requested_at: None,
            phone_number: body.porting.phone_number,
            provider: network.id.clone(),
            recipient_provider: self.catalog.recipient(network),
            required: Vec::new(),
            scheduled_on: fields.scheduled_on.flatten(),
            status: Status::Draft,
            subscription: None,
            user: body.user,
        };
        porting.required = self.still_required(&porting);
        self.portings().push(porting.clone());
        self.changed(&porting);
        Ok(porting)
    }

    pub fn get(&self, id: &str) -> Result<Porting, ApiError> {
        self.portings().iter().find(|p| p.id == id).cloned().ok_or_else(ApiError::porting_not_found)
    }

    /// What happens when a subscription is created with a draft porting: it becomes pending,
    /// then waits for information or is requested from the donor.
    pub fn activate(&self, id: &str) -> Result<Porting, ApiError> {
        let now = rfc3339(self.clock.now());
        let mut portings = self.portings();
        let porting = portings.iter_mut().find(|p| p.id == id).ok_or_else(ApiError::porting_not_found)?;
        if porting.status != Status::Draft {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                "conflictError",
                "portingNotDraft",
                "Only a draft porting can be used for a new subscription.",
            ));
        }
        porting.subscription = Some(new_id("sub"));
        if porting.required.is_empty() {
            porting.status = Status::Requested;
            porting.last_requested_at = Some(now);
        } else {
            porting.status = Status::InformationRequired;
        }
        let porting = porting.clone();
        drop(portings);
        self.changed(&porting);
        Ok(porting)
    }

    fn donor_for(&self, id: &str, network: &str) -> Result<&Donor, ApiError> {
        let donor = self.catalog.donor(id).ok_or_else(|| {
            unprocessable("donorProvider", "donorProviderUnknown", "The donor provider does not exist.")
        })?;
        if !donor.recipient_providers.iter().any(|r| r == network) {
            return Err(unprocessable(
                "donorProvider",
                "donorProviderUnsupported",
                "Numbers cannot be ported from this donor provider to the recipient provider.",
            ));
        }
        Ok(donor)
    }

    /// The donor's requirements that the porting does not fulfil yet.
    fn still_required(&self, porting: &Porting) -> Vec<FieldName> {
        let needed = match porting.donor_provider.as_ref().and_then(|d| self.catalog.donor(&d.id)) {
            None => vec![FieldName::DonorProvider],
            Some(donor) => donor.requires.clone(),
        };
        needed.into_iter().filter(|field| !is_provided(porting, field)).collect()
    }
}

fn is_provided(porting: &Porting, field: &FieldName) -> bool {
    match field {
        FieldName::AccountNumber => porting.account_number.is_some(),
        FieldName::AccountPin => porting.account_pin_exists,
        FieldName::Address => porting.address.is_some(),
        FieldName::Birthday => porting.birthday.is_some(),
        FieldName::DonorProvider => porting.donor_provider.is_some(),
        FieldName::DonorProviderApproval => porting.donor_provider_approval == Some(true),
        FieldName::FirstName => porting.first_name.is_some(),
        FieldName::LastName => porting.last_name.is_some(),
        FieldName::Unknown(_) => false,
    }
}

fn unprocessable(property: &str, code: &str, message: &str) -> ApiError {
    let body = GigsError::new("invalidRequestError", "validationFailed", message)
        .with_detail(property, code, message);
    ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, body: Box::new(body) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::SystemClock;
    use porting_model::{NewPorting, PortingFields};

    fn simulator() -> Simulator {
        Simulator::new("test", "key", Arc::new(SystemClock))
    }

    fn create_body(donor: Option<&str>) -> CreatePorting {
        CreatePorting {
            user: "usr_1".into(),
            provider: "p9".into(),
            porting: NewPorting {
                phone_number: "+15551234567".into(),
                fields: PortingFields { donor_provider: donor.map(Into::into), ..Default::default() },
            },
        }
    }

    #[test]
    fn a_new_porting_is_a_draft_that_requires_its_donor() {
        let porting = simulator().create(create_body(None)).unwrap();
        assert_eq!(porting.status, Status::Draft);
        assert_eq!(porting.required, [FieldName::DonorProvider]);
        assert_eq!(porting.recipient_provider.recipient_providers, ["p9"]);
    }

    #[test]
    fn the_donor_decides_what_is_required() {
        let porting = simulator().create(create_body(Some("svp_us_att"))).unwrap();
        assert_eq!(porting.donor_provider.unwrap().name, "AT&T");
        assert!(porting.required.contains(&FieldName::AccountPin));
        assert!(!porting.required.contains(&FieldName::DonorProvider));
    }

    #[test]
    fn a_donor_of_another_network_is_refused() {
        let error = simulator().create(create_body(Some("svp_gb_ee"))).unwrap_err();
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error.body.details[0].property.as_deref(), Some("donorProvider"));
    }

    #[test]
    fn activating_a_porting_with_missing_information_asks_for_it() {
        let sim = simulator();
        let porting = sim.create(create_body(Some("svp_us_att"))).unwrap();
        let active = sim.activate(&porting.id).unwrap();
        assert_eq!(active.status, Status::InformationRequired);
        assert!(active.subscription.is_some());
        assert_eq!(sim.get(&porting.id).unwrap(), active);
        assert_eq!(sim.activate(&porting.id).unwrap_err().status, StatusCode::CONFLICT);
    }

    #[test]
    fn subscribers_see_every_change() {
        let sim = simulator();
        let mut changes = sim.subscribe();
        let porting = sim.create(create_body(Some("svp_us_att"))).unwrap();
        sim.activate(&porting.id).unwrap();
        assert_eq!(changes.try_recv().unwrap().status, Status::Draft);
        assert_eq!(changes.try_recv().unwrap().status, Status::InformationRequired);
        assert!(changes.try_recv().is_err());
    }
}
