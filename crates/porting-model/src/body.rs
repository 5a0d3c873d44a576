//! Request bodies. An absent field is never sent, so an update cannot wipe what Gigs holds.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::porting::{Address, Porting};
use crate::values::{AccountType, Behavior};

/// A PIN of the donor account: its transfer PIN (or UK PAC/STAC), or its billing PIN. Its
/// `Debug` output is redacted so it cannot reach a log line through `{:?}`; only serialisation
/// for the upstream call reveals it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AccountPin(String);

impl AccountPin {
    pub fn new(pin: impl Into<String>) -> Self {
        AccountPin(pin.into())
    }

    /// The PIN itself, for validation and for the one request that carries it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for AccountPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AccountPin([redacted])")
    }
}

/// The buyer-supplied fields, shared by create and update.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PortingFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_pin: Option<AccountPin>,
    /// The kind of account (the current reference's, for Ireland).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behavior: Option<Behavior>,
    /// The billing PIN (the current reference's), write-only as the account PIN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billing_pin: Option<AccountPin>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birthday: Option<String>,
    /// The donor service provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub donor_provider_approval: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Absent: leave as is. `Some(None)` (JSON `null`): as soon as possible. `Some(Some(date))`.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "present_or_null::serialize",
        deserialize_with = "present_or_null::deserialize"
    )]
    pub scheduled_on: Option<Option<String>>,
}

impl PortingFields {
    /// The JSON property names of these fields, for servers that refuse any other property
    /// (`flatten`, which the bodies below use, rules out serde's `deny_unknown_fields`).
    pub const NAMES: &'static [&'static str] = &[
        "accountNumber",
        "accountPin",
        "accountType",
        "address",
        "behavior",
        "billingPin",
        "birthday",
        "donorProvider",
        "donorProviderApproval",
        "firstName",
        "lastName",
        "scheduledOn",
    ];

    /// What of these (normalised) fields differs from what `porting` holds: all an update needs
    /// to carry. A PIN cannot be read back to compare, so a given one is always kept.
    pub fn changed_from(self, porting: &Porting) -> PortingFields {
        fn new<T: PartialEq>(value: Option<T>, held: Option<&T>) -> Option<T> {
            value.filter(|value| Some(value) != held)
        }
        PortingFields {
            account_number: new(self.account_number, porting.account_number.as_ref()),
            account_pin: self.account_pin,
            account_type: new(self.account_type, porting.account_type.as_ref()),
            address: new(self.address, porting.address.as_ref()),
            behavior: new(self.behavior, Some(&porting.behavior)),
            billing_pin: self.billing_pin,
            birthday: new(self.birthday, porting.birthday.as_ref()),
            donor_provider: new(self.donor_provider, porting.donor_provider.as_ref().map(|p| &p.id)),
            donor_provider_approval: new(
                self.donor_provider_approval,
                porting.donor_provider_approval.as_ref(),
            ),
            first_name: new(self.first_name, porting.first_name.as_ref()),
            last_name: new(self.last_name, porting.last_name.as_ref()),
            scheduled_on: new(self.scheduled_on, Some(&porting.scheduled_on)),
        }
    }
}

/// What the widget sends to the proxy to create a porting; the proxy adds `user` and `provider`
/// from the buyer's session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewPorting {
    /// E.164.
    pub phone_number: String,
    #[serde(flatten)]
    pub fields: PortingFields,
}

/// The Gigs create body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatePorting {
    pub user: String,
    /// The recipient network provider, e.g. `p9`.
    pub provider: String,
    #[serde(flatten)]
    pub porting: NewPorting,
}

/// The Gigs update body (`PATCH`). An empty update retries a declined porting.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdatePorting {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(flatten)]
    pub fields: PortingFields,
}

/// Keeps an explicit JSON `null` apart from an absent field.
mod present_or_null {
    use super::*;

