//! The widget's first state rendered by the proxy: only for the session's own porting, never
//! cached, in the language asked for, and refusing hints it cannot read.

use crate::support::{porting_of, simulated, Proxy};

/// The status, the headers wanted and the body of `GET path` with `session`.
async fn view(proxy: &Proxy, path: &str, session: Option<&str>) -> (u16, [String; 3], String) {
    let response = proxy.get(path, session).send().await.unwrap();
    let header =
        |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    let headers = [header("content-type"), header("cache-control"), header("vary")];
    (response.status().as_u16(), headers, response.text().await.unwrap())
}

#[tokio::test]
async fn a_porting_is_rendered_for_its_own_buyer_never_cached() {
    let (proxy, sim) = simulated().await;
    let porting = porting_of(&sim, "usr_view");
    let session = proxy.session("usr_view", &[&porting.id]);
    let (status, headers, html) =
        view(&proxy, &format!("/portings/{}/view", porting.id), Some(&session)).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(headers, ["text/html; charset=utf-8".to_owned(), "no-store".into(), "Authorization".into()]);
    assert!(html.starts_with(r#"<div data-pw-ids="#) && html.ends_with("</div>"), "{html}");
    // AT&T's fields, in English.
    for field in ["accountNumber", "accountPin", "firstName", "lastName", "address.postalCode"] {
        assert!(html.contains(&format!(r#"data-field="{field}""#)), "{field}");
    }
    assert!(html.contains(">Number transfer PIN<") && !html.contains("<script"));
}

#[tokio::test]
async fn another_buyers_porting_is_not_found_as_with_get() {
    let (proxy, sim) = simulated().await;
    let theirs = porting_of(&sim, "usr_them");
    // A session that lists the id but is another buyer's, and one that does not list it.
    for session in [proxy.session("usr_me", &[&theirs.id]), proxy.session("usr_them", &[])] {
        let (status, _, body) = view(&proxy, &format!("/portings/{}/view", theirs.id), Some(&session)).await;
        assert_eq!(status, 404, "{body}");
        assert!(body.contains("portingNotFound") && !body.contains("data-field"), "{body}");
        let (get, _, _) = view(&proxy, &format!("/portings/{}", theirs.id), Some(&session)).await;
        assert_eq!(get, 404, "as GET answers");
    }
    let (status, _, _) = view(&proxy, &format!("/portings/{}/view", theirs.id), None).await;
    assert_eq!(status, 401, "a session is required");
}

#[tokio::test]
async fn the_create_step_is_rendered_in_the_language_and_locale_asked_for() {
    let (proxy, _) = simulated().await;
    let session = proxy.session("usr_new", &[]);
    let (status, _, html) = view(&proxy, "/view?lang=de&locale=en-GB&tz=60", Some(&session)).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains(r#"lang="de""#) && html.contains(r#"data-field="phoneNumber""#), "{html}");
    let chosen = r#"<option value="GB" selected>"#;
    assert!(html.contains(chosen), "the browser's region is the number's country");
    let (status, _, _) = view(&proxy, "/view", None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn hints_it_cannot_read_are_refused_by_name() {
    let (proxy, _) = simulated().await;
    let session = proxy.session("usr_new", &[]);
    for (query, named) in [
        ("lang=%3Cscript%3E", "lang"),
        ("locale=en%20GB", "locale"),
        ("lang=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "lang"),
        ("tz=841", "tz"),
        ("tz=-900", "tz"),
        ("tz=east", "tz"),
    ] {
        let (status, _, body) = view(&proxy, &format!("/view?{query}"), Some(&session)).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(body.contains(&format!(r#""message":"{named} must"#)), "{query}: {body}");
    }
    for query in ["tz=-840", "tz=840", "lang=fr-CA", "lang=x"] {
        let (status, _, body) = view(&proxy, &format!("/view?{query}"), Some(&session)).await;
        assert_eq!(status, 200, "{query}: {body}");
    }
}

#[tokio::test]
async fn the_rendering_comes_compressed_when_the_browser_takes_brotli() {
    let (proxy, sim) = simulated().await;
    let porting = porting_of(&sim, "usr_small");
    let session = proxy.session("usr_small", &[&porting.id]);
    let path = format!("/portings/{}/view", porting.id);
    let (_, _, plain) = view(&proxy, &path, Some(&session)).await;
    let response =
        proxy.get(&path, Some(&session)).header("Accept-Encoding", "gzip, deflate, br").send().await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers.get("content-encoding").map(|v| v.to_str().unwrap()), Some("br"));
    assert_eq!(headers.get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"));
    let vary: Vec<&str> = headers.get_all("vary").iter().map(|v| v.to_str().unwrap()).collect();
    assert!(
        vary.contains(&"Authorization") && vary.iter().any(|v| v.eq_ignore_ascii_case("accept-encoding")),
        "{vary:?}"
    );
    let compressed = response.bytes().await.unwrap();
    let mut html = Vec::new();
    brotli::BrotliDecompress(&mut compressed.as_ref(), &mut html).expect("a brotli body");
    assert_eq!(String::from_utf8(html).unwrap(), plain, "the same rendering");
    assert!(compressed.len() * 3 < plain.len(), "{} B compressed of {} B", compressed.len(), plain.len());
}

#[tokio::test]
async fn a_query_it_cannot_parse_is_refused_as_plain_json_even_when_compression_was_asked() {
    let (proxy, _) = simulated().await;
    let session = proxy.session("usr_twice", &[]);
    let response = proxy
        .get("/view?lang=en&lang=de", Some(&session))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers().get("content-encoding"), None);
    let body = response.text().await.unwrap();
    let error: serde_json::Value = serde_json::from_str(&body).expect("a JSON error");
    assert_eq!(error["code"], "requestInvalid", "{body}");
}
