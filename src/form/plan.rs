//! Which fields the form shows for a porting: what its `required` list names and it does not hold
//! yet is asked; what it already holds is summarised, for the buyer to change if they wish.

use porting_model::validate::{recipient_country, CalendarDate};
use porting_model::{FieldName, Porting, Status};

use super::table::{Field, Section, Summary};

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
    let reopened = crate::journey::decline::reopened(porting);
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
mod tests;
