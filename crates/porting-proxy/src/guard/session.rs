//! Porting sessions: short-lived HS256 JWTs that the merchant's backend mints for a buyer.
//!
//! Verification is deliberately narrow: the header must say `HS256` (so `none` or an RSA/HMAC
//! confusion is impossible), the signature is compared in constant time before any claim is
//! read, and expiry is mandatory with a bounded clock skew.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Clock difference tolerated between the minting backend and this proxy.
pub const MAX_CLOCK_SKEW_SECS: i64 = 60;
/// The longest a session may still have to run when presented (`exp` minus now, beyond the clock
/// skew): a day. Sessions are meant to be short-lived (minutes to hours); the bound keeps time
/// arithmetic on `exp` safe and lets per-session state be forgotten a day after its last use.
pub const MAX_SESSION_LIFETIME_SECS: i64 = 24 * 60 * 60;
/// Tokens longer than this are rejected before any decoding work.
const MAX_TOKEN_LEN: usize = 4096;
/// A shorter HMAC key would make the signature guessable.
pub const MIN_KEY_LEN: usize = 32;

/// What a session allows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The Gigs user id the buyer is.
    pub sub: String,
    /// The porting ids this session may reach.
    #[serde(default)]
    pub portings: Vec<String>,
    /// The recipient network provider (e.g. `p9`) new portings are created for.
    pub provider: String,
    /// Expiry, seconds since the Unix epoch.
    pub exp: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iat: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    /// Whom the session is for: checked when the proxy is given `--session-audience`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aud: Option<Audience>,
    /// Who minted it: checked when the proxy is given `--session-issuer`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iss: Option<String>,
}

/// A JWT `aud`: one audience or a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    One(String),
    Many(Vec<String>),
}

impl Audience {
    pub fn names(&self, audience: &str) -> bool {
        match self {
            Audience::One(one) => one == audience,
            Audience::Many(many) => many.iter().any(|one| one == audience),
        }
    }
}

impl Claims {
    pub fn allows(&self, porting_id: &str) -> bool {
        self.portings.iter().any(|id| id == porting_id)
    }

    /// The last moment (seconds since the epoch) at which this session is accepted: `exp` plus the
    /// clock skew.
    pub fn accepted_until(&self) -> i64 {
        self.exp.saturating_add(MAX_CLOCK_SKEW_SECS)
    }

    /// How long from `now` this session is still accepted: zero once expired, and at most
    /// [`MAX_SESSION_LIFETIME_SECS`] plus twice the skew for a session that [`SessionKey::verify`]
    /// accepted.
    pub fn remaining(&self, now: i64) -> std::time::Duration {
        let longest = MAX_SESSION_LIFETIME_SECS + 2 * MAX_CLOCK_SKEW_SECS;
        let secs = self.accepted_until().saturating_sub(now).clamp(0, longest);
        std::time::Duration::from_secs(secs.unsigned_abs())
    }
}

/// The claims of a request's session, verified with the proxy's key and clock by the rate limit
/// in front of the routes, so a route does not verify it again.
#[derive(Clone, Debug)]
pub struct VerifiedSession(pub Claims);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    #[error("The session token is malformed.")]
    Malformed,
    #[error("The session token must be signed with HS256.")]
    Algorithm,
    #[error("The session token's signature is invalid.")]
    Signature,
    #[error("The session has expired.")]
    Expired,
    #[error("The session is not valid yet.")]
    NotYetValid,
    #[error("The session's expiry is too far in the future.")]
    TooLong,
    #[error("The session is for another audience.")]
    Audience,
    #[error("The session is from another issuer.")]
    Issuer,
}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    typ: Option<String>,
}

/// The shared HMAC key, and the audience and issuer sessions must name when these are set (so a
/// key shared with another product cannot mint sessions for this one). `Debug` never shows the key.
#[derive(Clone)]
pub struct SessionKey {
    key: Vec<u8>,
    audience: Option<String>,
    issuer: Option<String>,
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey([redacted])")
    }
}

impl SessionKey {
    /// A key of at least [`MIN_KEY_LEN`] bytes.
    pub fn new(key: impl Into<Vec<u8>>) -> Result<Self, String> {
        let key = key.into();
        if key.len() < MIN_KEY_LEN {
            return Err(format!(
                "the session key must be at least {MIN_KEY_LEN} bytes, it has {}",
                key.len()
            ));
        }
        Ok(SessionKey { key, audience: None, issuer: None })
    }

    /// This key, accepting only sessions whose `aud` names `audience` and whose `iss` is `issuer`,
    /// where given.
    pub fn expecting(self, audience: Option<String>, issuer: Option<String>) -> Self {
        SessionKey { audience, issuer, ..self }
    }

    /// Whether a session must name an audience or an issuer, not only carry this key's signature.
    pub fn expects_audience_or_issuer(&self) -> bool {
        self.audience.is_some() || self.issuer.is_some()
    }

