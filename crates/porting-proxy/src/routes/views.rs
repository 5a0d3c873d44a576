//! The widget's first state rendered to HTML by its own components (`porting_widget::render`), for
//! a page to show before the wasm arrives: a porting the session owns (checked as `GET
//! /portings/{id}` is), or the create step. Never cached: it holds the buyer's details.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use porting_widget::platform::Buyer;
use porting_widget::render::{render, FirstState};
use serde::Deserialize;

use super::state::{ProxyState, Session};
use crate::clock::today;
use crate::error::ApiError;

/// The page's hints, each optional and bounded: the widget's language and the browser's locale
/// (BCP 47 tags), and the buyer's offset from UTC in minutes, east positive.
#[derive(Deserialize)]
pub struct ViewQuery {
    lang: Option<String>,
    locale: Option<String>,
    tz: Option<String>,
}

/// The longest language tag taken (BCP 47 allows 35 characters for the common forms).
const MAX_TAG: usize = 35;
/// UTC−14:00 to UTC+14:00, the offsets clocks use.
const MAX_OFFSET_MINUTES: i32 = 14 * 60;

/// `GET {prefix}/portings/{id}/view`: the porting as the widget first shows it.
pub async fn porting(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
    Query(query): Query<ViewQuery>,
) -> Result<Response, ApiError> {
    let (lang, buyer) = hints(&state, &query)?;
    let porting = session.porting(&state.gigs, &id).await?;
    Ok(html(render(&FirstState::Porting(Box::new(porting)), &lang, buyer)))
}

/// `GET {prefix}/view`: the create step, for a buyer with no porting yet.
pub async fn create(
    State(state): State<ProxyState>,
    _session: Session,
    Query(query): Query<ViewQuery>,
) -> Result<Response, ApiError> {
    let (lang, buyer) = hints(&state, &query)?;
    Ok(html(render(&FirstState::Create, &lang, buyer)))
}

/// The language to render in and the buyer to render for, or a 400 naming the hint at fault.
fn hints(state: &ProxyState, query: &ViewQuery) -> Result<(String, Buyer), ApiError> {
    let tag = |name: &str, value: &Option<String>| match value.as_deref() {
        None => Ok(None),
        Some(tag) if is_tag(tag) => Ok(Some(tag.to_owned())),
        Some(_) => Err(ApiError::bad_request(
            "invalidQuery",
            format!(
                "{name} must be a language tag such as en-GB (letters, digits and -, at most {MAX_TAG})."
            ),
        )),
    };
    let lang = tag("lang", &query.lang)?;
    let locale = tag("locale", &query.locale)?;
    let offset = match query.tz.as_deref() {
        None => 0,
        Some(text) => {
            text.parse::<i32>().ok().filter(|m| m.abs() <= MAX_OFFSET_MINUTES).ok_or_else(|| {
                ApiError::bad_request(
                    "invalidQuery",
                    format!(
                        "tz must be minutes east of UTC, from -{MAX_OFFSET_MINUTES} to {MAX_OFFSET_MINUTES}."
                    ),
                )
            })?
        }
    };
    let locale = locale.or_else(|| lang.clone()).unwrap_or_else(|| "en".into());
    // The UTC day of the moment shifted by the offset: the buyer's own day.
    let today = today(state.clock.now() + time::Duration::minutes(offset.into()));
    Ok((lang.unwrap_or_else(|| locale.clone()), Buyer { locale, utc_offset_minutes: offset, today }))
}

fn is_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.len() <= MAX_TAG
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An HTML answer; like every API answer it is `no-store` (`guard::headers::api`).
fn html(body: String) -> Response {
    let headers = [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::VARY, "Authorization")];
    (headers, body).into_response()
}
