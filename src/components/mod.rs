//! The widget's components, thin over the pure decisions of [`crate::form`], [`crate::journey`]
//! and the words of [`crate::messages`], with the state of [`crate::reactive`]. All of them
//! render on the server too, but for the browser's loading and following ([`PortingWidget`]).

mod address_group;
mod approval_field;
mod choice_field;
mod create_step;
mod date_field;
mod error_state;
mod error_summary;
mod field_parts;
mod form_frame;
mod form_state;
mod frame;
mod help_disclosure;
mod ids;
mod porting_actions;
mod porting_form;
mod prefill;
mod provider_picker;
mod select_field;
mod status_panel;
mod text_field;
#[cfg(target_arch = "wasm32")]
mod widget;

pub use address_group::AddressGroup;
pub use approval_field::ApprovalField;
pub use choice_field::ChoiceField;
pub use create_step::CreateStep;
pub use date_field::DateField;
pub use error_state::ErrorState;
pub use error_summary::ErrorSummary;
pub use form_frame::FormFrame;
pub use frame::{PortingView, WidgetFrame};
pub use help_disclosure::HelpDisclosure;
pub use ids::Ids;
pub use porting_actions::PortingActions;
pub use porting_form::PortingForm;
pub use prefill::Prefill;
pub use provider_picker::ProviderPicker;
pub use select_field::SelectField;
pub use status_panel::StatusPanel;
pub use text_field::TextField;
#[cfg(target_arch = "wasm32")]
pub use widget::PortingWidget;
