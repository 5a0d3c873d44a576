//! `openapi.json` held to the proxy it documents: the same paths and methods, and the model's
//! objects in the documented shapes. (`cargo xtask test` also runs schemathesis against it.)

use std::collections::BTreeSet;

use crate::support::{ask, draft_of, simulated, simulated_router};
use porting_model::contract as routes;
use porting_model::{AccountPin, AccountType, Address, CreatePorting, NewPorting, PortingFields};
use porting_proxy::routes::probes;
use porting_proxy::simulator::ANSWER_TIME;
use reqwest::Method;
use serde_json::{json, Value};

const SPEC: &str = include_str!("../../../porting-model/tests/fixtures/gigs-portings-api.txt");

fn document() -> Value {
    serde_json::from_str(include_str!("../../openapi.json")).expect("openapi.json is JSON")
}

/// The paths a document has.
fn documented_paths(document: &Value) -> BTreeSet<&str> {
    document["paths"].as_object().unwrap().keys().map(String::as_str).collect()
}

/// The methods a path item of the document has operations for, upper case.
fn documented_methods(path_item: &Value) -> BTreeSet<String> {
    const OPERATIONS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let item = path_item.as_object().expect("a path item is an object");
    item.keys().filter(|key| OPERATIONS.contains(&key.as_str())).map(|key| key.to_uppercase()).collect()
}

#[test]
fn the_document_has_exactly_the_served_paths() {
    assert_eq!(documented_paths(&document()), routes::ALL.iter().copied().collect());
}

#[test]
fn the_created_porting_carries_the_shared_contracts_session_header() {
    let document = document();
    let created = &document["paths"][routes::PORTINGS]["post"]["responses"]["201"]["headers"];
    let names: Vec<String> = created.as_object().unwrap().keys().map(|k| k.to_ascii_lowercase()).collect();
    assert!(names.contains(&routes::PORTING_SESSION_HEADER.to_owned()), "{names:?}");
}

/// The methods `router` answers at `uri` with something other than 405 or the API's "no such
/// route".
async fn served_methods(router: &axum::Router, uri: &str) -> BTreeSet<String> {
    let mut served = BTreeSet::new();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        let (status, body) = ask(router, method, uri).await;
        let no_route = status == 404 && body["code"] == "routeNotFound";
        if status != 405 && !no_route {
            served.insert(method.to_owned());
        }
    }
    served
}

/// Asked of the proxy's own router, so a method added to or dropped from a route shows up here.
#[tokio::test]
async fn each_path_answers_exactly_the_documented_methods() {
    let router = simulated_router();
    let document = document();
    for path in routes::ALL {
        let uri = format!("/api{}", path.replace("{porting}", "prt_x"));
        let served = served_methods(&router, &uri).await;
        assert_eq!(served, documented_methods(&document["paths"][path]), "{path}");
    }
}

fn ops_document() -> Value {
    serde_json::from_str(include_str!("../../ops.openapi.json")).expect("ops.openapi.json is JSON")
}

#[test]
fn the_ops_document_has_exactly_the_probes() {
    assert_eq!(documented_paths(&ops_document()), probes::PATHS.into_iter().collect());
}

#[tokio::test]
async fn each_probe_answers_exactly_the_documented_methods_and_shape() {
    let router = simulated_router();
    let document = ops_document();
    for path in probes::PATHS {
        assert_eq!(
            served_methods(&router, path).await,
            documented_methods(&document["paths"][path]),
            "{path}"
        );
    }
    let (_, ready) = ask(&router, "GET", probes::READY).await;
    let schema = &document["components"]["schemas"]["Readiness"];
    let keys = |value: &Value| -> BTreeSet<String> { value.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&ready), keys(&schema["properties"]), "{ready}");
    assert_eq!(ready["checks"], json!({ "gigs": "ok" }), "the embedded simulator answers");
}

#[test]
fn the_request_bodies_have_the_models_properties() {
    let document = document();
    let schemas = &document["components"]["schemas"];
    let properties = |schema: &str| -> BTreeSet<String> {
        schemas[schema]["properties"].as_object().unwrap().keys().cloned().collect()
    };
    let fields = PortingFields::NAMES.iter().chain(&["phoneNumber"]).map(|name| name.to_string()).collect();
    assert_eq!(properties("PortingUpdate"), fields);
    assert_eq!(properties("AddressInput"), Address::NAMES.iter().map(|name| name.to_string()).collect());
}

