//! The simulator's HTTP API over real HTTP on loopback: what is about HTTP (auth, paths, status
//! codes, error shapes, query strings, pagination).

use std::sync::Arc;

use gigs_http::clock::ManualClock;
use gigs_simulator::{self as simulator, Simulator};
use porting_model::{GigsError, List, Porting, ServiceProvider, Status};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::{let_donor_answer, requested, simulator, API_KEY};

struct Server {
    base: String,
    sim: Arc<Simulator>,
    clock: Arc<ManualClock>,
    client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

async fn start() -> Server {
    let (sim, clock) = simulator();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = simulator::router(sim.clone());
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
    });
    Server { base, sim, clock, client: reqwest::Client::new(), _shutdown: tx }
}

impl Server {
    /// Sends a request with the API key and a JSON body (when given): (status, JSON body).
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).bearer_auth(API_KEY);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        (response.status(), response.json().await.unwrap())
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    /// Creates a draft US porting of `phone_number` over HTTP.
    async fn create(&self, phone_number: &str) -> Porting {
        let body = json!({"user": "usr_1", "provider": "p9", "phoneNumber": phone_number, "donorProvider": "svp_us_att"});
        let (status, porting) = self.call(Method::POST, "/projects/acme/portings", Some(body)).await;
        assert_eq!(status, StatusCode::CREATED, "{porting}");
        serde_json::from_value(porting).unwrap()
    }
}

fn error(body: Value) -> GigsError {
    serde_json::from_value(body).expect("a Gigs error")
}

fn first_detail(body: Value) -> (Option<String>, Option<String>) {
    let detail = error(body).details.into_iter().next().expect("a detail");
    (detail.property, detail.code)
}

fn ids(list: &Value) -> Vec<String> {
    let list: List<Porting> = serde_json::from_value(list.clone()).unwrap();
    list.items.into_iter().map(|p| p.id).collect()
}

#[tokio::test]
async fn requests_without_the_api_key_are_401_in_the_gigs_shape() {
    let server = start().await;
    // Compared in constant time: a prefix, an extension or a key of another length is no closer.
    let longer = format!("{API_KEY}x");
    let prefix = &API_KEY[..API_KEY.len() - 1];
    for key in [None, Some("sk_wrong"), Some(longer.as_str()), Some(prefix), Some("")] {
        let mut request = server.client.get(format!("{}/serviceProviders", server.base));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(error(response.json().await.unwrap()).kind, "authenticationError");
    }
}

