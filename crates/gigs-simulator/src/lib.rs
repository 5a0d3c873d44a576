//! An in-memory Gigs: the porting lifecycle behind a Gigs-shaped HTTP API, so the whole product
//! runs and is tested offline.
//!
//! Time is the simulator's [`Clock`]: the donor's answers are scheduled at simulated times and
//! applied by [`Simulator::tick`] (and before every operation, so each sees the world as of its
//! clock). Serve mode ticks in the background; tests advance a manual clock instead of waiting.

mod catalog;
mod checks;
mod lifecycle;
mod pagination;
mod routes;
pub mod standalone;
mod store;
pub mod test_numbers;
mod webhooks;

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use porting_model::{Behavior, CreatePorting, List, Porting, ServiceProvider, Status, UpdatePorting};
use time::OffsetDateTime;
use tokio::sync::broadcast;

pub use catalog::{Catalog, Donor, NetworkProvider};
pub use lifecycle::ANSWER_TIME;
pub use pagination::Page;
pub use routes::router;
pub use webhooks::spawn_webhooks;

use checks::{check, status_allows, Target};
use gigs_http::clock::{today, Clock};
use gigs_http::error::ApiError;
use gigs_http::ids::new_id;
use store::{Record, Store};

/// The project name of the simulator when none is given (the proxy's embedded one's).
pub const SIMULATOR_PROJECT: &str = "sim";
/// The embedded simulator's API key (the proxy's). It protects nothing real: the simulator is reached
/// in-process and only holds demo data.
pub const SIMULATOR_API_KEY: &str = "sim_test_key";

/// How much faster than real time the proxy's embedded simulator runs: a port answered after
/// [`ANSWER_TIME`] (two simulated minutes) is answered in two seconds.
pub const EMBEDDED_SPEED: f64 = 60.0;
/// How often serve mode applies the answers that have fallen due (real time).
pub const TICK_EVERY: Duration = Duration::from_millis(200);

/// Which portings a list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortingFilter {
    /// Any of these statuses; all statuses when empty.
    pub statuses: Vec<Status>,
    pub subscription: Option<String>,
}

impl PortingFilter {
    fn keeps(&self, porting: &Porting) -> bool {
        (self.statuses.is_empty() || self.statuses.contains(&porting.status))
            && self.subscription.as_ref().is_none_or(|s| porting.subscription.as_ref() == Some(s))
    }
}

