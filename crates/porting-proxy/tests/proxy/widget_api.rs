//! The widget API over real HTTP on loopback, with the embedded simulator behind it.

use std::sync::Arc;
use std::time::Duration;

use crate::support::{ask, call, simulated, simulated_router, Proxy};
use porting_model::{FieldName, GigsError, List, Porting, ServiceProvider, Status};
use porting_proxy::clock::SystemClock;
use porting_proxy::gigs::providers::MAX_PAGES as MAX_PROVIDER_PAGES;
use porting_proxy::guard::session::{Claims, SessionKey};
use porting_proxy::routes::demo::DEMO_PHONE_NUMBER;
use porting_proxy::routes::portings::PORTING_SESSION_HEADER;
use porting_proxy::routes::state::MAX_SESSION_PORTINGS;
use reqwest::Method;
use serde_json::{json, Value};

/// Creates a demo buyer through the dev route: (session, porting id).
async fn demo(proxy: &Proxy) -> (String, String) {
    dev_session(proxy, "/dev/demo").await
}

/// The session and porting id a dev route (`POST path`) answers with.
async fn dev_session(proxy: &Proxy, path: &str) -> (String, String) {
    let answer: Value = reqwest::Client::new()
        .post(format!("{}{path}", proxy.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (answer["session"].as_str().unwrap().into(), answer["portingId"].as_str().unwrap().into())
}

async fn get(proxy: &Proxy, path: &str, session: Option<&str>) -> (u16, Value) {
    let response = proxy.get(path, session).send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn the_demo_session_reads_its_porting() {
    let (proxy, _) = simulated().await;
    let (session, id) = demo(&proxy).await;
    let (status, body) = get(&proxy, &format!("/portings/{id}"), Some(&session)).await;
    assert_eq!(status, 200);
    let porting: Porting = serde_json::from_value(body).unwrap();
    assert_eq!(porting.phone_number, DEMO_PHONE_NUMBER);
    assert_eq!(porting.status, Status::InformationRequired);
}

#[tokio::test]
async fn demo_buyers_are_limited_per_client_ip() {
    let (proxy, _) = simulated().await;
    let client = reqwest::Client::new();
    let mut statuses = Vec::new();
    for _ in 0..porting_proxy::routes::demo::RATE.burst + 1 {
        statuses
            .push(client.post(format!("{}/dev/demo", proxy.base)).send().await.unwrap().status().as_u16());
    }
    let burst = porting_proxy::routes::demo::RATE.burst as usize;
    assert!(statuses[..burst].iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(statuses[burst], 429, "each demo buyer costs the simulator memory");
}

#[tokio::test]
async fn no_session_is_401_in_the_gigs_shape() {
    let (proxy, _) = simulated().await;
    let (_, id) = demo(&proxy).await;
    for session in [None, Some("not-a-jwt")] {
        let (status, body) = get(&proxy, &format!("/portings/{id}"), session).await;
        assert_eq!(status, 401);
        let error: GigsError = serde_json::from_value(body).unwrap();
        assert_eq!(error.kind, "authenticationError");
    }
}

#[tokio::test]
async fn another_sessions_porting_is_404() {
    let (proxy, _) = simulated().await;
    let (session_a, _) = demo(&proxy).await;
    let (_, porting_b) = demo(&proxy).await;
    let (status, body) = get(&proxy, &format!("/portings/{porting_b}"), Some(&session_a)).await;
    assert_eq!(status, 404);
    assert_eq!(body["code"], "portingNotFound");
}

#[tokio::test]
async fn a_session_naming_a_porting_of_another_user_is_404() {
    let (proxy, _) = simulated().await;
    let (_, porting_b) = demo(&proxy).await;
    // Correctly signed, lists the porting, but is for a different user.
    let forged = proxy.sessions.mint(&Claims {
        sub: "usr_someone_else".into(),
        portings: vec![porting_b.clone()],
        provider: "p9".into(),
        exp: time::OffsetDateTime::now_utc().unix_timestamp() + 60,
        iat: None,
        nbf: None,
        aud: None,
        iss: None,
    });
    let (status, _) = get(&proxy, &format!("/portings/{porting_b}"), Some(&forged)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn unknown_paths_are_404_in_the_gigs_shape() {
    let (status, body) = ask(&simulated_router(), "GET", "/api/nothing-here").await;
    assert_eq!(status, 404);
    assert_eq!(body["object"], "error");
}

/// A session for buyer `user` holding `portings`, for the US network, valid for a minute.
fn mint(sessions: &SessionKey, user: &str, portings: &[&str]) -> String {
    mint_for("p9", sessions, user, portings)
}

/// [`mint`] for the recipient network `provider`.
fn mint_for(provider: &str, sessions: &SessionKey, user: &str, portings: &[&str]) -> String {
    sessions.mint(&Claims {
        sub: user.into(),
        portings: portings.iter().map(|id| id.to_string()).collect(),
        provider: provider.into(),
        exp: time::OffsetDateTime::now_utc().unix_timestamp() + 60,
        iat: None,
        nbf: None,
        aud: None,
        iss: None,
    })
}

/// Creates a porting through the widget API: the porting and the widened session.
async fn create(proxy: &Proxy, session: &str, body: Value) -> (Porting, String) {
    let (status, headers, porting) = call(&proxy.base, Method::POST, "/portings", session, Some(body)).await;
    assert_eq!(status, 201, "{porting}");
    let widened = headers[PORTING_SESSION_HEADER].to_str().unwrap().to_owned();
    (serde_json::from_value(porting).unwrap(), widened)
}

/// The (property, code) of each detail of an error body.
fn details(body: &Value) -> Vec<(String, String)> {
    let error: GigsError = serde_json::from_value(body.clone()).expect("a Gigs error");
    error.details.into_iter().map(|d| (d.property.unwrap_or_default(), d.code.unwrap_or_default())).collect()
}

fn detail(property: &str, code: &str) -> (String, String) {
    (property.into(), code.into())
}

#[tokio::test]
async fn create_takes_user_and_provider_from_the_session_and_answers_a_widened_session() {
    let (proxy, _) = simulated().await;
    let original = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+1 202 555 0150", "donorProvider": "svp_us_att"});
    let (porting, widened) = create(&proxy, &original, body).await;
    assert_eq!((porting.user.as_str(), porting.provider.as_str()), ("usr_a", "p9"));
    assert_eq!((porting.phone_number.as_str(), porting.status), ("+12025550150", Status::Draft));
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let (before, after) =
        (proxy.sessions.verify(&original, now).unwrap(), proxy.sessions.verify(&widened, now).unwrap());
    assert_eq!(after.portings, std::slice::from_ref(&porting.id));
    assert_eq!((after.sub, after.provider, after.exp), (before.sub, before.provider, before.exp));
    let path = format!("/portings/{}", porting.id);
    assert_eq!(get(&proxy, &path, Some(&widened)).await.0, 200);
    assert_eq!(get(&proxy, &path, Some(&original)).await.0, 404);
}

#[tokio::test]
async fn a_body_naming_user_or_provider_is_422_naming_it() {
    let (proxy, _) = simulated().await;
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+12025550150", "user": "usr_b"});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &buyer, Some(body)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("user", "unknownProperty")]));
    let (session, id) = demo(&proxy).await;
    let body = json!({"provider": "p7"});
    let (status, _, error) =
        call(&proxy.base, Method::PATCH, &format!("/portings/{id}"), &session, Some(body)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("provider", "unknownProperty")]));
}

#[tokio::test]
async fn invalid_fields_are_422_before_anything_reaches_gigs() {
    let (proxy, sim) = simulated().await;
    let mut changes = sim.subscribe();
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+1 202 555 01", "firstName": "", "address": {"line1": "1 Main St", "city": "Springfield", "postalCode": "1002", "state": "IL", "country": "US"}});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &buyer, Some(body)).await;
    assert_eq!(status, 422);
    assert_eq!(
        details(&error),
        [
            detail("phoneNumber", "wrongLength"),
            detail("address.postalCode", "invalidZip"),
            detail("firstName", "required")
        ]
    );
    assert!(changes.try_recv().is_err(), "nothing was created");
}

#[tokio::test]
async fn the_donors_own_pin_rule_applies_on_create_and_update() {
    let (proxy, _) = simulated().await;
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let body =
        json!({"phoneNumber": "+12025550150", "donorProvider": "svp_us_tmobile", "accountPin": "1234"});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &buyer, Some(body)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("accountPin", "tooFewDigits")]));
    let body = json!({"phoneNumber": "+12025550150", "donorProvider": "svp_us_tmobile"});
    let (porting, widened) = create(&proxy, &buyer, body).await;
    let path = format!("/portings/{}", porting.id);
    let (status, _, error) =
        call(&proxy.base, Method::PATCH, &path, &widened, Some(json!({"accountPin": "1234"}))).await;
    assert_eq!((status, details(&error)), (422, vec![detail("accountPin", "tooFewDigits")]));
    let (status, _, porting) =
        call(&proxy.base, Method::PATCH, &path, &widened, Some(json!({"accountPin": "123-456"}))).await;
    assert_eq!((status, &porting["accountPinExists"]), (200, &json!(true)));
}

#[tokio::test]
async fn an_irish_session_makes_irish_portings_that_take_the_account_type() {
    let (proxy, _) = simulated().await;
    let buyer = mint_for("p5", &proxy.sessions, "usr_a", &[]);
    let (status, _, list) = call(&proxy.base, Method::GET, "/serviceProviders", &buyer, None).await;
    let names: Vec<&str> =
        list["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(
        (status, names),
        (200, vec!["Vodafone Ireland", "Three Ireland", "eir", "GOMO", "Tesco Mobile Ireland", "48"])
    );
    let us_number = json!({"phoneNumber": "+12025550150", "donorProvider": "svp_ie_eir"});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &buyer, Some(us_number)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("phoneNumber", "countryCodeMismatch")]));
    let body = json!({"phoneNumber": "+353 20 910 0050", "donorProvider": "svp_ie_vodafone"});
    let (porting, widened) = create(&proxy, &buyer, body).await;
    assert_eq!((porting.provider.as_str(), porting.required), ("p5", vec![FieldName::AccountType]));
    let path = format!("/portings/{}", porting.id);
    let business = json!({"accountType": "business"});
    let (status, _, error) = call(&proxy.base, Method::PATCH, &path, &widened, Some(business)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("accountType", "unknownValue")]));
    let prepaid = json!({"accountType": "prepaidRegistered"});
    let (status, _, porting) = call(&proxy.base, Method::PATCH, &path, &widened, Some(prepaid)).await;
    assert_eq!(
        (status, &porting["accountType"], &porting["required"]),
        (200, &json!("prepaidRegistered"), &json!([]))
    );
}

