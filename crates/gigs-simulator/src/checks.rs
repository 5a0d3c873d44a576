//! A create or update body checked as Gigs would: first whether the porting's status allows it
//! (409), then every property with the model's rules, chosen for the porting the body would make,
//! and the catalog for the ids it names (422).

use porting_model::validate::{calling_code, donor_provider, phone_number, CalendarDate, Context, Problem};
use porting_model::{Behavior, ErrorDetail, Porting, PortingFields, Status, UpdatePorting};
use time::OffsetDateTime;

use super::catalog::{Catalog, Donor, NetworkProvider};
use super::lifecycle::{self, missing};
use gigs_http::error::ApiError;
use porting_model::validate::Problems;

/// What a body would make the porting: each defining property from the body where it sets it,
/// otherwise from the porting as it is.
pub struct Target<'a> {
    pub phone_number: &'a str,
    pub provider: &'a str,
    pub donor_provider: Option<&'a str>,
    pub behavior: &'a Behavior,
}

impl<'a> Target<'a> {
    /// What `update` would make of `porting`.
    pub fn of_update(porting: &'a Porting, update: &'a UpdatePorting) -> Self {
        Target {
            phone_number: update.phone_number.as_deref().unwrap_or(&porting.phone_number),
            provider: update.provider.as_deref().unwrap_or(&porting.provider),
            donor_provider: update
                .fields
                .donor_provider
                .as_deref()
                .or(porting.donor_provider.as_ref().map(|donor| donor.id.as_str())),
            behavior: update.fields.behavior.as_ref().unwrap_or(&porting.behavior),
        }
    }
}

/// A body that passed every check, normalised.
pub struct Checked<'c> {
    phone_number: String,
    network: &'c NetworkProvider,
    donor: Option<&'c Donor>,
    fields: PortingFields,
}

/// Checks `fields` and the `target` they are for, as of `today`.
pub fn check<'c>(
    catalog: &'c Catalog,
    target: &Target,
    fields: &PortingFields,
    today: CalendarDate,
) -> Result<Checked<'c>, ApiError> {
    // The provider comes from the merchant's configuration, not the buyer: without a known one
    // nothing else can be judged.
    let network = catalog.network(target.provider).ok_or_else(|| {
        ApiError::invalid_field("provider", "unknownValue", "Is not a network provider of this project.")
    })?;
    let mut problems = Problems::default();
    let phone = problems.check(
        "phoneNumber",
        phone_number(target.phone_number).and_then(|number| in_country(number, network)),
    );
    let donor = target.donor_provider.and_then(|id| match catalog.donor(id) {
        Some(donor) if donor.ports_to(&network.id) => Some(donor),
        Some(_) => {
            let message = "Numbers cannot be ported from this service provider to the recipient provider.";
            problems.add("donorProvider", "notPortableToProvider", message);
            None
        }
        // An id of the wrong form is reported by the model's rule below.
        None if donor_provider(id).is_ok() => {
            problems.add("donorProvider", "unknownValue", "Is not a service provider.");
            None
        }
        None => None,
    });
    let phone_number = phone.unwrap_or_else(|| target.phone_number.to_owned());
    let ctx = Context::for_parts(&phone_number, target.behavior, donor.map(|d| d.name.as_str()), today);
    let fields = problems.fields(fields, &ctx);
    problems.finish(Checked { phone_number, network, donor, fields }).map_err(ApiError::invalid_fields)
}

/// The network takes numbers of its own country only.
fn in_country(number: String, network: &NetworkProvider) -> Result<String, Problem> {
    match calling_code(&network.country) {
        Some(code) if !number[1..].starts_with(code) => Err(Problem::CountryCodeMismatch { expected: code }),
        _ => Ok(number),
    }
}