/// The simulated Gigs project.
pub struct Simulator {
    project: String,
    api_key: String,
    catalog: Catalog,
    clock: Arc<dyn Clock>,
    store: Mutex<Store>,
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
            store: Mutex::new(Store::default()),
            changes: broadcast::channel(1024).0,
        }
    }

    /// Each porting as it is after every change from now on. A receiver that falls more than
    /// 1024 changes behind misses the oldest (and learns so from `RecvError::Lagged`).
    pub fn subscribe(&self) -> broadcast::Receiver<Porting> {
        self.changes.subscribe()
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The simulated time.
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    /// Creates a porting in `draft`, as Gigs does.
    pub fn create(&self, body: CreatePorting) -> Result<Porting, ApiError> {
        if body.user.trim().is_empty() {
            return Err(ApiError::invalid_field("user", "required", "A value is required."));
        }
        let fields = &body.porting.fields;
        let target = Target {
            phone_number: &body.porting.phone_number,
            provider: &body.provider,
            donor_provider: fields.donor_provider.as_deref(),
            behavior: fields.behavior.as_ref().unwrap_or(&Behavior::PortIn),
        };
        self.transact(|store, now, changed| {
            let checked = check(&self.catalog, &target, fields, today(now))?;
            let porting = checked.into_draft(body.user.clone(), &self.catalog, now);
            store.insert(porting.clone());
            changed.push(porting.clone());
            Ok(porting)
        })
    }

    pub fn get(&self, id: &str) -> Result<Porting, ApiError> {
        self.transact(|store, _, _| Ok(store.get(id)?.porting.clone()))
    }

    /// Updates a porting: 409 when its status forbids the change, 422 for invalid values. A
    /// porting that waits for information is requested once nothing is missing; a declined one
    /// is retried by any update, the empty one included.
    pub fn update(&self, id: &str, update: UpdatePorting) -> Result<Porting, ApiError> {
        self.change(id, |record, now| {
            status_allows(&record.porting.status, &update)?;
            let target = Target::of_update(&record.porting, &update);
            let checked = check(&self.catalog, &target, &update.fields, today(now))?;
            checked.apply_to(&mut record.porting, &self.catalog);
            lifecycle::advance(record, now);
            Ok(())
        })
    }

    /// Cancels a porting, which only its status and scheduled day allow (409 otherwise).
    pub fn cancel(&self, id: &str) -> Result<Porting, ApiError> {
        self.change(id, |record, now| {
            let porting = &mut record.porting;
            if !porting.cancelable(today(now)) {
                let message = format!(
                    "A {} porting cannot be canceled: only a pending, informationRequired or declined one, or a requested one scheduled for a later day.",
                    porting.status
                );
                return Err(ApiError::conflict("portingNotCancelable", message));
            }
            lifecycle::enter(porting, Status::Canceled, now);
            record.due = None;
            Ok(())
        })
    }

    /// What happens when the merchant creates a subscription with a draft porting (Gigs has no
    /// porting endpoint for it): it becomes pending, then waits for information or is requested.
    pub fn activate(&self, id: &str) -> Result<Porting, ApiError> {
        self.change(id, |record, now| {
            if record.porting.status != Status::Draft {
                return Err(ApiError::conflict(
                    "portingNotDraft",
                    "Only a draft porting can be used for a new subscription.",
                ));
            }
            record.porting.subscription = Some(new_id("sub"));
            record.porting.status = Status::Pending;
            lifecycle::advance(record, now);
            Ok(())
        })
    }

    /// A page of the portings that `filter` keeps, newest first.
    pub fn list(&self, filter: &PortingFilter, page: &Page) -> Result<List<Porting>, ApiError> {
        self.transact(|store, _, _| {
            pagination::paginate(&store.newest_first(), |p| &p.id, |p| filter.keeps(p), page)
        })
    }

    /// A service provider: a donor, or a network's own brand.
    pub fn service_provider(&self, id: &str) -> Result<ServiceProvider, ApiError> {
        self.catalog.service_provider(id).ok_or_else(|| {
            ApiError::not_found("serviceProviderNotFound", "The service provider was not found.")
        })
    }

    /// A page of the donors, in catalog order, that port to `recipient` (all without it).
    pub fn service_providers(
        &self,
        recipient: Option<&str>,
        page: &Page,
    ) -> Result<List<ServiceProvider>, ApiError> {
        let donors = self.catalog.donors();
        let refs: Vec<&ServiceProvider> = donors.iter().collect();
        let ports_to =
            |p: &ServiceProvider| recipient.is_none_or(|r| p.recipient_providers.iter().any(|x| x == r));
        pagination::paginate(&refs, |p| &p.id, ports_to, page)
    }

    /// Applies every answer that has fallen due by now; returns how many.
    pub fn tick(&self) -> usize {
        self.transact(|_, _, changed| Ok(changed.len())).expect("counting changes cannot fail")
    }

    /// Ticks every `every` (real time) until the simulator is dropped.
    pub fn spawn_ticker(self: &Arc<Self>, every: Duration) -> tokio::task::JoinHandle<()> {
        let simulator = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut interval = tokio::time::interval(every);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                interval.tick().await;
                match simulator.upgrade() {
                    Some(simulator) => simulator.tick(),
                    None => break,
                };
            }
        })
    }

    /// Runs `operation` on one porting and reports it changed.
    fn change(
        &self,
        id: &str,
        operation: impl FnOnce(&mut Record, OffsetDateTime) -> Result<(), ApiError>,
    ) -> Result<Porting, ApiError> {
        self.transact(|store, now, changed| {
            let record = store.get_mut(id)?;
            operation(record, now)?;
            changed.push(record.porting.clone());
            Ok(record.porting.clone())
        })
    }

    /// Runs `operation` on the store as of now, once the answers due by then are applied; then
    /// sends every changed porting to subscribers, in order, outside the lock.
    fn transact<R>(
        &self,
        operation: impl FnOnce(&mut Store, OffsetDateTime, &mut Vec<Porting>) -> Result<R, ApiError>,
    ) -> Result<R, ApiError> {
        let now = self.clock.now();
        let mut changed = Vec::new();
        let result = {
            let mut store = self.store();
            for record in store.due_at(now) {
                let due = record.due.take().expect("a due record has its answer");
                lifecycle::apply(&mut record.porting, due.answer, due.at);
                changed.push(record.porting.clone());
            }
            operation(&mut store, now, &mut changed)
        };
        for porting in changed {
            // No subscriber is fine: nobody is watching.
            let _ = self.changes.send(porting);
        }
        result
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // Operations check everything before they write, and writing does not panic, so a panic
        // cannot leave a porting half-changed: a poisoned lock is still safe to use.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
