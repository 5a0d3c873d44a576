//! What stands between a request and its work: who the buyer is (the session), where it comes
//! from (the client IP), how much it may ask for (rates, the porting cap, bodies, requests in
//! flight), which pages may call (CORS) and the security headers on every answer.

pub mod client_ip;
pub mod cors;
pub mod headers;
pub mod limits;
pub mod porting_cap;
pub mod rate;
pub mod rate_limit;
pub mod session;
