//! Which fields the form shows for a porting: what its `required` list names and it does not hold
//! yet is asked; what it already holds is summarised, for the buyer to change if they wish.

use porting_model::validate::{recipient_country, CalendarDate, PinKind};
use porting_model::{FieldName, Porting, Status};

/// One thing the buyer fills in, in page order (so sorting fields sorts them as the page shows
/// them, which is the order an error summary lists them in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    PhoneCountry,
    PhoneNumber,
    /// Move the number, or (UK) only end the old contract: chosen when the porting is created.
    Behavior,
    DonorProvider,
    AccountNumber,
    AccountPin,
    FirstName,
    LastName,
    Birthday,
    Country,
    Line1,
    Line2,
    City,
    State,
    PostalCode,
    Approval,
    /// The day a UK number moves: blank for as soon as possible.
    ScheduledOn,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::PhoneCountry,
        Field::PhoneNumber,
        Field::Behavior,
        Field::DonorProvider,
        Field::AccountNumber,
        Field::AccountPin,
        Field::FirstName,
        Field::LastName,
        Field::Birthday,
        Field::Country,
        Field::Line1,
        Field::Line2,
        Field::City,
        Field::State,
        Field::PostalCode,
        Field::Approval,
        Field::ScheduledOn,
    ];

    /// The request-body property that carries the field, as error details name it. The phone's
    /// country has none of its own: it is part of `phoneNumber`.
    pub fn property(self) -> &'static str {
        match self {
            Field::PhoneCountry => "phoneCountry",
            Field::PhoneNumber => "phoneNumber",
            Field::Behavior => "behavior",
            Field::DonorProvider => "donorProvider",
            Field::AccountNumber => "accountNumber",
            Field::AccountPin => "accountPin",
            Field::FirstName => "firstName",
            Field::LastName => "lastName",
            Field::Birthday => "birthday",
            Field::Country => "address.country",
            Field::Line1 => "address.line1",
            Field::Line2 => "address.line2",
            Field::City => "address.city",
            Field::State => "address.state",
            Field::PostalCode => "address.postalCode",
            Field::Approval => "donorProviderApproval",
            Field::ScheduledOn => "scheduledOn",
        }
    }

    /// The field's place in [`Field::ALL`], for tables of one entry per field.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field an error detail's `property` is about.
    pub fn from_property(property: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.property() == property)
    }

    /// The `autocomplete` token of the field's input, where HTML has one. The PIN gets `off`: it
    /// is no password for the browser to offer to save. (The date's boxes have their own.)
    pub fn autocomplete(self) -> Option<&'static str> {
        Some(match self {
            Field::PhoneNumber => "tel-national",
            Field::AccountPin => "off",
            Field::FirstName => "given-name",
            Field::LastName => "family-name",
            Field::Country => "country",
            Field::Line1 => "address-line1",
            Field::Line2 => "address-line2",
            Field::City => "address-level2",
            Field::State => "address-level1",
            Field::PostalCode => "postal-code",
            Field::PhoneCountry
            | Field::Behavior
            | Field::ScheduledOn
            | Field::DonorProvider
            | Field::AccountNumber
            | Field::Birthday
            | Field::Approval => return None,
        })
    }

    /// The on-screen keyboard for the field: digits for a PIN of digits, a phone pad for the
    /// number, the usual keyboard (`None`) otherwise. Account numbers and postcodes may hold
    /// letters.
    pub fn inputmode(self, pin: PinKind) -> Option<&'static str> {
        match self {
            Field::PhoneNumber => Some("tel"),
            Field::AccountPin if matches!(pin, PinKind::Digits { .. }) => Some("numeric"),
            _ => None,
        }
    }

    /// Whether the field is part of the address object.
    pub fn in_address(self) -> bool {
        ADDRESS.contains(&self)
    }

    /// Whether a change to this field's answer can fix or break `other`'s: an address part the
    /// others' (the country decides the state list and the postcode's shape), the number's
    /// country the number, the provider the PIN and account number (their rules follow it).
    pub fn affects(self, other: Field) -> bool {
        self == other
            || (self.in_address() && other.in_address())
            || (self == Field::PhoneCountry && other == Field::PhoneNumber)
            || (self == Field::DonorProvider && matches!(other, Field::AccountPin | Field::AccountNumber))
    }
}

/// The address's fields in page order: the country first, as it decides the state list and the
/// postcode's shape.
const ADDRESS: &[Field] =
    &[Field::Country, Field::Line1, Field::Line2, Field::City, Field::State, Field::PostalCode];

/// The form's parts, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Carrier,
    Holder,
    Address,
    Approval,
}

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
        days.push(day);
        days.sort_unstable();
    }
    days
}

/// Whether the buyer may choose the day the number moves: Gigs schedules only portings to a UK
/// network, and only before they are requested.
pub fn offers_schedule(porting: &Porting) -> bool {
    recipient_country(&porting.phone_number) == "GB"
        && matches!(porting.status, Status::Draft | Status::Pending | Status::InformationRequired)
}