#[tokio::test]
async fn path_parameter_rejections_are_in_the_gigs_shape() {
    let server = start().await;
    for path in [
        "/serviceProviders/%FF",
        "/projects/acme/portings/prt_%C3%28",
        "/projects/%FF/portings",
        "/projects/acme/portings/%FF/cancel",
    ] {
        let method = if path.ends_with("/cancel") { Method::POST } else { Method::GET };
        let response = server
            .client
            .request(method, format!("{}{path}", server.base))
            .bearer_auth(API_KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(response.headers()["content-type"], "application/json", "{path}");
        let error = error(response.json().await.unwrap());
        assert_eq!((error.object.as_str(), error.kind.as_str()), ("error", "invalidRequestError"), "{path}");
    }
}

#[tokio::test]
async fn unknown_projects_portings_providers_and_paths_are_404() {
    let server = start().await;
    for (path, code) in [
        ("/projects/other/portings", "projectNotFound"),
        ("/projects/acme/portings/prt_nothing", "portingNotFound"),
        ("/serviceProviders/svp_nothing", "serviceProviderNotFound"),
        ("/nothing", "routeNotFound"),
    ] {
        let (status, body) = server.get(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(error(body).code.as_deref(), Some(code), "{path}");
    }
}

#[tokio::test]
async fn malformed_json_is_400() {
    let server = start().await;
    let response = server
        .client
        .post(format!("{}/projects/acme/portings", server.base))
        .bearer_auth(API_KEY)
        .header("content-type", "application/json")
        .body("{\"phoneNumber\":")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error(response.json().await.unwrap()).code.as_deref(), Some("bodyNotJson"));
}

#[tokio::test]
async fn invalid_fields_are_422_with_property_and_problem_code() {
    let server = start().await;
    let porting = server.create("+12025550150").await;
    let body = json!({"address": {"line1": "1 Main St", "city": "Springfield", "postalCode": "1002", "state": "IL", "country": "US"}});
    let (status, body) =
        server.call(Method::PATCH, &format!("/projects/acme/portings/{}", porting.id), Some(body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_detail(body), (Some("address.postalCode".into()), Some("invalidZip".into())));
}

#[tokio::test]
async fn a_refused_approval_and_a_punctuated_account_number_are_taken_as_gigs_takes_them() {
    let server = start().await;
    let porting = server.create("+12025550151").await;
    let path = format!("/projects/acme/portings/{}", porting.id);
    let body = json!({"donorProviderApproval": false, "accountNumber": "ACC/1234.5678"});
    let (status, body) = server.call(Method::PATCH, &path, Some(body)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        (&body["donorProviderApproval"], &body["accountNumber"]),
        (&json!(false), &json!("ACC/1234.5678"))
    );
}

#[tokio::test]
async fn an_unknown_or_mistyped_property_is_422_naming_it() {
    let server = start().await;
    let porting = server.create("+12025550150").await;
    let path = format!("/projects/acme/portings/{}", porting.id);
    let (status, body) = server.call(Method::PATCH, &path, Some(json!({"accountPIN": "1234"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_detail(body), (Some("accountPIN".into()), Some("unknownProperty".into())));
    let (status, body) = server.call(Method::PATCH, &path, Some(json!({"firstName": 7}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_detail(body), (Some("firstName".into()), Some("invalidType".into())));
}

#[tokio::test]
async fn create_needs_user_provider_and_phone_number() {
    let server = start().await;
    let (status, body) = server.call(Method::POST, "/projects/acme/portings", Some(json!({}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let properties: Vec<_> = error(body).details.into_iter().filter_map(|d| d.property).collect();
    assert_eq!(properties, ["user", "provider", "phoneNumber"]);
}

#[tokio::test]
async fn the_references_own_example_number_is_created() {
    let server = start().await;
    assert_eq!(server.create("+19591234567").await.phone_number, "+19591234567");
}

#[tokio::test]
async fn a_porting_goes_from_create_to_cancel_over_http_and_the_pin_never_comes_back() {
    let server = start().await;
    let porting = server.create("+12025550119").await;
    assert_eq!(porting.status, Status::Draft);
    let path = format!("/projects/acme/portings/{}", porting.id);
    let (status, body) = server.call(Method::PATCH, &path, Some(json!({"accountPin": "8642"}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["accountPinExists"], true);
    assert!(body.get("accountPin").is_none() && !body.to_string().contains("8642"));
    let (status, body) = server.call(Method::POST, &format!("{path}/simulate/subscribe"), None).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("pending")));
    let (status, body) = server.call(Method::POST, &format!("{path}/cancel"), None).await;
    assert_eq!((status, body["status"].as_str()), (StatusCode::OK, Some("canceled")));
    let (_, body) = server.get(&path).await;
    assert_eq!(body["status"], "canceled");
}

#[tokio::test]
async fn an_irish_porting_asks_for_the_account_type_and_a_patch_with_it_moves_it_on() {
    let server = start().await;
    let body = json!({"user": "usr_1", "provider": "p5", "phoneNumber": "+353 20 910 0050", "donorProvider": "svp_ie_three"});
    let (status, porting) = server.call(Method::POST, "/projects/acme/portings", Some(body)).await;
    assert_eq!((status, &porting["required"]), (StatusCode::CREATED, &json!(["accountType"])), "{porting}");
    assert_eq!(porting["phoneNumber"], "+353209100050");
    let path = format!("/projects/acme/portings/{}", porting["id"].as_str().unwrap());
    let (_, waiting) = server.call(Method::POST, &format!("{path}/simulate/subscribe"), None).await;
    assert_eq!(waiting["status"], "informationRequired");
    let (status, body) = server.call(Method::PATCH, &path, Some(json!({"accountType": "business"}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_detail(body), (Some("accountType".into()), Some("unknownValue".into())));
    let (status, moved) =
        server.call(Method::PATCH, &path, Some(json!({"accountType": "prepaidRegistered"}))).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(
        (&moved["status"], &moved["accountType"], &moved["required"]),
        (&json!("requested"), &json!("prepaidRegistered"), &json!([]))
    );
}

#[tokio::test]
async fn a_billing_pin_is_required_until_given_and_only_its_existence_comes_back() {
    let server = start().await;
    let body = json!({
        "user": "usr_1", "provider": "p9", "phoneNumber": "+12025550150", "donorProvider": "svp_us_optimum",
        "accountNumber": "123456789", "accountPin": "8642", "firstName": "Ada", "lastName": "Lovelace",
        "address": {"line1": "1 Main St", "city": "Springfield", "postalCode": "62701", "state": "IL", "country": "US"},
    });
    let (status, porting) = server.call(Method::POST, "/projects/acme/portings", Some(body)).await;
    assert_eq!((status, &porting["required"]), (StatusCode::CREATED, &json!(["billingPin"])), "{porting}");
    assert_eq!(porting.get("billingPinExists"), None, "left out until a billing PIN is given");
    let path = format!("/projects/acme/portings/{}", porting["id"].as_str().unwrap());
    let (status, body) = server.call(Method::PATCH, &path, Some(json!({"billingPin": "97-53"}))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((&body["billingPinExists"], &body["required"]), (&json!(true), &json!([])));
    let (_, retrieved) = server.get(&path).await;
    for shown in [body, retrieved] {
        assert!(shown.get("billingPin").is_none() && !shown.to_string().contains("9753"), "{shown}");
    }
}

#[tokio::test]
async fn a_transition_the_status_forbids_is_409() {
    let server = start().await;
    let porting = requested(&server.sim, "+12025550150");
    let_donor_answer(&server.sim, &server.clock);
    let path = format!("/projects/acme/portings/{}", porting.id);
    let (status, body) = server.call(Method::POST, &format!("{path}/cancel"), None).await;
    assert_eq!((status, error(body).kind.as_str()), (StatusCode::CONFLICT, "conflictError"));
    let (status, _) = server.call(Method::POST, &format!("{path}/simulate/subscribe"), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_failed_porting_shows_when_it_failed_and_refuses_update_and_cancel() {
    let server = start().await;
    let porting = requested(&server.sim, "+12025550121");
    let_donor_answer(&server.sim, &server.clock);
    let path = format!("/projects/acme/portings/{}", porting.id);
    let (status, failed) = server.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((&failed["status"], &failed["failedAt"]), (&json!("failed"), &json!("2030-01-01T12:02:00Z")));
    let (status, body) = server.call(Method::PATCH, &path, Some(json!({"firstName": "Grace"}))).await;
    assert_eq!((status, error(body).code.as_deref()), (StatusCode::CONFLICT, Some("portingNotUpdatable")));
    let (status, body) = server.call(Method::POST, &format!("{path}/cancel"), None).await;
    assert_eq!((status, error(body).code.as_deref()), (StatusCode::CONFLICT, Some("portingNotCancelable")));
    let (_, list) = server.get("/projects/acme/portings?status=failed").await;
    assert_eq!(ids(&list), [porting.id]);
}

#[tokio::test]
async fn an_unsupported_method_is_405_in_the_gigs_shape() {
    let server = start().await;
    let (status, body) = server.call(Method::DELETE, "/projects/acme/portings", None).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(error(body).code.as_deref(), Some("methodNotAllowed"));
}

#[tokio::test]
async fn list_is_newest_first_and_paginates_with_after_and_before() {
    let server = start().await;
    let mut created = Vec::new();
    for n in 0..5 {
        created.push(server.create(&format!("+1202555015{n}")).await.id);
    }
    let newest_first: Vec<String> = created.iter().rev().cloned().collect();
    let (_, all) = server.get("/projects/acme/portings").await;
    assert_eq!(ids(&all), newest_first);
    let (_, first) = server.get("/projects/acme/portings?limit=2").await;
    assert_eq!(ids(&first), newest_first[..2]);
    assert_eq!(
        (first["moreItemsAfter"].as_str(), first["moreItemsBefore"].as_str()),
        (Some(&*newest_first[1]), None)
    );
    let (_, second) = server.get(&format!("/projects/acme/portings?limit=2&after={}", newest_first[1])).await;
    assert_eq!(ids(&second), newest_first[2..4]);
    assert_eq!(second["moreItemsBefore"].as_str(), Some(&*newest_first[2]));
    let (_, back) = server.get(&format!("/projects/acme/portings?limit=2&before={}", newest_first[2])).await;
    assert_eq!(ids(&back), newest_first[..2]);
    let (_, last) = server.get(&format!("/projects/acme/portings?after={}", newest_first[3])).await;
    assert_eq!((ids(&last), last["moreItemsAfter"].clone()), (newest_first[4..].to_vec(), Value::Null));
}

#[tokio::test]
async fn list_filters_by_repeated_or_comma_separated_status_and_by_subscription() {
    let server = start().await;
    let draft = server.create("+12025550150").await;
    let waiting = server.create("+12025550151").await;
    let waiting = server.sim.activate(&waiting.id).unwrap();
    let requested = requested(&server.sim, "+12025550152");
    for query in ["status=draft&status=informationRequired", "status=draft,informationRequired"] {
        let (status, list) = server.get(&format!("/projects/acme/portings?{query}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(ids(&list), [waiting.id.clone(), draft.id.clone()], "{query}");
    }
    let subscription = requested.subscription.unwrap();
    let (_, list) = server.get(&format!("/projects/acme/portings?subscription={subscription}")).await;
    assert_eq!(ids(&list), [requested.id]);
    let (status, body) = server.get("/projects/acme/portings?status=onHold").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(first_detail(body).0.as_deref(), Some("status"));
}

#[tokio::test]
async fn an_invalid_limit_is_422_naming_limit() {
    let server = start().await;
    for limit in ["201", "-1", "many"] {
        let (status, body) = server.get(&format!("/projects/acme/portings?limit={limit}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{limit}");
        assert_eq!(first_detail(body).0.as_deref(), Some("limit"), "{limit}");
    }
    let (status, _) = server.get("/projects/acme/portings?limit=200").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn service_providers_filter_by_recipient_and_paginate() {
    let server = start().await;
    let (status, page) = server.get("/serviceProviders?recipientProvider=p7").await;
    assert_eq!(status, StatusCode::OK);
    let first: List<ServiceProvider> = serde_json::from_value(page).unwrap();
    assert_eq!(first.items.len(), 10);
    assert!(first.items.iter().all(|p| p.recipient_providers == ["p7"]));
    let after = first.more_items_after.expect("more UK donors");
    let (_, rest) = server.get(&format!("/serviceProviders?recipientProvider=p7&after={after}")).await;
    let rest: List<ServiceProvider> = serde_json::from_value(rest).unwrap();
    assert!(!rest.items.is_empty() && rest.more_items_after.is_none());
    let (_, one) = server.get("/serviceProviders/svp_us_tmobile").await;
    assert_eq!(one["name"], "T-Mobile");
    let (_, brand) = server.get("/serviceProviders/svp_p9").await;
    assert_eq!(brand["recipientProviders"], json!(["p9"]));
    let (_, irish) = server.get("/serviceProviders?recipientProvider=p5").await;
    let names: Vec<&str> =
        irish["items"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Vodafone Ireland", "Three Ireland", "eir", "GOMO", "Tesco Mobile Ireland", "48"]);
}
