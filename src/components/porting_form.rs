use leptos::prelude::*;
use porting_model::{AccountType, FieldName, Porting, Status};

use super::form_state::{form_state, FormState};
use super::provider_picker::{load_providers, ProviderPicker};
use super::{
    AddressGroup, ApprovalField, ChoiceField, DateField, FormFrame, HelpDisclosure, SelectField, TextField,
};
use crate::api::Api;
use crate::events::{events, Event};
use crate::form::body::update_body;
use crate::form::checks::Rules;
use crate::form::draft::Draft;
use crate::form::plan::{active_fields, fields_of, plan, schedule_days, wants_form, Item, SectionPlan};
use crate::form::table::{Input, Section, Summary};
use crate::form::Field;
use crate::messages::{field_words, messages, summary_text};
use crate::platform::{focus_soon, local_day, today};
use crate::reactive::Answers;

/// The details the porting still needs, in sections; what it already holds is summarised with a
/// "Change" button. Sends only what the buyer changed, then hands the updated porting on. A
/// required name the widget does not know is told to the buyer and reported to the host page.
#[component]
pub fn PortingForm(
    #[prop(into)] porting: Signal<Porting>,
    api: Api,
    on_saved: Callback<Porting>,
) -> impl IntoView {
    let m = messages();
    let today = today();
    // A memo: rebuilt at a change of plan only, as a rebuild takes focus from the field typed in.
    let plan = Memo::new(move |_| porting.with(plan));
    let open = Memo::new(move |_| porting.with(|p| plan.with(|plan| wants_form(p, plan))));
    let answers = Answers::new(porting.with_untracked(|p| {
        let country = Rules::for_porting(p, None, today).ctx.recipient_country;
        Draft::for_porting(p, &country)
    }));
    // The rules follow the provider picked here, which decides the PIN's; no other answer.
    let rules = Signal::derive(move || {
        let donor = answers.read(Field::DonorProvider, |d| d.donor_name.clone());
        porting.with(|p| Rules::for_porting(p, donor.as_deref(), today))
    });
    let state = FormState::provide(answers, rules);
    // The fields of the provided items the buyer chose to change.
    let editing = RwSignal::new(Vec::<Field>::new());
    // What became of the last send, told in the paragraph that then takes focus.
    let outcome = RwSignal::new(None::<&'static str>);
    let api = StoredValue::new(api);

    let reported = StoredValue::new(Vec::<String>::new());

    let send = move || {
        outcome.set(None);
        let fields = plan.with_untracked(|p| editing.with_untracked(|e| active_fields(p, e)));
        let id = porting.with_untracked(|p| p.id.clone());
        state.submit(
            fields.clone(),
            move |draft, rules| porting.with_untracked(|p| update_body(p, &fields, draft, rules)),
            move |body| {
                let api = api.get_value();
                Box::pin(async move {
                    let sent = api.update(&id, &body).await;
                    let (updated, moved_on) = api.or_where_it_stands(&id, sent).await?;
                    let said = if moved_on { m.moved_on } else { m.saved };
                    Ok(Box::new(move || {
                        state.answers.change(Draft::forget_pin);
                        editing.set(Vec::new());
                        outcome.set(Some(said));
                        on_saved.run(updated);
                        focus_soon(state.element_id("saved"));
                    }) as Box<dyn FnOnce()>)
                })
            },
        )
    };
    let sections = move || {
        plan.with(|plan| {
            plan.sections
                .iter()
                .enumerate()
                .map(|(i, section)| section_view(i, section.clone(), editing, porting, api))
                .collect_view()
        })
    };
    // The host hears of unknown names when the buyer does, once for each new set.
    let events = events();
    let notice = move || {
        let names = plan.with(|p| p.unknown.clone());
        if reported.with_value(|last| *last != names) {
            reported.set_value(names.clone());
            if !names.is_empty() {
                leptos::logging::warn!(
                    "porting-widget: the porting requires fields this widget cannot collect: {}",
                    names.join(", ")
                );
                events.emit(Event::UnknownRequired { names: names.clone() });
            }
        }
        (!names.is_empty()).then(|| view! { <p class="pw-notice">{m.unknown_required(&names)}</p> })
    };
    let has_fields = move || plan.with(|p| p.items().next().is_some());
    let send = Callback::new(move |()| send());
    view! {
        <div class="pw-form-area">
            // Not a live region: focus goes to it, which reads it once.
            <p class="pw-saved" id=state.element_id("saved") tabindex="-1">
                {outcome}
            </p>
            // Hidden, not removed: a view built in a reactive closure brings its rebuild code along.
            <div hidden=Signal::derive(move || !open.get())>
                <FormFrame
                    intro=Signal::derive(move || {
                        if porting.with(|p| p.status == Status::Declined) {
                            m.fix_intro
                        } else {
                            m.form_intro
                        }
                    })
                    label=m.submit
                    busy_label=m.submitting
                    send
                    actions=Signal::derive(has_fields)
                >
                    {notice}
                    {sections}
                    <div hidden=Signal::derive(move || !plan.with(|p| p.schedule))>
                        <SelectField
                            field=Field::ScheduledOn
                            label=m.label_scheduled_on
                            options=schedule_days(porting.with_untracked(|p| p.scheduled_day()), today)
                                .into_iter()
                                .map(|day| (day.to_string(), local_day(&day.to_string(), m.lang)))
                                .collect()
                            blank=Some(m.scheduled_asap)
                            hint=Some(Signal::stored(m.hint_scheduled_on.to_owned()))
                        />
                    </div>
                </FormFrame>
            </div>
        </div>
    }
}

fn section_view(
    index: usize,
    section: SectionPlan,
    editing: RwSignal<Vec<Field>>,
    porting: Signal<Porting>,
    api: StoredValue<Api>,
) -> impl IntoView {
    let m = messages();
    let title_id = form_state().element_id(&format!("section-{index}"));
    let labelled_by = title_id.clone();
    let items = section.items.into_iter().map(|item| item_view(item, editing, porting, api)).collect_view();
    view! {
        <div class="pw-section" role="group" aria-labelledby=labelled_by>
            <h3 class="pw-section-title" id=title_id>
                {m.section(section.section)}
            </h3>
            {(section.section == Section::Holder).then(|| view! { <p class="pw-hint">{m.holder_hint}</p> })}
            {items}
        </div>
    }
}

/// An item asked for, or summarised until the buyer chooses to change it.
fn item_view(
    item: Item,
    editing: RwSignal<Vec<Field>>,
    porting: Signal<Porting>,
    api: StoredValue<Api>,
) -> impl IntoView {
    let fields = item.fields();
    let changing = Memo::new(move |_| editing.with(|e| fields.iter().any(|f| e.contains(f))));
    move || match &item.provided {
        Some(summary) if !changing.get() => summary_view(&item, summary, editing).into_any(),
        _ => input_view(&item.name, porting, api),
    }
}

fn summary_view(item: &Item, summary: &Summary, editing: RwSignal<Vec<Field>>) -> impl IntoView {
    let m = messages();
    let state = form_state();
    let label = m.item_label(&item.name, state.rules.with_untracked(|r| r.ctx.pin));
    let fields = item.fields();
    // An approval given cannot be taken back through the form (an update never sends `false`).
    let change = (*summary != Summary::Approved).then(|| {
        view! {
            <dd class="pw-summary-action">
                <button
                    type="button"
                    class="pw-link"
                    aria-label=m.change_label(label)
                    on:click=move |_| {
                        editing.update(|e| e.extend(fields));
                        if let Some(field) = fields.first() {
                            focus_soon(state.id(*field));
                        }
                    }
                >
                    {m.change}
                </button>
            </dd>
        }
    });
    view! {
        <dl class="pw-summary">
            <div class="pw-summary-row">
                <dt class="pw-summary-key">{label}</dt>
                <dd class="pw-summary-value">{summary_text(summary, m)}</dd>
                {change}
            </div>
        </dl>
    }
}

fn input_view(name: &FieldName, porting: Signal<Porting>, api: StoredValue<Api>) -> AnyView {
    let m = messages();
    let Some(&field) = fields_of(name).first() else { return ().into_any() };
    match field.row().input {
        Input::Picker => {
            let (recipient, on_file) = porting.with_untracked(|p| {
                (p.provider.clone(), p.donor_provider.as_ref().map(|d| d.name.clone()).unwrap_or_default())
            });
            let providers = load_providers(api.get_value(), Some(recipient));
            view! { <ProviderPicker providers initial=on_file /> }.into_any()
        }
        Input::Text => {
            let rules = form_state().rules;
            let words = move || rules.with(|r| field_words(field, r, m));
            let label = Signal::derive(move || words().0);
            // Whether a field has a hint is fixed; the PIN's words follow the provider picked.
            let hint = rules.with_untracked(|r| field_words(field, r, m).1.is_some());
            let hint = hint.then(|| Signal::derive(move || words().1.unwrap_or_default()));
            // Where to find them, for the fields buyers most often get wrong.
            let help = matches!(field, Field::AccountNumber | Field::AccountPin)
                .then(|| view! { <HelpDisclosure field porting /> });
            view! {
                <TextField field label hint />
                {help}
            }
            .into_any()
        }
        Input::Date => view! { <DateField /> }.into_any(),
        Input::AddressPart => view! { <AddressGroup /> }.into_any(),
        Input::Checkbox => view! { <ApprovalField /> }.into_any(),
        Input::Choice => {
            let choices = AccountType::KNOWN
                .iter()
                .filter_map(|kind| m.account_type(kind).map(|(label, hint)| (kind.as_str(), label, hint)))
                .collect();
            view! { <ChoiceField field legend=m.label_account_type choices /> }.into_any()
        }
        // The create step's and the day's inputs, which answer no required name.
        Input::Select => ().into_any(),
    }
}