#[tokio::test]
async fn a_billing_pin_passes_to_gigs_with_its_own_rule() {
    let (proxy, _) = simulated().await;
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+12025550150", "donorProvider": "svp_us_optimum"});
    let (porting, widened) = create(&proxy, &buyer, body).await;
    assert!(porting.required.contains(&FieldName::BillingPin), "{:?}", porting.required);
    let path = format!("/portings/{}", porting.id);
    let (status, _, error) =
        call(&proxy.base, Method::PATCH, &path, &widened, Some(json!({"billingPin": "12"}))).await;
    assert_eq!((status, details(&error)), (422, vec![detail("billingPin", "tooFewDigits")]));
    let (status, _, porting) =
        call(&proxy.base, Method::PATCH, &path, &widened, Some(json!({"billingPin": "97-53"}))).await;
    assert_eq!((status, &porting["billingPinExists"]), (200, &json!(true)));
    assert!(!porting["required"].as_array().unwrap().contains(&json!("billingPin")), "{porting}");
}

#[tokio::test]
async fn an_unknown_donor_is_422() {
    let (proxy, _) = simulated().await;
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+12025550150", "donorProvider": "svp_us_nobody"});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &buyer, Some(body)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("donorProvider", "unknownValue")]));
}

#[tokio::test]
async fn gigs_errors_pass_through() {
    let (proxy, _) = simulated().await;
    let (session, id) = demo(&proxy).await;
    let body = json!({"phoneNumber": "+12025550160"});
    let (status, _, error) =
        call(&proxy.base, Method::PATCH, &format!("/portings/{id}"), &session, Some(body)).await;
    assert_eq!((status, details(&error)), (409, vec![detail("phoneNumber", "notUpdatableInStatus")]));
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+12025550150", "donorProvider": "svp_gb_ee"});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &buyer, Some(body)).await;
    assert_eq!((status, details(&error)), (422, vec![detail("donorProvider", "notPortableToProvider")]));
}

