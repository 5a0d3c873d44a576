//! National numbering plans of the countries whose numbers are checked beyond E.164's bounds:
//! which leading digits are in use and how many digits national numbers have. The ranges follow
//! the regulators' plans as summarised by Google's libphonenumber metadata (general description,
//! internationally diallable numbers).

use std::ops::RangeInclusive;

use crate::validate::Problem;

/// One country calling code's national significant numbers (the digits after the calling code).
pub(super) struct Plan {
    pub calling_code: &'static str,
    /// What is dialled before a national number at home (0 in most of Europe, 1 in the NANP) and
    /// is never part of the number itself.
    pub trunk_prefix: Option<&'static str>,
    /// Checked in order; the first whose leading digits match decides the length.
    ranges: &'static [Range],
    /// A further check of the whole national number, for rules leading digits cannot express.
    shape: fn(&str) -> bool,
}

struct Range {
    leading: &'static [&'static str],
    digits: RangeInclusive<usize>,
}

impl Plan {
    /// Whether `national` (digits only) is a possible number under this plan.
    pub fn check(&self, national: &str) -> Result<(), Problem> {
        let calling_code = self.calling_code;
        let range = self
            .ranges
            .iter()
            .find(|range| range.leading.iter().any(|digits| national.starts_with(digits)))
            .ok_or(Problem::InvalidNumberRange { calling_code })?;
        if !range.digits.contains(&national.len()) {
            Err(Problem::WrongLength { calling_code, expected: range.digits.clone() })
        } else if !(self.shape)(national) {
            Err(Problem::InvalidNumberRange { calling_code })
        } else {
            Ok(())
        }
    }
}

/// The plan for `calling_code`, if this crate has one.
pub(super) fn plan(calling_code: &str) -> Option<&'static Plan> {
    PLANS.iter().find(|plan| plan.calling_code == calling_code)
}

const PLANS: &[Plan] = &[NANP, GB, DE, FR, ES, NL, IE, AU];

const ONE_TO_NINE: &[&str] = &["1", "2", "3", "4", "5", "6", "7", "8", "9"];

fn any_shape(_: &str) -> bool {
    true
}

/// NANP numbers are NPA-NXX-XXXX; the area code (NPA) never starts with 0 or 1 (the ranges
/// say so) and N11 codes (211 to 911) are service codes, never area codes. The exchange is not
/// checked: Gigs' own example, +1 959 123 4567, has one starting with 1.
fn nanp_shape(national: &str) -> bool {
    national.get(1..3) != Some("11")
}

/// US, Canada and the other NANP members.
const NANP: Plan = Plan {
    calling_code: "1",
    trunk_prefix: Some("1"),
    ranges: &[Range { leading: &["2", "3", "4", "5", "6", "7", "8", "9"], digits: 10..=10 }],
    shape: nanp_shape,
};

/// Numbers are 10 digits, except in the 40 area codes with some 5-digit local numbers
/// (01204 Bolton … 01995 Garstang), Brampton's 4-digit 016977 numbers, and 9-digit 0800 numbers.
/// (The two 7-digit service numbers, 0800 1111 and 0845 4647, are nobody's line to port.)
const GB: Plan = Plan {
    calling_code: "44",
    trunk_prefix: Some("0"),
    ranges: &[
        Range { leading: GB_NINE_DIGIT, digits: 9..=10 },
        Range { leading: &["1", "2", "3", "5", "7", "8", "9"], digits: 10..=10 },
    ],
    shape: any_shape,
};

const GB_NINE_DIGIT: &[&str] = &[
    "1204", "1208", "1254", "1276", "1297", "1298", "1363", "1364", "1384", "1386", "1404", "1420", "1460",
    "1461", "1480", "1488", "1524", "1527", "1562", "1566", "1606", "1629", "1635", "1647", "1659", "1695",
    "16977", "1726", "1744", "1750", "1768", "1827", "1837", "1884", "1900", "1905", "1935", "1946", "1949",
    "1963", "1995", "800",
];

