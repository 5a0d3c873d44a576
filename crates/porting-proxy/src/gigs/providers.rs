//! The service-provider list of each recipient network, cached for a few minutes: it changes
//! rarely, and fetching it for every buyer would spend the shared API key's rate at Gigs (a list
//! is up to ten Gigs calls). A miss holds its network's slot while it fetches, so however many
//! buyers ask at once, Gigs is asked once, and buyers of other networks do not wait.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use porting_model::ServiceProvider;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::client::Gigs;
use crate::error::ApiError;
use crate::shared::{Redis, Unavailable};

/// How long a fetched list is served before it is fetched again.
pub const TTL: Duration = Duration::from_secs(300);
/// Pages of one list fetched at most (of up to 200 each): a bound on the work one miss can cause,
/// far above any real catalog.
pub const MAX_PAGES: usize = 10;
/// Networks cached at most: they come from verified sessions, so only the merchant names them.
const MAX_NETWORKS: usize = 64;

/// A network's list, and when it was fetched.
type Cached = (Instant, Arc<Vec<ServiceProvider>>);

/// Each network's slot: its cached list, behind a lock held across its fetch (so a miss fetches
/// once however many ask, and other networks do not wait for it).
type Slot = Arc<Mutex<Option<Cached>>>;

#[derive(Default)]
pub struct ProviderLists {
    slots: std::sync::Mutex<HashMap<String, Slot>>,
}

impl ProviderLists {
    /// The providers Gigs lists for `network`, fetched at most once per [`TTL`] (across every
    /// instance sharing `redis`). A failed fetch is not cached: the next request tries again.
    pub async fn of(
        &self,
        gigs: &Gigs,
        redis: Option<&Arc<Redis>>,
        network: &str,
    ) -> Result<Arc<Vec<ServiceProvider>>, ApiError> {
        let slot = self.slot(network);
        let mut cached = slot.lock().await;
        if let Some((fetched, list)) = cached.as_ref().filter(|(fetched, _)| fetched.elapsed() < TTL) {
            tracing::trace!(age = ?fetched.elapsed(), "service provider list from the cache");
            return Ok(list.clone());
        }
        let list = Arc::new(match redis {
            Some(redis) => shared(gigs, redis, network).await?,
            None => fetch(gigs, network).await?,
        });
        *cached = Some((Instant::now(), list.clone()));
        Ok(list)
    }

    /// The slot of `network`; beyond [`MAX_NETWORKS`] the slots nobody is using are dropped.
    fn slot(&self, network: &str) -> Slot {
        let mut slots = self.slots.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if !slots.contains_key(network) && slots.len() >= MAX_NETWORKS {
            slots.retain(|_, slot| Arc::strong_count(slot) > 1);
        }
        slots.entry(network.to_owned()).or_default().clone()
    }
}

/// The list another instance fetched, or fetched here by the one instance that claims the fetch
/// while the others wait for it (a while at most, then they fetch too). Without Redis, fetched.
async fn shared(gigs: &Gigs, redis: &Redis, network: &str) -> Result<Vec<ServiceProvider>, ApiError> {
    for _ in 0..SHARED_WAITS {
        match redis.providers(network).await {
            Ok(Some(list)) => return Ok(list),
            Ok(None) => {}
            Err(Unavailable) => return fetch(gigs, network).await,
        }
        if redis.claim(&format!("providers:{network}"), CLAIM).await.unwrap_or(true) {
            let list = fetch(gigs, network).await?;
            redis.cache_providers(network, &list, TTL).await;
            return Ok(list);
        }
        tokio::time::sleep(WAIT).await;
    }
    fetch(gigs, network).await
}

/// How long one instance's fetch is waited for by the others: `SHARED_WAITS` × `WAIT`.
const SHARED_WAITS: usize = 50;
const WAIT: Duration = Duration::from_millis(100);
const CLAIM: Duration = Duration::from_secs(10);

async fn fetch(gigs: &Gigs, network: &str) -> Result<Vec<ServiceProvider>, ApiError> {
    let mut providers = Vec::new();
    let mut after = None;
    for _ in 0..MAX_PAGES {
        let page = gigs.list_service_providers(network, after.as_deref()).await?;
        providers.extend(page.items);
        after = page.more_items_after;
        if after.is_none() {
            return Ok(providers);
        }
    }
    tracing::warn!(pages = MAX_PAGES, "service provider list cut short");
    Ok(providers)
}
