//! The widget API between the widget and the merchant's proxy, named once for both sides: the
//! paths under the API prefix (`{porting}` stands for a porting id), the header that carries a
//! widened session, and the demo route's answer. The proxy's contract test holds `openapi.json`
//! to these.

use serde::{Deserialize, Serialize};

pub const PORTINGS: &str = "/portings";
pub const PORTING: &str = "/portings/{porting}";
pub const CANCEL: &str = "/portings/{porting}/cancel";
pub const EVENTS: &str = "/portings/{porting}/events";
pub const SERVICE_PROVIDERS: &str = "/serviceProviders";
/// A porting's first state rendered to HTML by the widget's own components (`text/html`).
pub const PORTING_VIEW: &str = "/portings/{porting}/view";
/// The create step rendered to HTML, for a buyer with no porting yet.
pub const CREATE_VIEW: &str = "/view";
/// The rendered views' query: the widget's language (a BCP 47 tag), the browser's locale for
/// dates, and the buyer's offset from UTC in minutes (east positive).
pub const VIEW_QUERY: [&str; 3] = ["lang", "locale", "tz"];
/// Simulator mode only.
pub const DEV_DEMO: &str = "/dev/demo";
/// Simulator mode only.
pub const DEV_SUBSCRIBE: &str = "/dev/portings/{porting}/subscribe";
/// Simulator mode only: a fresh session for a porting's buyer, as the merchant's backend mints one.
pub const DEV_SESSION: &str = "/dev/portings/{porting}/session";

/// Every path above: the routers are built from these, and the contract test holds
/// `openapi.json` to exactly this list.
pub const ALL: &[&str] = &[
    PORTINGS,
    PORTING,
    CANCEL,
    EVENTS,
    SERVICE_PROVIDERS,
    PORTING_VIEW,
    CREATE_VIEW,
    DEV_DEMO,
    DEV_SUBSCRIBE,
    DEV_SESSION,
];

/// The answer header of `POST /portings` with a session that also allows the new porting.
pub const PORTING_SESSION_HEADER: &str = "porting-session";

/// `path` for porting `id` (already encoded for a URL path segment).
pub fn for_porting(path: &str, id: &str) -> String {
    path.replace("{porting}", id)
}

/// The answer of the demo route: a session for a demo buyer and their porting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoSession {
    pub session: String,
    pub porting_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porting_paths_take_the_id_and_every_path_is_listed_once() {
        assert_eq!(for_porting(CANCEL, "prt_1"), "/portings/prt_1/cancel");
        assert_eq!(for_porting(PORTINGS, "prt_1"), PORTINGS);
        let mut all = ALL.to_vec();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), ALL.len());
    }
}
