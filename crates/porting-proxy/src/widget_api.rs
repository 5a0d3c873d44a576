//! The API the widget calls: Gigs' porting paths minus `/projects/{project}`, each checked
//! against the buyer's porting session. Bodies are validated with the model's rules before
//! anything is sent to Gigs; Gigs' own 4xx errors pass through.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use porting_model::validate::{donor_provider, Context};
use porting_model::{
    Behavior, CreatePorting, List, NewPorting, Porting, PortingFields, ServiceProvider, UpdatePorting,
};
use serde_json::{Map, Value};

use crate::clock::{today, Clock};
use crate::error::ApiError;
use crate::extract::{BodyShape, GigsJson};
use crate::porting_cap::{PortingCap, Refusal, Reservation};
use crate::provider_list::ProviderLists;
use crate::rate_limit::VerifiedSession;
use crate::session::{Claims, SessionKey};
use crate::shared::{Redis, SharedPlace, Unavailable};
use crate::upstream::Gigs;
use porting_model::contract as routes;
use porting_model::validate::Problems;

/// The response header of `POST /portings`: the session with the new porting added to it (same
/// buyer, provider and expiry), which the widget uses from then on.
pub const PORTING_SESSION_HEADER: HeaderName = HeaderName::from_static(routes::PORTING_SESSION_HEADER);
/// The most portings one buyer (session subject) may create while any session that created one
/// is still valid, and the most one session may list: each id lengthens the token, and a buyer
/// needs few. Counted by [`PortingCap`], so replaying an older session does not reset it.
pub const MAX_SESSION_PORTINGS: usize = 20;

/// `user` and `provider` come from the session, never from the buyer.
const NEW_PORTING: BodyShape = BodyShape { required: &["phoneNumber"], optional: &[] };
const PORTING_UPDATE: BodyShape = BodyShape { required: &[], optional: &["phoneNumber"] };

/// What every widget route needs: one shared handle, as each request clones it.
#[derive(Clone)]
pub struct ProxyState(Arc<StateParts>);

pub struct StateParts {
    pub gigs: Gigs,
    pub sessions: SessionKey,
    pub clock: Arc<dyn Clock>,
    /// Portings created per buyer, for [`MAX_SESSION_PORTINGS`].
    pub created: Arc<PortingCap>,
    pub providers: Arc<ProviderLists>,
    /// With Redis: the cap and the lists across every instance.
    pub shared: Option<Arc<Redis>>,
}

impl ProxyState {
    /// `shared`: the Redis holding the cap and the lists for every instance, if any.
    pub fn new(gigs: Gigs, sessions: SessionKey, clock: Arc<dyn Clock>, shared: Option<Arc<Redis>>) -> Self {
        let created = PortingCap::new(MAX_SESSION_PORTINGS);
        ProxyState(Arc::new(StateParts { gigs, sessions, clock, created, providers: Arc::default(), shared }))
    }
}

impl std::ops::Deref for ProxyState {
    type Target = StateParts;

    fn deref(&self) -> &StateParts {
        &self.0
    }
}

pub fn router(state: ProxyState) -> Router {
    Router::new()
        .route(routes::PORTINGS, post(create))
        .route(routes::PORTING, get(retrieve).patch(update))
        .route(routes::CANCEL, post(cancel))
        .route(routes::SERVICE_PROVIDERS, get(service_providers))
        .with_state(state)
}

/// The verified claims of the request's `Authorization: Bearer` session.
pub struct Session(pub Claims);

impl<S: Send + Sync> FromRequestParts<S> for Session
where
    ProxyState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        if let Some(VerifiedSession(claims)) = parts.extensions.get::<VerifiedSession>() {
            return Ok(Session(claims.clone()));
        }
        let state = ProxyState::from_ref(state);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::unauthorized("A porting session is required."))?;
        let now = state.clock.now().unix_timestamp();
        let claims = state.sessions.verify(token, now).map_err(|e| ApiError::unauthorized(e.to_string()))?;
        Ok(Session(claims))
    }
}