#[tokio::test]
async fn providing_what_is_missing_requests_the_port_and_cancel_ends_it() {
    let (proxy, _) = simulated().await;
    let (session, id) = demo(&proxy).await;
    let path = format!("/portings/{id}");
    let everything = json!({
        "accountNumber": "123456789", "accountPin": "8642", "firstName": "Ada", "lastName": "Lovelace",
        "address": {"line1": "129 West 81st Street", "city": "New York", "postalCode": "10024", "state": "NY", "country": "US"}
    });
    let (status, _, porting) = call(&proxy.base, Method::PATCH, &path, &session, Some(everything)).await;
    assert_eq!((status, porting["status"].as_str()), (200, Some("requested")));
    let (session, id) = demo(&proxy).await;
    let cancel = format!("/portings/{id}/cancel");
    let (status, _, porting) = call(&proxy.base, Method::POST, &cancel, &session, None).await;
    assert_eq!((status, porting["status"].as_str()), (200, Some("canceled")));
    let (status, _, error) = call(&proxy.base, Method::POST, &cancel, &session, None).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("portingNotCancelable")));
}

#[tokio::test]
async fn a_session_cannot_read_change_or_cancel_another_sessions_porting() {
    let (proxy, _) = simulated().await;
    let (session_a, _) = demo(&proxy).await;
    let (session_b, porting_b) = demo(&proxy).await;
    let other_user = mint(&proxy.sessions, "usr_someone_else", &[&porting_b]);
    let path = format!("/portings/{porting_b}");
    for intruder in [&session_a, &other_user] {
        for (method, path, body) in [
            (Method::GET, path.clone(), None),
            (Method::PATCH, path.clone(), Some(json!({"firstName": "Mallory"}))),
            (Method::POST, format!("{path}/cancel"), None),
        ] {
            let (status, _, error) = call(&proxy.base, method.clone(), &path, intruder, body).await;
            assert_eq!((status, error["code"].as_str()), (404, Some("portingNotFound")), "{method} {path}");
        }
    }
    let (_, untouched) = get(&proxy, &path, Some(&session_b)).await;
    assert_eq!(
        (untouched["status"].as_str(), &untouched["firstName"]),
        (Some("informationRequired"), &Value::Null)
    );
}

