//! Countries as ISO 3166-1 alpha-2 codes, the form Gigs uses in addresses and providers.

use super::text::{fits, required};
use super::Problem;

/// Every officially assigned ISO 3166-1 alpha-2 code (249), sorted. Reserved and user-assigned
/// codes (`UK`, `EU`, `XK`…) are left out: Gigs and the donor providers expect an assigned code.
pub const COUNTRY_CODES: &[&str] = &[
    "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", //
    "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT",
    "BV", "BW", "BY", "BZ", //
    "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX",
    "CY", "CZ", //
    "DE", "DJ", "DK", "DM", "DO", "DZ", //
    "EC", "EE", "EG", "EH", "ER", "ES", "ET", //
    "FI", "FJ", "FK", "FM", "FO", "FR", //
    "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU",
    "GW", "GY", //
    "HK", "HM", "HN", "HR", "HT", "HU", //
    "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", //
    "JE", "JM", "JO", "JP", //
    "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", //
    "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", //
    "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT",
    "MU", "MV", "MW", "MX", "MY", "MZ", //
    "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", //
    "OM", //
    "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", //
    "QA", //
    "RE", "RO", "RS", "RU", "RW", //
    "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST",
    "SV", "SX", "SY", "SZ", //
    "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", //
    "UA", "UG", "UM", "US", "UY", "UZ", //
    "VA", "VC", "VE", "VG", "VI", "VN", "VU", //
    "WF", "WS", //
    "YE", "YT", //
    "ZA", "ZM", "ZW",
];

/// An ISO 3166-1 alpha-2 country code, in any case, normalised to upper case.
pub fn country(input: &str) -> Result<String, Problem> {
    let code = required(input)?.to_ascii_uppercase();
    if fits(&code, "AA") && COUNTRY_CODES.binary_search(&code.as_str()).is_ok() {
        Ok(code)
    } else {
        Err(Problem::UnknownCountry)
    }
}

/// Whether a provider's country is the United Kingdom, the only one where Gigs offers scheduled
/// portings and `cancelOnly`.
pub(super) fn is_uk(country_iso2: &str) -> bool {
    country_iso2.trim().eq_ignore_ascii_case("GB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_complete_sorted_and_well_formed() {
        assert_eq!(COUNTRY_CODES.len(), 249);
        assert!(COUNTRY_CODES.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(COUNTRY_CODES.iter().all(|code| fits(code, "AA")));
    }

    #[test]
    fn accepts_assigned_codes_in_any_case() {
        assert_eq!(country("GB"), Ok("GB".into()));
        assert_eq!(country(" us "), Ok("US".into()));
        assert_eq!(country("Ad"), Ok("AD".into())); // first of the list
        assert_eq!(country("zw"), Ok("ZW".into())); // last of the list
    }

    #[test]
    fn refuses_reserved_unassigned_and_malformed_codes() {
        for input in ["UK", "EU", "XK", "AA", "ZZ", "USA", "U", "U1", "ÜS"] {
            assert_eq!(country(input), Err(Problem::UnknownCountry), "{input}");
        }
        assert_eq!(country(""), Err(Problem::Required));
    }

    #[test]
    fn only_gb_is_the_uk() {
        assert!(is_uk("GB"));
        assert!(is_uk(" gb"));
        assert!(!is_uk("UK"));
        assert!(!is_uk("GG"));
        assert!(!is_uk("US"));
    }
}
