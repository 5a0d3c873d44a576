//! Every rule at once, for the buyer-supplied fields of a create or update body (the server's
//! check; the widget applies the single rules field by field).

use std::ops::RangeInclusive;

use super::account::account_number;
use super::address::normalise_address;
use super::behavior::{account_type, behavior};
use super::calendar::CalendarDate;
use super::date::{birthday, scheduled_on};
use super::name::person_name;
use super::pin::{account_pin, billing_pin_kind, PinKind};
use super::provider::donor_provider;
use super::Problem;
use crate::body::{AccountPin, PortingFields};
use crate::error::ErrorDetail;
use crate::porting::Address;

/// What the rules need to know beyond the fields themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// Today's date where the check runs.
    pub today: CalendarDate,
    /// What the donor provider expects as `accountPin`.
    pub pin: PinKind,
    /// The donor provider's account number length, when known.
    pub account_number_len: Option<RangeInclusive<usize>>,
    /// The recipient provider's country, ISO 3166-1 alpha-2 (scheduling and `cancelOnly` are UK
    /// only).
    pub recipient_country: String,
}

/// Checks and normalises every field present in `fields`; absent fields stay absent, so an update
/// never gains a value the buyer did not send. Returns every problem found, in field order.
pub fn check_fields(fields: &PortingFields, ctx: &Context) -> Result<PortingFields, Vec<ErrorDetail>> {
    check_each(fields, ctx)
        .map_err(|found| found.iter().map(|(property, problem)| problem.detail(property)).collect())
}

/// [`check_fields`] with each problem kept as a [`Problem`] beside its property (as
/// `address.postalCode`), for the widget to word in the buyer's language.
pub fn check_each(fields: &PortingFields, ctx: &Context) -> Result<PortingFields, Vec<(String, Problem)>> {
    let mut found = Found::default();
    // Every field is checked, also after a problem, so the buyer hears of all at once.
    let checked = PortingFields {
        account_number: fields.account_number.as_deref().and_then(|number| {
            found.check("accountNumber", account_number(number, ctx.account_number_len.clone()))
        }),
        account_pin: fields
            .account_pin
            .as_ref()
            .and_then(|pin| found.check("accountPin", account_pin(pin.expose(), ctx.pin)))
            .map(AccountPin::new),
        account_type: fields
            .account_type
            .as_ref()
            .and_then(|value| found.check("accountType", account_type(value))),
        address: fields.address.as_ref().and_then(|address| found.address(address)),
        behavior: fields
            .behavior
            .as_ref()
            .and_then(|value| found.check("behavior", behavior(value, &ctx.recipient_country))),
        billing_pin: fields
            .billing_pin
            .as_ref()
            .and_then(|pin| found.check("billingPin", account_pin(pin.expose(), billing_pin_kind(ctx.pin))))
            .map(AccountPin::new),
        birthday: fields
            .birthday
            .as_deref()
            .and_then(|day| found.check("birthday", birthday(day, ctx.today))),
        donor_provider: fields
            .donor_provider
            .as_deref()
            .and_then(|id| found.check("donorProvider", donor_provider(id))),
        // Gigs takes `false` too ("whether the donor provider has approved or not").
        donor_provider_approval: fields.donor_provider_approval,
        first_name: fields.first_name.as_deref().and_then(|name| found.check("firstName", person_name(name))),
        last_name: fields.last_name.as_deref().and_then(|name| found.check("lastName", person_name(name))),
        // `null` asks for "as soon as possible", which needs no check.
        scheduled_on: fields.scheduled_on.as_ref().map(|day| {
            day.as_deref().and_then(|day| {
                found.check("scheduledOn", scheduled_on(day, ctx.today, &ctx.recipient_country))
            })
        }),
    };
    if found.0.is_empty() {
        Ok(checked)
    } else {
        Err(found.0)
    }
}

/// The problems of one body so far, by property.
#[derive(Default)]
struct Found(Vec<(String, Problem)>);

