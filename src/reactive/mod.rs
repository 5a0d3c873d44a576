//! The widget's reactive kit: the hand-made pieces that stand in for Leptos primitives, each
//! because the primitive measured larger in the release wasm (brotli, BENCHMARKS.md under
//! "Leptos' own primitives"). Everything else uses Leptos' own signals, memos and effects.
//!
//! | piece | in place of | what the primitive measured |
//! |---|---|---|
//! | [`Tasks`]: tasks that end with the component that started them | the tasks `Action` and `LocalResource` own | (counted in the two below) |
//! | [`Fetched`]: a value fetched by a task, fetched again on demand | `LocalResource` with `refetch` | +8,652 B (the provider list) |
//! | [`InFlight`]: one request at a time with a busy flag | `Action::new_local` with `pending` | +4,515 B (try again, cancel) |
//! | [`ByField`]: a value read field by field, one trigger per field | `reactive_stores::Store` (derived, the answers and the problems) | +4,195 B |
//! | [`Load`]: the widget's phase, set only when it changes; the loaded porting's view keeps the porting in a signal of its own | `Suspense` over a `LocalResource` | +9,604 B |

mod by_field;
mod fetched;
mod in_flight;
mod load;
mod tasks;

pub use by_field::{Answers, ByField, ByFields};
pub use fetched::{Fetched, Fetching};
pub use in_flight::InFlight;
pub use load::{Load, Loaded};
pub use tasks::Tasks;