impl Session {
    /// Fetches a porting this session owns; anything else is "not found", so ids cannot be probed.
    pub(crate) async fn porting(&self, gigs: &Gigs, id: &str) -> Result<Porting, ApiError> {
        if !self.0.allows(id) {
            return Err(ApiError::porting_not_found());
        }
        let porting = gigs.get_porting(id).await?;
        if porting.user != self.0.sub {
            return Err(ApiError::porting_not_found());
        }
        Ok(porting)
    }
}

/// Creates a porting for the session's buyer and provider, and answers with the session widened
/// to it in [`PORTING_SESSION_HEADER`]. The porting is a draft until the merchant's checkout
/// creates the subscription with it, as with Gigs.
async fn create(
    State(state): State<ProxyState>,
    Session(claims): Session,
    GigsJson(body): GigsJson<Map<String, Value>>,
) -> Result<Response, ApiError> {
    let new: NewPorting = NEW_PORTING.parse(body)?;
    let now = state.clock.now().unix_timestamp();
    // Taken before Gigs is called, so concurrent creates cannot overshoot; given back when
    // refused before the create or by Gigs.
    let place = match reserve(&state, &claims, now).await {
        Ok(place) => place,
        Err(Refusal::Full) => {
            return Err(ApiError::conflict(
                "sessionPortingLimit",
                format!("A buyer can create at most {MAX_SESSION_PORTINGS} portings per session."),
            ))
        }
        Err(Refusal::Busy) => return Ok(ApiError::overloaded("Too many buyers are creating portings.")),
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
    place.keep();
    let created = gigs.create_porting(body).await;
    if created.as_ref().is_err_and(|error| error.status.is_client_error()) {
        place.give_back();
    }
    created
}

/// A create's place under the cap: in this process, or in Redis for every instance.
enum Place {
    Here(Reservation),
    Shared(SharedPlace),
}

impl Place {
    fn keep(&mut self) {
        match self {
            Place::Here(reservation) => reservation.keep(),
            Place::Shared(place) => place.keep(),
        }
    }

    fn give_back(self) {
        match self {
            Place::Here(reservation) => reservation.give_back(),
            Place::Shared(place) => place.give_back(),
        }
    }
}

/// Admits one more create for the session `claims`; without an answer from Redis none is (503),
/// as the cap could not be kept.
async fn reserve(state: &ProxyState, claims: &Claims, now: i64) -> Result<Place, Refusal> {
    let Some(redis) = &state.shared else { return state.created.reserve(claims, now).map(Place::Here) };
    let listed = claims.portings.len();
    match redis.reserve(&claims.sub, listed, MAX_SESSION_PORTINGS, claims.accepted_until()).await {
        Ok(Some(place)) => Ok(Place::Shared(place)),
        Ok(None) => Err(Refusal::Full),
        Err(Unavailable) => Err(Refusal::Busy),
    }
}

async fn retrieve(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Json<Porting>, ApiError> {
    Ok(Json(session.porting(&state.gigs, &id).await?))
}

/// Updates a porting the session owns; the rules are chosen for the porting as the update would
/// leave it (its number, behavior and donor).
async fn update(
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

async fn cancel(
    State(state): State<ProxyState>,
    session: Session,
    Path(id): Path<String>,
) -> Result<Json<Porting>, ApiError> {
    session.porting(&state.gigs, &id).await?;
    Ok(Json(state.gigs.cancel_porting(&id).await?))
}

/// Every service provider that ports to the session's provider, read across Gigs' pages. The
/// session decides the recipient: a `recipientProvider` naming another one is a 422 rather than
/// ignored, so a widget configured for the wrong network learns it.
async fn service_providers(
    State(state): State<ProxyState>,
    Session(claims): Session,
    Query(query): Query<Vec<(String, String)>>,
) -> Result<Json<List<ServiceProvider>>, ApiError> {
    if query.iter().any(|(name, value)| name == "recipientProvider" && *value != claims.provider) {
        return Err(ApiError::invalid_field(
            "recipientProvider",
            "notSessionProvider",
            "Must be the session's provider, or left out.",
        ));
    }
    let providers = state.providers.of(&state.gigs, state.shared.as_ref(), &claims.provider).await?;
    Ok(Json(List::new(providers.as_ref().clone(), None, None)))
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