#[test]
fn the_request_examples_have_their_schemas_shape() {
    let document = document();
    for (path, method) in [(routes::PORTINGS, "post"), (routes::PORTING, "patch")] {
        let body = &document["paths"][path][method]["requestBody"]["content"]["application/json"];
        let found = shape_mismatches(&document, &body["schema"], &body["example"]);
        assert_eq!(found, Vec::<String>::new(), "{method} {path}");
    }
}

/// The porting object of the Gigs reference: the first example in it.
fn spec_example_porting() -> Value {
    let start = SPEC.find("\n{\n").expect("the reference has a JSON example") + 1;
    let mut examples = serde_json::Deserializer::from_str(&SPEC[start..]).into_iter::<Value>();
    let porting = examples.next().expect("an example").expect("the example is JSON");
    assert_eq!(porting["object"], "porting");
    porting
}

#[test]
fn the_spec_example_porting_has_the_documented_shape() {
    let document = document();
    let schema = &document["components"]["schemas"]["Porting"];
    assert_eq!(shape_mismatches(&document, schema, &spec_example_porting()), Vec::<String>::new());
}

/// Real answers, nulls and error details included, in the shapes and with the headers documented
/// for their status.
#[tokio::test]
async fn answers_have_the_shape_documented_for_their_status() {
    let (proxy, sim) = simulated().await;
    let draft = draft_of(&sim, "usr_1");
    let session = proxy.session("usr_1", &[&draft.id]);
    let client = reqwest::Client::new();
    let porting = format!("/portings/{}", draft.id);
    let answers = [
        (Method::GET, porting.clone(), None),
        (Method::PATCH, porting.clone(), Some(json!({"firstName": "Ada", "address": {"line1": ""}}))),
        (Method::GET, "/portings/prt_missing".to_owned(), None),
        (Method::POST, "/portings".to_owned(), Some(json!({"phoneNumber": "+12025550100"}))),
        (Method::GET, "/serviceProviders".to_owned(), None),
    ];
    let document = document();
    for (method, path, body) in answers {
        let mut request =
            client.request(method.clone(), format!("{}{path}", proxy.base)).bearer_auth(&session);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16().to_string();
        let headers = response.headers().clone();
        let answer: Value = response.json().await.unwrap();
        let template = path.replace(&draft.id, "{porting}").replace("prt_missing", "{porting}");
        let documented = &document["paths"][&template][method.as_str().to_lowercase()]["responses"][&status];
        let documented = resolve(&document, documented);
        let schema = &documented["content"]["application/json"]["schema"];
        assert!(schema.is_object(), "{method} {path} answered {status}, which is not documented");
        let found = shape_mismatches(&document, schema, &answer);
        assert_eq!(found, Vec::<String>::new(), "{method} {path} answered {status}: {answer:#}");
        for (name, header) in documented["headers"].as_object().expect("documented headers") {
            let required = resolve(&document, header)["required"] == true;
            assert!(
                !required || headers.contains_key(name.as_str()),
                "{method} {path} {status} lacks {name}"
            );
        }
    }
}

/// A failed porting with a billing PIN and an account type, as the proxy answers it: the current
/// reference's properties, newer than our copy, are documented too.
#[tokio::test]
async fn a_failed_porting_with_the_newer_properties_has_the_documented_shape() {
    let (proxy, sim) = simulated().await;
    let fields = PortingFields {
        account_number: Some("123456789".into()),
        account_pin: Some(AccountPin::new("8642")),
        account_type: Some(AccountType::PostpaidSingle),
        address: Some(Address {
            line1: "1 Main St".into(),
            line2: None,
            city: "Springfield".into(),
            postal_code: "62701".into(),
            state: Some("IL".into()),
            country: "US".into(),
        }),
        billing_pin: Some(AccountPin::new("5678")),
        donor_provider: Some("svp_us_optimum".into()),
        first_name: Some("Ada".into()),
        last_name: Some("Lovelace".into()),
        ..Default::default()
    };
    let body = CreatePorting {
        user: "usr_1".into(),
        provider: "p9".into(),
        porting: NewPorting { phone_number: "+12025550121".into(), fields },
    };
    let porting = sim.activate(&sim.create(body).unwrap().id).unwrap();
    proxy.clock.advance(ANSWER_TIME);
    let session = proxy.session("usr_1", &[&porting.id]);
    let (status, _, answer) =
        proxy.call(Method::GET, &format!("/portings/{}", porting.id), &session, None).await;
    assert_eq!(
        (status, &answer["status"], &answer["billingPinExists"]),
        (200, &json!("failed"), &json!(true))
    );
    assert_eq!(answer["accountType"], "postpaidSingle");
    assert!(answer["failedAt"].is_string(), "{answer}");
    let document = document();
    let schema = &document["components"]["schemas"]["Porting"];
    assert_eq!(shape_mismatches(&document, schema, &answer), Vec::<String>::new());
}

