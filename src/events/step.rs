//! The step of the buyer's journey a porting shows, for the host's funnel: the form, a decline
//! to fix, or a status (the create step comes before any porting).

use porting_model::{Porting, Status};

use crate::form::plan::{plan, wants_form};
use crate::journey::decline::{remedy, Remedy};

/// `fix` for a decline the buyer can overcome (correcting answers, or sorting it out with the old
/// provider and trying again), `form` while the porting asks answers, else `status`.
pub fn step_of(porting: &Porting) -> &'static str {
    let fixable =
        porting.status == Status::Declined && remedy(porting.declined_code.as_ref()) != Remedy::Final;
    if fixable {
        "fix"
    } else if wants_form(porting, &plan(porting)) {
        "form"
    } else {
        "status"
    }
}

/// The name a field's `data-field` stands for in the host's events: its property, the date of
/// birth for each of its boxes; none for anything else.
pub fn field_name(data_field: &str) -> Option<&str> {
    if data_field.starts_with("birthday-") {
        return Some("birthday");
    }
    crate::form::Field::from_property(data_field).map(|field| field.property())
}

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::testing::PortingBuilder;

    #[test]
    fn each_porting_shows_its_step() {
        let step = |builder: PortingBuilder| step_of(&builder.build());
        assert_eq!(
            step(PortingBuilder::new().status("informationRequired").required(&["accountPin"])),
            "form"
        );
        assert_eq!(step(PortingBuilder::new().status("informationRequired")), "status", "nothing to ask");
        assert_eq!(step(PortingBuilder::new().status("requested")), "status");
        assert_eq!(step(PortingBuilder::new().status("failed")), "status");
        let declined = |code: &str| PortingBuilder::new().status("declined").declined(code, 1);
        assert_eq!(step(declined("portingAccountPinRequiredOrInvalid")), "fix");
        assert_eq!(step(declined("portingPhoneNumberPortProtected")), "fix", "sorted out, then tried again");
        assert_eq!(step(declined("portingSimSwapped")), "fix", "an unknown code is tried again");
        assert_eq!(step(declined("portingDuplicated")), "status", "nothing the buyer can fix");
    }

    #[test]
    fn a_field_is_named_by_its_property_and_a_date_box_by_the_date() {
        assert_eq!(field_name("accountPin"), Some("accountPin"));
        assert_eq!(field_name("address.postalCode"), Some("address.postalCode"));
        assert_eq!(field_name("birthday-month"), Some("birthday"));
        assert_eq!(field_name("favouriteColour"), None);
    }
}
