use super::*;
use crate::form::testing::spec_porting;
use porting_model::testing::PortingBuilder;

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
    let mut uk = PortingBuilder::new().required(&["accountPin"]).phone_number("+447700900123").build();
    let offered = plan(&uk);
    assert!(offered.schedule);
    assert_eq!(active_fields(&offered, &[]), [Field::AccountPin, Field::ScheduledOn]);
    assert!(
        !plan(&PortingBuilder::new().required(&["accountPin"]).build()).schedule,
        "US portings are not scheduled"
    );
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
    let plan = plan(&PortingBuilder::new().build());
    assert_eq!(plan, Plan::default());
    assert!(!plan.asks_anything());
}

#[test]
fn everything_required_and_nothing_provided_asks_for_all_in_page_order() {
    let all: Vec<&str> = FieldName::KNOWN.iter().map(FieldName::as_str).collect();
    let plan = plan(&PortingBuilder::new().required(&all).build());
    assert_eq!(
        asked(&plan),
        [
            "donorProvider",
            "accountType",
            "accountNumber",
            "accountPin",
            "billingPin",
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
    let porting = PortingBuilder::new().required(&["accountPin", "lastName"]).first_name("Ada").build();
    let plan = plan(&porting);
    assert_eq!(asked(&plan), ["accountPin", "lastName"]);
    assert_eq!(sections(&plan), [Section::Carrier, Section::Holder]);
}

#[test]
fn an_existing_pin_counts_as_provided() {
    let porting = PortingBuilder::new().required(&["accountPin"]).pin_on_file().build();
    let plan = plan(&porting);
    assert!(asked(&plan).is_empty());
    assert_eq!(plan.items().next().unwrap().provided, Some(Summary::PinProvided));
}

#[test]
fn blank_values_and_a_refused_approval_are_asked_again() {
    let porting = PortingBuilder::new()
        .required(&["firstName", "donorProviderApproval"])
        .first_name("  ")
        .approval(false)
        .build();
    assert_eq!(asked(&plan(&porting)), ["firstName", "donorProviderApproval"]);
}

#[test]
fn unknown_names_are_kept_once_each_and_count_as_something_to_do() {
    let plan =
        plan(&PortingBuilder::new().required(&["ssnLast4", "accountPin", "ssnLast4", "simSerial"]).build());
    assert_eq!(plan.unknown, ["ssnLast4", "simSerial"]);
    assert_eq!(asked(&plan), ["accountPin"]);
    let only_unknown = super::plan(&PortingBuilder::new().required(&["ssnLast4"]).build());
    assert!(only_unknown.sections.is_empty());
    assert!(only_unknown.asks_anything());
}

#[test]
fn duplicate_known_names_show_once() {
    let plan = plan(&PortingBuilder::new().required(&["accountPin", "accountPin"]).build());
    assert_eq!(asked(&plan), ["accountPin"]);
}

#[test]
fn short_account_numbers_show_whole() {
    let porting = PortingBuilder::new().required(&["accountNumber"]).account_number("12").build();
    assert_eq!(plan(&porting).items().next().unwrap().provided, Some(Summary::AccountEnding("12".into())));
}

#[test]
fn the_form_shows_while_information_is_taken_and_something_is_asked() {
    let mut porting = PortingBuilder::new().required(&["accountPin"]).build();
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
    let porting =
        PortingBuilder::new().required(&["accountNumber", "accountPin", "address"]).pin_on_file().build();
    let plan = plan(&porting);
    let asked = active_fields(&plan, &[]);
    assert_eq!(asked[..2], [Field::AccountNumber, Field::Country]);
    assert_eq!(asked.len(), 7);
    let changing = active_fields(&plan, &[Field::AccountPin]);
    assert_eq!(changing[..2], [Field::AccountNumber, Field::AccountPin]);
}
