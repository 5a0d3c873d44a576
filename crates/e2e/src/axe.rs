//! Accessibility audits of the page as it is, with axe-core.

use fantoccini::Client;
use serde_json::Value;

use crate::env;

/// Runs axe-core on the current page and returns its violations (rule id and the nodes hit).
pub async fn axe_violations(browser: &Client) -> Vec<Value> {
    let source = std::fs::read_to_string(env().axe_js).expect("axe-core's axe.min.js");
    browser.execute(&source, vec![]).await.expect("axe-core loads");
    let result = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                    help: v.help, nodes: v.nodes.map(n => n.html) }))))
                .catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    match result {
        Value::Array(violations) => violations,
        other => panic!("axe-core failed: {other}"),
    }
}

/// Asserts axe-core finds no violation on the current page, naming them if it does.
pub async fn assert_accessible(browser: &Client, state: &str) {
    let violations = axe_violations(browser).await;
    assert!(violations.is_empty(), "axe-core violations in state {state:?}:\n{violations:#?}");
}
