use porting_model::testing::PortingBuilder;
use porting_model::validate::CalendarDate;

use super::*;
use crate::messages::EN;

/// One element of rendered HTML: its tag, its attributes (unescaped) and whether it or an
/// ancestor is `hidden`.
#[derive(Debug)]
struct Element {
    tag: String,
    attributes: Vec<(String, String)>,
    hidden: bool,
}

impl Element {
    fn get(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

const VOID: [&str; 6] = ["input", "br", "img", "meta", "link", "hr"];

/// The elements of `html` in document order (a reader for the renderer's own well-formed output).
fn elements(html: &str) -> Vec<Element> {
    let mut found = Vec::new();
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        // Comments, the renderer's `<!>` markers among them.
        if let Some(comment) = rest.strip_prefix('!') {
            rest = &comment[comment.find('>').expect("a comment ends") + 1..];
            continue;
        }
        let end = tag_end(rest);
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        if let Some(closing) = inside.strip_prefix('/') {
            let (tag, _) = open.pop().expect("a closing tag closes an open one");
            assert_eq!(tag, closing.trim(), "well nested");
            continue;
        }
        let (tag, attributes) = parse_tag(inside);
        let hidden =
            open.last().is_some_and(|(_, hidden)| *hidden) || attributes.iter().any(|(n, _)| n == "hidden");
        if !VOID.contains(&tag.as_str()) {
            open.push((tag.clone(), hidden));
        }
        found.push(Element { tag, attributes, hidden });
    }
    assert!(open.is_empty(), "every element is closed: {open:?}");
    found
}

/// Where a tag ends, skipping `>` inside quoted values.
fn tag_end(text: &str) -> usize {
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            ('>', None) => return i,
            _ => {}
        }
    }
    panic!("a tag ends: {text}");
}

fn parse_tag(inside: &str) -> (String, Vec<(String, String)>) {
    let inside = inside.trim_end_matches('/');
    let (tag, mut rest) = inside.split_once(char::is_whitespace).unwrap_or((inside, ""));
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(|c: char| c == '=' || c.is_whitespace()).unwrap_or(rest.len());
        let name = rest[..name_end].to_owned();
        rest = &rest[name_end..];
        let value = match rest.strip_prefix('=') {
            Some(quoted) => {
                let quote = quoted.chars().next().expect("a value");
                let close = quoted[1..].find(quote).expect("a closing quote") + 1;
                let value = unescape(&quoted[1..close]);
                rest = &quoted[close + 1..];
                value
            }
            None => String::new(),
        };
        attributes.push((name, value));
    }
    (tag.to_owned(), attributes)
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn buyer(locale: &str) -> Buyer {
    Buyer { locale: locale.into(), utc_offset_minutes: 0, today: CalendarDate::new(2026, 12, 6).unwrap() }
}

fn rendered(state: FirstState, locale: &str) -> (String, Vec<Element>) {
    let html = render(&state, locale, buyer(locale));
    let found = elements(&html);
    (html, found)
}

/// The `data-field` of every input on show, in page order.
fn shown_fields(found: &[Element]) -> Vec<String> {
    found.iter().filter(|e| !e.hidden).filter_map(|e| e.get("data-field")).map(str::to_owned).collect()
}

/// Every id is unique, and every reference to one (`for`, `aria-*`, a link) names one of them.
fn assert_references_resolve(found: &[Element]) {
    let ids: Vec<&str> = found.iter().filter_map(|e| e.get("id")).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");
    for element in found {
        for name in ["for", "aria-labelledby", "aria-describedby", "aria-controls"] {
            for id in element.get(name).unwrap_or_default().split_whitespace() {
                assert!(ids.contains(&id), "{name}={id} of <{}> names no element", element.tag);
            }
        }
    }
}

/// The fields each required name asks, in page order, written out here rather than read from the
/// widget's own table.
const FIELDS: [(&str, &[&str]); 10] = [
    ("donorProvider", &["donorProvider"]),
    ("accountType", &["accountType", "accountType", "accountType", "accountType"]),
    ("accountNumber", &["accountNumber"]),
    ("accountPin", &["accountPin"]),
    ("billingPin", &["billingPin"]),
    ("firstName", &["firstName"]),
    ("lastName", &["lastName"]),
    ("birthday", &["birthday-day", "birthday-month", "birthday-year"]),
    (
        "address",
        &[
            "address.country",
            "address.line1",
            "address.line2",
            "address.city",
            "address.state",
            "address.postalCode",
        ],
    ),
    ("donorProviderApproval", &["donorProviderApproval"]),
];

