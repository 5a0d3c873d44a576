//! Which fields the form shows for a porting: what its `required` list names and it does not hold
//! yet is asked; what it already holds is summarised, for the buyer to change if they wish.

use porting_model::validate::{recipient_country, CalendarDate};
use porting_model::{FieldName, Porting, Status};

use super::table::Field;
pub use super::table::Section;

/// What the form does with one required name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub name: FieldName,
    /// What the porting already holds; `None` when the buyer is asked for it.
    pub provided: Option<Summary>,
}

impl Item {
    pub fn fields(&self) -> &'static [Field] {
        fields_of(&self.name)
    }
}

/// A short account of a value the porting already holds. The PIN is write-only, so only its
/// existence is known; an account number shows only its last four characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Summary {
    Text(String),
    AccountEnding(String),
    PinProvided,
    Approved,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionPlan {
    pub section: Section,
    pub items: Vec<Item>,
}

/// The form for one porting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Only sections with something in them, in page order.
    pub sections: Vec<SectionPlan>,
    /// Required names this widget does not know, each once, as Gigs spelled them.
    pub unknown: Vec<String>,
    /// Whether the buyer may choose the day the number moves (UK portings, see
    /// [`offers_schedule`]).
    pub schedule: bool,
}

impl Plan {
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|section| &section.items)
    }

    /// Whether the buyer has anything to do: a field to fill in or a name to hear about.
    pub fn asks_anything(&self) -> bool {
        !self.unknown.is_empty() || self.items().any(|item| item.provided.is_none())
    }
}

/// Whether the form is shown: while the porting still takes information (a declined one, to
/// correct what the decline was about) and there is something to ask or tell the buyer.
pub fn wants_form(porting: &Porting, plan: &Plan) -> bool {
    matches!(porting.status, Status::Draft | Status::InformationRequired | Status::Declined)
        && plan.asks_anything()
}

/// The fields on the form: those of every item asked, and of provided items the buyer chose to
/// change (`editing` holds their fields), in page order.
pub fn active_fields(plan: &Plan, editing: &[Field]) -> Vec<Field> {
    plan.items()
        .filter(|item| item.provided.is_none() || item.fields().iter().any(|f| editing.contains(f)))
        .flat_map(Item::fields)
        .copied()
        .chain(plan.schedule.then_some(Field::ScheduledOn))
        .collect()
}

/// The days offered for a UK number to move: the next ten weekdays, and the day on file when it
/// is another, so the choice shows what the porting holds.
pub fn schedule_days(on_file: Option<CalendarDate>, today: CalendarDate) -> Vec<CalendarDate> {
    let mut days = today.weekdays_after(10);
    if let Some(day) = on_file.filter(|day| !days.contains(day)) {
        // Inserted in its place: a sort would bring 2 KB of wasm for one day.
        days.insert(days.partition_point(|d| *d < day), day);
    }
    days
}

/// Whether the buyer may choose the day the number moves: Gigs schedules only portings to a UK
/// network, and only before they are requested.
pub fn offers_schedule(porting: &Porting) -> bool {
    recipient_country(&porting.phone_number) == "GB"
        && matches!(porting.status, Status::Draft | Status::Pending | Status::InformationRequired)
}

/// The form `porting` needs: what its `required` list names, and what a decline reopened (asked
/// again, starting from what is on file), in the table's order.
pub fn plan(porting: &Porting) -> Plan {
    let reopened = crate::status::reopened(porting);
    let mut unknown: Vec<String> = Vec::new();
    for name in &porting.required {
        if let FieldName::Unknown(raw) = name {
            if !unknown.contains(raw) {
                unknown.push(raw.clone());
            }
        }
    }
    let mut sections: Vec<SectionPlan> = Vec::new();
    let mut last: Option<&FieldName> = None;
    for row in Field::ALL.map(Field::row) {
        let (Some(name), Some(section)) = (&row.name, row.section) else { continue };
        let again = reopened.contains(name);
        if last == Some(name) || (!again && !porting.required.contains(name)) {
            continue;
        }
        last = Some(name);
        let item = Item { provided: (row.summary)(porting).filter(|_| !again), name: name.clone() };
        match sections.last_mut() {
            Some(last) if last.section == section => last.items.push(item),
            _ => sections.push(SectionPlan { section, items: vec![item] }),
        }
    }
    Plan { sections, unknown, schedule: offers_schedule(porting) }
}