    /// A fresh random key, for the simulator's demo sessions.
    pub fn random() -> Self {
        let mut key = vec![0u8; 32];
        getrandom::fill(&mut key).expect("the operating system's random source works");
        SessionKey { key, audience: None, issuer: None }
    }

    fn mac(&self, signing_input: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes keys of any length");
        mac.update(signing_input.as_bytes());
        mac
    }

    /// `claims` naming the audience and issuer this key expects, for sessions minted here (the
    /// simulator's demo buyers).
    pub fn as_expected(&self, claims: Claims) -> Claims {
        Claims { aud: self.audience.clone().map(Audience::One), iss: self.issuer.clone(), ..claims }
    }

    /// Signs `claims` as a compact JWT.
    pub fn mint(&self, claims: &Claims) -> String {
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialise"));
        let signing_input = format!("{header}.{payload}");
        let signature = URL_SAFE_NO_PAD.encode(self.mac(&signing_input).finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    /// Checks `token` at time `now` (seconds since the epoch) and returns its claims.
    pub fn verify(&self, token: &str, now: i64) -> Result<Claims, SessionError> {
        if token.len() > MAX_TOKEN_LEN {
            return Err(SessionError::Malformed);
        }
        let mut parts = token.split('.');
        let (Some(header_part), Some(payload_part), Some(signature_part), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(SessionError::Malformed);
        };
        let header: Header = decode_json(header_part)?;
        if header.alg != "HS256" {
            return Err(SessionError::Algorithm);
        }
        if header.typ.is_some_and(|typ| !typ.eq_ignore_ascii_case("JWT")) {
            return Err(SessionError::Malformed);
        }
        let signature = URL_SAFE_NO_PAD.decode(signature_part).map_err(|_| SessionError::Malformed)?;
        let signing_input = &token[..header_part.len() + 1 + payload_part.len()];
        self.mac(signing_input).verify_slice(&signature).map_err(|_| SessionError::Signature)?;

        let claims: Claims = decode_json(payload_part)?;
        if now > claims.accepted_until() {
            return Err(SessionError::Expired);
        }
        // Checked: `exp` is the minting backend's number and may be anything up to i64::MAX.
        let latest = now.saturating_add(MAX_SESSION_LIFETIME_SECS + MAX_CLOCK_SKEW_SECS);
        if claims.exp > latest {
            return Err(SessionError::TooLong);
        }
        let not_before = claims.nbf.into_iter().chain(claims.iat).max();
        if not_before.is_some_and(|t| now.saturating_add(MAX_CLOCK_SKEW_SECS) < t) {
            return Err(SessionError::NotYetValid);
        }
        if self
            .audience
            .as_ref()
            .is_some_and(|wanted| !claims.aud.as_ref().is_some_and(|aud| aud.names(wanted)))
        {
            return Err(SessionError::Audience);
        }
        if self.issuer.as_ref().is_some_and(|wanted| claims.iss.as_ref() != Some(wanted)) {
            return Err(SessionError::Issuer);
        }
        Ok(claims)
    }
}

fn decode_json<T: for<'de> Deserialize<'de>>(part: &str) -> Result<T, SessionError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| SessionError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| SessionError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn key() -> SessionKey {
        SessionKey::new(*b"0123456789abcdef0123456789abcdef").unwrap()
    }

    fn claims() -> Claims {
        Claims {
            sub: "usr_1".into(),
            portings: vec!["prt_1".into()],
            provider: "p9".into(),
            exp: NOW + 600,
            iat: Some(NOW),
            nbf: None,
            aud: None,
            iss: None,
        }
    }

    #[test]
    fn an_expected_audience_and_issuer_must_be_named() {
        let strict = key().expecting(Some("porting-widget".into()), Some("https://shop.example".into()));
        let named = Claims {
            aud: Some(Audience::Many(vec!["other".into(), "porting-widget".into()])),
            iss: Some("https://shop.example".into()),
            ..claims()
        };
        assert!(strict.verify(&key().mint(&named), NOW).is_ok());
        assert_eq!(strict.verify(&key().mint(&claims()), NOW), Err(SessionError::Audience), "none named");
        let elsewhere = Claims { aud: Some(Audience::One("billing".into())), ..named.clone() };
        assert_eq!(strict.verify(&key().mint(&elsewhere), NOW), Err(SessionError::Audience));
        let foreign = Claims { iss: Some("https://evil.example".into()), ..named.clone() };
        assert_eq!(strict.verify(&key().mint(&foreign), NOW), Err(SessionError::Issuer));
        assert!(key().verify(&key().mint(&foreign), NOW).is_ok(), "not checked unless configured");
        let one: Claims = serde_json::from_value(serde_json::json!({
            "sub": "u", "provider": "p9", "exp": NOW + 60, "aud": "porting-widget", "iss": "https://shop.example"
        }))
        .unwrap();
        assert!(strict.verify(&key().mint(&one), NOW).is_ok(), "a single aud string");
    }

    fn forge(header: &str, claims: &Claims, signature: &str) -> String {
        let header = URL_SAFE_NO_PAD.encode(header);
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap());
        format!("{header}.{payload}.{signature}")
    }