/// Mobile numbers (015x, 0160, 0162, 0163, 017x) have 10 or 11 digits; other German numbers are
/// open-ended (extensions can be dialled straight through), from 4 digits up to E.164's 15 in all.
const DE: Plan = Plan {
    calling_code: "49",
    trunk_prefix: Some("0"),
    ranges: &[
        Range { leading: &["15", "160", "162", "163", "17"], digits: 10..=11 },
        Range { leading: ONE_TO_NINE, digits: 4..=13 },
    ],
    shape: any_shape,
};

const FR: Plan = Plan {
    calling_code: "33",
    trunk_prefix: Some("0"),
    ranges: &[Range { leading: ONE_TO_NINE, digits: 9..=9 }],
    shape: any_shape,
};

/// Spain has no trunk prefix: the 9 digits are dialled the same at home and from abroad.
const ES: Plan = Plan {
    calling_code: "34",
    trunk_prefix: None,
    ranges: &[Range { leading: &["5", "6", "7", "8", "9"], digits: 9..=9 }],
    shape: any_shape,
};

/// 9 digits, except 08xx and 09xx service numbers (7 to 10) and 097 machine numbers (up to 11).
const NL: Plan = Plan {
    calling_code: "31",
    trunk_prefix: Some("0"),
    ranges: &[
        Range { leading: &["1", "2", "3", "4", "5", "6", "7"], digits: 9..=9 },
        Range { leading: &["8"], digits: 7..=10 },
        Range { leading: &["9"], digits: 7..=11 },
    ],
    shape: any_shape,
};

/// Mobile numbers (08x) have 9 digits; landlines 7 to 10 depending on the area code's length.
const IE: Plan = Plan {
    calling_code: "353",
    trunk_prefix: Some("0"),
    ranges: &[
        Range { leading: &["1"], digits: 8..=10 },
        Range { leading: &["2", "5", "6", "9"], digits: 7..=9 },
        Range { leading: &["4"], digits: 7..=10 },
        Range { leading: &["7"], digits: 9..=9 },
        Range { leading: &["8"], digits: 9..=10 },
    ],
    shape: any_shape,
};

