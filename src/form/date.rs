//! Which boxes of a typed date a problem is about, so only those are marked invalid, as the
//! GOV.UK date input does: a part missing or out of range is that part's fault alone; a date
//! whose parts are each fine but wrong together (31/02, not in the past, an implausible age) is
//! the fault of all three.

use porting_model::validate::Problem;

use super::draft::{DatePart, DateParts};
use super::errors::Issue;

/// Whether `part` of `date` is at fault for `issue`, the date's problem.
pub fn part_at_fault(issue: &Issue, date: &DateParts, part: DatePart) -> bool {
    let wrong = |part| !possible(part, date.part(part));
    match issue {
        Issue::Rule(Problem::NotADate) if DatePart::ALL.into_iter().any(wrong) => wrong(part),
        _ => true,
    }
}

/// The first box at fault, where the error summary's link takes the buyer (as GOV.UK's does).
pub fn first_part_at_fault(issue: &Issue, date: &DateParts) -> DatePart {
    DatePart::ALL.into_iter().find(|part| part_at_fault(issue, date, *part)).unwrap_or(DatePart::Day)
}

/// Whether `typed` can be this part of some date the model's rule reads: a day 1–31, a month
/// 1–12, a year of 4 digits from 0001.
fn possible(part: DatePart, typed: &str) -> bool {
    let typed = typed.trim();
    let (digits, max) = match part {
        DatePart::Day => (1..=2, 31),
        DatePart::Month => (1..=2, 12),
        DatePart::Year => (4..=4, 9999),
    };
    digits.contains(&typed.len())
        && typed.bytes().all(|b| b.is_ascii_digit())
        && typed.parse().is_ok_and(|n: u16| (1..=max).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(day: &str, month: &str, year: &str) -> DateParts {
        DateParts { day: day.into(), month: month.into(), year: year.into() }
    }

    fn at_fault(issue: &Issue, typed: &DateParts) -> Vec<DatePart> {
        DatePart::ALL.into_iter().filter(|part| part_at_fault(issue, typed, *part)).collect()
    }

    const NOT_A_DATE: Issue = Issue::Rule(Problem::NotADate);

    #[test]
    fn links_go_to_the_first_box_at_fault() {
        assert_eq!(first_part_at_fault(&NOT_A_DATE, &date("7", "", "")), DatePart::Month);
        assert_eq!(first_part_at_fault(&NOT_A_DATE, &date("7", "3", "85")), DatePart::Year);
        let whole = Issue::Rule(Problem::NotInPast);
        assert_eq!(first_part_at_fault(&whole, &date("7", "3", "2100")), DatePart::Day);
    }

    #[test]
    fn a_missing_part_alone_is_at_fault() {
        assert_eq!(at_fault(&NOT_A_DATE, &date("", "3", "1985")), [DatePart::Day]);
        assert_eq!(at_fault(&NOT_A_DATE, &date("7", " ", "")), [DatePart::Month, DatePart::Year]);
    }

    #[test]
    fn a_part_out_of_range_or_not_a_number_alone_is_at_fault() {
        assert_eq!(at_fault(&NOT_A_DATE, &date("32", "13", "1985")), [DatePart::Day, DatePart::Month]);
        assert_eq!(at_fault(&NOT_A_DATE, &date("0", "1", "1985")), [DatePart::Day]);
        assert_eq!(at_fault(&NOT_A_DATE, &date("07", "03", "85")), [DatePart::Year]);
        assert_eq!(at_fault(&NOT_A_DATE, &date("7", "Mar", "0000")), [DatePart::Month, DatePart::Year]);
    }

    #[test]
    fn parts_fine_alone_but_no_real_date_together_are_all_at_fault() {
        assert_eq!(at_fault(&NOT_A_DATE, &date("31", "02", "1990")), DatePart::ALL);
    }

    #[test]
    fn a_problem_with_the_whole_date_is_the_fault_of_every_part() {
        let typed = date("1", "1", "2030");
        for problem in [Problem::Required, Problem::NotInPast, Problem::TooOld { max_years: 120 }] {
            assert_eq!(at_fault(&Issue::Rule(problem), &typed), DatePart::ALL);
        }
        assert_eq!(at_fault(&Issue::Server("Does not match.".into()), &date("", "1", "1990")), DatePart::ALL);
    }
}