    #[test]
    fn a_minted_session_verifies_and_allows_its_porting_only() {
        let verified = key().verify(&key().mint(&claims()), NOW).unwrap();
        assert_eq!(verified, claims());
        assert!(verified.allows("prt_1"));
        assert!(!verified.allows("prt_2"));
    }

    #[test]
    fn alg_none_is_rejected() {
        let token = forge(r#"{"alg":"none","typ":"JWT"}"#, &claims(), "");
        assert_eq!(key().verify(&token, NOW), Err(SessionError::Algorithm));
    }

    #[test]
    fn other_algorithms_are_rejected() {
        let token = forge(r#"{"alg":"HS512"}"#, &claims(), "AAAA");
        assert_eq!(key().verify(&token, NOW), Err(SessionError::Algorithm));
    }

    #[test]
    fn a_token_signed_with_another_key_is_rejected() {
        let other = SessionKey::new(*b"another key that is long enough!").unwrap();
        assert_eq!(key().verify(&other.mint(&claims()), NOW), Err(SessionError::Signature));
    }

    #[test]
    fn a_tampered_payload_is_rejected() {
        let token = key().mint(&claims());
        let mut parts: Vec<&str> = token.split('.').collect();
        let mut widened = claims();
        widened.portings.push("prt_2".into());
        let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&widened).unwrap());
        parts[1] = &payload;
        assert_eq!(key().verify(&parts.join("."), NOW), Err(SessionError::Signature));
    }

    #[test]
    fn expiry_is_enforced_with_bounded_skew() {
        let token = key().mint(&claims());
        let exp = claims().exp;
        assert!(key().verify(&token, exp + MAX_CLOCK_SKEW_SECS).is_ok());
        assert_eq!(key().verify(&token, exp + MAX_CLOCK_SKEW_SECS + 1), Err(SessionError::Expired));
    }

    #[test]
    fn a_session_from_the_future_is_rejected() {
        let mut future = claims();
        future.nbf = Some(NOW + 3600);
        future.exp = NOW + 7200;
        let token = key().mint(&future);
        assert_eq!(key().verify(&token, NOW), Err(SessionError::NotYetValid));
        assert!(key().verify(&token, NOW + 3600 - MAX_CLOCK_SKEW_SECS).is_ok());
    }

    #[test]
    fn a_session_longer_than_the_maximum_lifetime_is_rejected_without_overflow() {
        for exp in [i64::MAX, i64::MAX - 1, NOW + MAX_SESSION_LIFETIME_SECS + MAX_CLOCK_SKEW_SECS + 1] {
            let token = key().mint(&Claims { exp, ..claims() });
            assert_eq!(key().verify(&token, NOW), Err(SessionError::TooLong), "{exp}");
        }
        let longest = Claims { exp: NOW + MAX_SESSION_LIFETIME_SECS + MAX_CLOCK_SKEW_SECS, ..claims() };
        assert!(key().verify(&key().mint(&longest), NOW).is_ok());
        let ancient = Claims { exp: i64::MIN, ..claims() };
        assert_eq!(key().verify(&key().mint(&ancient), NOW), Err(SessionError::Expired));
        let far_nbf = Claims { nbf: Some(i64::MAX), ..claims() };
        assert_eq!(key().verify(&key().mint(&far_nbf), NOW), Err(SessionError::NotYetValid));
        let at_the_end_of_time = Claims { exp: i64::MAX, ..claims() };
        assert!(key().verify(&key().mint(&at_the_end_of_time), i64::MAX).is_ok());
    }

    #[test]
    fn remaining_time_is_bounded_and_never_negative() {
        assert_eq!(claims().remaining(NOW).as_secs(), 600 + 60);
        assert_eq!(claims().remaining(NOW + 10_000).as_secs(), 0);
        let huge = Claims { exp: i64::MAX, ..claims() }.remaining(i64::MIN);
        assert_eq!(huge.as_secs(), (MAX_SESSION_LIFETIME_SECS + 2 * MAX_CLOCK_SKEW_SECS) as u64);
    }

    #[test]
    fn malformed_tokens_are_rejected() {
        for token in ["", "a.b", "a.b.c.d", "!!.??.##", &"a".repeat(MAX_TOKEN_LEN + 1)] {
            assert_eq!(key().verify(token, NOW), Err(SessionError::Malformed), "{token}");
        }
    }

    #[test]
    fn short_keys_are_refused_and_keys_never_print() {
        assert!(SessionKey::new(*b"short").is_err());
        assert!(!format!("{:?}", key()).contains("0123"));
    }
}