#[tokio::test]
async fn the_pins_never_appear_in_a_response_or_a_log_line() {
    let logs = crate::support::captured_logs();
    let (proxy, _) = simulated().await;
    let (session, id) = demo(&proxy).await;
    let path = format!("/portings/{id}");
    let pin = "864213579";
    let mut answers = Vec::new();
    for property in ["accountPin", "billingPin"] {
        for value in [json!(pin), json!(format!("{pin}x")), json!(864213579)] {
            let body = json!({ property: value });
            let (status, _, answer) = call(&proxy.base, Method::PATCH, &path, &session, Some(body)).await;
            answers.push((status, answer));
        }
    }
    assert_eq!(answers.iter().map(|(status, _)| *status).collect::<Vec<_>>(), [200, 422, 422, 200, 422, 422]);
    assert_eq!(
        (&answers[3].1["accountPinExists"], &answers[3].1["billingPinExists"]),
        (&json!(true), &json!(true))
    );
    answers.push(get(&proxy, &path, Some(&session)).await);
    for (_, answer) in &answers {
        assert!(!answer.to_string().contains(pin), "{answer}");
    }
    let logged = logs.text();
    // Requests are logged by route template, so neither ids nor bodies reach the log.
    assert!(logged.contains("/api/portings/{porting}"), "the requests are logged: {logged}");
    assert!(!logged.contains(pin), "a PIN is in a log line");
}

