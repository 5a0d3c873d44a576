use porting_model::validate::{PinKind, Problem};
use porting_model::{DeclineCode, FieldName, Status};

use super::*;
use crate::config::ConfigError;
use crate::form::Field;
use crate::journey::timeline::Moment;

/// Texts a translation may leave as in English: codes and words both languages use.
const SAME_IN_EVERY_LANGUAGE: &[&str] = &["label_pac", "label_stac", "status_label", "error_prefix"];

/// A language's catalog, made from its file as the widget makes it, and its words.
fn language(lang: &str) -> (&'static Messages, Vec<(String, String)>) {
    let json = std::fs::read_to_string(format!("{}/lang/{lang}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let words: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&json).unwrap();
    let words = words.into_iter().map(|(key, text)| (key, text.as_str().unwrap_or_default().to_owned()));
    (language_from_json(&json).unwrap(), words.collect())
}

/// Every problem, with values that show where a message names them.
fn every_problem() -> Vec<Problem> {
    use Problem::*;
    vec![
        Required,
        TooShort { min: 7 },
        TooLong { max: 8 },
        TooFewDigits { min: 4 },
        TooManyDigits { max: 6 },
        ControlCharacter,
        NoLetter,
        NotDigits,
        InvalidId,
        UnknownValue,
        MissingPlus,
        UnknownCountryCode,
        WrongLength { calling_code: "44", expected: 10..=10 },
        InvalidNumberRange { calling_code: "44" },
        CountryCodeMismatch { expected: "49" },
        UnsupportedCountry,
        NotADate,
        NotInPast,
        NotInFuture,
        TooOld { max_years: 120 },
        ScheduleOnlyUk,
        CancelOnlyUk,
        InvalidPac,
        InvalidStac,
        StacInsteadOfPac,
        PacInsteadOfStac,
        InvalidZip,
        InvalidPostcode,
        UnknownCountry,
        UnknownState,
        NotApproved,
    ]
}

#[test]
fn every_language_has_words_for_every_key_english_has() {
    for lang in LANGUAGES {
        let (catalog, words) = language(lang);
        let has = |key: &str| words.iter().any(|(k, _)| k == key);
        for (key, text) in &words {
            let braces = text.matches('{').count();
            assert_eq!(braces, text.matches('}').count(), "{lang}: {key}");
        }
        assert_eq!(catalog.lang, lang);
        for key in Messages::TEXT_KEYS {
            let (english, text) = (EN.text(key).unwrap(), catalog.text(key).unwrap());
            assert!(has(key) && !text.trim().is_empty(), "{lang}: {key} is missing");
            if !SAME_IN_EVERY_LANGUAGE.contains(key) {
                assert_ne!(text, english, "{lang}: {key} is still English");
            }
        }
        for key in Messages::FORMAT_KEYS {
            assert!(has(key), "{lang}: {key} is missing");
        }
        for status in Status::KNOWN {
            assert_ne!(catalog.next_step(status), EN.next_step(status), "{lang}: {status:?}");
        }
        for code in DeclineCode::KNOWN {
            assert!(has(&format!("guidance.{}", code.as_str())), "{lang}: {code:?}");
        }
        assert!(has("guidance.other") && has("problem.other"), "{lang}");
        for field in Field::ALL {
            for problem in every_problem() {
                let text = catalog.problem(field, &problem);
                assert!(!text.contains('{'), "{lang}: {field:?} {problem:?}: {text}");
                if problem == Problem::Required {
                    assert_ne!(text, EN.problem(field, &problem), "{lang}: {field:?}");
                }
            }
        }
        for &(code, _) in porting_model::validate::PHONE_COUNTRIES {
            assert!(has(&format!("country.{code}")), "{lang}: {code}");
        }
        assert_ne!(catalog.moment_declined(2), EN.moment_declined(2));
        assert_ne!(catalog.retry_in(1), catalog.retry_in(2), "{lang}: one second is said apart");
        assert!(!catalog.retry_in(1).contains('{'));
        assert!(catalog.pin_hint(PinKind::Digits { min: 4, max: 4 }).starts_with('4'), "{lang}");
    }
}

#[test]
fn a_languages_words_name_the_values_of_their_problem() {
    let (german, _) = language("de");
    let too_long = german.problem(Field::AccountNumber, &Problem::TooLong { max: 20 });
    assert_eq!(too_long, "Die Kundennummer darf höchstens 20 Zeichen haben");
    let mismatch = german.problem(Field::PhoneNumber, &Problem::CountryCodeMismatch { expected: "44" });
    assert!(mismatch.starts_with("Diese Nummer beginnt nicht mit +44."), "{mismatch}");
    // The field's own words, then the field's for any problem, then the problem's, then any.
    assert_eq!(german.problem(Field::Country, &Problem::UnknownCountry), "Wählen Sie das Land");
    assert_eq!(
        german.problem(Field::FirstName, &Problem::NoLetter),
        "Vorname muss einen Buchstaben enthalten"
    );
    assert_eq!(german.problem(Field::City, &Problem::UnknownValue), "Ort ist ungültig");
}

#[test]
fn every_catalog_names_every_phone_country() {
    for catalog in [&EN, language("de").0, language("es").0] {
        for &(code, _) in porting_model::validate::PHONE_COUNTRIES {
            assert!(!catalog.country_name(code).is_empty(), "{}: {code}", catalog.lang);
        }
    }
}

#[test]
fn the_language_is_the_first_wanted_that_has_words() {
    assert_eq!(language_for(["de"]), Some("de"));
    assert_eq!(language_for(["fr", "es-MX", "de"]), Some("es"));
    assert_eq!(language_for(["DE_at"]), Some("de"));
    assert_eq!(language_for(["en-GB", "de"]), None, "English is a language too");
    assert_eq!(language_for(["fr", "it"]), None);
    assert_eq!(language_for([]), None);
}

#[test]
fn the_host_page_may_reword_formats_guidance_problems_and_countries_too() {
    let texts = [
        ("retry_in", "Again in {seconds}s"),
        ("retry_in.one", "Again in a second"),
        ("guidance.portingAccountPinRequiredOrInvalid", "Ask for a new PIN."),
        ("guidance.other", "Call us."),
        ("problem.accountPin.notDigits", "{label}: digits only"),
        ("problem.tooLong", "At most {max}"),
        ("country.DE", "Germany (DE)"),
    ]
    .map(|(k, v)| (k.to_owned(), v.to_owned()));
    let worded = with_texts(&EN, &texts);
    assert_eq!((worded.retry_in(7), worded.retry_in(1)), ("Again in 7s".into(), "Again in a second".into()));
    assert_eq!(worded.guidance(Some(&DeclineCode::AccountPinRequiredOrInvalid)), "Ask for a new PIN.");
    assert_eq!(worded.guidance(Some(&DeclineCode::from("portingSimSwapped"))), "Call us.");
    assert_eq!(worded.guidance(Some(&DeclineCode::Duplicated)), EN.guidance(Some(&DeclineCode::Duplicated)));
    assert_eq!(worded.problem(Field::AccountPin, &Problem::NotDigits), "Number transfer PIN: digits only");
    assert_eq!(worded.problem(Field::City, &Problem::TooLong { max: 9 }), "At most 9");
    assert_eq!(
        worded.problem(Field::AccountPin, &Problem::Required),
        EN.problem(Field::AccountPin, &Problem::Required)
    );
    assert_eq!((worded.country_name("DE"), worded.country_name("ES")), ("Germany (DE)", "Spain"));
    let (german, _) = language("de");
    let labelled = with_texts(german, &[("label_first_name".to_owned(), "Rufname".to_owned())]);
    let too_long = labelled.problem(Field::FirstName, &Problem::TooLong { max: 50 });
    assert!(too_long.starts_with("Rufname"), "the host's label reaches the problem: {too_long}");
    let host = with_texts(german, &[("guidance.other".to_owned(), "Rufen Sie uns an.".to_owned())]);
    assert_eq!(host.guidance(None), "Rufen Sie uns an.", "the host's words come before the language's");
    let helped = with_texts(german, &[("help.svp_1.pin".to_owned(), "Fragen Sie Ihren Chef.".to_owned())]);
    assert_eq!(
        (helped.host_help("help.svp_1.pin"), helped.host_help("help.svp_2.pin")),
        (Some("Fragen Sie Ihren Chef."), None)
    );
    let keys = texts.iter().map(|(k, _)| k.as_str());
    let more = [
        "submit",
        "hint_pin",
        "problem.address.country",
        "problem.other",
        "help.svp_us_att.pin",
        "help_title",
    ];
    for key in keys.chain(more) {
        assert!(Messages::is_key(key), "{key}");
    }
    for key in [
        "submitt",
        "guidance.portingNope",
        "problem.pin.required",
        "country.de",
        "problem.accountPin.",
        "submit.one",
        "help.svp_us_att.email",
    ] {
        assert!(!Messages::is_key(key), "{key}");
    }
}

#[test]
fn the_host_page_may_reword_any_text_by_key() {
    let (german, _) = language("de");
    let texts = [("submit".to_owned(), "Port my number".to_owned())];
    let worded = with_texts(german, &texts);
    assert_eq!((worded.submit, worded.lang, worded.title), ("Port my number", "de", german.title));
    assert!(std::ptr::eq(with_texts(german, &[]), german), "no copy without overrides");
    assert!(Messages::TEXT_KEYS.contains(&"submit") && Messages::TEXT_KEYS.len() > 100);
    assert_eq!(language_from_json(r#"{"submit": "Senden"}"#).unwrap().submit, "Senden");
    assert!(language_from_json(r#"{"submitt": "x"}"#).err().is_some_and(|e| e.contains("submitt")));
    assert!(language_from_json(r#"{"submit": 3}"#).is_err() && language_from_json("[").is_err());
}

fn distinct(mut texts: Vec<String>) {
    let count = texts.len();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), count);
}

#[test]
fn every_status_has_its_own_text() {
    let mut texts: Vec<_> = Status::KNOWN.iter().map(|s| EN.status(s).to_owned()).collect();
    texts.push(EN.status(&Status::Unknown("onHold".into())).to_owned());
    distinct(texts);
}

#[test]
fn every_status_says_what_happens_next_and_every_code_what_to_do() {
    let mut next: Vec<_> = Status::KNOWN.iter().map(|s| EN.next_step(s).to_owned()).collect();
    next.push(EN.next_step(&Status::Unknown("onHold".into())).to_owned());
    distinct(next);
    let mut guidance: Vec<_> = DeclineCode::KNOWN.iter().map(|c| EN.guidance(Some(c)).to_owned()).collect();
    guidance.push(EN.guidance(None).to_owned());
    distinct(guidance);
    assert_eq!(EN.guidance(Some(&DeclineCode::from("portingSimSwapped"))), EN.guidance(None));
}

#[test]
fn every_moment_has_its_own_text() {
    let moments = [
        Moment::Created,
        Moment::Requested,
        Moment::Declined { attempts: 1 },
        Moment::Declined { attempts: 2 },
        Moment::Completed,
        Moment::Canceled,
        Moment::Expired,
    ];
    distinct(moments.iter().map(|m| EN.moment(m)).collect());
    assert!(EN.moment(&Moment::Declined { attempts: 3 }).contains('3'));
    assert_eq!(EN.retry_in(12), "Try again in 12 seconds");
}

#[test]
fn every_kind_of_configuration_error_has_its_own_text() {
    let invalid = ConfigError::Invalid { name: "data-proxy-base", reason: "is not a URL" };
    distinct(
        [ConfigError::Missing("data-session"), invalid].iter().map(|e| EN.config_error(e).into()).collect(),
    );
}

#[test]
fn every_field_has_its_own_label() {
    distinct(Field::ALL.iter().map(|f| EN.label(*f).to_owned()).collect());
}

#[test]
fn labels_follow_the_pin_kind_and_the_country() {
    assert_eq!(EN.pin_label(PinKind::Pac), EN.label_pac);
    assert_eq!(EN.pin_hint(PinKind::Digits { min: 6, max: 6 }), EN.hint_pin_exact(6));
    assert_eq!(EN.pin_hint(PinKind::Digits { min: 4, max: 8 }), EN.hint_pin(4, 8));
    assert_eq!(
        (EN.pin_label(PinKind::Text), EN.pin_hint(PinKind::Text)),
        (EN.label_pin, EN.hint_pin_other.into())
    );
    assert!(!EN.hint_pin_other.contains("digits"), "no shape is promised");
    assert_eq!(EN.postal_label("us"), EN.label_zip);
    assert_eq!(EN.postal_label("GB"), EN.label_postcode);
    assert_eq!(EN.state_label("CA"), EN.label_province);
    assert_eq!(EN.item_label(&FieldName::AccountPin, PinKind::Stac), EN.label_stac);
    assert_eq!(EN.item_label(&FieldName::FirstName, PinKind::DEFAULT), EN.label_first_name);
    assert_eq!(EN.item_label(&FieldName::Address, PinKind::DEFAULT), EN.label_address);
}
