//! The Gigs porting model: the types the widget, the proxy and the simulator exchange, and
//! (in [`validate`]) the rules all three apply to what a buyer types.
//!
//! No web dependencies: this crate builds for native targets and for `wasm32-unknown-unknown`.

mod body;
pub mod contract;
mod error;
mod open_enum;
mod porting;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod validate;
mod values;

pub use body::{AccountPin, CreatePorting, NewPorting, PortingFields, UpdatePorting};
pub use error::{ErrorDetail, GigsError};
pub use porting::{Address, List, Porting, ServiceProvider};
pub use values::{AccountType, Behavior, DeclineCode, FieldName, Status};
