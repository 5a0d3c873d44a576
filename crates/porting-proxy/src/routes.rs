//! The widget API's paths under the API prefix, named once: the routers serve them and the
//! contract test holds `openapi.json` to exactly this list.

pub const PORTINGS: &str = "/portings";
pub const PORTING: &str = "/portings/{porting}";
pub const CANCEL: &str = "/portings/{porting}/cancel";
pub const EVENTS: &str = "/portings/{porting}/events";
pub const SERVICE_PROVIDERS: &str = "/serviceProviders";
/// Simulator mode only.
pub const DEV_DEMO: &str = "/dev/demo";
/// Simulator mode only.
pub const DEV_SUBSCRIBE: &str = "/dev/portings/{porting}/subscribe";

/// Every path above; a route added without joining this list fails the contract test, as its
/// router then serves a path the document lacks.
pub const ALL: &[&str] = &[PORTINGS, PORTING, CANCEL, EVENTS, SERVICE_PROVIDERS, DEV_DEMO, DEV_SUBSCRIBE];
