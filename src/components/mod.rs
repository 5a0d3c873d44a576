//! The widget's components, thin over the pure decisions in [`crate::presentation`].

mod error_state;
mod status_panel;
mod widget;

pub use error_state::ErrorState;
pub use status_panel::StatusPanel;
pub use widget::PortingWidget;
