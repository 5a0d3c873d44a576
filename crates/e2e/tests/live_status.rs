//! The buyer's journey after the details are sent, against the real proxy and simulator with
//! its test numbers: live status over the stream (or polling when the stream fails), a decline
//! and its fix, a decline fixed at the old provider, cancelling, a session that ends while the
//! widget follows, and a porting handed in by the page. The request log shows what the widget asked; axe-core audits each view.

use std::time::Duration;

use porting_e2e::page::{shown_fields, wait_for_focus, wait_until, with_text};
use porting_e2e::widget::{answer_shown, fill, select, submit, wait_for_form, wait_for_status};
use porting_e2e::{assert_accessible, run, wait_for_text, Call, Engine, World, NETWORK};
use porting_model::{DeclineCode, Porting, Status};
use porting_proxy::guard::session::MAX_CLOCK_SKEW_SECS;
use porting_widget::messages::EN;

/// Opens the page of a porting of `number` waiting for the buyer's details, sends them and waits
/// for the porting to be requested.
async fn send_details(world: &World, user: &str, number: &str) -> Porting {
    let porting = world.proxy.waiting_porting(user, number, "svp_us_att");
    world.browser.goto(&world.proxy.porting_page(&format!("{user}.html"), &porting)).await.unwrap();
    wait_for_form(&world.browser).await;
    answer_shown(&world.browser, &[]).await;
    submit(&world.browser).await;
    wait_for_status(&world.browser, &Status::Requested).await;
    porting
}

/// Sends the details of a porting of `number` (see [`send_details`]), which its old provider
/// declines with `code` (`None`: one this version does not know); waits until the widget says
/// what the decline asks of the buyer.
async fn declined(world: &World, user: &str, number: &str, code: Option<DeclineCode>) -> Porting {
    let porting = send_details(world, user, number).await;
    wait_for_status(&world.browser, &Status::Declined).await;
    wait_for_text(&world.browser, ".pw-next", |t| t == EN.guidance(code.as_ref())).await;
    porting
}

async fn announced(world: &World, text: &str) {
    wait_for_text(&world.browser, ".pw-announcer", |said| said == text).await;
}

fn calls_to(world: &World, method: &str, path: &str) -> usize {
    world.proxy.requests.api_calls().iter().filter(|c| c.method == method && c.path == path).count()
}

#[tokio::test]
async fn a_requested_porting_completes_live_over_the_stream() {
    run(|world| async move {
        let porting = send_details(&world, "usr_live", "+12025550100").await;
        assert_accessible(&world.browser, "requested").await;
        wait_for_status(&world.browser, &Status::Completed).await;
        announced(&world, &EN.announce(EN.status_completed)).await;
        assert_accessible(&world.browser, "completed").await;
        let cancel = world.browser.find(fantoccini::Locator::Css(".pw-cancel")).await.unwrap();
        assert!(!cancel.is_displayed().await.unwrap(), "no cancel on a completed porting");
        let path = format!("/api/portings/{}", porting.id);
        let events = Call::new("GET", &format!("{path}/events"), 200, false);
        let expected = [Call::new("GET", &path, 200, false), events, Call::new("PATCH", &path, 200, true)];
        assert_eq!(world.proxy.requests.api_calls(), expected, "no polling while the stream is up");
    })
    .await;
}

#[tokio::test]
async fn with_the_stream_failing_polling_reaches_completed() {
    run(|world| async move {
        world.proxy.requests.refuse("/events", 503);
        let porting = send_details(&world, "usr_polled", "+12025550100").await;
        wait_for_status(&world.browser, &Status::Completed).await;
        let path = format!("/api/portings/{}", porting.id);
        let gets = calls_to(&world, "GET", &path);
        // The page's load, then a few polls from 5 s apart: far from a storm.
        assert!((2..=5).contains(&gets), "{gets} GETs");
        let streams = calls_to(&world, "GET", &format!("{path}/events"));
        assert!((1..=3).contains(&streams), "{streams} stream attempts before polling");
    })
    .await;
}

