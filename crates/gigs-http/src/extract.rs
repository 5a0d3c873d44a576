//! A JSON body extractor whose rejections are Gigs-shaped errors instead of axum's plain text.

use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use bytes::Bytes;
use porting_model::{Address, ErrorDetail, PortingFields};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Like `axum::Json`, but a bad body becomes a 400 (not JSON) or 422 (wrong shape) in the Gigs
/// error shape, naming the offending property where serde knows it.
pub struct GigsJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for GigsJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::payload_too_large(),
            status => ApiError::new(status, "invalidRequestError", "bodyUnreadable", rejection.body_text()),
        })?;
        parse_json(&bytes).map(GigsJson)
    }
}

/// Parses a request body, mapping syntax errors to 400 and shape errors to 422. Neither message
/// quotes the body: serde's own would, and the value may be a PIN.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let body = if bytes.iter().all(u8::is_ascii_whitespace) { b"{}".as_slice() } else { bytes };
    let body: Value = serde_json::from_slice(body)
        .map_err(|_| ApiError::bad_request("bodyNotJson", "The request body is not valid JSON."))?;
    deserialize(&body)
}

/// The properties a porting body may carry besides [`PortingFields`]: `flatten` rules out
/// `deny_unknown_fields`, and a dropped typo such as `accountPIN` would look like success.
pub struct BodyShape {
    /// Properties that must be present (and not null).
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

impl BodyShape {
    /// `body` as a `T`, or a 422 whose details name each unknown (also inside `address`, as
    /// `address.floor`) or missing property, or the property whose value has the wrong type.
    pub fn parse<T: DeserializeOwned>(&self, body: Map<String, Value>) -> Result<T, ApiError> {
        let allowed = |name: &str| {
            self.required.contains(&name)
                || self.optional.contains(&name)
                || PortingFields::NAMES.contains(&name)
        };
        // An address is an object of its own: its parts are checked by name too.
        let address_parts = body.get("address").and_then(Value::as_object).into_iter().flat_map(|address| {
            address
                .keys()
                .filter(|part| !Address::NAMES.contains(&part.as_str()))
                .map(|part| format!("address.{part}"))
        });
        let unknown =
            body.keys().filter(|name| !allowed(name)).cloned().chain(address_parts).map(|property| {
                ErrorDetail {
                    property: Some(property),
                    code: Some("unknownProperty".into()),
                    message: "Is not a property this request accepts.".into(),
                }
            });
        let missing =
            self.required.iter().filter(|name| body.get(**name).is_none_or(Value::is_null)).map(|name| {
                ErrorDetail {
                    property: Some((*name).into()),
                    code: Some("required".into()),
                    message: "A value is required.".into(),
                }
            });
        let problems: Vec<ErrorDetail> = unknown.chain(missing).collect();
        if !problems.is_empty() {
            return Err(ApiError::invalid_fields(problems));
        }
        deserialize(&Value::Object(body))
    }
}

/// `body` as a `T`, or a 422 naming the property whose value has the wrong type and the type it
/// should have. serde's own message is not passed on: it quotes the value, which may be a PIN.
fn deserialize<T: DeserializeOwned>(body: &Value) -> Result<T, ApiError> {
    serde_path_to_error::deserialize(body).map_err(|error| {
        let property = match error.path().to_string() {
            // serde loses the path inside a `flatten`ed struct: read the fields one by one.
            root if root == "." => wrong_porting_field(body),
            path => Some(path),
        };
        let message = format!("Must be {}.", expected_type(property.as_deref()));
        ApiError::invalid_fields(vec![ErrorDetail { property, code: Some("invalidType".into()), message }])
    })
}

/// What a property of a porting body holds (the body itself: `None`), in words for a message.
fn expected_type(property: Option<&str>) -> &'static str {
    match property {
        None => "a JSON object",
        Some("address") => "an address object with line1, city, postalCode and country strings",
        Some("donorProviderApproval") => "true or false",
        Some("scheduledOn") => "a string or null",
        Some(_) => "a string",
    }
}

