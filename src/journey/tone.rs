//! How a status is presented: its colour family in the stylesheet.
use porting_model::Status;

/// How a status is presented: its colour and icon family in the stylesheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Nothing to do but wait.
    Waiting,
    /// The buyer must act.
    ActionNeeded,
    Success,
    /// Something went wrong that the buyer can fix.
    Problem,
    /// Over without success.
    Ended,
}

impl Tone {
    pub fn of(status: &Status) -> Tone {
        match status {
            Status::InformationRequired => Tone::ActionNeeded,
            Status::Completed => Tone::Success,
            Status::Declined => Tone::Problem,
            Status::Canceled | Status::Expired | Status::Failed => Tone::Ended,
            Status::Draft | Status::Pending | Status::Requested | Status::Unknown(_) => Tone::Waiting,
        }
    }

    /// The CSS modifier class.
    pub fn class(self) -> &'static str {
        match self {
            Tone::Waiting => "pw-tone-waiting",
            Tone::ActionNeeded => "pw-tone-action",
            Tone::Success => "pw-tone-success",
            Tone::Problem => "pw-tone-problem",
            Tone::Ended => "pw-tone-ended",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_information_required_asks_the_buyer_to_act() {
        let acting: Vec<_> = Status::KNOWN.iter().filter(|s| Tone::of(s) == Tone::ActionNeeded).collect();
        assert_eq!(acting, [&Status::InformationRequired]);
        assert_eq!(Tone::of(&Status::Unknown("new".into())), Tone::Waiting);
        assert_eq!(Tone::of(&Status::Declined).class(), "pw-tone-problem");
    }
}