#[tokio::test]
async fn a_wrong_pin_is_asked_again_alone_and_the_fix_completes() {
    run(|world| async move {
        let browser = &world.browser;
        let pin_code = Some(DeclineCode::AccountPinRequiredOrInvalid);
        let porting = declined(&world, "usr_wrong_pin", "+12025550102", pin_code).await;
        announced(&world, &EN.announce(EN.status_declined)).await;
        wait_for_text(browser, ".pw-intro", |t| t == EN.fix_intro).await;
        assert_eq!(shown_fields(browser).await, ["accountPin"], "only the PIN is asked again");
        assert_accessible(browser, "declined, the PIN to correct").await;

        fill(browser, "accountPin", "5678").await;
        submit(browser).await;
        wait_for_status(browser, &Status::Requested).await;
        wait_for_status(browser, &Status::Completed).await;
        let path = format!("/api/portings/{}", porting.id);
        assert_eq!(calls_to(&world, "PATCH", &path), 2);
        assert_eq!(world.proxy.simulator.get(&porting.id).unwrap().declined_attempts, 1);
    })
    .await;
}

#[tokio::test]
async fn port_protection_is_lifted_at_the_old_provider_then_tried_again() {
    run(|world| async move {
        let browser = &world.browser;
        let code = Some(DeclineCode::PhoneNumberPortProtected);
        let porting = declined(&world, "usr_protected", "+12025550112", code).await;
        assert!(shown_fields(browser).await.is_empty(), "nothing to correct in the form");
        assert_accessible(browser, "declined, fixed at the old provider").await;

        let before = world.proxy.simulator.get(&porting.id).unwrap();
        with_text(browser, ".pw-try-again", EN.try_again_done).await.click().await.unwrap();
        wait_for_text(browser, ".pw-actions .pw-saved", |t| t == EN.tried_again).await;
        wait_for_status(browser, &Status::Completed).await;
        let path = format!("/api/portings/{}", porting.id);
        assert_eq!(calls_to(&world, "PATCH", &path), 2, "the details, then one empty update");
        let after = world.proxy.simulator.get(&porting.id).unwrap();
        assert_eq!((after.first_name, after.account_number), (before.first_name, before.account_number));
    })
    .await;
}

#[tokio::test]
async fn a_number_declined_every_time_can_be_canceled_after_confirming() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = declined(&world, "usr_declined", "+12025550104", Some(DeclineCode::Declined)).await;
        assert_accessible(browser, "declined, ask the old provider").await;

        with_text(browser, ".pw-cancel", EN.cancel).await.click().await.unwrap();
        wait_for_text(browser, ".pw-confirm-title", |t| t == EN.cancel_title).await;
        wait_for_focus(browser, "pw-confirm-title").await;
        assert_accessible(browser, "cancel, confirming").await;
        with_text(browser, ".pw-cancel-confirm", EN.cancel_confirm).await.click().await.unwrap();
        wait_for_status(browser, &Status::Canceled).await;
        wait_for_text(browser, ".pw-next", |t| t == EN.next_canceled).await;
        // The buyer's action moved focus: to where the transfer now stands.
        wait_for_focus(browser, "pw-status").await;
        assert_accessible(browser, "canceled").await;
        assert_eq!(world.proxy.simulator.get(&porting.id).unwrap().status, Status::Canceled);
        let cancel = Call::new("POST", &format!("/api/portings/{}/cancel", porting.id), 200, false);
        assert!(world.proxy.requests.api_calls().contains(&cancel));
    })
    .await;
}

