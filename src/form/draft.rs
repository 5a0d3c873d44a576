//! What the buyer has typed: the answers by field, a date's three boxes, the approval and the
//! provider picked. The PIN is kept only until it has been sent ([`Draft::forget_pin`]).

use std::borrow::Cow;

use porting_model::{Behavior, Porting, ServiceProvider};

use super::table::{Field, Input};

/// A date typed into three boxes, as the GOV.UK date input asks for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// One of the three boxes of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

impl DatePart {
    pub const ALL: [DatePart; 3] = [DatePart::Day, DatePart::Month, DatePart::Year];
}

impl DateParts {
    pub fn part(&self, part: DatePart) -> &str {
        match part {
            DatePart::Day => &self.day,
            DatePart::Month => &self.month,
            DatePart::Year => &self.year,
        }
    }

    pub fn set(&mut self, part: DatePart, value: String) {
        match part {
            DatePart::Day => self.day = value,
            DatePart::Month => self.month = value,
            DatePart::Year => self.year = value,
        }
    }

    /// The parts of an ISO date (`YYYY-MM-DD`); anything else leaves them blank.
    pub fn from_iso(iso: &str) -> DateParts {
        match iso.trim().splitn(3, '-').collect::<Vec<_>>()[..] {
            [year, month, day] => DateParts { day: day.into(), month: month.into(), year: year.into() },
            _ => DateParts::default(),
        }
    }

    /// The date written as the model's rule reads it: blank when nothing was typed, and a
    /// malformed date (which the rule refuses) when a part is missing or not a number.
    pub fn iso(&self) -> String {
        let [day, month, year] = [&self.day, &self.month, &self.year].map(|part| part.trim());
        if [day, month, year].iter().all(|part| part.is_empty()) {
            return String::new();
        }
        format!("{year}-{month:0>2}-{day:0>2}")
    }
}

/// The buyer's answers. Its `Debug` output leaves out the PINs, like the model's `AccountPin`.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// By [`Field::index`].
    text: [String; Field::ALL.len()],
    pub birthday: DateParts,
    pub approved: bool,
    /// The name of the provider picked in this form (its id is the `DonorProvider` answer): the
    /// rules for the PIN and account number follow it.
    pub donor_name: Option<String>,
}

impl std::fmt::Debug for Draft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text: Vec<_> = Field::ALL
            .into_iter()
            .filter(|field| !field.is_secret())
            .map(|field| (field, self.text(field)))
            .collect();
        f.debug_struct("Draft")
            .field("text", &text)
            .field("birthday", &self.birthday)
            .field("approved", &self.approved)
            .field("donor_name", &self.donor_name)
            .finish_non_exhaustive()
    }
}

impl Draft {
    /// Answers that start from what `porting` holds, so a buyer who changes a value edits it
    /// rather than typing it again. The PIN is write-only and always starts blank; the address
    /// country defaults to `country` (the recipient's).
    pub fn for_porting(porting: &Porting, country: &str) -> Draft {
        let mut draft = Draft::default();
        draft.set_text(Field::Country, country.to_owned());
        for field in Field::ALL {
            if let Some(value) = (field.row().on_file)(porting) {
                draft.set_answer(field, value);
            }
        }
        draft
    }

    /// Blank answers for the create step, with the number's country preselected.
    pub fn for_create(country: &str) -> Draft {
        let mut draft = Draft::default();
        draft.set_text(Field::PhoneCountry, country.to_owned());
        draft.set_text(Field::Behavior, Behavior::PortIn.to_string());
        draft
    }

    /// What was typed into `field` (blank if nothing).
    pub fn text(&self, field: Field) -> &str {
        &self.text[field.index()]
    }

    pub fn set_text(&mut self, field: Field, value: String) {
        self.text[field.index()] = value;
    }

