//! Gigs webhook events and their signatures, shared by the simulator (which sends them) and the
//! proxy (which verifies them on `POST /webhooks/gigs`).
//!
//! Signing follows the Standard Webhooks scheme: headers `webhook-id`, `webhook-timestamp`
//! (Unix seconds) and `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`;
//! several space-separated signatures are allowed while a secret is rotated.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use porting_model::Porting;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

pub const ID_HEADER: &str = "webhook-id";
pub const TIMESTAMP_HEADER: &str = "webhook-timestamp";
pub const SIGNATURE_HEADER: &str = "webhook-signature";
/// How old (or how far in the future) a delivery may be; older ones are treated as replays.
pub const TOLERANCE_SECS: i64 = 300;
/// Signatures a delivery may list: one per secret while a secret is rotated, with room to spare.
/// A header listing more is malformed, so no request can make the receiver compare without end.
pub const MAX_SIGNATURES: usize = 5;
/// An HMAC-SHA256 tag in base64: 32 bytes, 44 characters.
const ENCODED_TAG_LEN: usize = 44;

/// The event types a porting produces.
pub const PORTING_UPDATED: &str = "com.gigs.porting.updated";

/// A Gigs event about a porting (CloudEvents-shaped, as Gigs sends them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub object: String,
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub specversion: String,
    pub source: String,
    pub time: String,
    pub data: Porting,
}

impl Event {
    pub fn porting_updated(id: String, time: String, porting: Porting) -> Event {
        Event {
            object: "event".into(),
            id,
            kind: PORTING_UPDATED.into(),
            specversion: "1.0".into(),
            source: "https://api.gigs.com".into(),
            time,
            data: porting,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("a webhook header is missing or malformed")]
    Malformed,
    #[error("the webhook timestamp is outside the tolerance")]
    Stale,
    #[error("no webhook signature matches")]
    Mismatch,
}

/// The webhook signing secret. `Debug` never shows it.
#[derive(Clone)]
pub struct WebhookSecret(Vec<u8>);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WebhookSecret([redacted])")
    }
}

impl WebhookSecret {
    /// A secret as configured: `whsec_<base64>` (the Standard Webhooks form) or raw text.
    pub fn new(secret: &str) -> Result<Self, String> {
        let bytes = match secret.strip_prefix("whsec_") {
            Some(encoded) => STANDARD.decode(encoded).map_err(|_| "the whsec_ secret is not valid base64")?,
            None => secret.as_bytes().to_vec(),
        };
        if bytes.len() < 24 {
            return Err(format!("the webhook secret must be at least 24 bytes, it has {}", bytes.len()));
        }
        Ok(WebhookSecret(bytes))
    }

    fn mac(&self, id: &str, timestamp: &str, body: &[u8]) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes keys of any length");
        mac.update(id.as_bytes());
        mac.update(b".");
        mac.update(timestamp.as_bytes());
        mac.update(b".");
        mac.update(body);
        mac
    }

    /// The `webhook-signature` header value for a delivery.
    pub fn sign(&self, id: &str, timestamp: i64, body: &[u8]) -> String {
        let signature = self.mac(id, &timestamp.to_string(), body).finalize().into_bytes();
        format!("v1,{}", STANDARD.encode(signature))
    }

    /// Checks a delivery's headers against its exact body at time `now` (Unix seconds). Replays of
    /// a fresh delivery must be caught by the caller through `id`.
    pub fn verify(
        &self,
        id: &str,
        timestamp: &str,
        signatures: &str,
        body: &[u8],
        now: i64,
    ) -> Result<(), SignatureError> {
        if id.is_empty() || id.len() > 256 {
            return Err(SignatureError::Malformed);
        }
        let sent: i64 = timestamp.parse().map_err(|_| SignatureError::Malformed)?;
        if now.abs_diff(sent) > TOLERANCE_SECS.unsigned_abs() {
            return Err(SignatureError::Stale);
        }
        let listed: Vec<&str> =
            signatures.split(' ').filter(|s| !s.is_empty()).take(MAX_SIGNATURES + 1).collect();
        if listed.is_empty() || listed.len() > MAX_SIGNATURES {
            return Err(SignatureError::Malformed);
        }
        // Every tag is compared in constant time, so the time says nothing of which matched.
        let expected = self.mac(id, timestamp, body);
        let tags = listed
            .iter()
            .filter_map(|s| s.strip_prefix("v1,"))
            .filter(|encoded| encoded.len() == ENCODED_TAG_LEN)
            .filter_map(|encoded| STANDARD.decode(encoded).ok());
        let matches = tags.fold(false, |found, tag| expected.clone().verify_slice(&tag).is_ok() | found);
        if matches {
            Ok(())
        } else {
            Err(SignatureError::Mismatch)
        }
    }
}