impl Found {
    fn check<T>(&mut self, property: &str, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.0.push((property.to_owned(), problem))).ok()
    }

    /// The normalised address; its problems are kept by part, as `address.postalCode`.
    fn address(&mut self, address: &Address) -> Option<Address> {
        let parts = normalise_address(address).map_err(|parts| {
            self.0.extend(parts.into_iter().map(|(part, problem)| (format!("address.{part}"), problem)))
        });
        parts.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{AccountType, Behavior};

    fn context() -> Context {
        Context {
            today: CalendarDate::new(2024, 6, 15).unwrap(),
            pin: PinKind::DEFAULT,
            account_number_len: None,
            recipient_country: "US".into(),
        }
    }

    /// The property and code of each problem, as `accountPin:notDigits`.
    fn problems(fields: &PortingFields, ctx: &Context) -> Vec<String> {
        let named =
            |d: ErrorDetail| format!("{}:{}", d.property.unwrap_or_default(), d.code.unwrap_or_default());
        check_fields(fields, ctx).unwrap_err().into_iter().map(named).collect()
    }

    #[test]
    fn absent_fields_stay_absent() {
        assert_eq!(check_fields(&PortingFields::default(), &context()), Ok(PortingFields::default()));
    }

    #[test]
    fn present_fields_are_normalised() {
        let typed = PortingFields {
            account_number: Some(" 123-456-789 ".into()),
            account_pin: Some(AccountPin::new("12-34")),
            account_type: Some(AccountType::PrepaidRegistered),
            address: Some(Address {
                line1: "129 West 81st Street".into(),
                line2: None,
                city: "New York City".into(),
                postal_code: "10024".into(),
                state: Some("us-ny".into()),
                country: "us".into(),
            }),
            behavior: Some(Behavior::PortIn),
            billing_pin: Some(AccountPin::new(" 98-76 ")),
            birthday: Some(" 1990-01-31".into()),
            donor_provider: Some("svp_0SNlurA01K6GY5L0XJffY8 ".into()),
            donor_provider_approval: Some(true),
            first_name: Some(" Jerry".into()),
            last_name: Some("Seinfeld ".into()),
            scheduled_on: Some(None),
        };
        let checked = check_fields(&typed, &context()).unwrap();
        assert_eq!(checked.account_number.as_deref(), Some("123456789"));
        assert_eq!(checked.account_pin.as_ref().map(AccountPin::expose), Some("1234"));
        assert_eq!(checked.billing_pin.as_ref().map(AccountPin::expose), Some("9876"));
        assert_eq!(checked.account_type, Some(AccountType::PrepaidRegistered));
        let address = checked.address.unwrap();
        assert_eq!((address.state.as_deref(), address.country.as_str()), (Some("NY"), "US"));
        assert_eq!(checked.behavior, Some(Behavior::PortIn));
        assert_eq!(checked.birthday.as_deref(), Some("1990-01-31"));
        assert_eq!(checked.donor_provider.as_deref(), Some("svp_0SNlurA01K6GY5L0XJffY8"));
        assert_eq!(checked.donor_provider_approval, Some(true));
        assert_eq!(checked.first_name.as_deref(), Some("Jerry"));
        assert_eq!(checked.last_name.as_deref(), Some("Seinfeld"));
        assert_eq!(checked.scheduled_on, Some(None));
    }

    #[test]
    fn every_problem_is_reported_with_its_property_in_field_order() {
        let typed = PortingFields {
            account_number: Some("12\u{7F}".into()),
            account_pin: Some(AccountPin::new("12a4")),
            account_type: Some(AccountType::from("business")),
            address: Some(Address { postal_code: "1002".into(), country: "US".into(), ..Default::default() }),
            behavior: Some(Behavior::CancelOnly),
            billing_pin: Some(AccountPin::new("1")),
            birthday: Some("2120-01-01".into()),
            donor_provider: Some("../x".into()),
            donor_provider_approval: Some(false),
            first_name: Some("".into()),
            last_name: Some("\u{200B}".into()),
            scheduled_on: Some(Some("2030-01-01".into())),
        };
        assert_eq!(
            problems(&typed, &context()),
            [
                "accountNumber:controlCharacter",
                "accountPin:notDigits",
                "accountType:unknownValue",
                "address.line1:required",
                "address.city:required",
                "address.postalCode:invalidZip",
                "address.state:required",
                "behavior:cancelOnlyUk",
                "billingPin:tooFewDigits",
                "birthday:notInPast",
                "donorProvider:invalidId",
                "firstName:required",
                "lastName:controlCharacter",
                "scheduledOn:scheduleOnlyUk",
            ]
        );
    }

    #[test]
    fn a_refused_approval_is_passed_on_as_gigs_takes_it() {
        for approval in [false, true] {
            let typed = PortingFields { donor_provider_approval: Some(approval), ..Default::default() };
            let checked = check_fields(&typed, &context()).unwrap();
            assert_eq!(checked.donor_provider_approval, Some(approval));
        }
    }

    #[test]
    fn the_context_chooses_pin_kind_lengths_and_country() {
        let uk = Context {
            pin: PinKind::Pac,
            account_number_len: Some(9..=9),
            recipient_country: "GB".into(),
            ..context()
        };
        let typed = PortingFields {
            account_number: Some("12345678".into()),
            account_pin: Some(AccountPin::new("abc 123 456")),
            behavior: Some(Behavior::CancelOnly),
            scheduled_on: Some(Some("2024-06-16".into())),
            ..Default::default()
        };
        assert_eq!(problems(&typed, &uk), ["accountNumber:tooShort"]);
        let fixed = PortingFields { account_number: Some("123456789".into()), ..typed };
        let checked = check_fields(&fixed, &uk).unwrap();
        assert_eq!(checked.account_pin.as_ref().map(AccountPin::expose), Some("ABC123456"));
        assert_eq!(checked.scheduled_on, Some(Some("2024-06-16".into())));
    }
}