#[tokio::test]
async fn service_providers_are_those_of_the_sessions_provider() {
    let (proxy, sim) = simulated().await;
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let (status, _, list) = call(&proxy.base, Method::GET, "/serviceProviders", &buyer, None).await;
    assert_eq!(status, 200);
    let list: List<ServiceProvider> = serde_json::from_value(list).unwrap();
    assert_eq!(
        list.items.len(),
        sim.catalog().donors().iter().filter(|d| d.recipient_providers == ["p9"]).count()
    );
    assert!(list.items.len() > 10, "more than one upstream page of 10");
    assert_eq!((list.more_items_after, list.more_items_before), (None, None));
    let (status, _, _) =
        call(&proxy.base, Method::GET, "/serviceProviders?recipientProvider=p9", &buyer, None).await;
    assert_eq!(status, 200);
    let (status, _, error) =
        call(&proxy.base, Method::GET, "/serviceProviders?recipientProvider=p7", &buyer, None).await;
    assert_eq!((status, details(&error)), (422, vec![detail("recipientProvider", "notSessionProvider")]));
}

#[tokio::test]
async fn a_session_holds_a_bounded_number_of_portings() {
    let (proxy, _) = simulated().await;
    let ids: Vec<String> = (0..MAX_SESSION_PORTINGS).map(|n| format!("prt_{n}")).collect();
    let full = mint(&proxy.sessions, "usr_a", &ids.iter().map(String::as_str).collect::<Vec<_>>());
    let body = json!({"phoneNumber": "+12025550150"});
    let (status, _, error) = call(&proxy.base, Method::POST, "/portings", &full, Some(body)).await;
    assert_eq!((status, error["code"].as_str()), (409, Some("sessionPortingLimit")));
}

#[tokio::test]
async fn replaying_the_original_session_cannot_create_more_portings_than_the_cap() {
    let (proxy, _) = simulated().await;
    let original = mint(&proxy.sessions, "usr_a", &[]);
    let body = json!({"phoneNumber": "+12025550150"});
    let mut created = 0;
    for _ in 0..MAX_SESSION_PORTINGS + 5 {
        let (status, _, error) =
            call(&proxy.base, Method::POST, "/portings", &original, Some(body.clone())).await;
        match status {
            201 => created += 1,
            409 => assert_eq!(error["code"].as_str(), Some("sessionPortingLimit")),
            other => panic!("unexpected {other}: {error}"),
        }
    }
    assert_eq!(created, MAX_SESSION_PORTINGS);
    // Another session for the same buyer does not reset the count; another buyer has its own.
    let fresh = mint(&proxy.sessions, "usr_a", &[]);
    let (status, _, _) = call(&proxy.base, Method::POST, "/portings", &fresh, Some(body.clone())).await;
    assert_eq!(status, 409);
    let other = mint(&proxy.sessions, "usr_b", &[]);
    let (status, _, _) = call(&proxy.base, Method::POST, "/portings", &other, Some(body)).await;
    assert_eq!(status, 201);
}

