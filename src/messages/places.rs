//! Names of the states and provinces the address rules know, by code, in the order the form
//! offers them (alphabetical by name, so typing a name's first letters finds it in the list).

/// Names by code, e.g. `("NY", "New York")`.
pub type Names = &'static [(&'static str, &'static str)];

/// A country's states or provinces by code and name, where the address rules know them (the
/// names are the places' own, in every catalog).
pub fn subdivision_names(country: &str) -> Option<Names> {
    match country.trim().to_ascii_uppercase().as_str() {
        "US" => Some(US_STATE_NAMES),
        "CA" => Some(CA_PROVINCE_NAMES),
        _ => None,
    }
}

pub const US_STATE_NAMES: &[(&str, &str)] = &[
    ("AL", "Alabama"),
    ("AK", "Alaska"),
    ("AS", "American Samoa"),
    ("AZ", "Arizona"),
    ("AR", "Arkansas"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DE", "Delaware"),
    ("DC", "District of Columbia"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("GU", "Guam"),
    ("HI", "Hawaii"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("IA", "Iowa"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("ME", "Maine"),
    ("MD", "Maryland"),
    ("MA", "Massachusetts"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MS", "Mississippi"),
    ("MO", "Missouri"),
    ("MT", "Montana"),
    ("NE", "Nebraska"),
    ("NV", "Nevada"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NY", "New York"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("MP", "Northern Mariana Islands"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("PR", "Puerto Rico"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UM", "U.S. Minor Outlying Islands"),
    ("VI", "U.S. Virgin Islands"),
    ("UT", "Utah"),
    ("VT", "Vermont"),
    ("VA", "Virginia"),
    ("WA", "Washington"),
    ("WV", "West Virginia"),
    ("WI", "Wisconsin"),
    ("WY", "Wyoming"),
];

pub const CA_PROVINCE_NAMES: &[(&str, &str)] = &[
    ("AB", "Alberta"),
    ("BC", "British Columbia"),
    ("MB", "Manitoba"),
    ("NB", "New Brunswick"),
    ("NL", "Newfoundland and Labrador"),
    ("NT", "Northwest Territories"),
    ("NS", "Nova Scotia"),
    ("NU", "Nunavut"),
    ("ON", "Ontario"),
    ("PE", "Prince Edward Island"),
    ("QC", "Quebec"),
    ("SK", "Saskatchewan"),
    ("YT", "Yukon"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use porting_model::validate::{CA_PROVINCES, US_STATES};

    #[test]
    fn every_code_the_rules_know_has_one_name() {
        for (names, codes) in [(US_STATE_NAMES, US_STATES), (CA_PROVINCE_NAMES, CA_PROVINCES)] {
            let mut named: Vec<&str> = names.iter().map(|(code, _)| *code).collect();
            named.sort();
            assert_eq!(named, codes);
            assert!(names.windows(2).all(|pair| pair[0].1 < pair[1].1), "offered by name");
        }
    }
}