/// Landlines (02, 03, 07, 08) and mobiles (04) have 9 digits; 1xx service numbers 5 to 12.
const AU: Plan = Plan {
    calling_code: "61",
    trunk_prefix: Some("0"),
    ranges: &[
        Range { leading: &["2", "3", "4", "7", "8"], digits: 9..=9 },
        Range { leading: &["1"], digits: 5..=12 },
    ],
    shape: any_shape,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn check(calling_code: &str, national: &str) -> Result<(), Problem> {
        plan(calling_code).unwrap().check(national)
    }

    #[test]
    fn plans_have_distinct_codes_and_digit_only_ranges() {
        for (i, plan) in PLANS.iter().enumerate() {
            assert!(PLANS[..i].iter().all(|other| other.calling_code != plan.calling_code));
            let leading = plan.ranges.iter().flat_map(|range| range.leading);
            assert!(leading.clone().all(|digits| digits.bytes().all(|b| b.is_ascii_digit())));
            // A trunk prefix that could start a national number would make stripping it ambiguous.
            if let Some(trunk) = plan.trunk_prefix {
                assert!(leading.clone().all(|digits| !digits.starts_with(trunk)), "{}", plan.calling_code);
            }
        }
        assert!(plan("39").is_none());
    }

    #[test]
    fn nanp_length_and_shape() {
        assert_eq!(check("1", "2025550123"), Ok(()));
        let wrong_length = Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 });
        assert_eq!(check("1", "202555012"), wrong_length);
        assert_eq!(check("1", "20255501234"), wrong_length);
        let invalid = Err(Problem::InvalidNumberRange { calling_code: "1" });
        // Area code: 2 to 9 first, never N11.
        assert_eq!(check("1", "0025550123"), invalid);
        assert_eq!(check("1", "1025550123"), invalid);
        assert_eq!(check("1", "9995550123"), Ok(()));
        assert_eq!(check("1", "2115550123"), invalid);
        assert_eq!(check("1", "2105550123"), Ok(()));
        assert_eq!(check("1", "2125550123"), Ok(()));
        // Any exchange, as Gigs' example +1 959 123 4567 has.
        assert_eq!(check("1", "9591234567"), Ok(()));
        assert_eq!(check("1", "2020550123"), Ok(()));
    }

    #[test]
    fn gb_ten_digits_or_nine_in_the_mixed_areas() {
        assert_eq!(check("44", "7700900123"), Ok(()));
        let ten = Err(Problem::WrongLength { calling_code: "44", expected: 10..=10 });
        assert_eq!(check("44", "770090012"), ten);
        assert_eq!(check("44", "77009001234"), ten);
        assert_eq!(check("44", "120512345"), ten); // Boston has no 5-digit local numbers
        let nine_or_ten = Err(Problem::WrongLength { calling_code: "44", expected: 9..=10 });
        assert_eq!(check("44", "120461234"), Ok(())); // Bolton
        assert_eq!(check("44", "1204612345"), Ok(()));
        assert_eq!(check("44", "12046123"), nine_or_ten);
        assert_eq!(check("44", "169772345"), Ok(())); // Brampton
        assert_eq!(check("44", "800123456"), Ok(()));
        let invalid = Err(Problem::InvalidNumberRange { calling_code: "44" });
        assert_eq!(check("44", "4123456789"), invalid);
        assert_eq!(check("44", "6123456789"), invalid);
        assert_eq!(check("44", "0123456789"), invalid);
    }

    #[test]
    fn de_mobile_and_other_lengths() {
        assert_eq!(check("49", "1701234567"), Ok(()));
        assert_eq!(check("49", "15123456789"), Ok(()));
        let mobile = Err(Problem::WrongLength { calling_code: "49", expected: 10..=11 });
        assert_eq!(check("49", "170123456"), mobile);
        assert_eq!(check("49", "151234567890"), mobile);
        assert_eq!(check("49", "3012"), Ok(()));
        assert_eq!(check("49", "3012345678901"), Ok(()));
        let other = Err(Problem::WrongLength { calling_code: "49", expected: 4..=13 });
        assert_eq!(check("49", "301"), other);
        assert_eq!(check("49", "30123456789012"), other);
        assert_eq!(check("49", "0301234567"), Err(Problem::InvalidNumberRange { calling_code: "49" }));
    }

    #[test]
    fn fr_and_es_nine_digits() {
        assert_eq!(check("33", "612345678"), Ok(()));
        assert_eq!(
            check("33", "61234567"),
            Err(Problem::WrongLength { calling_code: "33", expected: 9..=9 })
        );
        assert_eq!(
            check("33", "6123456789"),
            Err(Problem::WrongLength { calling_code: "33", expected: 9..=9 })
        );
        assert_eq!(check("34", "612345678"), Ok(()));
        assert_eq!(check("34", "512345678"), Ok(()));
        assert_eq!(check("34", "412345678"), Err(Problem::InvalidNumberRange { calling_code: "34" }));
    }

    #[test]
    fn nl_ie_au_ranges() {
        assert_eq!(check("31", "612345678"), Ok(()));
        assert_eq!(
            check("31", "6123456789"),
            Err(Problem::WrongLength { calling_code: "31", expected: 9..=9 })
        );
        assert_eq!(check("31", "97012345678"), Ok(()));
        assert_eq!(check("31", "8001234"), Ok(()));
        assert_eq!(check("31", "800123"), Err(Problem::WrongLength { calling_code: "31", expected: 7..=10 }));
        assert_eq!(check("353", "850123456"), Ok(()));
        assert_eq!(
            check("353", "85012345"),
            Err(Problem::WrongLength { calling_code: "353", expected: 9..=10 })
        );
        assert_eq!(check("353", "12345678"), Ok(())); // Dublin
        assert_eq!(check("353", "2212345"), Ok(()));
        assert_eq!(
            check("353", "221234"),
            Err(Problem::WrongLength { calling_code: "353", expected: 7..=9 })
        );
        assert_eq!(check("61", "412345678"), Ok(()));
        assert_eq!(
            check("61", "41234567"),
            Err(Problem::WrongLength { calling_code: "61", expected: 9..=9 })
        );
        assert_eq!(check("61", "1300123456"), Ok(()));
        assert_eq!(check("61", "512345678"), Err(Problem::InvalidNumberRange { calling_code: "61" }));
    }
}