    /// The answer to `field` as the rules read it: the date written `YYYY-MM-DD`, the approval
    /// `true` or `false`, else what was typed.
    pub fn answer(&self, field: Field) -> Cow<'_, str> {
        match field.row().input {
            Input::Date => Cow::Owned(self.birthday.iso()),
            Input::Checkbox => Cow::Borrowed(if self.approved { "true" } else { "false" }),
            _ => Cow::Borrowed(self.text(field)),
        }
    }

    /// Sets `field`'s answer as [`Draft::answer`] reads it.
    pub fn set_answer(&mut self, field: Field, value: &str) {
        match field.row().input {
            Input::Date => self.birthday = DateParts::from_iso(value),
            Input::Checkbox => self.approved = value == "true",
            _ => self.set_text(field, value.to_owned()),
        }
    }

    /// Whether `field` has the same answer in both.
    pub fn same_answer(&self, other: &Draft, field: Field) -> bool {
        self.answer(field) == other.answer(field)
    }

    /// Picks the current provider, or none (then the porting's own donor decides the rules).
    pub fn pick_donor(&mut self, provider: Option<&ServiceProvider>) {
        self.set_text(Field::DonorProvider, provider.map(|p| p.id.clone()).unwrap_or_default());
        self.donor_name = provider.map(|p| p.name.clone());
    }

    /// Takes what the buyer typed into the server's rendering before the widget ran, by each
    /// field's `data-field`. The provider box holds a name, not an answer: its text is handed back
    /// for the picker.
    pub fn take_typed(&mut self, typed: &[(String, String)]) -> Option<String> {
        let mut provider_text = None;
        for (name, value) in typed {
            match (name.as_str(), Field::from_property(name)) {
                ("birthday-day", _) => self.birthday.set(DatePart::Day, value.clone()),
                ("birthday-month", _) => self.birthday.set(DatePart::Month, value.clone()),
                ("birthday-year", _) => self.birthday.set(DatePart::Year, value.clone()),
                (_, Some(Field::DonorProvider)) => provider_text = Some(value.clone()),
                (_, Some(field)) => self.set_answer(field, value),
                (_, None) => {}
            }
        }
        provider_text
    }

    /// Drops the PINs once they have been sent: the form never holds them longer than it must.
    pub fn forget_pin(&mut self) {
        for field in Field::ALL.into_iter().filter(|field| field.is_secret()) {
            self.text[field.index()] = String::new();
        }
    }

    /// The fields whose answers differ in `other`: a date's boxes, the approval and the picked
    /// provider's name count as their fields'.
    pub fn changed(&self, other: &Draft) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|&field| match field {
                Field::Birthday => self.birthday != other.birthday,
                Field::Approval => self.approved != other.approved,
                Field::DonorProvider => {
                    self.text(field) != other.text(field) || self.donor_name != other.donor_name
                }
                _ => self.text(field) != other.text(field),
            })
            .collect()
    }
}

/// The country to preselect for a number, from the browser's language tag (`en-GB` → `GB`):
/// its region when the form knows that country's numbers, else the United States.
pub fn country_for_language(tag: &str) -> &'static str {
    let region = tag.split(['-', '_']).nth(1).unwrap_or_default().to_ascii_uppercase();
    porting_model::validate::PHONE_COUNTRIES
        .iter()
        .find(|(code, _)| *code == region)
        .map_or("US", |(code, _)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_names_the_fields_it_touched_and_no_other() {
        let before = Draft::default();
        let mut after = before.clone();
        assert!(before.changed(&after).is_empty());
        after.set_text(Field::AccountNumber, "1".into());
        after.birthday.set(DatePart::Month, "3".into());
        assert_eq!(before.changed(&after), [Field::AccountNumber, Field::Birthday]);
        let mut picked = before.clone();
        picked.donor_name = Some("AT&T".into());
        picked.approved = true;
        assert_eq!(before.changed(&picked), [Field::DonorProvider, Field::Approval]);
    }

    #[test]
    fn dates_go_to_and_from_three_parts() {
        let parts = DateParts::from_iso("1990-01-31");
        assert_eq!((parts.day.as_str(), parts.month.as_str(), parts.year.as_str()), ("31", "01", "1990"));
        assert_eq!(parts.iso(), "1990-01-31");
        let typed = DateParts { day: " 7".into(), month: "3 ".into(), year: "1985".into() };
        assert_eq!(typed.iso(), "1985-03-07");
        assert_eq!(DateParts::default().iso(), "");
        assert_eq!(DateParts { year: "1985".into(), ..Default::default() }.iso(), "1985-00-00");
        assert_eq!(DateParts::from_iso("yesterday"), DateParts::default());
        let mut typed = DateParts::default();
        for (part, value) in [(DatePart::Day, "9"), (DatePart::Month, "11"), (DatePart::Year, "1989")] {
            typed.set(part, value.into());
            assert_eq!(typed.part(part), value);
        }
        assert_eq!(typed.iso(), "1989-11-09");
    }

    #[test]
    fn the_number_country_follows_the_browser_language() {
        assert_eq!(country_for_language("en-GB"), "GB");
        assert_eq!(country_for_language("fr_ca"), "CA");
        assert_eq!(country_for_language("de"), "US");
        assert_eq!(country_for_language("it-IT"), "US");
        assert_eq!(country_for_language(""), "US");
    }

    #[test]
    fn what_was_typed_before_the_widget_ran_is_taken_field_by_field() {
        let mut draft = Draft::default();
        let typed = [
            ("accountPin", "8642"),
            ("birthday-day", "7"),
            ("birthday-month", "3"),
            ("birthday-year", "1985"),
            ("address.postalCode", "10024"),
            ("donorProviderApproval", "true"),
            ("donorProvider", "Veri"),
            ("behavior", "cancelOnly"),
            ("somethingNew", "x"),
        ]
        .map(|(name, value)| (name.to_owned(), value.to_owned()));
        assert_eq!(draft.take_typed(&typed).as_deref(), Some("Veri"), "the provider box's text");
        assert_eq!(draft.text(Field::AccountPin), "8642");
        assert_eq!(draft.birthday.iso(), "1985-03-07");
        assert_eq!(draft.text(Field::PostalCode), "10024");
        assert!(draft.approved);
        assert_eq!(draft.text(Field::Behavior), "cancelOnly");
        assert_eq!(draft.text(Field::DonorProvider), "", "a name is no provider's id");
    }
}