/// The path (such as `address.line1`) of the first of the buyer's fields in `body` that does
/// not read as its type on its own.
fn wrong_porting_field(body: &Value) -> Option<String> {
    PortingFields::NAMES.iter().find_map(|name| {
        let alone = Value::Object(Map::from_iter([((*name).to_owned(), body.get(*name)?.clone())]));
        let error = serde_path_to_error::deserialize::<_, PortingFields>(&alone).err()?;
        Some(error.path().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::UpdatePorting;

    #[test]
    fn syntax_errors_are_400_and_shape_errors_422() {
        assert_eq!(parse_json::<UpdatePorting>(b"{").unwrap_err().status, StatusCode::BAD_REQUEST);
        let shape = parse_json::<UpdatePorting>(br#"{"firstName": 7}"#).unwrap_err();
        assert_eq!(shape.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(detail_codes(&shape), [(Some("firstName"), Some("invalidType"))]);
        assert_eq!(shape.body.details[0].message, "Must be a string.");
    }

    #[test]
    fn a_mistyped_value_is_never_quoted_back() {
        for body in [
            &br#"948372615"#[..],
            br#""948372615""#,
            br#"[948372615]"#,
            br#"{"accountPin": 948372615}"#,
            br#"{"accountPin": ["948372615"]}"#,
            br#"{"behavior": 948372615}"#,
            br#"{"donorProviderApproval": "948372615"}"#,
            br#"{"address": {"line1": 948372615}}"#,
        ] {
            let error = parse_json::<Map<String, Value>>(body)
                .and_then(|body| PORTING_UPDATE_SHAPE.parse::<UpdatePorting>(body))
                .unwrap_err();
            assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
            let shown = serde_json::to_string(&*error.body).unwrap();
            assert!(!shown.contains("948372615"), "{shown}");
            assert!(error.body.details[0].message.starts_with("Must be "), "{shown}");
        }
    }

    const PORTING_UPDATE_SHAPE: BodyShape = BodyShape { required: &[], optional: &["phoneNumber"] };

    const SHAPE: BodyShape = BodyShape { required: &["phoneNumber"], optional: &[] };

    fn parse_with_shape(json: Value) -> Result<porting_model::NewPorting, ApiError> {
        SHAPE.parse(json.as_object().unwrap().clone())
    }

    fn detail_codes(error: &ApiError) -> Vec<(Option<&str>, Option<&str>)> {
        error.body.details.iter().map(|d| (d.property.as_deref(), d.code.as_deref())).collect()
    }

    #[test]
    fn a_body_of_its_shape_parses() {
        let body = parse_with_shape(serde_json::json!({"phoneNumber": "+12025550100", "firstName": "Ada"}));
        assert_eq!(body.unwrap().fields.first_name.as_deref(), Some("Ada"));
    }

    #[test]
    fn unknown_and_missing_properties_are_named() {
        let error = parse_with_shape(serde_json::json!({"user": "usr_1", "accountPIN": "1"})).unwrap_err();
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        let mut codes = detail_codes(&error);
        codes.sort();
        assert_eq!(
            codes,
            [
                (Some("accountPIN"), Some("unknownProperty")),
                (Some("phoneNumber"), Some("required")),
                (Some("user"), Some("unknownProperty")),
            ]
        );
        let nested =
            serde_json::json!({"phoneNumber": "+1", "address": {"line1": "1 Main St", "floor": "3"}});
        let nested = parse_with_shape(nested).unwrap_err();
        assert_eq!(detail_codes(&nested), [(Some("address.floor"), Some("unknownProperty"))]);
        let null = parse_with_shape(serde_json::json!({"phoneNumber": null})).unwrap_err();
        assert_eq!(detail_codes(&null), [(Some("phoneNumber"), Some("required"))]);
    }

    #[test]
    fn a_wrong_type_names_its_property_also_inside_the_flattened_fields() {
        let error = parse_with_shape(serde_json::json!({"phoneNumber": 7})).unwrap_err();
        assert_eq!(error.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(detail_codes(&error), [(Some("phoneNumber"), Some("invalidType"))]);
        let pin = parse_with_shape(serde_json::json!({"phoneNumber": "+1", "accountPin": 8642})).unwrap_err();
        assert_eq!(detail_codes(&pin), [(Some("accountPin"), Some("invalidType"))]);
        assert!(!format!("{:?}", pin.body).contains("8642"), "the value is not quoted back");
        let nested = parse_with_shape(serde_json::json!({"phoneNumber": "+1", "address": {"line1": 3}}));
        let nested = nested.unwrap_err();
        assert_eq!(detail_codes(&nested), [(Some("address.line1"), Some("invalidType"))]);
    }

    #[test]
    fn an_empty_body_is_an_empty_object() {
        assert_eq!(parse_json::<UpdatePorting>(b"").unwrap(), UpdatePorting::default());
    }
}
