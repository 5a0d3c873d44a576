//! The Gigs error object, which the proxy also uses for its own errors so the widget parses one
//! shape whatever went wrong.

use serde::{Deserialize, Serialize};

/// `{"object":"error","type":…,"code":…,"message":…,"details":[…]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GigsError {
    pub object: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub code: Option<String>,
    pub message: String,
    #[serde(default)]
    pub details: Vec<ErrorDetail>,
}

/// One problem with one property of a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    #[serde(default)]
    pub property: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    pub message: String,
}

impl GigsError {
    /// An error of the given type and code, with no details.
    pub fn new(kind: &str, code: &str, message: impl Into<String>) -> Self {
        GigsError {
            object: "error".into(),
            kind: kind.into(),
            code: Some(code.into()),
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// The same error with one more detail about `property`.
    pub fn with_detail(mut self, property: &str, code: &str, message: impl Into<String>) -> Self {
        self.details.push(ErrorDetail {
            property: Some(property.into()),
            code: Some(code.into()),
            message: message.into(),
        });
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_serialises_in_the_gigs_shape() {
        let error = GigsError::new("invalidRequestError", "validationFailed", "Invalid fields.").with_detail(
            "birthday",
            "invalid",
            "Birthday must be in the past.",
        );
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({
                "object": "error",
                "type": "invalidRequestError",
                "code": "validationFailed",
                "message": "Invalid fields.",
                "details": [{"property": "birthday", "code": "invalid", "message": "Birthday must be in the past."}]
            })
        );
    }

    #[test]
    fn error_without_code_or_details_parses() {
        let error: GigsError =
            serde_json::from_str(r#"{"object":"error","type":"apiError","message":"Boom"}"#).unwrap();
        assert_eq!(error.code, None);
        assert!(error.details.is_empty());
    }
}