#[tokio::test]
async fn a_session_that_ends_while_followed_is_told_and_not_retried() {
    run(|world| async move {
        let browser = &world.browser;
        let user = "usr_short_session";
        // A number whose donor never answers, so the stream stays open until the session ends.
        let porting = world.proxy.waiting_porting(user, "+12025550118", "svp_us_att");
        // Accepted for seven more seconds (an expiry is honoured with the proxy's clock skew):
        // time for a busy machine to load the page, and it ends within the waits below.
        let session = world.proxy.session_lasting(user, &[&porting.id], 7 - MAX_CLOCK_SKEW_SECS);
        browser.goto(&world.proxy.porting_page_with("short.html", &porting, &session)).await.unwrap();
        wait_until(
            browser,
            "the session ends",
            "return document.querySelector('.pw-live-ended:not([hidden])');",
            vec![],
        )
        .await;
        announced(&world, EN.live_ended).await;
        let path = format!("/api/portings/{}/events", porting.id);
        let settled = world.proxy.requests.api_calls();
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(world.proxy.requests.api_calls(), settled, "nothing more after the 401");
        let streams: Vec<u16> = settled.iter().filter(|c| c.path == path).map(|c| c.status).collect();
        // The stream until the session ended (once more if a reconnect fell in its last second),
        // then one refused attempt.
        assert!(matches!(streams[..], [200, 401] | [200, 200, 401]), "{streams:?}");
    })
    .await;
}

#[tokio::test]
async fn nothing_is_asked_while_the_page_is_hidden_and_one_get_when_it_is_shown() {
    run(|world| async move {
        let browser = &world.browser;
        let user = "usr_hidden";
        let porting = world.proxy.draft_porting(NETWORK, user, "+12025550100", "svp_us_att");
        browser.goto(&world.proxy.porting_page("hidden.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        let path = format!("/api/portings/{}", porting.id);
        let events_path = format!("{path}/events");
        let streaming = |calls: &[Call]| calls.iter().any(|c| c.method == "GET" && c.path == events_path);
        world.proxy.requests.wait_for("the stream is open", streaming).await;
        browser
            .execute(
                "window.__pwSeen = []; document.addEventListener('visibilitychange', () => \
                 window.__pwSeen.push(document.visibilityState));",
                vec![],
            )
            .await
            .unwrap();
        let page = browser.window().await.unwrap();

        // Another tab in front hides the page; meanwhile the merchant's checkout subscribes it.
        let other = browser.new_window(true).await.unwrap();
        browser.switch_to_window(other.handle).await.unwrap();
        let hidden_since = world.proxy.requests.api_calls();
        assert_eq!(world.proxy.subscribe(&porting.id).status, Status::InformationRequired);
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(world.proxy.requests.api_calls(), hidden_since, "no request while hidden");

        browser.close_window().await.unwrap();
        browser.switch_to_window(page).await.unwrap();
        wait_for_status(browser, &Status::InformationRequired).await;
        let seen = browser.execute("return window.__pwSeen;", vec![]).await.unwrap();
        if world.engine == Engine::WebKit && seen == serde_json::json!([]) {
            // MiniBrowser keeps a page visible behind a new window: the status came over the open stream.
            println!("WebKit: a new window does not hide the page, so the hidden part cannot be shown here");
            return;
        }
        assert_eq!(seen, serde_json::json!(["hidden", "visible"]));
        // Shown again: one GET at once, then the stream again.
        let two_more = |calls: &[Call]| calls.len() >= hidden_since.len() + 2;
        world.proxy.requests.wait_for("a GET and the stream once shown", two_more).await;
        // A window in which a third request, if the widget sent one, would arrive.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let after = world.proxy.requests.api_calls()[hidden_since.len()..].to_vec();
        let expected =
            [Call::new("GET", &path, 200, false), Call::new("GET", &format!("{path}/events"), 200, false)];
        assert_eq!(after, expected);
    })
    .await;
}

#[tokio::test]
async fn a_decline_no_answer_fixes_offers_cancel_alone_and_an_expiry_offers_nothing() {
    run(|world| async move {
        let browser = &world.browser;
        declined(&world, "usr_prepaid", "+12025550113", Some(DeclineCode::PhoneNumberPrepaid)).await;
        let shown = |css: &'static str| async move {
            browser.find(fantoccini::Locator::Css(css)).await.unwrap().is_displayed().await.unwrap()
        };
        assert!(shown(".pw-cancel").await && !shown(".pw-try-again").await, "cancel alone");
        assert!(shown_fields(browser).await.is_empty());
        assert_accessible(browser, "declined, nothing to fix").await;

        send_details(&world, "usr_expired", "+12025550117").await;
        wait_for_status(browser, &Status::Expired).await;
        wait_for_text(browser, ".pw-next", |t| t == EN.next_expired).await;
        announced(&world, &EN.announce(EN.status_expired)).await;
        assert!(!shown(".pw-actions").await, "nothing left to do");
        assert_accessible(browser, "expired").await;
    })
    .await;
}

#[tokio::test]
async fn a_uk_number_moves_on_the_day_chosen_and_can_be_canceled_until_then() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = world.proxy.waiting_porting_on("p7", "usr_uk", "+447700900100", "svp_gb_ee");
        browser.goto(&world.proxy.porting_page("uk.html", &porting)).await.unwrap();
        wait_for_form(browser).await;
        assert_eq!(shown_fields(browser).await, ["accountPin", "scheduledOn"]);
        fill(browser, "accountPin", "ABC123456").await;
        // The third working day offered: far enough ahead that no clock here reaches it.
        let day = wait_until(
            browser,
            "the days are offered",
            "const days = document.querySelectorAll('[data-field=scheduledOn] option');
             return days.length === 11 && days[3].value;",
            vec![],
        )
        .await;
        let day = day.as_str().unwrap().to_owned();
        select(browser, "scheduledOn", &day).await;
        assert_accessible(browser, "UK form with the day").await;
        submit(browser).await;
        wait_for_status(browser, &Status::Requested).await;
        let requested = world.proxy.simulator.get(&porting.id).unwrap();
        assert_eq!(requested.scheduled_on.as_deref(), Some(day.as_str()));
        let next = wait_for_text(browser, ".pw-next", |t| t.starts_with("Your number moves on")).await;
        let year = &day[..4];
        assert!(next.contains(year), "{next} names the day {day}");
        let cancel = with_text(browser, ".pw-cancel", EN.cancel).await;
        assert!(cancel.is_displayed().await.unwrap(), "cancel is offered before the day");
        assert_accessible(browser, "requested for a later day").await;
    })
    .await;
}