/// Each language's label of the account number, from its file (English: the catalog).
const ACCOUNT_NUMBER: [(&str, &str); 3] =
    [("en", "Account number"), ("de", "Kundennummer"), ("es", "Número de cliente")];

#[test]
fn every_combination_of_required_fields_renders_its_form_in_every_language() {
    for (locale, account_label) in ACCOUNT_NUMBER {
        for combination in 0..1u32 << FIELDS.len() {
            let names: Vec<&str> = FIELDS
                .iter()
                .enumerate()
                .filter(|(i, _)| combination & (1 << i) != 0)
                .map(|(_, (n, _))| *n)
                .collect();
            let expected: Vec<&str> = FIELDS
                .iter()
                .filter(|(name, _)| names.contains(name))
                .flat_map(|(_, fields)| fields.iter().copied())
                .collect();
            let porting = PortingBuilder::new().required(&names).build();
            let (html, found) = rendered(FirstState::Porting(Box::new(porting)), locale);
            assert_eq!(shown_fields(&found), expected, "{locale} {names:?}");
            assert_references_resolve(&found);
            assert_eq!(html.contains(account_label), names.contains(&"accountNumber"), "{locale} {names:?}");
            let form = found.iter().find(|e| e.tag == "form").expect("a form");
            assert_eq!((form.get("method"), form.hidden), (Some("dialog"), names.is_empty()), "{names:?}");
        }
    }
}

#[test]
fn every_status_renders_its_view_in_every_language() {
    let statuses = [
        "draft",
        "pending",
        "informationRequired",
        "requested",
        "declined",
        "completed",
        "canceled",
        "expired",
        "failed",
        "onHold",
    ];
    let said: [(&str, [&str; 3]); 3] = [
        (
            "en",
            [
                "Transfer requested from your current provider",
                "Your number has been transferred",
                "The transfer failed",
            ],
        ),
        (
            "de",
            [
                "Mitnahme bei Ihrem bisherigen Anbieter beantragt",
                "Ihre Rufnummer wurde übertragen",
                "Die Mitnahme ist fehlgeschlagen",
            ],
        ),
        (
            "es",
            [
                "Portabilidad solicitada a su operador actual",
                "Su número se ha transferido",
                "La portabilidad ha fallado",
            ],
        ),
    ];
    for (locale, [requested, completed, failed]) in said {
        for status in statuses {
            let porting = PortingBuilder::new().status(status).build();
            let (html, found) = rendered(FirstState::Porting(Box::new(porting)), locale);
            let row = found.iter().find(|e| e.get("data-status").is_some()).expect("the status row");
            assert_eq!(row.get("data-status"), Some(status));
            assert_references_resolve(&found);
            assert_eq!(html.contains(requested), status == "requested", "{locale} {status}");
            assert_eq!(html.contains(completed), status == "completed", "{locale} {status}");
            assert_eq!(html.contains(failed), status == "failed", "{locale} {status}");
            let section = found.iter().find(|e| e.tag == "section").unwrap();
            assert_eq!(section.get("lang"), Some(locale));
        }
    }
}

#[test]
fn the_create_step_asks_the_number_in_the_buyers_language_with_their_country_chosen() {
    let (html, found) = rendered(FirstState::Create, "en-GB");
    assert_eq!(
        shown_fields(&found),
        ["phoneCountry", "phoneNumber", "behavior", "behavior", "donorProvider"]
    );
    let chosen = found.iter().find(|e| e.tag == "option" && e.get("selected").is_some()).unwrap();
    assert_eq!(chosen.get("value"), Some("GB"), "the browser's region");
    assert!(html.contains(EN.create_intro));
    assert_references_resolve(&found);
    let (_, found) = rendered(FirstState::Create, "de-DE");
    assert!(found.iter().any(|e| e.tag == "section" && e.get("lang") == Some("de")));
}

