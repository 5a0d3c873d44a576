//! The widget's phases, in place of `Suspense` over a `LocalResource`: a signal of the phase that
//! is set only when the phase changes; the loaded porting's view keeps the porting in a signal of
//! its own, so a live update re-renders what reads the porting, not the whole widget.

use porting_model::Porting;

use crate::api::{Api, ApiError};

/// Where the widget stands.
#[derive(Clone, Debug)]
pub enum Load {
    Loading,
    /// No porting yet: the buyer creates one.
    Create(Api),
    Ready(Loaded),
    Failed(ApiError),
}

/// A porting to show its buyer, as first read, with the client that reaches it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub porting: Box<Porting>,
    pub api: Api,
}

impl Loaded {
    pub fn new(porting: Porting, api: Api) -> Loaded {
        Loaded { porting: Box::new(porting), api }
    }
}
