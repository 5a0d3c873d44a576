//! Upstream mode against a simulated Gigs on its own loopback port: the proxy forwards with the
//! API key from its settings, and the buyer never sees that key or its failures.

mod common;

use common::{manual_clock, porting_of, start, upstream, upstream_settings, UPSTREAM_API_KEY};
use porting_model::{GigsError, Porting};
use porting_proxy::server::Backend;

#[tokio::test]
async fn the_proxy_forwards_to_gigs_with_its_api_key() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let proxy = start(upstream_settings(&clock, &gigs.url, None), clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let response = proxy
        .get(&format!("/portings/{}", porting.id), Some(&proxy.session("usr_a", &[&porting.id])))
        .send()
        .await;
    let response = response.unwrap();
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(!body.contains(UPSTREAM_API_KEY));
    assert_eq!(serde_json::from_str::<Porting>(&body).unwrap(), porting);
}

#[tokio::test]
async fn a_refused_api_key_is_the_proxys_problem_502_not_the_buyers_401() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let mut settings = upstream_settings(&clock, &gigs.url, None);
    if let Backend::Upstream { api_key, .. } = &mut settings.backend {
        *api_key = "sk_revoked".into();
    }
    let proxy = start(settings, clock).await;
    let porting = porting_of(&gigs.sim, "usr_a");
    let session = proxy.session("usr_a", &[&porting.id]);
    let response = proxy.get(&format!("/portings/{}", porting.id), Some(&session)).send().await.unwrap();
    assert_eq!(response.status(), 502);
    let error: GigsError = response.json().await.unwrap();
    assert_eq!(error.code.as_deref(), Some("upstreamInvalid"));
}
