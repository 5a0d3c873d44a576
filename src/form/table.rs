//! The field table: one row per field the buyer fills in, saying its Gigs property, the required
//! name it answers, its section, its input, what it starts from and how its answer enters the
//! body the model checks. The order, the summaries, the inputs and the checks follow it, so a new
//! Gigs field is a model change, a row here and its words (`messages::words`).

use porting_model::validate::{billing_pin_kind, PinKind};
use porting_model::{AccountPin, AccountType, Address, Behavior, FieldName, Porting, PortingFields};

/// One thing the buyer fills in, in page order (so sorting fields sorts them as the page shows
/// them, which is the order an error summary lists them in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    PhoneCountry,
    PhoneNumber,
    /// Move the number, or (UK) only end the old contract: chosen when the porting is created.
    Behavior,
    DonorProvider,
    /// The kind of account (the current reference's, for Ireland).
    AccountType,
    AccountNumber,
    AccountPin,
    /// A billing PIN beside the transfer PIN (the current reference's), write-only as that one.
    BillingPin,
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

/// The porting form's parts, in page order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Carrier,
    Holder,
    Address,
    Approval,
}

/// A short account of a value the porting already holds. A PIN is write-only, so only its
/// existence is known; an account number shows only its last four characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Summary {
    Text(String),
    AccountEnding(String),
    PinProvided,
    Approved,
    AccountType(AccountType),
}

/// How the buyer gives a field's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Text,
    Select,
    Choice,
    /// The provider combobox.
    Picker,
    /// Three boxes: day, month, year.
    Date,
    /// One input of the address group.
    AddressPart,
    Checkbox,
}

/// Everything the widget knows of one field.
pub struct Row {
    /// The request-body property, as Gigs' error details name it.
    pub property: &'static str,
    /// The required name the field answers; the create step's fields and the day answer none.
    pub name: Option<FieldName>,
    pub section: Option<Section>,
    pub input: Input,
    /// The `autocomplete` token, where HTML has one.
    pub autocomplete: Option<&'static str>,
    /// What the porting holds for the field, as the buyer's answer starts.
    pub on_file: fn(&Porting) -> Option<&str>,
    /// What the porting holds for the field's item, as its summary shows it.
    pub summary: fn(&Porting) -> Option<Summary>,
    /// Puts the answer into the body the model checks; the number is checked with its country.
    pub answer: Option<fn(&str, &mut PortingFields)>,
}

impl Field {
    pub const ALL: [Field; 19] = [
        Field::PhoneCountry,
        Field::PhoneNumber,
        Field::Behavior,
        Field::DonorProvider,
        Field::AccountType,
        Field::AccountNumber,
        Field::AccountPin,
        Field::BillingPin,
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

    pub fn row(self) -> &'static Row {
        &TABLE[self.index()]
    }

    /// The request-body property that carries the field.
    pub fn property(self) -> &'static str {
        self.row().property
    }

    /// The field's place in [`Field::ALL`], for tables of one entry per field.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The field an error detail's `property` is about.
    pub fn from_property(property: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.property() == property)
    }

    pub fn autocomplete(self) -> Option<&'static str> {
        self.row().autocomplete
    }

    /// Whether the answer is a secret: masked, write-only, never kept once sent or offered to
    /// a password manager.
    pub fn is_secret(self) -> bool {
        matches!(self, Field::AccountPin | Field::BillingPin)
    }

    /// The on-screen keyboard: digits for a PIN of digits, a phone pad for the number, the usual
    /// keyboard (`None`) otherwise, as account numbers and postcodes may hold letters.
    pub fn inputmode(self, pin: PinKind) -> Option<&'static str> {
        match self {
            Field::PhoneNumber => Some("tel"),
            Field::AccountPin if matches!(pin, PinKind::Digits { .. }) => Some("numeric"),
            Field::BillingPin if matches!(billing_pin_kind(pin), PinKind::Digits { .. }) => Some("numeric"),
            _ => None,
        }
    }

    pub fn in_address(self) -> bool {
        self.row().input == Input::AddressPart
    }

    /// Whether a change to this field's answer can fix or break `other`'s: an address part the
    /// others' (the country decides the state list and the postcode's shape), the number's
    /// country the number, the provider the PIN and account number (their rules follow it).
    pub fn affects(self, other: Field) -> bool {
        self == other
            || (self.in_address() && other.in_address())
            || (self == Field::PhoneCountry && other == Field::PhoneNumber)
            || (self == Field::DonorProvider
                && matches!(other, Field::AccountPin | Field::BillingPin | Field::AccountNumber))
    }
}

