//! Every JSON example in the Gigs porting API reference parses into our types and serialises
//! back to the same JSON.

use porting_model::{CreatePorting, List, Porting, ServiceProvider, UpdatePorting};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

const SPEC: &str = include_str!("fixtures/gigs-portings-api.txt");

/// The response examples: each starts on a line that is exactly `{` (lines inside an example
/// already read, such as a list's items, are part of that example).
fn response_examples() -> Vec<Value> {
    let mut examples = Vec::new();
    let (mut offset, mut read_until) = (0, 0);
    for line in SPEC.split_inclusive('\n') {
        if line.trim_end() == "{" && offset >= read_until {
            let mut stream = serde_json::Deserializer::from_str(&SPEC[offset..]).into_iter::<Value>();
            let value = stream.next().expect("an example follows").expect("the example is valid JSON");
            read_until = offset + stream.byte_offset();
            examples.push(value);
        }
        offset += line.len();
    }
    examples
}

/// The request bodies of the `curl … -d "…"` examples.
fn request_examples() -> Vec<Value> {
    SPEC.lines()
        .filter_map(|line| line.strip_prefix("-d \""))
        .map(|body| {
            let json = body.trim_end().trim_end_matches('"').replace("\\\"", "\"");
            serde_json::from_str(&json).expect("the request body is valid JSON")
        })
        .collect()
}

fn assert_round_trips<T: DeserializeOwned + Serialize>(example: &Value) {
    let parsed: T =
        serde_json::from_value(example.clone()).unwrap_or_else(|e| panic!("{e} while parsing {example:#}"));
    assert_eq!(&serde_json::to_value(&parsed).unwrap(), example);
}

fn object_of(value: &Value) -> &str {
    value["object"].as_str().unwrap_or_default()
}

#[test]
fn every_response_example_parses_and_round_trips() {
    let examples = response_examples();
    let (mut portings, mut porting_lists, mut providers, mut provider_lists) = (0, 0, 0, 0);
    for example in &examples {
        match (object_of(example), object_of(&example["items"][0])) {
            ("porting", _) => {
                assert_round_trips::<Porting>(example);
                portings += 1;
            }
            ("serviceProvider", _) => {
                assert_round_trips::<ServiceProvider>(example);
                providers += 1;
            }
            ("list", "porting") => {
                assert_round_trips::<List<Porting>>(example);
                porting_lists += 1;
            }
            ("list", "serviceProvider") => {
                assert_round_trips::<List<ServiceProvider>>(example);
                provider_lists += 1;
            }
            other => panic!("an example of an unexpected kind {other:?}: {example:#}"),
        }
    }
    // The object itself, then the responses of cancel, retrieve, update and create.
    assert_eq!(portings, 5);
    assert_eq!((porting_lists, providers, provider_lists), (1, 1, 1));
}

#[test]
fn every_request_example_parses_and_round_trips() {
    let examples = request_examples();
    assert_eq!(examples.len(), 2, "the create and the update example");
    for example in &examples {
        if example.get("user").is_some() {
            assert_round_trips::<CreatePorting>(example);
        } else {
            assert_round_trips::<UpdatePorting>(example);
        }
    }
}

#[test]
fn porting_with_an_unknown_status_and_code_parses() {
    let mut example = response_examples().remove(0);
    example["status"] = "onHold".into();
    example["declinedCode"] = "portingSomethingNew".into();
    example["required"] = serde_json::json!(["accountNumber", "favouriteColour"]);
    assert_round_trips::<Porting>(&example);
}

#[test]
fn porting_without_an_id_is_rejected() {
    let mut example = response_examples().remove(0);
    example.as_object_mut().unwrap().remove("id");
    assert!(serde_json::from_value::<Porting>(example).is_err());
}
