use leptos::prelude::*;
use porting_model::validate::PHONE_COUNTRIES;

use super::form_state::form_state;
use super::{SelectField, TextField};
use crate::form::Field;
use crate::messages::messages;

/// The account holder's address. The country comes first, as it decides whether a state is asked
/// (and from which list) and what the postcode is called.
#[component]
pub fn AddressGroup() -> impl IntoView {
    let state = form_state();
    let m = messages();
    let country = state.value(Field::Country);
    let countries = PHONE_COUNTRIES
        .iter()
        .map(|(code, _)| ((*code).to_owned(), m.country_name(code).to_owned()))
        .collect();
    let state_field = move || {
        let country = country.get();
        m.subdivisions(&country).map(|list| {
            let options = list.iter().map(|(code, name)| ((*code).to_owned(), (*name).to_owned())).collect();
            view! { <SelectField field=Field::State label=m.state_label(&country) options /> }
        })
    };
    view! {
        <div class="pw-group">
            <SelectField field=Field::Country label=m.label_country options=countries />
            <TextField field=Field::Line1 label=m.label_line1 />
            <TextField field=Field::Line2 label=m.label_line2 />
            <TextField field=Field::City label=m.label_city />
            {state_field}
            <TextField field=Field::PostalCode label=Signal::derive(move || m.postal_label(&country.get())) />
        </div>
    }
}
