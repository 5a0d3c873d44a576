//! Every problem of one request body, collected as Gigs reports them (`details` of one 422): the
//! proxy's check before it calls Gigs and the simulator's check as Gigs.

use super::fields::{check_each, Context};
use super::phone::phone_number;
use super::Problem;
use crate::body::PortingFields;
use crate::error::ErrorDetail;

/// The problems found in one body so far.
#[derive(Debug, Default)]
pub struct Problems(Vec<ErrorDetail>);

impl Problems {
    /// The value of a valid property; an invalid one's problem is kept.
    pub fn check<T>(&mut self, property: &str, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.0.push(problem.detail(property))).ok()
    }

    /// A problem that no rule names, such as an id that does not exist.
    pub fn add(&mut self, property: &str, code: &str, message: impl Into<String>) {
        self.0.push(ErrorDetail {
            property: Some(property.into()),
            code: Some(code.into()),
            message: message.into(),
        });
    }

    /// The phone number in E.164; an invalid one comes back as typed, its problem kept (so it is
    /// never sent on, but can still choose the rules for the other fields).
    pub fn phone_number(&mut self, input: &str) -> String {
        self.check("phoneNumber", phone_number(input)).unwrap_or_else(|| input.to_owned())
    }

    /// The buyer's fields normalised (see [`check_each`]); when some are invalid their problems
    /// are kept and no field comes back.
    pub fn fields(&mut self, fields: &PortingFields, ctx: &Context) -> PortingFields {
        check_each(fields, ctx).unwrap_or_else(|found| {
            for (property, problem) in found {
                self.check::<()>(&property, Err(problem));
            }
            PortingFields::default()
        })
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