/// Whether `presented` is `expected`, in time that depends on neither where they differ nor their
/// lengths: both are reduced to HMAC-SHA256 tags, compared with the same constant-time check as
/// webhook signatures.
pub fn secrets_match(presented: &[u8], expected: &[u8]) -> bool {
    let tag = |secret: &[u8]| {
        let mut mac =
            Hmac::<Sha256>::new_from_slice(b"secret comparison").expect("HMAC takes keys of any length");
        mac.update(secret);
        mac
    };
    tag(presented).verify_slice(&tag(expected).finalize().into_bytes()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn secret() -> WebhookSecret {
        WebhookSecret::new("a webhook secret that is long").unwrap()
    }

    #[test]
    fn a_signed_delivery_verifies_and_a_changed_body_does_not() {
        let signature = secret().sign("evt_1", NOW, b"{}");
        assert_eq!(secret().verify("evt_1", &NOW.to_string(), &signature, b"{}", NOW), Ok(()));
        assert_eq!(
            secret().verify("evt_1", &NOW.to_string(), &signature, b"{ }", NOW),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            secret().verify("evt_2", &NOW.to_string(), &signature, b"{}", NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn rotation_accepts_any_listed_signature() {
        let other = WebhookSecret::new("another secret of enough length").unwrap();
        let both = format!("{} {}", other.sign("e", NOW, b"x"), secret().sign("e", NOW, b"x"));
        assert_eq!(secret().verify("e", &NOW.to_string(), &both, b"x", NOW), Ok(()));
    }

    #[test]
    fn a_flood_of_signatures_is_malformed_and_only_well_formed_tags_are_compared() {
        let good = secret().sign("e", NOW, b"x");
        let flood = format!("{} {good}", "v1,AAAA ".repeat(60_000));
        assert_eq!(
            secret().verify("e", &NOW.to_string(), &flood, &[b'x'; 250 * 1024], NOW),
            Err(SignatureError::Malformed)
        );
        let sixth = format!("{}{good}", "v1,AAAA ".repeat(MAX_SIGNATURES));
        assert_eq!(secret().verify("e", &NOW.to_string(), &sixth, b"x", NOW), Err(SignatureError::Malformed));
        let fifth = format!("{}{good}", "v1,AAAA ".repeat(MAX_SIGNATURES - 1));
        assert_eq!(secret().verify("e", &NOW.to_string(), &fifth, b"x", NOW), Ok(()));
        assert_eq!(secret().verify("e", &NOW.to_string(), "", b"x", NOW), Err(SignatureError::Malformed));
        let truncated = &good[..good.len() - 4];
        assert_eq!(
            secret().verify("e", &NOW.to_string(), truncated, b"x", NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn extreme_timestamps_are_stale_without_overflow() {
        let signature = secret().sign("e", NOW, b"x");
        for sent in [i64::MIN, i64::MAX, -1] {
            assert_eq!(
                secret().verify("e", &sent.to_string(), &signature, b"x", NOW),
                Err(SignatureError::Stale)
            );
        }
        assert_eq!(
            secret().verify("e", &NOW.to_string(), &signature, b"x", i64::MIN),
            Err(SignatureError::Stale)
        );
    }

    #[test]
    fn old_or_future_deliveries_are_stale() {
        let signature = secret().sign("e", NOW, b"x");
        let at = |now| secret().verify("e", &NOW.to_string(), &signature, b"x", now);
        assert_eq!(at(NOW + TOLERANCE_SECS), Ok(()));
        assert_eq!(at(NOW + TOLERANCE_SECS + 1), Err(SignatureError::Stale));
        assert_eq!(at(NOW - TOLERANCE_SECS - 1), Err(SignatureError::Stale));
    }

    #[test]
    fn secrets_match_only_when_equal() {
        assert!(secrets_match(b"sk_test_key", b"sk_test_key"));
        for other in [&b""[..], b"sk_test_ke", b"sk_test_key ", b"sk_test_kez"] {
            assert!(!secrets_match(other, b"sk_test_key"));
        }
    }

    #[test]
    fn short_or_badly_encoded_secrets_are_refused() {
        assert!(WebhookSecret::new("short").is_err());
        assert!(WebhookSecret::new("whsec_!!!").is_err());
        assert!(WebhookSecret::new(&format!("whsec_{}", STANDARD.encode([7u8; 32]))).is_ok());
        assert!(!format!("{:?}", secret()).contains("secret that"));
    }
}