    pub fn serialize<S: Serializer>(value: &Option<Option<String>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(inner) => inner.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
        Option::<String>::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_update_serialises_to_empty_object() {
        assert_eq!(serde_json::to_string(&UpdatePorting::default()).unwrap(), "{}");
    }

    #[test]
    fn scheduled_on_keeps_null_apart_from_absent() {
        let absent: UpdatePorting = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.fields.scheduled_on, None);
        let asap: UpdatePorting = serde_json::from_str(r#"{"scheduledOn":null}"#).unwrap();
        assert_eq!(asap.fields.scheduled_on, Some(None));
        assert_eq!(serde_json::to_string(&asap).unwrap(), r#"{"scheduledOn":null}"#);
        let dated: UpdatePorting = serde_json::from_str(r#"{"scheduledOn":"2030-01-02"}"#).unwrap();
        assert_eq!(dated.fields.scheduled_on, Some(Some("2030-01-02".into())));
    }

    #[test]
    fn names_are_exactly_the_serialised_properties() {
        let full = PortingFields {
            account_number: Some("1".into()),
            account_pin: Some(AccountPin::new("1234")),
            account_type: Some(AccountType::PostpaidSingle),
            address: Some(Address::default()),
            behavior: Some(Behavior::PortIn),
            billing_pin: Some(AccountPin::new("5678")),
            birthday: Some("1990-01-01".into()),
            donor_provider: Some("svp_1".into()),
            donor_provider_approval: Some(true),
            first_name: Some("A".into()),
            last_name: Some("B".into()),
            scheduled_on: Some(None),
        };
        let value = serde_json::to_value(&full).unwrap();
        let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, PortingFields::NAMES);
    }

    #[test]
    fn only_what_differs_from_the_porting_is_changed_and_a_pin_always() {
        let porting: Porting = serde_json::from_value(serde_json::json!({
            "object": "porting", "id": "prt_1", "accountPinExists": true, "behavior": "portIn",
            "createdAt": "2021-01-21T19:12:28Z", "declinedAttempts": 0, "firstName": "Jerry",
            "donorProvider": {"object": "serviceProvider", "id": "svp_1", "name": "AT&T", "recipientProviders": []},
            "donorProviderApproval": true, "phoneNumber": "+12025550100", "provider": "p9",
            "recipientProvider": {"object": "serviceProvider", "id": "svp_2", "name": "Gigs", "recipientProviders": []},
            "required": [], "scheduledOn": "2030-01-02", "status": "draft", "user": "usr_1"
        }))
        .unwrap();
        let typed = PortingFields {
            account_pin: Some(AccountPin::new("1234")),
            billing_pin: Some(AccountPin::new("5678")),
            behavior: Some(Behavior::PortIn),
            donor_provider: Some("svp_1".into()),
            donor_provider_approval: Some(true),
            first_name: Some("Jerome".into()),
            last_name: Some("Seinfeld".into()),
            scheduled_on: Some(None),
            ..Default::default()
        };
        let changed = serde_json::to_value(typed.changed_from(&porting)).unwrap();
        assert_eq!(
            changed,
            serde_json::json!({"accountPin": "1234", "billingPin": "5678", "firstName": "Jerome", "lastName": "Seinfeld", "scheduledOn": null})
        );
        let same = PortingFields { scheduled_on: Some(Some("2030-01-02".into())), ..Default::default() };
        assert_eq!(same.changed_from(&porting), PortingFields::default());
    }

    #[test]
    fn pin_debug_is_redacted_but_serialises() {
        let fields = PortingFields {
            account_pin: Some(AccountPin::new("8642")),
            billing_pin: Some(AccountPin::new("9753")),
            ..Default::default()
        };
        assert!(!format!("{fields:?}").contains("8642") && !format!("{fields:?}").contains("9753"));
        assert_eq!(serde_json::to_string(&fields).unwrap(), r#"{"accountPin":"8642","billingPin":"9753"}"#);
    }

    #[test]
    fn create_body_puts_user_and_provider_beside_the_fields() {
        let body = CreatePorting {
            user: "usr_1".into(),
            provider: "p9".into(),
            porting: NewPorting {
                phone_number: "+15551234567".into(),
                fields: PortingFields { first_name: Some("Ada".into()), ..Default::default() },
            },
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"user":"usr_1","provider":"p9","phoneNumber":"+15551234567","firstName":"Ada"})
        );
    }
}