#[test]
fn the_wrapper_carries_the_porting_the_ids_and_the_sentences_before_the_code() {
    let porting = PortingBuilder::new().required(&["accountPin"]).first_name("<b>Ada</b>").build();
    let (html, found) = rendered(FirstState::Porting(Box::new(porting.clone())), "es");
    let wrapper = &found[0];
    assert_eq!(wrapper.get("class"), Some(WRAPPER_CLASS));
    let carried: Porting = serde_json::from_str(wrapper.get("data-pw-porting").unwrap()).unwrap();
    assert_eq!(carried, porting);
    assert_eq!(wrapper.get("data-pw-getting-ready"), Some("Preparando…"));
    let base = wrapper.get("data-pw-ids").unwrap();
    assert!(
        found.iter().any(|e| e.get("id") == Some(&format!("{base}-title"))),
        "the title's id starts with it"
    );
    assert!(!html.contains("<b>"), "the buyer's words are text, never markup");
    let same = render(&FirstState::Porting(Box::new(porting)), "es", buyer("es"));
    assert_eq!(same, html, "the same state renders the same markup");
}

#[test]
fn the_markup_needs_no_script_and_no_style_attribute() {
    let everything: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
    let uk = PortingBuilder::new().required(&everything).phone_number("+447700900123").build();
    for state in [FirstState::Create, FirstState::Porting(Box::new(uk))] {
        let (html, found) = rendered(state, "en");
        assert!(!html.contains("<script") && !found.iter().any(|e| e.get("style").is_some()), "{html}");
        assert!(found.iter().all(|e| !e.attributes.iter().any(|(n, _)| n.starts_with("on"))), "no handler");
    }
}

#[test]
fn the_pins_are_masked_never_in_the_markup_and_never_offered_to_save() {
    let porting = PortingBuilder::new().required(&["accountPin", "billingPin"]).build();
    let (_, found) = rendered(FirstState::Porting(Box::new(porting)), "en");
    for name in ["accountPin", "billingPin"] {
        let pin = found.iter().find(|e| e.get("data-field") == Some(name)).unwrap();
        assert_eq!((pin.get("type"), pin.get("value")), (Some("password"), None), "{name}");
        assert_eq!((pin.get("autocomplete"), pin.get("data-1p-ignore")), (Some("one-time-code"), Some("")));
    }
}

#[test]
fn the_kinds_of_account_are_offered_and_the_one_on_file_summarised() {
    let mut porting = PortingBuilder::new().required(&["accountType"]).phone_number("+353850123456").build();
    let (html, found) = rendered(FirstState::Porting(Box::new(porting.clone())), "es");
    let radios: Vec<(Option<&str>, bool)> = found
        .iter()
        .filter(|e| e.get("data-field") == Some("accountType"))
        .map(|e| (e.get("value"), e.get("checked").is_some()))
        .collect();
    assert_eq!(
        radios,
        [
            (Some("postpaidMulti"), false),
            (Some("postpaidSingle"), false),
            (Some("prepaidRegistered"), false),
            (Some("prepaidUnregistered"), false)
        ]
    );
    assert!(
        html.contains(">¿Qué tipo de cuenta tiene este número?<") && html.contains(">Prepago, registrado<")
    );
    porting.account_type = Some("prepaidRegistered".into());
    let (html, found) = rendered(FirstState::Porting(Box::new(porting)), "es");
    assert!(!found.iter().any(|e| e.get("data-field") == Some("accountType")), "summarised, not asked");
    assert!(html.contains(">Prepago, registrado<"), "{html}");
}

#[test]
fn a_uk_day_is_offered_in_the_buyers_words() {
    let uk = PortingBuilder::new().required(&["accountPin"]).phone_number("+447700900123").build();
    let (html, _) = rendered(FirstState::Porting(Box::new(uk)), "en-GB");
    assert!(html.contains(">Monday, 7 December 2026<"), "the first weekday after 6 December");
}

#[test]
fn the_language_and_the_browsers_locale_are_apart() {
    let uk = PortingBuilder::new().required(&["accountPin"]).phone_number("+447700900123").build();
    let html = render(&FirstState::Porting(Box::new(uk)), "de", buyer("en-GB"));
    assert!(
        html.contains(r#"lang="de""#) && html.contains(">Montag, 7. Dezember 2026<"),
        "German words, German dates"
    );
    let html = render(&FirstState::Create, "fr", buyer("fr-FR"));
    assert!(html.contains(r#"lang="en""#), "English where the widget has no words");
}
