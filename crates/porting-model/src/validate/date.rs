//! The two dates of a porting: the account holder's birthday and the day a UK porting is scheduled
//! for. "Today" is always given by the caller: this crate has no clock, so the widget can use the
//! buyer's local date and the server and tests their own (or a simulated) one.

use super::calendar::CalendarDate;
use super::country::is_uk;
use super::text::required;
use super::Problem;

/// The oldest plausible account holder: a little below the oldest person on record (122), so a
/// year typed wrong (1092 for 1992) is caught without refusing any living person.
pub const MAX_AGE_YEARS: u32 = 120;

fn date(input: &str) -> Result<CalendarDate, Problem> {
    required(input)?.parse()
}

/// The account holder's birthday as `YYYY-MM-DD`: a real date before `today` of someone at most
/// [`MAX_AGE_YEARS`] full years old. No least age: Gigs' own example is a child's birthday.
pub fn birthday(input: &str, today: CalendarDate) -> Result<String, Problem> {
    let born = date(input)?;
    if born >= today {
        return Err(Problem::NotInPast);
    }
    if born.years_until(today) > MAX_AGE_YEARS {
        Err(Problem::TooOld { max_years: MAX_AGE_YEARS })
    } else {
        Ok(born.to_string())
    }
}

/// The day a porting should take effect, as `YYYY-MM-DD`: Gigs schedules portings only for
/// recipient providers in the United Kingdom (`recipient_country`, ISO 3166-1 alpha-2), and only
/// for a day after `today`. (A JSON `null`, "as soon as possible", never reaches this rule.)
pub fn scheduled_on(input: &str, today: CalendarDate, recipient_country: &str) -> Result<String, Problem> {
    if !is_uk(recipient_country) {
        return Err(Problem::ScheduleOnlyUk);
    }
    let day = date(input)?;
    if day <= today {
        Err(Problem::NotInFuture)
    } else {
        Ok(day.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> CalendarDate {
        CalendarDate::new(2024, 6, 15).unwrap()
    }

    #[test]
    fn birthday_must_be_a_date() {
        assert_eq!(birthday("", today()), Err(Problem::Required));
        assert_eq!(birthday("15/06/1990", today()), Err(Problem::NotADate));
        assert_eq!(birthday("1990-02-30", today()), Err(Problem::NotADate));
        assert_eq!(birthday(" 1990-02-28 ", today()), Ok("1990-02-28".into()));
    }

    #[test]
    fn birthday_must_be_before_today() {
        assert_eq!(birthday("2024-06-16", today()), Err(Problem::NotInPast));
        assert_eq!(birthday("2024-06-15", today()), Err(Problem::NotInPast));
        // Yesterday is a birthday Gigs takes, as it takes its own example's child.
        assert_eq!(birthday("2024-06-14", today()), Ok("2024-06-14".into()));
    }

    #[test]
    fn birthday_maximum_age_boundary() {
        // 120 until the day before the 121st birthday.
        assert_eq!(birthday("1904-06-15", today()), Ok("1904-06-15".into()));
        assert_eq!(birthday("1903-06-16", today()), Ok("1903-06-16".into()));
        assert_eq!(birthday("1903-06-15", today()), Err(Problem::TooOld { max_years: 120 }));
    }

    #[test]
    fn leap_day_birthday_turns_121_on_the_first_of_march() {
        let born = "1904-02-29";
        assert_eq!(birthday(born, CalendarDate::new(2025, 2, 28).unwrap()), Ok(born.into()));
        assert_eq!(
            birthday(born, CalendarDate::new(2025, 3, 1).unwrap()),
            Err(Problem::TooOld { max_years: 120 })
        );
    }

    #[test]
    fn scheduled_on_only_for_uk_recipients() {
        assert_eq!(scheduled_on("2024-06-16", today(), "US"), Err(Problem::ScheduleOnlyUk));
        assert_eq!(scheduled_on("2024-06-16", today(), "GB"), Ok("2024-06-16".into()));
        assert_eq!(scheduled_on("2024-06-16", today(), "gb"), Ok("2024-06-16".into()));
        // "UK" is not an ISO 3166-1 code; Gigs reports countries as GB.
        assert_eq!(scheduled_on("2024-06-16", today(), "UK"), Err(Problem::ScheduleOnlyUk));
    }

    #[test]
    fn scheduled_on_must_be_after_today() {
        assert_eq!(scheduled_on("2024-06-15", today(), "GB"), Err(Problem::NotInFuture));
        assert_eq!(scheduled_on("2024-06-14", today(), "GB"), Err(Problem::NotInFuture));
        assert_eq!(scheduled_on("2024-13-01", today(), "GB"), Err(Problem::NotADate));
        assert_eq!(scheduled_on(" ", today(), "GB"), Err(Problem::Required));
    }
}