/// By [`Field::index`]. A `static`, as a row's `FieldName` may own a string.
static TABLE: [Row; 19] = [
    Row {
        property: "phoneCountry",
        name: None,
        section: None,
        input: Input::Select,
        autocomplete: None,
        on_file: |_| None,
        summary: |_| None,
        answer: None,
    },
    Row {
        property: "phoneNumber",
        name: None,
        section: None,
        input: Input::Text,
        autocomplete: Some("tel-national"),
        on_file: |_| None,
        summary: |_| None,
        answer: None,
    },
    Row {
        property: "behavior",
        name: None,
        section: None,
        input: Input::Choice,
        autocomplete: None,
        on_file: |p| Some(p.behavior.as_str()),
        summary: |_| None,
        answer: Some(|v, b| b.behavior = Some(Behavior::from(v))),
    },
    Row {
        property: "donorProvider",
        name: Some(FieldName::DonorProvider),
        section: Some(Section::Carrier),
        input: Input::Picker,
        autocomplete: None,
        on_file: |p| p.donor_provider.as_ref().map(|d| d.id.as_str()),
        summary: |p| p.donor_provider.as_ref().map(|d| Summary::Text(d.name.clone())),
        answer: Some(|v, b| b.donor_provider = Some(v.into())),
    },
    Row {
        property: "accountType",
        name: Some(FieldName::AccountType),
        section: Some(Section::Carrier),
        input: Input::Choice,
        autocomplete: None,
        on_file: |p| p.account_type.as_ref().map(AccountType::as_str),
        summary: |p| p.account_type.clone().map(Summary::AccountType),
        answer: Some(|v, b| b.account_type = Some(AccountType::from(v))),
    },
    Row {
        property: "accountNumber",
        name: Some(FieldName::AccountNumber),
        section: Some(Section::Carrier),
        input: Input::Text,
        autocomplete: None,
        on_file: |p| p.account_number.as_deref(),
        summary: |p| {
            present(p.account_number.as_deref()).map(|number| {
                let hidden = number.chars().count().saturating_sub(4);
                Summary::AccountEnding(number.chars().skip(hidden).collect())
            })
        },
        answer: Some(|v, b| b.account_number = Some(v.into())),
    },
    Row {
        property: "accountPin",
        name: Some(FieldName::AccountPin),
        section: Some(Section::Carrier),
        input: Input::Text,
        // A code, not a password (browsers ignore `off` there): no manager saves it, a phone may fill it.
        autocomplete: Some("one-time-code"),
        // Write-only: a PIN always starts blank.
        on_file: |_| None,
        summary: |p| p.account_pin_exists.then_some(Summary::PinProvided),
        answer: Some(|v, b| b.account_pin = Some(AccountPin::new(v))),
    },
    Row {
        property: "billingPin",
        name: Some(FieldName::BillingPin),
        section: Some(Section::Carrier),
        input: Input::Text,
        autocomplete: Some("one-time-code"),
        on_file: |_| None,
        summary: |p| p.billing_pin_exists.then_some(Summary::PinProvided),
        answer: Some(|v, b| b.billing_pin = Some(AccountPin::new(v))),
    },
    Row {
        property: "firstName",
        name: Some(FieldName::FirstName),
        section: Some(Section::Holder),
        input: Input::Text,
        autocomplete: Some("given-name"),
        on_file: |p| p.first_name.as_deref(),
        summary: |p| text(p.first_name.as_deref()),
        answer: Some(|v, b| b.first_name = Some(v.into())),
    },
    Row {
        property: "lastName",
        name: Some(FieldName::LastName),
        section: Some(Section::Holder),
        input: Input::Text,
        autocomplete: Some("family-name"),
        on_file: |p| p.last_name.as_deref(),
        summary: |p| text(p.last_name.as_deref()),
        answer: Some(|v, b| b.last_name = Some(v.into())),
    },
    Row {
        property: "birthday",
        name: Some(FieldName::Birthday),
        section: Some(Section::Holder),
        input: Input::Date,
        autocomplete: None,
        on_file: |p| p.birthday.as_deref(),
        summary: |p| text(p.birthday.as_deref()),
        answer: Some(|v, b| b.birthday = Some(v.into())),
    },
    Row {
        property: "address.country",
        name: Some(FieldName::Address),
        section: Some(Section::Address),
        input: Input::AddressPart,
        autocomplete: Some("country"),
        on_file: |p| p.address.as_ref().map(|a| a.country.as_str()),
        summary: address_summary,
        answer: Some(|v, b| address(b).country = v.into()),
    },
    Row {
        property: "address.line1",
        name: Some(FieldName::Address),
        section: Some(Section::Address),
        input: Input::AddressPart,
        autocomplete: Some("address-line1"),
        on_file: |p| p.address.as_ref().map(|a| a.line1.as_str()),
        summary: address_summary,
        answer: Some(|v, b| address(b).line1 = v.into()),
    },
    Row {
        property: "address.line2",
        name: Some(FieldName::Address),
        section: Some(Section::Address),
        input: Input::AddressPart,
        autocomplete: Some("address-line2"),
        on_file: |p| p.address.as_ref().and_then(|a| a.line2.as_deref()),
        summary: address_summary,
        answer: Some(|v, b| address(b).line2 = Some(v.into())),
    },
    Row {
        property: "address.city",
        name: Some(FieldName::Address),
        section: Some(Section::Address),
        input: Input::AddressPart,
        autocomplete: Some("address-level2"),
        on_file: |p| p.address.as_ref().map(|a| a.city.as_str()),
        summary: address_summary,
        answer: Some(|v, b| address(b).city = v.into()),
    },
    Row {
        property: "address.state",
        name: Some(FieldName::Address),
        section: Some(Section::Address),
        input: Input::AddressPart,
        autocomplete: Some("address-level1"),
        on_file: |p| p.address.as_ref().and_then(|a| a.state.as_deref()),
        summary: address_summary,
        answer: Some(|v, b| address(b).state = Some(v.into())),
    },
    Row {
        property: "address.postalCode",
        name: Some(FieldName::Address),
        section: Some(Section::Address),
        input: Input::AddressPart,
        autocomplete: Some("postal-code"),
        on_file: |p| p.address.as_ref().map(|a| a.postal_code.as_str()),
        summary: address_summary,
        answer: Some(|v, b| address(b).postal_code = v.into()),
    },
    Row {
        property: "donorProviderApproval",
        name: Some(FieldName::DonorProviderApproval),
        section: Some(Section::Approval),
        input: Input::Checkbox,
        autocomplete: None,
        on_file: |p| (p.donor_provider_approval == Some(true)).then_some("true"),
        summary: |p| (p.donor_provider_approval == Some(true)).then_some(Summary::Approved),
        answer: Some(|v, b| b.donor_provider_approval = Some(v == "true")),
    },
    Row {
        property: "scheduledOn",
        name: None,
        section: None,
        input: Input::Select,
        autocomplete: None,
        on_file: |p| p.scheduled_on.as_deref(),
        summary: |_| None,
        // Blank asks for as soon as possible.
        answer: Some(|v, b| b.scheduled_on = Some(present(Some(v)).map(str::to_owned))),
    },
];

