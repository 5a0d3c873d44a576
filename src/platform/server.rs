//! The server's twins of the browser's facts, for rendering the first state: the buyer's locale,
//! offset from UTC and day as the request gave them, and dates written as the browser's `Intl`
//! writes them in the locales the widget uses (see [`super::date_locale`]).

use std::time::{SystemTime, UNIX_EPOCH};

use leptos::prelude::*;
use porting_model::validate::CalendarDate;

use super::date_locale;

/// What the request told of the buyer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buyer {
    /// Their browser's language tag, e.g. `en-GB`.
    pub locale: String,
    /// Minutes to add to UTC for their local time (east of Greenwich is positive).
    pub utc_offset_minutes: i32,
    pub today: CalendarDate,
}

impl Buyer {
    /// An English-speaking buyer on UTC, today.
    pub fn utc() -> Buyer {
        let minutes = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() / 60) as i64;
        let today = civil(minutes).map_or(UNIX_DAY, |(today, _)| today);
        Buyer { locale: "en".into(), utc_offset_minutes: 0, today }
    }
}

fn buyer() -> Buyer {
    use_context::<Buyer>().unwrap_or_else(Buyer::utc)
}

/// Today where the buyer is.
pub fn today() -> CalendarDate {
    buyer().today
}

/// The buyer's browser language tag.
pub fn language() -> String {
    buyer().locale
}

/// A calendar day (`YYYY-MM-DD`) with its weekday, as `toLocaleDateString` writes it.
pub fn local_day(day: &str, lang: &str) -> String {
    let Ok(date) = day.parse::<CalendarDate>() else { return day.to_owned() };
    let words = Words::of(date_locale(lang, &language()));
    let (weekday, month) =
        (words.weekdays[usize::from(date.weekday())], words.months[usize::from(date.month() - 1)]);
    let (d, y) = (date.day(), date.year());
    match words.style {
        Style::Us => format!("{weekday}, {month} {d}, {y}"),
        Style::Gb => format!("{weekday}, {d} {month} {y}"),
        Style::De => format!("{weekday}, {d}. {month} {y}"),
        Style::Es => format!("{weekday}, {d} de {month} de {y}"),
    }
}

/// A timestamp as Gigs writes it (RFC 3339), in the buyer's time zone, as `toLocaleString` writes
/// it with a medium date and a short time; anything else comes back as it was.
pub fn local_time(timestamp: &str, lang: &str) -> String {
    let Some(utc_minutes) = minutes_since_epoch(timestamp) else { return timestamp.to_owned() };
    let Some((date, minute_of_day)) = civil(utc_minutes + i64::from(buyer().utc_offset_minutes)) else {
        return timestamp.to_owned();
    };
    let words = Words::of(date_locale(lang, &language()));
    let (hour, minute) = (minute_of_day / 60, minute_of_day % 60);
    let month = words.short_months[usize::from(date.month() - 1)];
    let (d, m, y) = (date.day(), date.month(), date.year());
    match words.style {
        Style::Us => {
            let (h12, half) =
                (if hour % 12 == 0 { 12 } else { hour % 12 }, if hour < 12 { "AM" } else { "PM" });
            format!("{month} {d}, {y}, {h12}:{minute:02} {half}")
        }
        Style::Gb => format!("{d} {month} {y}, {hour:02}:{minute:02}"),
        Style::De => format!("{d:02}.{m:02}.{y}, {hour:02}:{minute:02}"),
        Style::Es => format!("{d} {month} {y}, {hour}:{minute:02}"),
    }
}

/// Nothing has focus on the server.
pub fn focus(_id: &str) {}

/// Nothing has focus on the server.
pub fn focus_soon(_id: String) {}

/// Nothing scrolls on the server.
pub fn reveal_soon(_id: String) {}

#[derive(Clone, Copy)]
enum Style {
    Us,
    Gb,
    De,
    Es,
}

