//! What a decline asks of the buyer: the answers to correct, something to sort out with the old
//! provider, or nothing that can help; and the provider's own words where the widget has none.
use porting_model::{DeclineCode, FieldName, Porting, Status};

/// How a decline can be overcome.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    /// The buyer corrects these answers; sending them retries the port.
    Correct(&'static [FieldName]),
    /// The buyer sorts it out with the old provider, then tries again.
    AtProvider,
    /// No answer can fix it: the buyer can only cancel (or contact the seller).
    Final,
    /// A code this version does not know, or none: tried again, with Gigs' own words shown.
    Unknown,
}

/// The holder's details a mismatch may be about.
const HOLDER: &[FieldName] =
    &[FieldName::FirstName, FieldName::LastName, FieldName::Birthday, FieldName::Address];

pub fn remedy(code: Option<&DeclineCode>) -> Remedy {
    let Some(code) = code else { return Remedy::Unknown };
    match code {
        DeclineCode::AccountNumberRequiredOrInvalid => Remedy::Correct(&[FieldName::AccountNumber]),
        DeclineCode::AccountPinRequiredOrInvalid => Remedy::Correct(&[FieldName::AccountPin]),
        DeclineCode::AddressRequiredOrInvalid | DeclineCode::ZipCodeRequiredOrInvalid => {
            Remedy::Correct(&[FieldName::Address])
        }
        DeclineCode::FirstNameRequiredOrInvalid => Remedy::Correct(&[FieldName::FirstName]),
        DeclineCode::LastNameRequiredOrInvalid => Remedy::Correct(&[FieldName::LastName]),
        DeclineCode::UserInformationMismatch => Remedy::Correct(HOLDER),
        DeclineCode::PhoneNumberPortProtected
        | DeclineCode::PhoneNumberAdministrative
        | DeclineCode::Declined => Remedy::AtProvider,
        DeclineCode::Duplicated
        | DeclineCode::PendingOtherProvider
        | DeclineCode::PhoneNumberNotActive
        | DeclineCode::PhoneNumberNotFound
        | DeclineCode::PhoneNumberPrepaid
        | DeclineCode::SameNewAndOldNetworkProvider => Remedy::Final,
        DeclineCode::Unknown(_) => Remedy::Unknown,
    }
}

/// The names a declined porting asks again, though `required` no longer lists them: those its
/// code is about. Of a holder mismatch, the names always, and the date of birth and address when
/// the porting holds them (the old provider may check them).
pub fn reopened(porting: &Porting) -> Vec<FieldName> {
    if porting.status != Status::Declined {
        return Vec::new();
    }
    let Remedy::Correct(names) = remedy(porting.declined_code.as_ref()) else { return Vec::new() };
    let held = |name: &FieldName| match name {
        FieldName::Birthday => porting.birthday.is_some(),
        FieldName::Address => porting.address.is_some(),
        _ => true,
    };
    let mismatch = names == HOLDER;
    names.iter().filter(|name| !mismatch || held(name)).cloned().collect()
}

/// The provider's own words about a decline, shown (as text) only for a code the widget cannot
/// explain itself.
pub fn provider_words(porting: &Porting) -> Option<String> {
    let unexplained =
        porting.status == Status::Declined && remedy(porting.declined_code.as_ref()) == Remedy::Unknown;
    porting.declined_message.clone().filter(|words| unexplained && !words.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::testing::porting;

    #[test]
    fn the_codes_about_answers_reopen_just_those_fields() {
        let reopen = |code: DeclineCode| reopened(&porting(Status::Declined, Some(code)));
        assert_eq!(reopen(DeclineCode::AccountPinRequiredOrInvalid), [FieldName::AccountPin]);
        assert_eq!(reopen(DeclineCode::ZipCodeRequiredOrInvalid), [FieldName::Address]);
        assert_eq!(reopen(DeclineCode::AccountNumberRequiredOrInvalid), [FieldName::AccountNumber]);
        assert_eq!(reopen(DeclineCode::PhoneNumberPortProtected), []);
        assert_eq!(reopen(DeclineCode::PhoneNumberPrepaid), []);
        // A mismatch reopens the names, and what else the porting holds of the holder.
        assert_eq!(reopen(DeclineCode::UserInformationMismatch), [FieldName::FirstName, FieldName::LastName]);
        let mut held = porting(Status::Declined, Some(DeclineCode::UserInformationMismatch));
        held.birthday = Some("1980-07-21".into());
        assert_eq!(reopened(&held), [FieldName::FirstName, FieldName::LastName, FieldName::Birthday]);
        // Once retried, nothing is reopened.
        held.status = Status::Requested;
        assert_eq!(reopened(&held), []);
    }
}