impl Checked<'_> {
    /// A new draft porting for `user` made of the checked values.
    pub fn into_draft(self, user: String, catalog: &Catalog, now: OffsetDateTime) -> Porting {
        let recipient = catalog.recipient(self.network);
        let mut porting =
            lifecycle::draft(user, self.phone_number.clone(), self.network.id.clone(), recipient, now);
        self.apply_to(&mut porting, catalog);
        porting
    }

    /// Writes the checked values onto `porting` and works out what it still requires. Only the
    /// fact that a PIN was given is kept: `accountPin` and `billingPin` are write-only.
    pub fn apply_to(self, porting: &mut Porting, catalog: &Catalog) {
        let fields = self.fields;
        porting.phone_number = self.phone_number;
        porting.provider = self.network.id.clone();
        porting.recipient_provider = catalog.recipient(self.network);
        if let Some(donor) = self.donor {
            porting.donor_provider = Some(donor.service_provider());
        }
        porting.account_pin_exists |= fields.account_pin.is_some();
        porting.billing_pin_exists |= fields.billing_pin.is_some();
        set(&mut porting.account_type, fields.account_type);
        set(&mut porting.account_number, fields.account_number);
        set(&mut porting.address, fields.address);
        set(&mut porting.birthday, fields.birthday);
        set(&mut porting.donor_provider_approval, fields.donor_provider_approval);
        set(&mut porting.first_name, fields.first_name);
        set(&mut porting.last_name, fields.last_name);
        if let Some(behavior) = fields.behavior {
            porting.behavior = behavior;
        }
        if let Some(day) = fields.scheduled_on {
            porting.scheduled_on = day;
        }
        porting.required = missing(porting, catalog.requirements(self.network, self.donor));
    }
}

/// An absent field leaves the porting's value as it is.
fn set<T>(value: &mut Option<T>, new: Option<T>) {
    if new.is_some() {
        *value = new;
    }
}

