//! Accessibility audits of the page as it is, with axe-core.

use fantoccini::Client;
use serde_json::Value;

use crate::env;

/// Results axe-core could not decide alone ("incomplete") that a person reviewed on these pages
/// and accepted, by rule id, with the reason. Any other is a failure until reviewed.
pub const REVIEWED_INCOMPLETE: &[(&str, &str)] = &[];

/// What axe-core found on the page: its violations and its undecided ("incomplete") results,
/// each as rule id, impact, help and the nodes hit.
pub struct Audit {
    pub violations: Vec<Value>,
    pub incomplete: Vec<Value>,
}

/// Runs axe-core on the current page.
pub async fn audit(browser: &Client) -> Audit {
    let source = std::fs::read_to_string(env().axe_js).expect("axe-core's axe.min.js");
    browser.execute(&source, vec![]).await.expect("axe-core loads");
    let result = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const brief = list => list.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => n.html) }));
             axe.run(document, { resultTypes: ['violations', 'incomplete'] })
                .then(r => done({ violations: brief(r.violations), incomplete: brief(r.incomplete) }))
                .catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    let list = |key: &str| match &result[key] {
        Value::Array(found) => found.clone(),
        _ => panic!("axe-core failed: {result}"),
    };
    Audit { violations: list("violations"), incomplete: list("incomplete") }
}

/// Asserts axe-core finds no violation on the current page, and nothing undecided that a person
/// has not reviewed (see [`REVIEWED_INCOMPLETE`]); the reviewed ones are listed in the output.
pub async fn assert_accessible(browser: &Client, state: &str) {
    let Audit { violations, incomplete } = audit(browser).await;
    assert!(violations.is_empty(), "axe-core violations in state {state:?}:\n{violations:#?}");
    let review = |found: &Value| REVIEWED_INCOMPLETE.iter().find(|(id, _)| found["id"] == *id);
    let reviewed = |found: &&Value| review(found).is_some();
    for (found, (_, why)) in incomplete.iter().filter_map(|found| Some((found, review(found)?))) {
        println!("axe-core, state {state:?}: {} left to a person, accepted: {why}", found["id"]);
    }
    let unreviewed: Vec<&Value> = incomplete.iter().filter(|found| !reviewed(found)).collect();
    assert!(
        unreviewed.is_empty(),
        "axe-core could not decide these in state {state:?}; review them, then fix or record them in REVIEWED_INCOMPLETE:\n{unreviewed:#?}"
    );
}
