use leptos::prelude::*;
use porting_model::validate::PHONE_COUNTRIES;
use porting_model::Porting;

use super::form_state::FormState;
use super::provider_picker::{load_providers, offers_any, ProviderPicker};
use super::{ChoiceField, FormFrame, SelectField, TextField};
use crate::api::Api;
use crate::form::body::{create_fields, new_porting, offers_cancel_only};
use crate::form::checks::Rules;
use crate::form::draft::{country_for_language, Draft};
use crate::form::Field;
use crate::messages::messages;
use crate::platform::{language, today};
use crate::reactive::Answers;

/// The first step when the buyer has no porting yet: the number to keep (its country and the
/// number as they know it, sent in E.164) and the current provider, when there is a list to
/// choose from. Creates the porting and hands it on; the client then holds the refreshed session.
#[component]
pub fn CreateStep(api: Api, on_created: Callback<Porting>) -> impl IntoView {
    let m = messages();
    let providers = load_providers(api.clone(), None);
    let today = today();
    let rules = Signal::derive(move || Rules::for_create(today, !offers_any(providers)));
    let answers = Answers::new(Draft::for_create(country_for_language(&language())));
    let state = FormState::provide(answers, rules);
    let api = StoredValue::new(api);
    let send = move || {
        let shown = answers.untracked(create_fields);
        state.submit(shown, new_porting, move |body| {
            let api = api.get_value();
            Box::pin(async move {
                let created = api.create(&body).await?;
                Ok(Box::new(move || on_created.run(created)) as Box<dyn FnOnce()>)
            })
        })
    };
    let countries = PHONE_COUNTRIES
        .iter()
        .map(|(code, calling)| ((*code).to_owned(), m.phone_country(m.country_name(code), calling)))
        .collect();
    let send = Callback::new(move |()| send());
    view! {
        <FormFrame intro=m.create_intro label=m.create_submit busy_label=m.creating send actions=true>
            <SelectField field=Field::PhoneCountry label=m.label_phone_country options=countries />
            <TextField
                field=Field::PhoneNumber
                label=m.label_phone_number
                hint=Some(m.hint_phone_number.into())
            />
            // Shown rather than built when a UK number is chosen, as in the form.
            <div hidden=move || !answers.read(Field::PhoneCountry, offers_cancel_only)>
                <ChoiceField
                    field=Field::Behavior
                    legend=m.label_behavior
                    choices=vec![
                        ("portIn", m.behavior_port_in, m.behavior_port_in_hint),
                        ("cancelOnly", m.behavior_cancel_only, m.behavior_cancel_only_hint),
                    ]
                />
            </div>
            <ProviderPicker providers />
        </FormFrame>
    }
}
