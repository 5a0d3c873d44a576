//! Following a porting live: its event stream read with `fetch` (so the session stays in the
//! `Authorization` header, never in a URL), polling when the stream cannot be had, and a pause
//! while the page is hidden. [`sse`] and [`policy`] are the pure parts; [`follow`] drives them.

#[cfg(target_arch = "wasm32")]
mod follow;
pub mod policy;
pub mod sse;

#[cfg(target_arch = "wasm32")]
pub use follow::{follow, Following};