/// `value` itself, or what it refers to with `$ref`.
fn resolve<'a>(document: &'a Value, value: &'a Value) -> &'a Value {
    match value["$ref"].as_str() {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("only local references");
            resolve(document, document.pointer(pointer).unwrap_or_else(|| panic!("{reference} resolves")))
        }
        None => value,
    }
}

/// Where `value` departs from `schema`, in the keywords the document's object schemas use:
/// `$ref`, `oneOf`, `allOf`, `type`, `const`, `enum`, `required`, `properties`,
/// `additionalProperties: false` and `items`. Formats and patterns are left to schemathesis.
fn shape_mismatches(document: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    check_shape(document, schema, value, "$", &mut found);
    found
}

fn check_shape(document: &Value, schema: &Value, value: &Value, at: &str, found: &mut Vec<String>) {
    let schema = resolve(document, schema);
    let matches = |branch: &Value| shape_mismatches(document, branch, value).is_empty();
    if let Some(branches) = schema["oneOf"].as_array() {
        if branches.iter().filter(|branch| matches(branch)).count() != 1 {
            found.push(format!("{at}: {value} is not exactly one of {branches:?}"));
        }
    }
    for branch in schema["allOf"].as_array().into_iter().flatten() {
        check_shape(document, branch, value, at, found);
    }
    if schema.get("const").is_some_and(|constant| constant != value) {
        found.push(format!("{at}: {value} is not {}", schema["const"]));
    }
    if schema["enum"].as_array().is_some_and(|values| !values.contains(value)) {
        found.push(format!("{at}: {value} is not one of {}", schema["enum"]));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(one) => vec![one.as_str()],
        Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.is_empty() && !types.iter().any(|kind| is_of_type(value, kind)) {
        found.push(format!("{at}: {value} is not of type {types:?}"));
    }
    if let Value::Object(object) = value {
        for name in schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str) {
            if !object.contains_key(name) {
                found.push(format!("{at}: lacks {name}"));
            }
        }
        let properties = schema["properties"].as_object();
        for (name, property) in object {
            match properties.and_then(|properties| properties.get(name)) {
                Some(property_schema) => {
                    check_shape(document, property_schema, property, &format!("{at}.{name}"), found)
                }
                None if schema["additionalProperties"] == false => {
                    found.push(format!("{at}: has {name}, which is not documented"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (index, item) in items.iter().enumerate() {
            check_shape(document, item_schema, item, &format!("{at}[{index}]"), found);
        }
    }
}

fn is_of_type(value: &Value, kind: &str) -> bool {
    match kind {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        other => panic!("the document uses type {other}, which this check does not know"),
    }
}

#[test]
fn the_shape_check_finds_missing_extra_and_mistyped_properties() {
    let document = document();
    let schema = &document["components"]["schemas"]["Porting"];
    let mut porting = spec_example_porting();
    let object = porting.as_object_mut().unwrap();
    object.remove("user");
    object.insert("extra".into(), json!(1));
    object.insert("declinedAttempts".into(), json!("0"));
    object["donorProvider"]["recipientProviders"] = json!([3]);
    let found = shape_mismatches(&document, schema, &porting);
    for expected in ["lacks user", "has extra", "$.declinedAttempts: \"0\"", "$.donorProvider: {"] {
        assert!(found.iter().any(|problem| problem.contains(expected)), "{expected} in {found:#?}");
    }
}