/// A value that is there and not blank, trimmed.
pub fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn text(value: Option<&str>) -> Option<Summary> {
    present(value).map(|v| Summary::Text(v.to_owned()))
}

fn address_summary(porting: &Porting) -> Option<Summary> {
    porting.address.as_ref().map(|a| {
        let region = format!("{} {}", a.state.as_deref().unwrap_or_default(), a.postal_code);
        let line2 = a.line2.as_deref().unwrap_or_default();
        let parts = [a.line1.as_str(), line2, &a.city, &region, &a.country];
        let parts: Vec<&str> = parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect();
        Summary::Text(parts.join(", "))
    })
}

fn address(body: &mut PortingFields) -> &mut Address {
    body.address.get_or_insert_with(Address::default)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn every_answered_property_is_one_the_model_checks() {
        for field in Field::ALL {
            let Some(answer) = field.row().answer else { continue };
            let mut body = PortingFields::default();
            answer("x", &mut body);
            let json = serde_json::to_value(&body).unwrap();
            let (top, part) = field.property().split_once('.').unwrap_or((field.property(), ""));
            assert!(json.get(top).is_some(), "{field:?} answers {top}");
            if !part.is_empty() {
                assert!(PortingFields::NAMES.contains(&top) && Address::NAMES.contains(&part), "{field:?}");
            }
        }
    }

    #[test]
    fn a_field_with_a_name_has_a_section_and_the_names_fields_are_together() {
        let named: Vec<&FieldName> = Field::ALL.iter().filter_map(|f| f.row().name.as_ref()).collect();
        for field in Field::ALL {
            assert_eq!(field.row().name.is_some(), field.row().section.is_some(), "{field:?}");
        }
        let mut runs = named.clone();
        runs.dedup();
        let mut distinct = runs.clone();
        distinct.sort_by_key(|n| n.as_str());
        distinct.dedup();
        assert_eq!(runs.len(), distinct.len(), "each name's fields are one run");
        assert_eq!(runs.len(), FieldName::KNOWN.len(), "every known name is collected");
    }

    #[test]
    fn inputs_get_their_autocomplete_tokens_and_keyboards() {
        assert_eq!(Field::FirstName.autocomplete(), Some("given-name"));
        assert_eq!(Field::PostalCode.autocomplete(), Some("postal-code"));
        assert_eq!(Field::AccountNumber.autocomplete(), None);
        assert_eq!(Field::AccountPin.inputmode(PinKind::DEFAULT), Some("numeric"));
        assert_eq!(Field::AccountPin.inputmode(PinKind::Pac), None, "a PAC has letters");
        assert_eq!(Field::BillingPin.inputmode(PinKind::Digits { min: 6, max: 6 }), Some("numeric"));
        assert_eq!(Field::BillingPin.inputmode(PinKind::Pac), None);
        assert_eq!(Field::AccountType.autocomplete(), None);
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
}
