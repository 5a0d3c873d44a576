//! Every problem of one request body, collected as Gigs reports them (`details` of one 422): the
//! proxy's check before it calls Gigs and the simulator's check as Gigs.

use super::account::account_number;
use super::address::normalise_address;
use super::behavior::behavior;
use super::date::{birthday, scheduled_on};
use super::fields::Context;
use super::name::person_name;
use super::phone::phone_number;
use super::pin::account_pin;
use super::provider::{donor_provider, donor_provider_approval};
use super::Problem;
use crate::body::{AccountPin, PortingFields};
use crate::error::ErrorDetail;
use crate::porting::Address;

/// The problems found in one body so far.
#[derive(Debug, Default)]
pub struct Problems(Vec<ErrorDetail>);

impl Problems {
    /// The value of a valid property; an invalid one's problem is kept.
    pub fn check<T>(&mut self, property: &str, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.add(property, problem.code(), problem.to_string())).ok()
    }

    /// A problem that no rule names, such as an id that does not exist.
    pub fn add(&mut self, property: &str, code: &str, message: impl Into<String>) {
        self.0.push(ErrorDetail {
            property: Some(property.into()),
            code: Some(code.into()),
            message: message.into(),
        });
    }

    /// The normalised address; its problems are kept by part, as `address.postalCode`.
    fn address(&mut self, address: &Address) -> Option<Address> {
        normalise_address(address)
            .map_err(|parts| {
                for (part, problem) in parts {
                    self.check::<()>(&format!("address.{part}"), Err(problem));
                }
            })
            .ok()
    }

    /// The phone number in E.164; an invalid one comes back as typed, its problem kept (so it is
    /// never sent on, but can still choose the rules for the other fields).
    pub fn phone_number(&mut self, input: &str) -> String {
        self.check("phoneNumber", phone_number(input)).unwrap_or_else(|| input.to_owned())
    }

    /// The buyer's fields normalised (see [`super::check_fields`]); when some are invalid their
    /// problems are kept and no field comes back.
    pub fn fields(&mut self, fields: &PortingFields, ctx: &Context) -> PortingFields {
        let before = self.0.len();
        // Every field is checked, also after a problem, so the buyer hears of all at once.
        let checked = PortingFields {
            account_number: fields.account_number.as_deref().and_then(|number| {
                self.check("accountNumber", account_number(number, ctx.account_number_len.clone()))
            }),
            account_pin: fields
                .account_pin
                .as_ref()
                .and_then(|pin| self.check("accountPin", account_pin(pin.expose(), ctx.pin)))
                .map(AccountPin::new),
            address: fields.address.as_ref().and_then(|address| self.address(address)),
            behavior: fields
                .behavior
                .as_ref()
                .and_then(|value| self.check("behavior", behavior(value, &ctx.recipient_country))),
            birthday: fields
                .birthday
                .as_deref()
                .and_then(|day| self.check("birthday", birthday(day, ctx.today))),
            donor_provider: fields
                .donor_provider
                .as_deref()
                .and_then(|id| self.check("donorProvider", donor_provider(id))),
            donor_provider_approval: fields.donor_provider_approval.and_then(|approval| {
                self.check("donorProviderApproval", donor_provider_approval(Some(approval)))
            }),
            first_name: fields
                .first_name
                .as_deref()
                .and_then(|name| self.check("firstName", person_name(name))),
            last_name: fields.last_name.as_deref().and_then(|name| self.check("lastName", person_name(name))),
            // `null` asks for "as soon as possible", which needs no check.
            scheduled_on: fields.scheduled_on.as_ref().map(|day| {
                day.as_deref().and_then(|day| {
                    self.check("scheduledOn", scheduled_on(day, ctx.today, &ctx.recipient_country))
                })
            }),
        };
        if self.0.len() > before {
            PortingFields::default()
        } else {
            checked
        }
    }

    /// `value` when no problem was found, otherwise every problem, in the order found.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<ErrorDetail>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::CalendarDate;
    use crate::Behavior;

    fn ctx() -> Context {
        Context::for_parts("+12025550100", &Behavior::PortIn, None, CalendarDate::new(2030, 1, 1).unwrap())
    }

    #[test]
    fn every_problem_becomes_a_detail_in_the_order_found() {
        let mut problems = Problems::default();
        assert_eq!(problems.phone_number("+1 202 555 01"), "+1 202 555 01");
        let fields = PortingFields { first_name: Some(String::new()), ..Default::default() };
        assert_eq!(problems.fields(&fields, &ctx()), PortingFields::default());
        problems.add("donorProvider", "unknownValue", "No such provider.");
        let details = problems.finish(()).unwrap_err();
        let named: Vec<_> = details.iter().map(|d| (d.property.as_deref(), d.code.as_deref())).collect();
        assert_eq!(
            named,
            [
                (Some("phoneNumber"), Some("wrongLength")),
                (Some("firstName"), Some("required")),
                (Some("donorProvider"), Some("unknownValue")),
            ]
        );
        assert_eq!(details[1].message, Problem::Required.to_string());
    }

    #[test]
    fn without_problems_the_normalised_values_come_back() {
        let mut problems = Problems::default();
        let phone = problems.phone_number("+1 (202) 555-0100");
        let fields = PortingFields { last_name: Some(" Lovelace ".into()), ..Default::default() };
        let fields = problems.fields(&fields, &ctx());
        let (phone, fields) = problems.finish((phone, fields)).unwrap();
        assert_eq!(phone, "+12025550100");
        assert_eq!(fields.last_name.as_deref(), Some("Lovelace"));
    }
}