/// The known names in page order, with their sections.
const ORDER: [(FieldName, Section); 8] = [
    (FieldName::DonorProvider, Section::Carrier),
    (FieldName::AccountNumber, Section::Carrier),
    (FieldName::AccountPin, Section::Carrier),
    (FieldName::FirstName, Section::Holder),
    (FieldName::LastName, Section::Holder),
    (FieldName::Birthday, Section::Holder),
    (FieldName::Address, Section::Address),
    (FieldName::DonorProviderApproval, Section::Approval),
];

/// The form `porting` needs: what its `required` list names, and what a decline reopened (asked
/// again, starting from what is on file).
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
    for (name, section) in ORDER {
        let again = reopened.contains(&name);
        if !again && !porting.required.contains(&name) {
            continue;
        }
        let item = Item { provided: summary(porting, &name).filter(|_| !again), name };
        match sections.last_mut() {
            Some(last) if last.section == section => last.items.push(item),
            _ => sections.push(SectionPlan { section, items: vec![item] }),
        }
    }
    Plan { sections, unknown, schedule: offers_schedule(porting) }
}

/// The fields that collect `name`.
pub fn fields_of(name: &FieldName) -> &'static [Field] {
    match name {
        FieldName::DonorProvider => &[Field::DonorProvider],
        FieldName::AccountNumber => &[Field::AccountNumber],
        FieldName::AccountPin => &[Field::AccountPin],
        FieldName::FirstName => &[Field::FirstName],
        FieldName::LastName => &[Field::LastName],
        FieldName::Birthday => &[Field::Birthday],
        FieldName::Address => ADDRESS,
        FieldName::DonorProviderApproval => &[Field::Approval],
        FieldName::Unknown(_) => &[],
    }
}

/// What the porting holds for `name`, if anything. Blank strings count as nothing.
fn summary(porting: &Porting, name: &FieldName) -> Option<Summary> {
    let text = |value: &Option<String>| present(value).map(|v| Summary::Text(v.to_owned()));
    match name {
        FieldName::DonorProvider => porting.donor_provider.as_ref().map(|p| Summary::Text(p.name.clone())),
        FieldName::AccountNumber => present(&porting.account_number).map(|number| {
            let hidden = number.chars().count().saturating_sub(4);
            Summary::AccountEnding(number.chars().skip(hidden).collect())
        }),
        FieldName::AccountPin => porting.account_pin_exists.then_some(Summary::PinProvided),
        FieldName::FirstName => text(&porting.first_name),
        FieldName::LastName => text(&porting.last_name),
        FieldName::Birthday => text(&porting.birthday),
        FieldName::Address => porting.address.as_ref().map(|a| {
            let region = format!("{} {}", a.state.as_deref().unwrap_or_default(), a.postal_code);
            let line2 = a.line2.as_deref().unwrap_or_default();
            let parts = [a.line1.as_str(), line2, &a.city, &region, &a.country];
            let parts: Vec<&str> = parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
            Summary::Text(parts.join(", "))
        }),
        FieldName::DonorProviderApproval => {
            (porting.donor_provider_approval == Some(true)).then_some(Summary::Approved)
        }
        FieldName::Unknown(_) => None,
    }
}

/// A value that is there and not blank, trimmed.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
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

    #[test]
    fn inputs_get_their_autocomplete_tokens_and_keyboards() {
        assert_eq!(Field::FirstName.autocomplete(), Some("given-name"));
        assert_eq!(Field::PostalCode.autocomplete(), Some("postal-code"));
        assert_eq!(Field::AccountNumber.autocomplete(), None);
        assert_eq!(Field::AccountPin.inputmode(PinKind::DEFAULT), Some("numeric"));
        assert_eq!(Field::AccountPin.inputmode(PinKind::Pac), None, "a PAC has letters");
        assert_eq!(Field::PhoneNumber.inputmode(PinKind::DEFAULT), Some("tel"));
        assert_eq!(Field::PostalCode.inputmode(PinKind::DEFAULT), None);
    }

    #[test]
    fn an_answer_affects_itself_its_address_siblings_and_what_follows_from_it() {
        assert!(Field::City.affects(Field::City) && Field::Country.affects(Field::PostalCode));
        assert!(Field::PhoneCountry.affects(Field::PhoneNumber));
        assert!(Field::DonorProvider.affects(Field::AccountPin));
        assert!(Field::DonorProvider.affects(Field::AccountNumber));
        assert!(!Field::AccountPin.affects(Field::DonorProvider));
        assert!(!Field::FirstName.affects(Field::LastName));
        assert!(!Field::City.affects(Field::AccountPin));
    }

    #[test]
    fn properties_name_their_fields_both_ways() {
        for (i, field) in Field::ALL.into_iter().enumerate() {
            assert_eq!(field.index(), i);
            assert_eq!(Field::from_property(field.property()), Some(field));
        }
        assert_eq!(Field::from_property("address.postalCode"), Some(Field::PostalCode));
        assert_eq!(Field::from_property("behavior"), Some(Field::Behavior));
        assert_eq!(Field::from_property("provider"), None);
        assert!(Field::State.in_address() && !Field::Birthday.in_address());
    }
}
