//! Validation and normalisation rules: one place that says what a buyer may type in each field
//! and what is sent to Gigs for it, shared by the widget (field by field, as the buyer types) and
//! the proxy and simulator (a whole body at once, with [`Problems`], as [`check_fields`] does).
//!
//! Every rule is a pure function from the typed text (and any context, such as today's date) to
//! either the normalised value or a [`Problem`].

mod account;
mod address;
mod behavior;
mod calendar;
mod context;
mod country;
mod date;
mod fields;
mod name;
mod phone;
mod pin;
mod postcode;
mod problem;
mod problems;
mod provider;
mod state;
mod text;

pub use account::{account_number, DEFAULT_ACCOUNT_NUMBER_LEN};
pub use address::{address, normalise_address, ADDRESS_LINE_MAX, CITY_MAX};
pub use behavior::{account_type, behavior};
pub use calendar::CalendarDate;
pub use context::recipient_country;
pub use country::{country, COUNTRY_CODES};
pub use date::{birthday, scheduled_on, MAX_AGE_YEARS};
pub use fields::{check_each, check_fields, Context};
pub use name::{person_name, NAME_MAX};
pub use phone::{calling_code, national_to_e164, phone_number, written, MAX_DIGITS, PHONE_COUNTRIES};
pub use pin::{account_pin, billing_pin_kind, PinKind};
pub use postcode::postal_code;
pub use problem::Problem;
pub use problems::Problems;
pub use provider::donor_provider;
pub use state::{state, subdivisions, CA_PROVINCES, US_STATES};