#[tokio::test]
async fn the_dev_subscribe_route_moves_an_owned_draft_out_of_draft() {
    let (proxy, _) = simulated().await;
    let buyer = mint(&proxy.sessions, "usr_a", &[]);
    let (porting, widened) =
        create(&proxy, &buyer, json!({"phoneNumber": "+12025550150", "donorProvider": "svp_us_att"})).await;
    let path = format!("/dev/portings/{}/subscribe", porting.id);
    let (status, _, _) = call(&proxy.base, Method::POST, &path, &buyer, None).await;
    assert_eq!(status, 404);
    let (status, _, porting) = call(&proxy.base, Method::POST, &path, &widened, None).await;
    assert_eq!((status, porting["status"].as_str()), (200, Some("informationRequired")));
}

#[tokio::test]
async fn the_dev_session_route_hands_a_porting_back_to_its_own_buyer_only() {
    let (proxy, _) = simulated().await;
    let (_, id) = demo(&proxy).await;
    let (_, other) = demo(&proxy).await;
    let (session, porting) = dev_session(&proxy, &format!("/dev/portings/{id}/session")).await;
    assert_eq!(porting, id);
    let session = session.as_str();
    let (status, body) = get(&proxy, &format!("/portings/{id}"), Some(session)).await;
    assert_eq!((status, body["id"].as_str()), (200, Some(id.as_str())));
    let (status, _) = get(&proxy, &format!("/portings/{other}"), Some(session)).await;
    assert_eq!(status, 404, "that porting alone");
    let unknown = reqwest::Client::new()
        .post(format!("{}/dev/portings/prt_nothing/session", proxy.base))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 404);
}

/// A Gigs that serves `pages` pages of one service provider each (the last says no more), and
/// records the query of each request.
async fn paged_gigs(pages: usize) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::extract::RawQuery;
    let queries = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = queries.clone();
    let app = axum::Router::new().route(
        "/serviceProviders",
        axum::routing::get(move |RawQuery(query): RawQuery| {
            let query = query.unwrap_or_default();
            let page = query.split("after=svp_").nth(1).map_or(0, |n| n.parse::<usize>().unwrap() + 1);
            seen.lock().unwrap().push(query);
            let provider = json!({"object": "serviceProvider", "id": format!("svp_{page}"), "name": "Brand", "recipientProviders": ["p9"]});
            let more = (page + 1 < pages).then(|| format!("svp_{page}"));
            async move { axum::Json(json!({"object": "list", "items": [provider], "moreItemsAfter": more, "moreItemsBefore": null})) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, queries)
}

/// The widget API in front of the Gigs at `gigs_base`: its base URL and session key.
async fn proxy_for(gigs_base: String) -> (String, SessionKey) {
    use porting_proxy::gigs::client::{Gigs, Transport};
    use porting_proxy::routes::{self, state::ProxyState};
    let transport = Transport::Http { client: reqwest::Client::new(), base_url: gigs_base.into() };
    let sessions = SessionKey::random();
    let gigs = Gigs::new(transport, "acme".into(), "sk_test".into(), Duration::from_secs(5));
    let state = ProxyState::new(gigs, sessions.clone(), Arc::new(SystemClock), None);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, routes::widget_api(state)).await });
    (base, sessions)
}

#[tokio::test]
async fn service_providers_are_read_across_upstream_pages_up_to_a_bound() {
    for (pages, expected) in [(3, 3), (usize::MAX, MAX_PROVIDER_PAGES)] {
        let (gigs, queries) = paged_gigs(pages).await;
        let (base, sessions) = proxy_for(gigs).await;
        let buyer = mint(&sessions, "usr_a", &[]);
        let (status, _, list) = call(&base, Method::GET, "/serviceProviders", &buyer, None).await;
        assert_eq!(status, 200);
        assert_eq!(list["items"].as_array().unwrap().len(), expected);
        assert_eq!(list["moreItemsAfter"], Value::Null);
        let queries = queries.lock().unwrap().clone();
        assert_eq!(queries.len(), expected);
        assert!(queries.iter().all(|q| q.starts_with("recipientProvider=p9&limit=200")), "{queries:?}");
    }
}
