//! Every text the buyer sees, in one catalog per language (English for now). Components take
//! their words from here, never from literals, so a translation is one more catalog.

use leptos::prelude::use_context;
use porting_model::Status;

pub struct Messages {
    pub title: &'static str,
    pub loading: &'static str,
    pub number_label: &'static str,
    pub status_label: &'static str,
    pub retry: &'static str,
    pub status_draft: &'static str,
    pub status_pending: &'static str,
    pub status_information_required: &'static str,
    pub status_requested: &'static str,
    pub status_declined: &'static str,
    pub status_completed: &'static str,
    pub status_canceled: &'static str,
    pub status_expired: &'static str,
    pub status_unknown: &'static str,
    pub error_unreachable: &'static str,
    pub error_session: &'static str,
    pub error_not_found: &'static str,
    pub error_server: &'static str,
    pub error_unparseable: &'static str,
    pub error_request: &'static str,
    pub error_config: &'static str,
}

pub const EN: Messages = Messages {
    title: "Keep your phone number",
    loading: "Loading your number transfer…",
    number_label: "Number",
    status_label: "Status",
    retry: "Try again",
    status_draft: "Not started yet",
    status_pending: "Getting ready",
    status_information_required: "We need a few details from you",
    status_requested: "Transfer requested from your current provider",
    status_declined: "Your current provider declined the transfer",
    status_completed: "Your number has been transferred",
    status_canceled: "The transfer was canceled",
    status_expired: "The transfer expired",
    status_unknown: "Transfer in progress",
    error_unreachable: "We couldn't reach the number transfer service. Check your connection and try again.",
    error_session: "Your session has expired. Reload the page to continue.",
    error_not_found: "We couldn't find this number transfer.",
    error_server: "The number transfer service is having trouble. Please try again in a moment.",
    error_unparseable: "The number transfer service sent an answer we couldn't read. Please try again.",
    error_request: "The number transfer service refused the request:",
    error_config: "This page has set up the number transfer form incorrectly:",
};

impl Messages {
    pub fn status(&self, status: &Status) -> &'static str {
        match status {
            Status::Draft => self.status_draft,
            Status::Pending => self.status_pending,
            Status::InformationRequired => self.status_information_required,
            Status::Requested => self.status_requested,
            Status::Declined => self.status_declined,
            Status::Completed => self.status_completed,
            Status::Canceled => self.status_canceled,
            Status::Expired => self.status_expired,
            Status::Unknown(_) => self.status_unknown,
        }
    }
}

/// The catalog the surrounding widget provides, English by default.
pub fn messages() -> &'static Messages {
    use_context::<&'static Messages>().unwrap_or(&EN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_own_text() {
        let mut texts: Vec<_> = Status::KNOWN.iter().map(|s| EN.status(s)).collect();
        texts.push(EN.status(&Status::Unknown("onHold".into())));
        let count = texts.len();
        texts.sort();
        texts.dedup();
        assert_eq!(texts.len(), count);
    }
}
