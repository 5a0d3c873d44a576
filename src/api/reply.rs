//! An HTTP answer of the proxy, and the value or failure it carries.

use serde::de::DeserializeOwned;

use super::error::{interpret, ApiError};

/// An HTTP answer.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) body: String,
    pub(super) session: Option<String>,
    pub(super) retry_after: Option<u32>,
}

impl Reply {
    /// The value the answer carries, or the failure it reports.
    pub(super) fn value<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        match self.status {
            429 => Err(ApiError::Busy { retry_after: self.retry_after.unwrap_or(0) }),
            _ => interpret(self.status, &self.body),
        }
    }
}
