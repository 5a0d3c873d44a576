//! The number-transfer form's decisions, kept pure (no DOM, no signals) so native unit tests cover
//! them: what each field is ([`table`]), which fields show ([`plan`]), what the buyer typed
//! ([`draft`]), the model's rules applied field by field ([`checks`]), the bodies sent
//! ([`body`]), problems from both sides ([`errors`]), the date boxes a problem is about
//! ([`date`]) and the provider picker's search and keyboard moves ([`picker`]).

pub mod body;
pub mod checks;
pub mod date;
pub mod draft;
pub mod errors;
pub mod picker;
pub mod plan;
pub mod table;

pub use table::Field;

/// Portings for the unit tests of this module's parts.
#[cfg(test)]
pub(crate) mod testing {
    use porting_model::Porting;

    use super::draft::Draft;
    use super::Field;

    /// Answers with `pairs` typed in and nothing else.
    pub fn draft(pairs: &[(Field, &str)]) -> Draft {
        let mut draft = Draft::default();
        for (field, value) in pairs {
            draft.set_text(*field, (*value).to_owned());
        }
        draft
    }

    /// The porting example of Gigs' API reference: every field provided and every name required.
    pub fn spec_porting() -> Porting {
        serde_json::from_value(serde_json::json!({
            "object": "porting", "id": "prt_0SNlurA049MEWV39s2kSYqaat7ZS", "accountNumber": "123456789",
            "accountPinExists": true,
            "address": {"city": "New York City", "country": "US", "line1": "129 West 81st Street",
                        "line2": "Apartment 5A", "postalCode": "10024", "state": "NY"},
            "behavior": "portIn", "birthday": "2017-07-21", "canceledAt": "2021-01-21T19:39:53Z",
            "completedAt": "2021-01-21T19:36:57Z", "createdAt": "2021-01-21T19:12:28.0Z",
            "declinedAttempts": 0, "declinedCode": "portingPhoneNumberPortProtected",
            "declinedMessage": "The phone number has port protection on the provider.",
            "donorProvider": {"object": "serviceProvider", "id": "svp_0SNlurA01K6GY5L0XJffY8",
                              "name": "AT&T", "recipientProviders": ["p3"]},
            "donorProviderApproval": true, "expiredAt": "2021-01-21T19:39:53Z", "firstName": "Jerry",
            "lastDeclinedAt": "2021-01-21T19:31:13Z", "lastName": "Seinfeld",
            "lastRequestedAt": "2021-01-21T19:22:31Z", "phoneNumber": "+19591234567", "provider": "p9",
            "recipientProvider": {"object": "serviceProvider", "id": "svp_0SNlurA01K6GY5L0XJffY8",
                                  "name": "AT&T", "recipientProviders": ["p3"]},
            "required": ["accountNumber", "accountPin", "address", "birthday", "donorProvider",
                         "donorProviderApproval", "firstName", "lastName"],
            "scheduledOn": "2021-01-21", "status": "draft", "subscription": "sub_0SNlurA049MEWV2gSfSxi00xlPIi",
            "user": "usr_0SNlurA049MEWV4OpCwsNyC9Kn2d"
        }))
        .unwrap()
    }
}
