use super::*;
use serde_json::Value;

const CARRIERS_JSON: &str = include_str!("carriers.json");
const WORDS: [(&str, &str); 3] = [
    ("en", include_str!("../../lang/help/en.json")),
    ("de", include_str!("../../lang/help/de.json")),
    ("es", include_str!("../../lang/help/es.json")),
];

#[test]
fn each_name_a_provider_goes_by_finds_its_carrier() {
    for (name, key) in [
        ("AT&T", "att"),
        ("Verizon", "verizon"),
        ("T-Mobile", "tmobile"),
        ("Cricket Wireless", "cricket"),
        ("Metro by T-Mobile", "metro"),
        ("Visible", "visible"),
        ("Straight Talk", "straighttalk"),
        ("TracFone Wireless", "tracfone"),
        ("U.S. Mobile", "usmobile"),
        ("Mint Mobile", "mint"),
        ("Google Fi", "googlefi"),
    ] {
        assert_eq!(carrier_of(name), Some(key), "{name}");
    }
    assert_eq!(carrier_of("US Cellular"), None);
    assert_eq!(carrier_of("EE"), None, "the UK's words follow the code, not the network");
    assert_eq!(carrier_of(""), None);
}

#[test]
fn the_table_of_names_is_the_data_files() {
    let data: Value = serde_json::from_str(CARRIERS_JSON).unwrap();
    let mut listed = Vec::new();
    for carrier in data["carriers"].as_array().unwrap() {
        let key = carrier["key"].as_str().unwrap();
        for name in carrier["names"].as_array().unwrap() {
            let name = name.as_str().unwrap();
            assert_eq!(carrier_of(name), Some(key), "{name} in carriers.json");
            listed.push(plain(name));
        }
    }
    for (name, _) in CARRIERS {
        assert!(listed.contains(&name.to_string()), "{name} is not in carriers.json");
    }
}

#[test]
fn every_language_has_the_same_help_and_every_carrier_both_topics() {
    let data: Value = serde_json::from_str(CARRIERS_JSON).unwrap();
    let mut expected: Vec<String> = vec!["help.generic.accountNumber".into(), "help.generic.pin".into()];
    for carrier in data["carriers"].as_array().unwrap() {
        let key = carrier["key"].as_str().unwrap();
        let topics: &[&str] = if key == "uk" { &["pin", "stac"] } else { &["accountNumber", "pin"] };
        expected.extend(topics.iter().map(|topic| format!("help.{key}.{topic}")));
    }
    expected.sort();
    for (lang, words) in WORDS {
        let words: serde_json::Map<String, Value> = serde_json::from_str(words).unwrap();
        let mut keys: Vec<String> = words.keys().cloned().collect();
        keys.sort();
        assert_eq!(keys, expected, "{lang}");
        assert!(words.values().all(|text| text.as_str().is_some_and(|t| t.len() > 40)), "{lang}: sentences");
    }
}

#[test]
fn the_hosts_words_for_the_id_come_first_then_the_carriers_then_any_providers() {
    let digits = PinKind::Digits { min: 4, max: 10 };
    assert_eq!(
        keys("pin", digits, "svp_us_verizon", "Verizon"),
        ["help.svp_us_verizon.pin", "help.verizon.pin", "help.generic.pin"]
    );
    assert_eq!(keys("accountNumber", digits, "", "Unheard Of"), ["help.generic.accountNumber"]);
    assert_eq!(
        keys("pin", PinKind::Pac, "svp_gb_ee", "EE"),
        ["help.svp_gb_ee.pin", "help.uk.pin", "help.generic.pin"]
    );
    assert_eq!(keys("stac", PinKind::Stac, "", "O2"), ["help.uk.stac", "help.generic.pin"]);
    assert_eq!(topic(Field::AccountPin, PinKind::Stac), Some("stac"));
    assert_eq!(topic(Field::AccountNumber, PinKind::Pac), Some("accountNumber"));
    assert_eq!(topic(Field::FirstName, digits), None);
}

#[test]
fn a_host_may_word_help_for_any_provider_id_and_known_topic() {
    for key in ["help.svp_0SNlurA01K6GY5L0XJffY8.pin", "help.generic.accountNumber", "help.p-9.stac"] {
        assert!(is_help_key(key), "{key}");
    }
    for key in ["help.svp_1.email", "help..pin", "help.svp 1.pin", "help.pin", "helpx.svp_1.pin"] {
        assert!(!is_help_key(key), "{key}");
    }
}

#[test]
fn the_first_key_with_words_wins_the_hosts_before_the_files() {
    let keys = keys("pin", PinKind::DEFAULT, "svp_us_verizon", "Verizon");
    let file = vec![
        ("help.verizon.pin".to_owned(), "Dial #PORT.".to_owned()),
        ("help.generic.pin".to_owned(), "Ask them.".to_owned()),
    ];
    let no_host = |_: &str| None;
    let host = |key: &str| (key == "help.svp_us_verizon.pin").then_some("Ask the shop.");
    let generic_host = |key: &str| (key == "help.generic.pin").then_some("Call us.");
    assert_eq!(shown(&keys, no_host, Some(Ok(&file))), Shown::Text("Dial #PORT."));
    assert_eq!(shown(&keys, host, None), Shown::Text("Ask the shop."), "without waiting for the file");
    assert_eq!(
        shown(&keys, generic_host, Some(Ok(&file))),
        Shown::Text("Dial #PORT."),
        "the carrier's first"
    );
    assert_eq!(shown(&keys, no_host, None), Shown::Loading);
    assert_eq!(shown(&keys, no_host, Some(Err(()))), Shown::Failed);
    assert_eq!(shown(&keys, no_host, Some(Ok(&[]))), Shown::Failed);
    let unknown = super::keys("pin", PinKind::DEFAULT, "svp_x", "Unheard Of");
    assert_eq!(shown(&unknown, no_host, Some(Ok(&file))), Shown::Text("Ask them."));
}

#[test]
fn the_provider_picked_in_the_form_comes_before_the_one_on_file() {
    let verizon = porting_model::testing::provider("svp_us_verizon", "Verizon");
    let on_file = Some(&verizon);
    let pair = |id: &str, name: &str| (id.to_owned(), name.to_owned());
    assert_eq!(provider("svp_us_att", Some("AT&T"), on_file), pair("svp_us_att", "AT&T"));
    assert_eq!(
        provider("svp_us_verizon", None, on_file),
        pair("svp_us_verizon", "Verizon"),
        "the answer on file"
    );
    assert_eq!(provider("", None, on_file), pair("svp_us_verizon", "Verizon"));
    assert_eq!(provider("svp_other", None, on_file), pair("svp_other", ""), "not the one on file");
    assert_eq!(provider("", None, None), pair("", ""));
}