/// 409 when `status` forbids `update`: any update of a porting that has ended, or setting a
/// property the status keeps fixed (each named in the details).
pub fn status_allows(status: &Status, update: &UpdatePorting) -> Result<(), ApiError> {
    if status.is_final() {
        return Err(ApiError::conflict(
            "portingNotUpdatable",
            format!("A {status} porting cannot be updated."),
        ));
    }
    // The body serialises only the properties it sets.
    let set = serde_json::to_value(update).expect("an update serialises");
    let fixed: Vec<&String> = set
        .as_object()
        .into_iter()
        .flat_map(|body| body.keys())
        .filter(|property| !lifecycle::updatable(status, property))
        .collect();
    if fixed.is_empty() {
        return Ok(());
    }
    let mut error = ApiError::conflict(
        "portingNotUpdatable",
        format!("Some properties cannot be updated while the porting is {status}; see details."),
    );
    error.body.details = fixed
        .into_iter()
        .map(|property| ErrorDetail {
            property: Some(property.clone()),
            code: Some("notUpdatableInStatus".into()),
            message: format!("Cannot be updated while the porting is {status}."),
        })
        .collect();
    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::StatusCode;
    use porting_model::{AccountPin, FieldName};

    fn today() -> CalendarDate {
        CalendarDate::new(2030, 1, 1).unwrap()
    }

    fn target<'a>(phone_number: &'a str, provider: &'a str, donor: Option<&'a str>) -> Target<'a> {
        Target { phone_number, provider, donor_provider: donor, behavior: &Behavior::PortIn }
    }

    fn problems(error: ApiError) -> Vec<(String, String)> {
        error.body.details.into_iter().map(|d| (d.property.unwrap(), d.code.unwrap())).collect()
    }

    fn pair(property: &str, code: &str) -> (String, String) {
        (property.into(), code.into())
    }

    #[test]
    fn an_unknown_provider_is_refused_first() {
        let catalog = Catalog::builtin();
        let error = check(&catalog, &target("+12025550100", "p1", None), &PortingFields::default(), today())
            .err()
            .unwrap();
        assert_eq!(problems(error), [pair("provider", "unknownValue")]);
    }

    #[test]
    fn numbers_donors_and_fields_are_all_checked_at_once() {
        let catalog = Catalog::builtin();
        let fields = PortingFields { first_name: Some(String::new()), ..Default::default() };
        let error = check(&catalog, &target("+447700900100", "p9", Some("svp_gb_ee")), &fields, today())
            .err()
            .unwrap();
        assert_eq!(
            problems(error),
            [
                pair("phoneNumber", "countryCodeMismatch"),
                pair("donorProvider", "notPortableToProvider"),
                pair("firstName", "required"),
            ]
        );
        let error =
            check(&catalog, &target("+12025550100", "p9", Some("svp_nope")), &fields, today()).err().unwrap();
        assert_eq!(problems(error)[0], pair("donorProvider", "unknownValue"));
        let malformed = PortingFields { donor_provider: Some("../x".into()), ..Default::default() };
        let error =
            check(&catalog, &target("+12025550100", "p9", Some("../x")), &malformed, today()).err().unwrap();
        assert_eq!(problems(error), [pair("donorProvider", "invalidId")]);
    }

    #[test]
    fn an_irish_number_goes_to_the_irish_network_only() {
        let catalog = Catalog::builtin();
        let fields = PortingFields::default();
        assert!(check(&catalog, &target("+353209100050", "p5", Some("svp_ie_eir")), &fields, today()).is_ok());
        for (number, network) in [("+353209100050", "p9"), ("+353209100050", "p7"), ("+12025550100", "p5")] {
            let error = check(&catalog, &target(number, network, None), &fields, today()).err().unwrap();
            assert_eq!(
                problems(error),
                [pair("phoneNumber", "countryCodeMismatch")],
                "{number} to {network}"
            );
        }
    }

    #[test]
    fn the_donor_chooses_the_pin_rule() {
        let catalog = Catalog::builtin();
        let fields = PortingFields { account_pin: Some(AccountPin::new("1234")), ..Default::default() };
        let tmobile = target("+12025550100", "p9", Some("svp_us_tmobile"));
        let error = check(&catalog, &tmobile, &fields, today()).err().unwrap();
        assert_eq!(problems(error), [pair("accountPin", "tooFewDigits")]);
        assert!(check(&catalog, &target("+12025550100", "p9", Some("svp_us_att")), &fields, today()).is_ok());
    }

    #[test]
    fn applying_keeps_only_that_a_pin_exists_and_shrinks_required() {
        let catalog = Catalog::builtin();
        let mut porting = lifecycle::tests::porting("+12025550100", Status::Draft);
        let fields = PortingFields {
            account_pin: Some(AccountPin::new("12-34")),
            donor_provider: Some("svp_us_att".into()),
            ..Default::default()
        };
        let checked = check(&catalog, &target("+12025550100", "p9", Some("svp_us_att")), &fields, today());
        checked.ok().unwrap().apply_to(&mut porting, &catalog);
        assert!(porting.account_pin_exists);
        assert!(!serde_json::to_string(&porting).unwrap().contains("1234"));
        assert_eq!(
            porting.required,
            [FieldName::AccountNumber, FieldName::Address, FieldName::FirstName, FieldName::LastName]
        );
    }

    #[test]
    fn a_refused_approval_is_kept_and_the_approval_still_required() {
        let catalog = Catalog::builtin();
        let mut porting = lifecycle::tests::porting("+12025550100", Status::Draft);
        let donor = "svp_us_consumercellular";
        let fields = PortingFields {
            donor_provider: Some(donor.into()),
            donor_provider_approval: Some(false),
            ..Default::default()
        };
        let checked = check(&catalog, &target("+12025550100", "p9", Some(donor)), &fields, today());
        checked.ok().unwrap().apply_to(&mut porting, &catalog);
        assert_eq!(porting.donor_provider_approval, Some(false));
        assert!(porting.required.contains(&FieldName::DonorProviderApproval));
    }

    #[test]
    fn a_draft_only_property_outside_draft_is_409_naming_it() {
        let update = UpdatePorting { phone_number: Some("+12025550100".into()), ..Default::default() };
        assert!(status_allows(&Status::Draft, &update).is_ok());
        let error = status_allows(&Status::InformationRequired, &update).unwrap_err();
        assert_eq!(error.status, StatusCode::CONFLICT);
        assert_eq!(problems(error), [pair("phoneNumber", "notUpdatableInStatus")]);
    }

    #[test]
    fn an_ended_porting_refuses_even_an_empty_update() {
        for status in [Status::Completed, Status::Canceled, Status::Expired, Status::Failed] {
            let error = status_allows(&status, &UpdatePorting::default()).unwrap_err();
            assert_eq!(error.status, StatusCode::CONFLICT, "{status}");
        }
        assert!(status_allows(&Status::Requested, &UpdatePorting::default()).is_ok());
    }
}
