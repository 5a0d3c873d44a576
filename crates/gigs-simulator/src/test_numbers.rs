//! Test numbers, like a payment sandbox's test cards: the last two digits of a number in the
//! fictional ranges `+1 202 555 01NN` (US), `+44 7700 9000NN` (UK, Ofcom's drama range) and
//! `+353 20 910 00NN` (Ireland, ComReg's drama range) choose what the donor answers. Every other
//! number completes. docs/simulator.md lists them.

use porting_model::DeclineCode;

/// The US test numbers are this and two digits: 555-01XX is reserved for fiction, and 202 is
/// a real area code so the number passes the NANP rules.
pub const US_PREFIX: &str = "+120255501";
/// The UK test numbers are this and two digits: 07700 900000 to 900999 are reserved for drama.
pub const UK_PREFIX: &str = "+4477009000";
/// The Irish test numbers are this and two digits: (020) 91x xxxx is kept for drama, and as a
/// 9-digit number in the 2x range it passes the Irish plan.
pub const IE_PREFIX: &str = "+3532091000";

/// What happens to a porting of a number once it is requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Complete,
    Decline(DeclineCode),
    Expire,
    /// The port fails (`failed`, `failedAt`): final, like an expiry.
    Fail,
    /// The donor never answers: the porting stays `requested`.
    StayRequested,
    /// The subscription never activates: the porting stays `pending` and is never requested.
    StayPending,
}

/// The donor's answer to one port request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Complete,
    Decline(DeclineCode),
    Expire,
    Fail,
}

/// What the number's last two digits choose, for test numbers; [`Outcome::Complete`] otherwise.
pub fn outcome(phone_number: &str) -> Outcome {
    let selector = [US_PREFIX, UK_PREFIX, IE_PREFIX]
        .iter()
        .find_map(|prefix| phone_number.strip_prefix(prefix))
        .and_then(|digits| digits.parse::<usize>().ok().filter(|_| digits.len() == 2));
    match selector {
        Some(code @ 1..=16) => Outcome::Decline(DeclineCode::KNOWN[code - 1].clone()),
        Some(17) => Outcome::Expire,
        Some(18) => Outcome::StayRequested,
        Some(19) => Outcome::StayPending,
        Some(20) => Outcome::Decline(DeclineCode::Unknown(NEWER_CODE.into())),
        Some(21) => Outcome::Fail,
        _ => Outcome::Complete,
    }
}

/// A decline code newer than this version knows, as Gigs may add one: what a widget shows for a
/// code it cannot explain.
pub const NEWER_CODE: &str = "portingSimSwapped";

impl Outcome {
    /// The donor's answer to the request after `declined_attempts` declines, if it answers. A
    /// fixable decline is given once: the retry the buyer sends after fixing it completes.
    pub fn answer(&self, declined_attempts: u32) -> Option<Answer> {
        match self {
            Outcome::Complete => Some(Answer::Complete),
            Outcome::Decline(code) if is_fixable(code) && declined_attempts > 0 => Some(Answer::Complete),
            Outcome::Decline(code) => Some(Answer::Decline(code.clone())),
            Outcome::Expire => Some(Answer::Expire),
            Outcome::Fail => Some(Answer::Fail),
            Outcome::StayRequested | Outcome::StayPending => None,
        }
    }
}

/// Whether the buyer can clear a decline themselves: by correcting what they entered, or (port
/// protection) by asking the old provider to lift it, and then retrying.
pub fn is_fixable(code: &DeclineCode) -> bool {
    matches!(
        code,
        DeclineCode::AccountNumberRequiredOrInvalid
            | DeclineCode::AccountPinRequiredOrInvalid
            | DeclineCode::AddressRequiredOrInvalid
            | DeclineCode::FirstNameRequiredOrInvalid
            | DeclineCode::LastNameRequiredOrInvalid
            | DeclineCode::PhoneNumberPortProtected
            | DeclineCode::UserInformationMismatch
            | DeclineCode::ZipCodeRequiredOrInvalid
    )
}