/// A locale's names of days and months, as ICU has them.
struct Words {
    style: Style,
    weekdays: [&'static str; 7],
    months: [&'static str; 12],
    short_months: [&'static str; 12],
}

const EN_WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Words {
    fn of(locale: &str) -> Words {
        match locale {
            "en-GB" => Words {
                style: Style::Gb,
                weekdays: EN_WEEKDAYS,
                months: EN_MONTHS,
                short_months: [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec",
                ],
            },
            "de" => Words {
                style: Style::De,
                weekdays: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
                months: [
                    "Januar",
                    "Februar",
                    "März",
                    "April",
                    "Mai",
                    "Juni",
                    "Juli",
                    "August",
                    "September",
                    "Oktober",
                    "November",
                    "Dezember",
                ],
                short_months: [""; 12],
            },
            "es" => Words {
                style: Style::Es,
                weekdays: ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"],
                months: [
                    "enero",
                    "febrero",
                    "marzo",
                    "abril",
                    "mayo",
                    "junio",
                    "julio",
                    "agosto",
                    "septiembre",
                    "octubre",
                    "noviembre",
                    "diciembre",
                ],
                short_months: [
                    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
                ],
            },
            _ => Words {
                style: Style::Us,
                weekdays: EN_WEEKDAYS,
                months: EN_MONTHS,
                short_months: [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                ],
            },
        }
    }
}

/// Minutes since 1970-01-01T00:00Z of `2021-01-21T19:12:28.0Z` (seconds, a fraction and an
/// offset such as `+01:00` or `Z` as RFC 3339 allows).
fn minutes_since_epoch(timestamp: &str) -> Option<i64> {
    let (date, time) = timestamp.split_once(['T', 't', ' '])?;
    let date: CalendarDate = date.parse().ok()?;
    let number = |text: &str| text.parse::<i64>().ok().filter(|_| text.len() == 2);
    let (hour, rest) = time.split_at_checked(2)?;
    let minute = rest.strip_prefix(':')?.get(..2)?;
    let (hour, minute) = (number(hour).filter(|h| *h < 24)?, number(minute).filter(|m| *m < 60)?);
    let zone = time.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':' || c == '.');
    let offset = match zone.chars().last()? {
        'Z' | 'z' => 0,
        _ => {
            let at = time.rfind(['+', '-'])?;
            let (sign, hh_mm) = time[at..].split_at(1);
            let (hh, mm) = hh_mm.split_once(':')?;
            let minutes = number(hh)? * 60 + number(mm)?;
            if sign == "-" {
                -minutes
            } else {
                minutes
            }
        }
    };
    Some(days_from_civil(date) * 1440 + hour * 60 + minute - offset)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(date: CalendarDate) -> i64 {
    let (y, m, d) = (i64::from(date.year()), i64::from(date.month()), i64::from(date.day()));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// 1970-01-01.
const UNIX_DAY: CalendarDate = match CalendarDate::new(1970, 1, 1) {
    Some(day) => day,
    None => panic!("1970-01-01 is a day"),
};

/// The day and the minute of that day of `minutes` since the epoch, in years 1 to 9999.
fn civil(minutes: i64) -> Option<(CalendarDate, i64)> {
    let (days, minute_of_day) = (minutes.div_euclid(1440), minutes.rem_euclid(1440));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let date = CalendarDate::new(u16::try_from(year).ok()?, month as u8, day as u8)?;
    Some((date, minute_of_day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_place(locale: &str, utc_offset_minutes: i32, run: impl FnOnce()) {
        let owner = Owner::new();
        owner.with(|| {
            let today = CalendarDate::new(2026, 12, 6).unwrap();
            provide_context(Buyer { locale: locale.into(), utc_offset_minutes, today });
            run();
        });
    }

    /// What Chromium's and Node's `Intl` (ICU 78) write for the same days and moments.
    #[test]
    fn days_and_times_are_written_as_the_browser_writes_them() {
        in_place("en-US", 0, || {
            assert_eq!(local_day("2026-12-08", "en"), "Tuesday, December 8, 2026");
            assert_eq!(local_time("2026-12-06T04:05:00Z", "en"), "Dec 6, 2026, 4:05 AM");
            assert_eq!(local_time("2026-05-09T16:30:59.5Z", "en"), "May 9, 2026, 4:30 PM");
            assert_eq!(local_time("2026-05-09T00:30:00Z", "en"), "May 9, 2026, 12:30 AM");
        });
        in_place("en-GB", 0, || {
            assert_eq!(local_day("2026-09-08", "en"), "Tuesday, 8 September 2026");
            assert_eq!(local_time("2026-09-15T04:05:00Z", "en"), "15 Sept 2026, 04:05");
        });
        in_place("de-AT", 0, || {
            assert_eq!(local_day("2026-12-08", "de"), "Dienstag, 8. Dezember 2026");
            assert_eq!(local_time("2026-12-06T04:05:00Z", "de"), "06.12.2026, 04:05");
        });
        in_place("es-MX", 0, || {
            assert_eq!(local_day("2026-12-08", "es"), "martes, 8 de diciembre de 2026");
            assert_eq!(local_time("2026-05-09T16:30:00Z", "es"), "9 may 2026, 16:30");
        });
    }

    #[test]
    fn times_move_to_the_buyers_offset_across_days_and_years() {
        in_place("en-US", 60, || {
            assert_eq!(local_time("2026-12-31T23:30:00Z", "en"), "Jan 1, 2027, 12:30 AM")
        });
        in_place("en-US", -300, || {
            assert_eq!(local_time("2026-03-01T02:00:00Z", "en"), "Feb 28, 2026, 9:00 PM")
        });
        in_place("en-US", 0, || {
            assert_eq!(local_time("2026-03-01T02:00:00+02:00", "en"), "Mar 1, 2026, 12:00 AM")
        });
    }

    #[test]
    fn what_is_no_date_comes_back_as_it_was() {
        in_place("en", 0, || {
            for text in ["yesterday", "2026-13-01T00:00Z", "2026-12-06T25:00:00Z", "2026-12-06T04:05", ""] {
                assert_eq!(local_time(text, "en"), text);
            }
            assert_eq!(local_day("2026-02-30", "en"), "2026-02-30");
        });
    }

    #[test]
    fn the_calendar_goes_both_ways() {
        for (date, days) in [("1970-01-01", 0), ("2000-03-01", 11_017), ("2026-12-06", 20_793)] {
            let date: CalendarDate = date.parse().unwrap();
            assert_eq!(days_from_civil(date), days);
            assert_eq!(civil(days * 1440 + 61), Some((date, 61)));
        }
    }
}
