//! Upstream mode against a simulated Gigs on its own loopback port: the proxy forwards with the
//! API key from its settings, and the buyer never sees that key or its failures.

use crate::support::{manual_clock, porting_of, start, upstream, upstream_settings, UPSTREAM_API_KEY};
use porting_model::{GigsError, List, Porting, ServiceProvider, Status};
use porting_proxy::routes::portings::PORTING_SESSION_HEADER;
use porting_proxy::server::Backend;
use reqwest::Method;
use serde_json::json;

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

#[tokio::test]
async fn a_buyers_whole_way_goes_through_to_gigs_over_http() {
    let clock = manual_clock();
    let gigs = upstream(&clock).await;
    let proxy = start(upstream_settings(&clock, &gigs.url, None), clock).await;
    let buyer = proxy.session("usr_up", &[]);

    // Every donor of the session's network, read across Gigs' pages.
    let (status, _, providers) = proxy.call(Method::GET, "/serviceProviders", &buyer, None).await;
    let providers: List<ServiceProvider> = serde_json::from_value(providers).unwrap();
    let expected = gigs.sim.catalog().donors().iter().filter(|d| d.recipient_providers == ["p9"]).count();
    assert_eq!((status, providers.items.len()), (200, expected));

    // Create: the user and network come from the session; the answer widens the session.
    let body = json!({"phoneNumber": "+1 202 555 0100", "donorProvider": "svp_us_att"});
    let (status, headers, created) = proxy.call(Method::POST, "/portings", &buyer, Some(body)).await;
    assert_eq!(status, 201, "{created}");
    let created: Porting = serde_json::from_value(created).unwrap();
    let session = headers[PORTING_SESSION_HEADER].to_str().unwrap().to_owned();
    let stored = gigs.sim.get(&created.id).unwrap();
    assert_eq!((stored.user.as_str(), stored.provider.as_str()), ("usr_up", "p9"));
    assert_eq!(stored.phone_number, "+12025550100");

    // The merchant's checkout subscribes it; the buyer then answers what it requires.
    gigs.sim.activate(&created.id).unwrap();
    let path = format!("/portings/{}", created.id);
    let (status, _, waiting) = proxy.call(Method::GET, &path, &session, None).await;
    assert_eq!((status, waiting["status"].as_str()), (200, Some("informationRequired")));
    let answers = json!({
        "accountNumber": "123456789", "accountPin": "8642", "firstName": "Ada", "lastName": "Lovelace",
        "address": {"line1": "129 West 81st Street", "city": "New York", "postalCode": "10024", "state": "NY", "country": "US"}
    });
    let (status, _, updated) = proxy.call(Method::PATCH, &path, &session, Some(answers)).await;
    assert_eq!((status, updated["status"].as_str()), (200, Some("requested")), "{updated}");
    assert!(!updated.to_string().contains("8642"), "the PIN is never read back");
    let stored = gigs.sim.get(&created.id).unwrap();
    assert_eq!((stored.status, stored.account_pin_exists), (Status::Requested, true));

    // Gigs' refusal passes through in its shape; a porting still waiting cancels.
    let cancel = format!("{path}/cancel");
    let (status, _, refused) = proxy.call(Method::POST, &cancel, &session, None).await;
    assert_eq!((status, refused["code"].as_str()), (409, Some("portingNotCancelable")));
    let other = porting_of(&gigs.sim, "usr_up");
    let session = proxy.session("usr_up", &[&other.id]);
    let (status, _, canceled) =
        proxy.call(Method::POST, &format!("/portings/{}/cancel", other.id), &session, None).await;
    assert_eq!((status, canceled["status"].as_str()), (200, Some("canceled")));
    assert_eq!(gigs.sim.get(&other.id).unwrap().status, Status::Canceled);
}

#[tokio::test]
async fn the_provider_list_is_fetched_once_for_many_buyers_and_again_after_its_ttl() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    let clock = manual_clock();
    let sim = Arc::new(porting_proxy::simulator::Simulator::new(
        porting_proxy::SIMULATOR_PROJECT,
        UPSTREAM_API_KEY,
        clock.clone(),
    ));
    // The Gigs behind the proxy, counting its list calls.
    let lists = Arc::new(AtomicUsize::new(0));
    let counted = lists.clone();
    let gigs = porting_proxy::simulator::router(sim).layer(axum::middleware::from_fn(
        move |request: axum::extract::Request, next: axum::middleware::Next| {
            if request.uri().path().ends_with("/serviceProviders") {
                counted.fetch_add(1, Ordering::SeqCst);
            }
            next.run(request)
        },
    ));
    let (url, _gigs) = crate::support::listen(gigs).await;
    let proxy = start(upstream_settings(&clock, &url, None), clock.clone()).await;
    let asks = (0..30).map(|n| {
        let buyer = proxy.session(&format!("usr_{n}"), &[]);
        let request = proxy.get("/serviceProviders", Some(&buyer));
        async move { request.send().await.unwrap().status() }
    });
    let statuses = futures_util::future::join_all(asks).await;
    assert!(statuses.iter().all(|s| s.is_success()), "{statuses:?}");
    assert_eq!(lists.load(Ordering::SeqCst), 1, "30 buyers, one Gigs list fetch");

    tokio::time::pause();
    tokio::time::advance(porting_proxy::gigs::providers::TTL).await;
    tokio::time::resume();
    let buyer = proxy.session("usr_late", &[]);
    assert!(proxy.get("/serviceProviders", Some(&buyer)).send().await.unwrap().status().is_success());
    assert_eq!(lists.load(Ordering::SeqCst), 2, "fetched again once stale");
}