/// The fields that collect `name`: one run of the table.
pub fn fields_of(name: &FieldName) -> &'static [Field] {
    let named = |field: &Field| field.row().name.as_ref() == Some(name);
    let start = Field::ALL.iter().position(named).unwrap_or(Field::ALL.len());
    let len = Field::ALL[start..].iter().take_while(|f| named(f)).count();
    &Field::ALL[start..start + len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::testing::{bare_porting, spec_porting};

    fn asked(plan: &Plan) -> Vec<&str> {
        plan.items().filter(|item| item.provided.is_none()).map(|item| item.name.as_str()).collect()
    }

    fn sections(plan: &Plan) -> Vec<Section> {
        plan.sections.iter().map(|s| s.section).collect()
    }

    #[test]
    fn the_spec_example_has_everything_provided_so_all_is_summarised() {
        let plan = plan(&spec_porting());
        assert!(asked(&plan).is_empty());
        assert!(!plan.asks_anything());
        assert_eq!(sections(&plan), [Section::Carrier, Section::Holder, Section::Address, Section::Approval]);
        let summaries: Vec<_> = plan.items().map(|item| item.provided.clone().unwrap()).collect();
        assert_eq!(
            summaries,
            [
                Summary::Text("AT&T".into()),
                Summary::AccountEnding("6789".into()),
                Summary::PinProvided,
                Summary::Text("Jerry".into()),
                Summary::Text("Seinfeld".into()),
                Summary::Text("2017-07-21".into()),
                Summary::Text("129 West 81st Street, Apartment 5A, New York City, NY 10024, US".into()),
                Summary::Approved,
            ]
        );
    }

    #[test]
    fn a_decline_reopens_its_fields_from_what_is_on_file() {
        let mut declined = spec_porting();
        declined.status = Status::Declined;
        declined.required = Vec::new();
        declined.declined_code = Some(porting_model::DeclineCode::AccountPinRequiredOrInvalid);
        let reopened = plan(&declined);
        assert_eq!(asked(&reopened), ["accountPin"]);
        assert!(wants_form(&declined, &reopened));
        assert_eq!(active_fields(&reopened, &[]), [Field::AccountPin]);
        declined.declined_code = Some(porting_model::DeclineCode::PhoneNumberPortProtected);
        let nothing = plan(&declined);
        assert!(!wants_form(&declined, &nothing), "fixed at the old provider, not in the form");
        declined.declined_code = Some(porting_model::DeclineCode::UserInformationMismatch);
        assert_eq!(asked(&plan(&declined)), ["firstName", "lastName", "birthday", "address"]);
    }

    #[test]
    fn a_uk_porting_offers_the_day_until_it_is_requested() {
        let mut uk = bare_porting(&["accountPin"]);
        uk.phone_number = "+447700900123".into();
        let offered = plan(&uk);
        assert!(offered.schedule);
        assert_eq!(active_fields(&offered, &[]), [Field::AccountPin, Field::ScheduledOn]);
        assert!(!plan(&bare_porting(&["accountPin"])).schedule, "US portings are not scheduled");
        uk.status = Status::Requested;
        assert!(!plan(&uk).schedule);
    }

    #[test]
    fn the_day_on_file_is_among_the_days_offered() {
        let today: CalendarDate = "2026-11-30".parse().unwrap();
        let days = schedule_days(None, today);
        assert_eq!((days.len(), days[0].to_string()), (10, "2026-12-01".to_owned()));
        let later: CalendarDate = "2027-01-15".parse().unwrap();
        let with_later = schedule_days(Some(later), today);
        assert_eq!((with_later.len(), with_later.last()), (11, Some(&later)));
        assert_eq!(schedule_days(Some(days[3]), today), days);
    }

    #[test]
    fn nothing_required_means_no_form() {
        let plan = plan(&bare_porting(&[]));
        assert_eq!(plan, Plan::default());
        assert!(!plan.asks_anything());
    }

    #[test]
    fn everything_required_and_nothing_provided_asks_for_all_in_page_order() {
        let all: Vec<&str> = FieldName::KNOWN.iter().map(FieldName::as_str).collect();
        let plan = plan(&bare_porting(&all));
        assert_eq!(
            asked(&plan),
            [
                "donorProvider",
                "accountNumber",
                "accountPin",
                "firstName",
                "lastName",
                "birthday",
                "address",
                "donorProviderApproval"
            ]
        );
        assert_eq!(sections(&plan), [Section::Carrier, Section::Holder, Section::Address, Section::Approval]);
        let fields: Vec<Field> = plan.items().flat_map(Item::fields).copied().collect();
        let mut sorted = fields.clone();
        sorted.sort();
        assert_eq!(fields, sorted, "page order is the enum's order");
    }

    #[test]
    fn only_required_names_show_and_only_their_sections() {
        let mut porting = bare_porting(&["accountPin", "lastName"]);
        porting.first_name = Some("Ada".into());
        let plan = plan(&porting);
        assert_eq!(asked(&plan), ["accountPin", "lastName"]);
        assert_eq!(sections(&plan), [Section::Carrier, Section::Holder]);
    }

    #[test]
    fn an_existing_pin_counts_as_provided() {
        let mut porting = bare_porting(&["accountPin"]);
        porting.account_pin_exists = true;
        let plan = plan(&porting);
        assert!(asked(&plan).is_empty());
        assert_eq!(plan.items().next().unwrap().provided, Some(Summary::PinProvided));
    }

    #[test]
    fn blank_values_and_a_refused_approval_are_asked_again() {
        let mut porting = bare_porting(&["firstName", "donorProviderApproval"]);
        porting.first_name = Some("  ".into());
        porting.donor_provider_approval = Some(false);
        assert_eq!(asked(&plan(&porting)), ["firstName", "donorProviderApproval"]);
    }

    #[test]
    fn unknown_names_are_kept_once_each_and_count_as_something_to_do() {
        let plan = plan(&bare_porting(&["ssnLast4", "accountPin", "ssnLast4", "simSerial"]));
        assert_eq!(plan.unknown, ["ssnLast4", "simSerial"]);
        assert_eq!(asked(&plan), ["accountPin"]);
        let only_unknown = super::plan(&bare_porting(&["ssnLast4"]));
        assert!(only_unknown.sections.is_empty());
        assert!(only_unknown.asks_anything());
    }

    #[test]
    fn duplicate_known_names_show_once() {
        let plan = plan(&bare_porting(&["accountPin", "accountPin"]));
        assert_eq!(asked(&plan), ["accountPin"]);
    }

    #[test]
    fn short_account_numbers_show_whole() {
        let mut porting = bare_porting(&["accountNumber"]);
        porting.account_number = Some("12".into());
        assert_eq!(
            plan(&porting).items().next().unwrap().provided,
            Some(Summary::AccountEnding("12".into()))
        );
    }

    #[test]
    fn the_form_shows_while_information_is_taken_and_something_is_asked() {
        let mut porting = bare_porting(&["accountPin"]);
        assert!(wants_form(&porting, &plan(&porting)));
        porting.status = Status::Draft;
        assert!(wants_form(&porting, &plan(&porting)));
        // Declined, what it still requires is asked with what the decline reopened.
        porting.status = Status::Declined;
        assert!(wants_form(&porting, &plan(&porting)));
        for status in [Status::Requested, Status::Completed, Status::Unknown("onHold".into())] {
            porting.status = status;
            assert!(!wants_form(&porting, &plan(&porting)));
        }
        let done = spec_porting();
        assert!(!wants_form(&done, &plan(&done)), "everything provided");
    }

    #[test]
    fn active_fields_are_the_asked_ones_and_those_being_changed() {
        let mut porting = bare_porting(&["accountNumber", "accountPin", "address"]);
        porting.account_pin_exists = true;
        let plan = plan(&porting);
        let asked = active_fields(&plan, &[]);
        assert_eq!(asked[..2], [Field::AccountNumber, Field::Country]);
        assert_eq!(asked.len(), 7);
        let changing = active_fields(&plan, &[Field::AccountPin]);
        assert_eq!(changing[..2], [Field::AccountNumber, Field::AccountPin]);
    }
}
