//! The request bodies built from the buyer's answers. An update carries only what the buyer
//! changed, so nothing the porting holds is wiped (a blank day is the buyer's choice of "as soon
//! as possible", sent as `null`); a create carries the number in E.164.

use porting_model::{Behavior, NewPorting, Porting, UpdatePorting};

use super::checks::{check_all, Problems, Rules};
use super::draft::Draft;
use super::table::Field;

/// The update for the fields on the form (`fields`): only answers that differ from what
/// `porting` holds, normalised (a blank optional answer is left out, a blank day is `null`). A
/// typed PIN is always sent, as the porting's PIN cannot be read back to compare; the address is
/// sent whole when any part of it changed.
pub fn update_body(
    porting: &Porting,
    fields: &[Field],
    draft: &Draft,
    rules: &Rules,
) -> Result<UpdatePorting, Problems> {
    let checked = check_all(fields, draft, rules)?;
    Ok(UpdatePorting { fields: checked.fields.changed_from(porting), ..Default::default() })
}

/// Whether the create step offers the choice of only ending the old contract: Gigs has
/// `cancelOnly` for UK numbers only.
pub fn offers_cancel_only(draft: &Draft) -> bool {
    draft.text(Field::PhoneCountry) == "GB"
}

/// The fields the create step shows for `draft`.
pub fn create_fields(draft: &Draft) -> Vec<Field> {
    let choice = offers_cancel_only(draft).then_some(Field::Behavior);
    [Some(Field::PhoneNumber), choice, Some(Field::DonorProvider)].into_iter().flatten().collect()
}

/// The create body: the number in E.164, `cancelOnly` when chosen and, when chosen, the current
/// provider.
pub fn new_porting(draft: &Draft, rules: &Rules) -> Result<NewPorting, Problems> {
    let mut checked = check_all(&create_fields(draft), draft, rules)?;
    // Moving the number is Gigs' default, so only the other choice is sent.
    checked.fields.behavior = checked.fields.behavior.filter(|b| *b != Behavior::PortIn);
    Ok(NewPorting { phone_number: checked.phone_number.unwrap_or_default(), fields: checked.fields })
}

#[cfg(test)]
mod tests;
