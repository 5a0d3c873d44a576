//! A calendar date with no clock and no time zone: all the date rules need, in a few lines rather
//! than a date library in the widget's wasm.

use std::fmt;
use std::str::FromStr;

use super::text::fits;
use super::Problem;

/// A day of the proleptic Gregorian calendar, years 1 to 9999 (what `YYYY` can write).
///
/// The fields are in chronological order of significance, so the derived `Ord` is chronological.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

impl CalendarDate {
    /// The date, if it exists.
    pub const fn new(year: u16, month: u8, day: u8) -> Option<CalendarDate> {
        if year == 0
            || year > 9999
            || month == 0
            || month > 12
            || day == 0
            || day > days_in_month(year, month)
        {
            None
        } else {
            Some(CalendarDate { year, month, day })
        }
    }

    pub const fn year(self) -> u16 {
        self.year
    }

    pub const fn month(self) -> u8 {
        self.month
    }

    pub const fn day(self) -> u8 {
        self.day
    }

    /// The day after, if the calendar goes on (it ends at 9999-12-31).
    pub fn next(self) -> Option<CalendarDate> {
        CalendarDate::new(self.year, self.month, self.day + 1)
            .or_else(|| CalendarDate::new(self.year, self.month + 1, 1))
            .or_else(|| CalendarDate::new(self.year + 1, 1, 1))
    }

    /// The day of the week, 0 for Sunday to 6 for Saturday.
    pub fn weekday(self) -> u8 {
        // Sakamoto's method.
        const OFFSETS: [u16; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let year = if self.month < 3 { self.year - 1 } else { self.year };
        let weekday = (year + year / 4 - year / 100
            + year / 400
            + OFFSETS[usize::from(self.month - 1)]
            + u16::from(self.day))
            % 7;
        weekday as u8
    }

    /// Whether the day is a Saturday or a Sunday.
    pub fn is_weekend(self) -> bool {
        matches!(self.weekday(), 0 | 6)
    }

    /// The first `count` weekdays after `self` (public holidays are not known here).
    pub fn weekdays_after(self, count: usize) -> Vec<CalendarDate> {
        std::iter::successors(self.next(), |day| day.next())
            .filter(|day| !day.is_weekend())
            .take(count)
            .collect()
    }

    /// Whole years from `self` to `later`, counted as ages are: a year is complete on the same
    /// month and day, and someone born on 29 February completes it on 1 March in common years.
    /// 0 when `later` is less than a year after `self` (or before it).
    pub fn years_until(self, later: CalendarDate) -> u32 {
        if later <= self {
            return 0;
        }
        let years = u32::from(later.year - self.year);
        if (later.month, later.day) < (self.month, self.day) {
            years - 1
        } else {
            years
        }
    }
}

const fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

const fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The value of a run of ASCII digits (already checked by `fits`).
fn number(digits: &str) -> u16 {
    digits.bytes().fold(0, |n, b| n * 10 + u16::from(b - b'0'))
}

impl FromStr for CalendarDate {
    type Err = Problem;