/// The `declinedMessage` a donor gives with `code`.
pub fn decline_message(code: &DeclineCode) -> &'static str {
    match code {
        DeclineCode::AccountNumberRequiredOrInvalid => {
            "The account number is missing or does not match the provider's records."
        }
        DeclineCode::AccountPinRequiredOrInvalid => "The account PIN is missing or incorrect.",
        DeclineCode::AddressRequiredOrInvalid => {
            "The address is missing or does not match the provider's records."
        }
        DeclineCode::Declined => "The provider declined the porting without giving a reason.",
        DeclineCode::Duplicated => "A porting request for this phone number is already in progress.",
        DeclineCode::FirstNameRequiredOrInvalid => {
            "The first name is missing or does not match the account holder's."
        }
        DeclineCode::LastNameRequiredOrInvalid => {
            "The last name is missing or does not match the account holder's."
        }
        DeclineCode::PendingOtherProvider => "The phone number is being ported to another provider.",
        DeclineCode::PhoneNumberAdministrative => {
            "The phone number is under an administrative hold on the provider."
        }
        DeclineCode::PhoneNumberNotActive => "The phone number is not active on the provider.",
        DeclineCode::PhoneNumberNotFound => "The phone number was not found on the provider.",
        DeclineCode::PhoneNumberPortProtected => "The phone number has port protection on the provider.",
        DeclineCode::PhoneNumberPrepaid => {
            "The phone number is on a prepaid plan that the provider does not release for porting."
        }
        DeclineCode::SameNewAndOldNetworkProvider => "The phone number is already on the recipient network.",
        DeclineCode::UserInformationMismatch => {
            "The account holder's details do not match the provider's records."
        }
        DeclineCode::ZipCodeRequiredOrInvalid => {
            "The ZIP code is missing or does not match the provider's records."
        }
        DeclineCode::Unknown(_) => "The provider declined the porting: the SIM was swapped recently.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::validate::phone_number;

    /// The three test numbers (US, UK, Ireland) with `selector` as their last two digits.
    fn numbers(selector: usize) -> [String; 3] {
        [US_PREFIX, UK_PREFIX, IE_PREFIX].map(|prefix| format!("{prefix}{selector:02}"))
    }

    /// `+1 202 555 0107`, `+44 7700 900007` and `+353 20 910 0007`, as docs/simulator.md writes them.
    fn spaced(number: &str) -> String {
        let (head, tail) = number.split_at(number.len() - 4);
        if let Some(us) = head.strip_prefix("+1") {
            format!("+1 {} {} {tail}", &us[..3], &us[3..])
        } else if let Some(ie) = head.strip_prefix("+353") {
            format!("+353 {} {} {tail}", &ie[..2], &ie[2..])
        } else {
            format!("+44 {} {}", &head[3..7], &number[7..])
        }
    }

    fn description(outcome: &Outcome) -> String {
        match outcome {
            Outcome::Complete => "completes".into(),
            Outcome::Decline(code) if is_fixable(code) => {
                format!("declines with `{code}` once; the next attempt (any `PATCH`) completes")
            }
            Outcome::Decline(code) => format!("declines with `{code}` at every attempt"),
            Outcome::Expire => "expires".into(),
            Outcome::Fail => "fails: `failed` with `failedAt`, final".into(),
            Outcome::StayRequested => "stays `requested`: the donor never answers".into(),
            Outcome::StayPending => "stays `pending`: the subscription never activates".into(),
        }
    }

    #[test]
    fn every_test_number_is_a_valid_e164_number() {
        for selector in 0..100 {
            for number in numbers(selector) {
                assert_eq!(phone_number(&number), Ok(number.clone()));
            }
        }
    }

    #[test]
    fn the_last_two_digits_choose_each_decline_code_and_the_other_outcomes() {
        for (index, code) in DeclineCode::KNOWN.iter().enumerate() {
            for number in numbers(index + 1) {
                assert_eq!(outcome(&number), Outcome::Decline(code.clone()), "{number}");
            }
        }
        for (selector, expected) in [
            (0, Outcome::Complete),
            (17, Outcome::Expire),
            (18, Outcome::StayRequested),
            (19, Outcome::StayPending),
            (20, Outcome::Decline(DeclineCode::Unknown(NEWER_CODE.into()))),
            (21, Outcome::Fail),
        ] {
            for number in numbers(selector) {
                assert_eq!(outcome(&number), expected, "{number}");
            }
        }
    }

    #[test]
    fn any_other_number_completes() {
        for number in [
            "+12025550122",
            "+12025550199",
            "+12015550101",
            "+447700900101",
            "+4477009000011",
            "+353209100022",
            "+353209100121",
            "+353851234521",
        ] {
            assert_eq!(outcome(number), Outcome::Complete, "{number}");
        }
    }

    #[test]
    fn a_fixable_decline_is_given_once_and_others_every_time() {
        let pin = Outcome::Decline(DeclineCode::AccountPinRequiredOrInvalid);
        assert_eq!(pin.answer(0), Some(Answer::Decline(DeclineCode::AccountPinRequiredOrInvalid)));
        assert_eq!(pin.answer(1), Some(Answer::Complete));
        let prepaid = Outcome::Decline(DeclineCode::PhoneNumberPrepaid);
        assert_eq!(prepaid.answer(3), Some(Answer::Decline(DeclineCode::PhoneNumberPrepaid)));
        assert_eq!(Outcome::StayRequested.answer(0), None);
        assert_eq!(Outcome::Fail.answer(0), Some(Answer::Fail));
    }

    #[test]
    fn every_decline_message_is_a_sentence_of_its_own() {
        let mut messages: Vec<&str> = DeclineCode::KNOWN.iter().map(decline_message).collect();
        assert!(messages.iter().all(|m| m.starts_with("The ") || m.starts_with("A ")));
        assert!(messages.iter().all(|m| m.ends_with('.')));
        messages.sort_unstable();
        messages.dedup();
        assert_eq!(messages.len(), DeclineCode::KNOWN.len());
    }

    #[test]
    fn the_docs_list_every_test_number() {
        let doc = include_str!("../../../docs/simulator.md");
        for selector in 0..=21 {
            let [us, uk, ie] = numbers(selector);
            let (us, uk, ie, outcome) = (spaced(&us), spaced(&uk), spaced(&ie), description(&outcome(&us)));
            let row = format!("| {us} | {uk} | {ie} | {outcome} |");
            assert!(doc.contains(&row), "docs/simulator.md lacks the row\n{row}");
        }
    }
}
