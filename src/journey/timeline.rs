//! The moments of a porting's journey, in the order they happened.
use porting_model::Porting;

/// A moment of the porting's journey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    Created,
    /// The details were sent to the old provider (the last time).
    Requested,
    /// The old provider declined, `attempts` times in all.
    Declined {
        attempts: u32,
    },
    Completed,
    Canceled,
    Expired,
    Failed,
}

/// The moments the porting has been through, each with its time as Gigs wrote it, oldest first.
/// A decline and a later request show both.
pub fn timeline(porting: &Porting) -> Vec<(Moment, String)> {
    let attempts = porting.declined_attempts.max(1);
    let mut moments: Vec<(Moment, String)> = Vec::new();
    for (moment, at) in [
        (Moment::Created, Some(&porting.created_at)),
        (Moment::Declined { attempts }, porting.last_declined_at.as_ref()),
        (Moment::Requested, porting.last_requested_at.as_ref()),
        (Moment::Completed, porting.completed_at.as_ref()),
        (Moment::Canceled, porting.canceled_at.as_ref()),
        (Moment::Expired, porting.expired_at.as_ref()),
        (Moment::Failed, porting.failed_at.as_ref()),
    ] {
        // After those no later, keeping order for equal times (a sort of seven cost 1.8 KB of wasm).
        if let Some(at) = at {
            let place = moments.partition_point(|(_, before)| instant(before) <= instant(at));
            moments.insert(place, (moment, at.clone()));
        }
    }
    moments
}

/// A UTC timestamp as Gigs writes it, in an order that sorts as time: its whole seconds, then
/// the fraction (`…:28Z` before `…:28.5Z`, which text alone would sort the other way).
fn instant(timestamp: &str) -> (&str, &str) {
    let (seconds, rest) = timestamp.split_at(timestamp.len().min(19));
    (seconds, rest.trim_start_matches('.').trim_end_matches('Z'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journey::testing::porting;
    use porting_model::Status;

    #[test]
    fn the_timeline_lists_what_happened_in_journey_order() {
        let mut journey = porting(Status::Completed, None);
        journey.created_at = "2030-01-01T10:00:00Z".into();
        assert_eq!(timeline(&journey), [(Moment::Created, "2030-01-01T10:00:00Z".to_owned())]);
        journey.last_declined_at = Some("2030-01-01T10:05:00Z".into());
        journey.declined_attempts = 2;
        journey.last_requested_at = Some("2030-01-01T10:07:00Z".into());
        journey.completed_at = Some("2030-01-01T10:09:00Z".into());
        let moments: Vec<Moment> = timeline(&journey).into_iter().map(|(m, _)| m).collect();
        assert_eq!(
            moments,
            [Moment::Created, Moment::Declined { attempts: 2 }, Moment::Requested, Moment::Completed]
        );
        // A fraction of a second later is later.
        journey.last_requested_at = Some("2030-01-01T10:05:00.5Z".into());
        let moments: Vec<Moment> = timeline(&journey).into_iter().map(|(m, _)| m).collect();
        assert_eq!(moments[1..3], [Moment::Declined { attempts: 2 }, Moment::Requested]);
        journey.last_requested_at = Some("2030-01-01T10:07:00Z".into());
        // Declined after the last request: the decline comes last.
        journey.last_declined_at = Some("2030-01-01T10:08:00Z".into());
        journey.completed_at = None;
        let moments: Vec<Moment> = timeline(&journey).into_iter().map(|(m, _)| m).collect();
        assert_eq!(moments, [Moment::Created, Moment::Requested, Moment::Declined { attempts: 2 }]);
    }
}