#[tokio::test]
async fn a_decline_code_newer_than_the_widget_is_explained_with_the_providers_words() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = declined(&world, "usr_newer_code", "+12025550120", None).await;
        let said = world.proxy.simulator.get(&porting.id).unwrap().declined_message.unwrap();
        wait_for_text(browser, ".pw-provider-words q", |t| t == said).await;
        with_text(browser, ".pw-try-again", EN.try_again_done).await;
        with_text(browser, ".pw-cancel", EN.cancel).await;
        assert_accessible(browser, "declined, a code this version does not know").await;
    })
    .await;
}

#[tokio::test]
async fn a_porting_handed_in_by_the_page_shows_at_once_and_the_stream_brings_it_up_to_date() {
    run(|world| async move {
        let browser = &world.browser;
        let porting = world.proxy.waiting_porting("usr_handed", "+12025550121", "svp_us_att");
        let snapshot = serde_json::to_string(&Porting {
            first_name: Some("O'Brien & <Sons>".into()),
            ..porting.clone()
        })
        .unwrap();
        // The buyer canceled on the phone meanwhile: the page's snapshot is out of date.
        world.proxy.simulator.cancel(&porting.id).expect("canceled");
        browser.goto(&world.proxy.snapshot_page("snapshot.html", &porting, &snapshot)).await.unwrap();
        wait_for_status(browser, &Status::Canceled).await;
        let path = format!("/api/portings/{}", porting.id);
        let calls = world.proxy.requests.api_calls();
        assert!(calls.iter().all(|call| call.path != path), "the porting was not loaded: {calls:?}");
        assert!(calls.contains(&Call::new("GET", &format!("{path}/events"), 200, false)), "{calls:?}");

        // A snapshot of another porting is not shown: the widget loads its own.
        let other = world.proxy.waiting_porting("usr_handed", "+12025550122", "svp_us_att");
        browser.goto(&world.proxy.snapshot_page("other.html", &other, &snapshot)).await.unwrap();
        wait_for_form(browser).await;
        let loaded = Call::new("GET", &format!("/api/portings/{}", other.id), 200, false);
        assert!(world.proxy.requests.api_calls().contains(&loaded), "the porting was loaded instead");
    })
    .await;
}
