//! Every JSON example in the Gigs porting API reference parses into our types and serialises
//! back to the same JSON, and every value it gives a buyer's field passes our rule for it.

use porting_model::validate::{check_fields, phone_number, scheduled_on, CalendarDate, Context};
use porting_model::{Behavior, CreatePorting, List, Porting, PortingFields, ServiceProvider, UpdatePorting};
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

/// Never stricter than Gigs: each value the reference's examples give a buyer's field passes
/// that field's rule. A field is checked on its own, on the day before the examples' date: the
/// reference's text allows `scheduledOn` for UK plans only, yet its example porting is American,
/// so the day is checked as a UK porting's.
#[test]
fn every_example_value_passes_its_fields_rule() {
    let today: CalendarDate = "2021-01-20".parse().unwrap();
    let mut bodies: Vec<PortingFields> = request_examples()
        .iter()
        .map(|example| serde_json::from_value::<UpdatePorting>(example.clone()).unwrap().fields)
        .collect();
    let mut numbers: Vec<String> =
        request_examples().iter().map(|e| e["phoneNumber"].as_str().unwrap().into()).collect();
    for example in response_examples().iter().filter(|e| object_of(e) == "porting") {
        let porting: Porting = serde_json::from_value(example.clone()).unwrap();
        numbers.push(porting.phone_number.clone());
        bodies.push(PortingFields {
            account_number: porting.account_number,
            address: porting.address,
            behavior: Some(porting.behavior),
            birthday: porting.birthday,
            donor_provider: porting.donor_provider.map(|p| p.id),
            donor_provider_approval: porting.donor_provider_approval,
            first_name: porting.first_name,
            last_name: porting.last_name,
            scheduled_on: Some(porting.scheduled_on),
            ..PortingFields::default()
        });
    }
    assert_eq!((numbers.len(), bodies.len()), (7, 7), "two requests and five portings");
    for number in &numbers {
        assert_eq!(phone_number(number).as_ref(), Ok(number), "{number}");
    }
    for fields in bodies {
        let day = fields.scheduled_on.clone().flatten().expect("every example schedules a day");
        assert_eq!(scheduled_on(&day, today, "GB"), Ok(day.clone()));
        let ctx = Context::for_parts(&numbers[0], &Behavior::PortIn, Some("AT&T"), today);
        let without_day = PortingFields { scheduled_on: None, ..fields.clone() };
        let checked = check_fields(&without_day, &ctx).unwrap_or_else(|problems| panic!("{problems:?}"));
        assert_eq!(checked.birthday.as_deref(), Some("2017-07-21"), "a child's birthday, as Gigs gives it");
        assert!(checked.account_pin.is_some() == fields.account_pin.is_some());
    }
}

/// The current public reference's fields, newer than our copy: a failed porting with a billing
/// PIN given and an account type round-trips, is ended, and its example values pass their rules.
#[test]
fn the_current_references_fields_parse_and_pass_their_rules() {
    let mut example = response_examples().remove(0);
    example["status"] = "failed".into();
    example["failedAt"] = "2021-01-21T19:38:34Z".into();
    example["billingPinExists"] = true.into();
    example["accountType"] = "postpaidSingle".into();
    assert_round_trips::<Porting>(&example);
    let porting: Porting = serde_json::from_value(example).unwrap();
    assert!(porting.status.is_final());
    assert_eq!(porting.failed_at.as_deref(), Some("2021-01-21T19:38:34Z"));

    let today: CalendarDate = "2021-01-20".parse().unwrap();
    for (number, kind) in [("+19591234567", "postpaidMulti"), ("+353851234567", "prepaidUnregistered")] {
        let body: PortingFields = serde_json::from_value(serde_json::json!({
            "accountType": kind,
            "billingPin": "1234",
        }))
        .unwrap();
        let ctx = Context::for_parts(number, &Behavior::PortIn, None, today);
        let checked = check_fields(&body, &ctx).unwrap_or_else(|problems| panic!("{problems:?}"));
        assert_eq!(
            serde_json::to_value(&checked).unwrap(),
            serde_json::json!({"accountType": kind, "billingPin": "1234"})
        );
    }
}
