//! The porting's enumerated choices: move the number or (UK only) just end the old service, and
//! the kind of account the number is on.

use super::country::is_uk;
use super::Problem;
use crate::values::{AccountType, Behavior};

/// A kind of account (`accountType`): one of the four Gigs names, wherever the number is.
pub fn account_type(value: &AccountType) -> Result<AccountType, Problem> {
    match value {
        AccountType::Unknown(_) => Err(Problem::UnknownValue),
        known => Ok(known.clone()),
    }
}

/// A documented behavior that the recipient provider offers: Gigs has `cancelOnly` only for
/// providers in the United Kingdom (`recipient_country`, ISO 3166-1 alpha-2).
pub fn behavior(value: &Behavior, recipient_country: &str) -> Result<Behavior, Problem> {
    match value {
        Behavior::Unknown(_) => Err(Problem::UnknownValue),
        Behavior::CancelOnly if !is_uk(recipient_country) => Err(Problem::CancelOnlyUk),
        known => Ok(known.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_in_everywhere() {
        assert_eq!(behavior(&Behavior::PortIn, "US"), Ok(Behavior::PortIn));
        assert_eq!(behavior(&Behavior::PortIn, "GB"), Ok(Behavior::PortIn));
    }

    #[test]
    fn cancel_only_in_the_uk_only() {
        assert_eq!(behavior(&Behavior::CancelOnly, "GB"), Ok(Behavior::CancelOnly));
        assert_eq!(behavior(&Behavior::CancelOnly, "US"), Err(Problem::CancelOnlyUk));
    }

    #[test]
    fn undocumented_values_are_refused() {
        assert_eq!(behavior(&Behavior::Unknown("moveOnly".into()), "GB"), Err(Problem::UnknownValue));
    }

    #[test]
    fn the_four_kinds_of_account_and_no_other() {
        for kind in AccountType::KNOWN {
            assert_eq!(account_type(kind).as_ref(), Ok(kind));
        }
        assert_eq!(account_type(&AccountType::from("business")), Err(Problem::UnknownValue));
    }
}
