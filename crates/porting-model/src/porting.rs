//! The objects Gigs returns: porting, address, service provider and lists of them.

use serde::{Deserialize, Serialize};

use crate::validate::CalendarDate;
use crate::values::{AccountType, Behavior, DeclineCode, FieldName, Status};

/// A porting: the request to move a phone number from a donor provider to the recipient.
///
/// Timestamps and dates stay strings exactly as Gigs sent them: the widget only shows them and
/// the proxy only passes them on, so parsing them here could only lose information.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Porting {
    pub object: String,
    pub id: String,
    pub account_number: Option<String>,
    #[serde(default)]
    pub account_pin_exists: bool,
    /// The current reference's (Ireland); absent from older answers, so left out when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// The current reference's: whether a billing PIN was given (it is write-only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub billing_pin_exists: bool,
    pub address: Option<Address>,
    #[serde(default)]
    pub behavior: Behavior,
    pub birthday: Option<String>,
    pub canceled_at: Option<String>,
    pub completed_at: Option<String>,
    pub created_at: String,
    #[serde(default)]
    pub declined_attempts: u32,
    pub declined_code: Option<DeclineCode>,
    pub declined_message: Option<String>,
    pub donor_provider: Option<ServiceProvider>,
    pub donor_provider_approval: Option<bool>,
    pub expired_at: Option<String>,
    /// The current reference's: when the porting failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_at: Option<String>,
    pub first_name: Option<String>,
    pub last_declined_at: Option<String>,
    pub last_name: Option<String>,
    pub last_requested_at: Option<String>,
    pub phone_number: String,
    pub provider: String,
    pub recipient_provider: ServiceProvider,
    #[serde(default)]
    pub required: Vec<FieldName>,
    pub scheduled_on: Option<String>,
    pub status: Status,
    pub subscription: Option<String>,
    pub user: String,
}

impl Porting {
    /// Whether Gigs lets the porting be canceled on `today`: while pending, waiting for
    /// information or declined, or requested for a day still to come (before it nothing moved).
    pub fn cancelable(&self, today: CalendarDate) -> bool {
        match self.status {
            Status::Pending | Status::InformationRequired | Status::Declined => true,
            Status::Requested => self.scheduled_day().is_some_and(|day| day > today),
            _ => false,
        }
    }

    /// `scheduledOn` as a date, when it is one.
    pub fn scheduled_day(&self) -> Option<CalendarDate> {
        self.scheduled_on.as_deref().and_then(|day| day.parse().ok())
    }
}

/// The account holder's address on the donor provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    pub line1: String,
    #[serde(default)]
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: String,
    #[serde(default)]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

impl Address {
    /// The JSON property names of an address, for servers that refuse any other property (serde's
    /// `deny_unknown_fields` would also refuse a property Gigs adds to the addresses it answers).
    pub const NAMES: &'static [&'static str] = &["line1", "line2", "city", "postalCode", "state", "country"];
}

/// A service provider (a brand a number can be ported from or to).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceProvider {
    pub object: String,
    pub id: String,
    pub name: String,
    /// The network providers that can receive portings from this service provider.
    #[serde(default)]
    pub recipient_providers: Vec<String>,
}

/// A page of a Gigs list endpoint.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct List<T> {
    pub object: String,
    pub items: Vec<T>,
    /// The cursor for the next page (`after`), if there is one.
    pub more_items_after: Option<String>,
    /// The cursor for the previous page (`before`), if there is one.
    pub more_items_before: Option<String>,
}

impl<T> List<T> {
    /// The most items Gigs gives in one page (`limit`).
    pub const MAX_LIMIT: usize = 200;
    /// The items in a page when `limit` is not given.
    pub const DEFAULT_LIMIT: usize = 10;

    /// A page holding `items`, with the given cursors.
    pub fn new(items: Vec<T>, more_items_after: Option<String>, more_items_before: Option<String>) -> Self {
        List { object: "list".into(), items, more_items_after, more_items_before }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn porting(status: Status, scheduled_on: Option<&str>) -> Porting {
        let mut porting: Porting = serde_json::from_value(serde_json::json!({
            "object": "porting", "id": "prt_1", "createdAt": "2030-01-01T00:00:00Z",
            "phoneNumber": "+447700900123", "provider": "p4", "status": "pending", "user": "usr_1",
            "recipientProvider": {"object": "serviceProvider", "id": "svp_1", "name": "Net"}
        }))
        .unwrap();
        porting.status = status;
        porting.scheduled_on = scheduled_on.map(str::to_owned);
        porting
    }

    #[test]
    fn cancel_is_allowed_before_the_port_and_for_a_later_scheduled_day() {
        let today: CalendarDate = "2030-01-01".parse().unwrap();
        for status in [Status::Pending, Status::InformationRequired, Status::Declined] {
            assert!(porting(status.clone(), None).cancelable(today), "{status}");
        }
        assert!(porting(Status::Requested, Some("2030-01-02")).cancelable(today));
        assert!(!porting(Status::Requested, Some("2030-01-01")).cancelable(today));
        assert!(!porting(Status::Requested, Some("2029-12-31")).cancelable(today));
        assert!(!porting(Status::Requested, None).cancelable(today));
        assert!(!porting(Status::Requested, Some("soon")).cancelable(today));
        for status in
            [Status::Draft, Status::Completed, Status::Canceled, Status::Expired, Status::from("onHold")]
        {
            assert!(!porting(status.clone(), Some("2030-02-01")).cancelable(today), "{status}");
        }
    }

    #[test]
    fn address_names_are_exactly_the_serialised_properties() {
        let value = serde_json::to_value(Address::default()).unwrap();
        let mut keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        let mut names = Address::NAMES.to_vec();
        keys.sort_unstable();
        names.sort_unstable();
        assert_eq!(keys, names);
    }
}