    /// Strictly `YYYY-MM-DD` (ISO 8601 calendar date, extended format): no other separators, no
    /// missing leading zeros, no surrounding whitespace, and a day that exists.
    fn from_str(s: &str) -> Result<CalendarDate, Problem> {
        if !fits(s, "9999-99-99") {
            return Err(Problem::NotADate);
        }
        // Months and days are two digits, so they fit in a u8.
        let (month, day) = (number(&s[5..7]) as u8, number(&s[8..10]) as u8);
        CalendarDate::new(number(&s[..4]), month, day).ok_or(Problem::NotADate)
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_follow_across_months_years_and_leap_days() {
        let next = |s: &str| date(s).next().map(|d| d.to_string());
        assert_eq!(next("2024-02-28").as_deref(), Some("2024-02-29"));
        assert_eq!(next("2024-02-29").as_deref(), Some("2024-03-01"));
        assert_eq!(next("2023-02-28").as_deref(), Some("2023-03-01"));
        assert_eq!(next("2026-12-31").as_deref(), Some("2027-01-01"));
        assert_eq!(next("9999-12-31"), None);
    }

    #[test]
    fn weekends_and_the_weekdays_after_a_day() {
        // 2026-11-28 was a Saturday; 2000-01-01 too; 1900-01-01 a Monday.
        assert!(date("2026-11-28").is_weekend() && date("2026-11-29").is_weekend());
        assert!(!date("2026-11-30").is_weekend() && !date("2026-12-04").is_weekend());
        assert!(date("2000-01-01").is_weekend() && !date("1900-01-01").is_weekend());
        let days: Vec<String> = date("2026-12-03").weekdays_after(3).iter().map(|d| d.to_string()).collect();
        assert_eq!(days, ["2026-12-04", "2026-12-07", "2026-12-08"]);
        assert!(date("9999-12-30").weekdays_after(5).len() <= 1);
    }

    fn date(s: &str) -> CalendarDate {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_displays_round_trip() {
        assert_eq!(date("2024-02-29"), CalendarDate::new(2024, 2, 29).unwrap());
        assert_eq!(date("0001-01-01").to_string(), "0001-01-01");
        assert_eq!(date("9999-12-31").to_string(), "9999-12-31");
    }

    #[test]
    fn month_lengths_on_both_sides() {
        for (ok, bad) in [
            ("2023-01-31", "2023-01-32"),
            ("2023-04-30", "2023-04-31"),
            ("2023-06-30", "2023-06-31"),
            ("2023-09-30", "2023-09-31"),
            ("2023-11-30", "2023-11-31"),
            ("2023-12-31", "2023-12-32"),
            ("2023-02-28", "2023-02-29"),
        ] {
            assert!(ok.parse::<CalendarDate>().is_ok(), "{ok}");
            assert_eq!(bad.parse::<CalendarDate>(), Err(Problem::NotADate), "{bad}");
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!("2024-02-29".parse::<CalendarDate>().is_ok()); // divisible by 4
        assert!("2000-02-29".parse::<CalendarDate>().is_ok()); // divisible by 400
        assert_eq!("1900-02-29".parse::<CalendarDate>(), Err(Problem::NotADate)); // by 100, not 400
        assert_eq!("2023-02-29".parse::<CalendarDate>(), Err(Problem::NotADate));
        assert_eq!("2024-02-30".parse::<CalendarDate>(), Err(Problem::NotADate));
    }

    #[test]
    fn month_and_day_zero_or_thirteen_are_refused() {
        assert_eq!("2024-00-10".parse::<CalendarDate>(), Err(Problem::NotADate));
        assert_eq!("2024-13-10".parse::<CalendarDate>(), Err(Problem::NotADate));
        assert_eq!("2024-12-00".parse::<CalendarDate>(), Err(Problem::NotADate));
        assert_eq!("0000-01-01".parse::<CalendarDate>(), Err(Problem::NotADate));
        assert!(CalendarDate::new(10_000, 1, 1).is_none());
    }

    #[test]
    fn only_the_strict_format_parses() {
        for s in [
            "2024-2-03",
            "2024-02-3",
            "24-02-03",
            "2024/02/03",
            "20240203",
            " 2024-02-03",
            "2024-02-03T00:00",
            "+2024-02-03",
            "２０２４-02-03",
        ] {
            assert_eq!(s.parse::<CalendarDate>(), Err(Problem::NotADate), "{s}");
        }
    }

    #[test]
    fn orders_chronologically() {
        assert!(date("2023-12-31") < date("2024-01-01"));
        assert!(date("2024-01-31") < date("2024-02-01"));
        assert!(date("2024-02-01") < date("2024-02-02"));
    }

    #[test]
    fn years_until_completes_on_the_anniversary() {
        let born = date("2000-06-15");
        assert_eq!(born.years_until(date("2013-06-14")), 12);
        assert_eq!(born.years_until(date("2013-06-15")), 13);
        assert_eq!(born.years_until(date("2000-12-31")), 0);
        assert_eq!(born.years_until(date("1999-01-01")), 0);
        assert_eq!(born.years_until(born), 0);
    }

    #[test]
    fn a_leap_day_birthday_completes_on_the_first_of_march() {
        let born = date("2008-02-29");
        assert_eq!(born.years_until(date("2021-02-28")), 12);
        assert_eq!(born.years_until(date("2021-03-01")), 13);
        assert_eq!(born.years_until(date("2024-02-29")), 16);
    }
}
