//! The porting routes of the widget API: create, read, update and cancel, each checked against
//! the buyer's porting session. Bodies are validated with the model's rules before anything is
//! sent to Gigs; Gigs' own 4xx errors pass through.

use axum::extract::{Path, State};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use porting_model::validate::{donor_provider, Context, Problems};
use porting_model::{Behavior, CreatePorting, NewPorting, Porting, PortingFields, UpdatePorting};
use serde_json::{Map, Value};

use super::state::{ProxyState, Session, MAX_SESSION_PORTINGS};
use crate::clock::today;
use crate::error::ApiError;
use crate::extract::{BodyShape, GigsJson};
use crate::gigs::client::Gigs;
use crate::guard::porting_cap::{Place, Refusal};
use porting_model::contract;

/// The response header of `POST /portings`: the session with the new porting added to it (same
/// buyer, provider and expiry), which the widget uses from then on.
pub const PORTING_SESSION_HEADER: HeaderName = HeaderName::from_static(contract::PORTING_SESSION_HEADER);

/// `user` and `provider` come from the session, never from the buyer.
const NEW_PORTING: BodyShape = BodyShape { required: &["phoneNumber"], optional: &[] };
const PORTING_UPDATE: BodyShape = BodyShape { required: &[], optional: &["phoneNumber"] };

/// Creates a porting for the session's buyer and provider, and answers with the session widened
/// to it in [`PORTING_SESSION_HEADER`]. The porting is a draft until the merchant's checkout
/// creates the subscription with it, as with Gigs.
pub async fn create(
    State(state): State<ProxyState>,
    Session(claims): Session,
    GigsJson(body): GigsJson<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let new: NewPorting = NEW_PORTING.parse(body)?;
    let now = state.clock.now().unix_timestamp();
    // Taken before Gigs is called, so concurrent creates cannot overshoot the cap.
    let place = match Place::reserve(&state.created, state.shared.as_ref(), &claims, now).await {
        Ok(place) => place,
        Err(Refusal::Full) => {
            return Err(ApiError::conflict(
                "sessionPortingLimit",
                format!("A buyer can create at most {MAX_SESSION_PORTINGS} portings per session."),
            ))
        }
        Err(Refusal::Busy) => {
            return Ok(ApiError::overloaded("Too many buyers are creating portings.").into_response())
        }
    };
    let (phone_number, fields) = check(&state, Some(&new.phone_number), &new.fields, None).await?;
    let body = CreatePorting {
        user: claims.sub.clone(),
        provider: claims.provider.clone(),
        porting: NewPorting { phone_number: phone_number.expect("a create body has a number"), fields },
    };
    let porting = create_counted(&state.gigs, &body, place).await?;
    let mut widened = claims;
    widened.portings.push(porting.id.clone());
    let session = state.sessions.mint(&widened);
    Ok((StatusCode::CREATED, [(PORTING_SESSION_HEADER, session)], Json(porting)).into_response())
}

/// Creates the porting, counting `place` unless Gigs refuses (4xx): once the call may have
/// reached Gigs the porting may exist, whether the answer is lost, unreadable or never awaited.
async fn create_counted(gigs: &Gigs, body: &CreatePorting, mut place: Place) -> Result<Porting, ApiError> {
    place.commit();
    let created = gigs.create_porting(body).await;
    if created.as_ref().is_err_and(|error| error.status.is_client_error()) {
        place.release();
    }
    created
}

pub async fn retrieve(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(session.porting(&state.gigs, &id).await?))
}

/// Updates a porting the session owns; the rules are chosen for the porting as the update would
/// leave it (its number, behavior and donor).
pub async fn update(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
    GigsJson(body): GigsJson<Map<String, Value>>,
) -> Result<Json<Porting>, ApiError> {
    let current = session.porting(&state.gigs, &id).await?;
    let update: UpdatePorting = PORTING_UPDATE.parse(body)?;
    let (phone_number, fields) =
        check(&state, update.phone_number.as_deref(), &update.fields, Some(&current)).await?;
    let update = UpdatePorting { phone_number, provider: None, fields };
    Ok(Json(state.gigs.update_porting(&id, &update).await?))
}

pub async fn cancel(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Json<Porting>, ApiError> {
    session.porting(&state.gigs, &id).await?;
    Ok(Json(state.gigs.cancel_porting(&id).await?))
}

/// A body's phone number (when it has one) and fields, checked and normalised with the model's
/// rules for the porting they would make: the body's number, behavior and donor where it sets
/// them, otherwise `current`'s. Every problem comes back in one 422.
async fn check(
    state: &ProxyState,
    phone_number: Option<&str>,
    fields: &PortingFields,
    current: Option<&Porting>,
) -> Result<(Option<String>, PortingFields), ApiError> {
    let mut problems = Problems::default();
    let phone_number = phone_number.map(|number| problems.phone_number(number));
    let donor = donor_name(state, fields.donor_provider.as_deref(), current, &mut problems).await?;
    let ctx = Context::for_parts(
        phone_number.as_deref().or(current.map(|p| p.phone_number.as_str())).unwrap_or_default(),
        fields.behavior.as_ref().or(current.map(|p| &p.behavior)).unwrap_or(&Behavior::PortIn),
        donor.as_deref(),
        today(state.clock.now()),
    );
    let fields = problems.fields(fields, &ctx);
    problems.finish((phone_number, fields)).map_err(ApiError::invalid_fields)
}

/// The name of the donor a body names, from Gigs (the rules for a PIN depend on it), or else
/// the current porting's donor's. An id Gigs does not know is a problem with `donorProvider`;
/// an id of the wrong form is left to the model's rule.
async fn donor_name(
    state: &ProxyState,
    id: Option<&str>,
    current: Option<&Porting>,
    problems: &mut Problems,
) -> Result<Option<String>, ApiError> {
    let current = current.and_then(|p| p.donor_provider.as_ref());
    let Some(Ok(id)) = id.map(donor_provider) else {
        return Ok(current.map(|donor| donor.name.clone()));
    };
    if let Some(donor) = current.filter(|donor| donor.id == id) {
        return Ok(Some(donor.name.clone()));
    }
    match state.gigs.get_service_provider(&id).await {
        Ok(donor) => Ok(Some(donor.name)),
        Err(error) if error.status == StatusCode::NOT_FOUND => {
            problems.add("donorProvider", "unknownValue", "Is not a service provider.");
            Ok(None)
        }
        Err(error) => Err(error),
    }
}
