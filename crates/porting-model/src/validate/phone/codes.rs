//! Country calling codes (ITU-T E.164).

/// The calling codes assigned to countries and geographic areas and in use, by zone. Codes for
/// global services (international freephone 800, satellite 870/881, networks 882/883, …) are left
/// out, as is Vatican City's unused 379: a number ported to a telco belongs to a country's network.
const CALLING_CODES: &[&str] = &[
    // Zone 1: the North American Numbering Plan.
    "1", //
    // Zone 2: Africa and some North Atlantic territories.
    "20", "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226", "227", "228",
    "229", "230", "231", "232", "233", "234", "235", "236", "237", "238", "239", "240", "241", "242", "243",
    "244", "245", "246", "247", "248", "249", "250", "251", "252", "253", "254", "255", "256", "257", "258",
    "260", "261", "262", "263", "264", "265", "266", "267", "268", "269", "27", "290", "291", "297", "298",
    "299", //
    // Zones 3 and 4: Europe.
    "30", "31", "32", "33", "34", "350", "351", "352", "353", "354", "355", "356", "357", "358", "359", "36",
    "370", "371", "372", "373", "374", "375", "376", "377", "378", "380", "381", "382", "383", "385", "386",
    "387", "389", "39", "40", "41", "420", "421", "423", "43", "44", "45", "46", "47", "48", "49", //
    // Zone 5: Central and South America.
    "500", "501", "502", "503", "504", "505", "506", "507", "508", "509", "51", "52", "53", "54", "55", "56",
    "57", "58", "590", "591", "592", "593", "594", "595", "596", "597", "598", "599", //
    // Zone 6: South-East Asia and Oceania.
    "60", "61", "62", "63", "64", "65", "66", "670", "672", "673", "674", "675", "676", "677", "678", "679",
    "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692", //
    // Zone 7: Russia and Kazakhstan.
    "7", //
    // Zone 8: East Asia.
    "81", "82", "84", "850", "852", "853", "855", "856", "86", "880", "886", //
    // Zone 9: West, Central and South Asia.
    "90", "91", "92", "93", "94", "95", "960", "961", "962", "963", "964", "965", "966", "967", "968", "970",
    "971", "972", "973", "974", "975", "976", "977", "98", "992", "993", "994", "995", "996", "998",
];

/// The calling code `digits` start with. E.164 codes form a prefix code (no code starts
/// another), so the first one found is the only one.
pub(in crate::validate) fn calling_code_of(digits: &str) -> Option<&'static str> {
    (1..=3)
        .filter_map(|len| digits.get(..len))
        .find_map(|prefix| CALLING_CODES.iter().copied().find(|&c| c == prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_a_prefix_code_of_one_to_three_digits() {
        for code in CALLING_CODES {
            assert!((1..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_digit()), "{code}");
            for other in CALLING_CODES {
                assert!(code == other || !other.starts_with(code), "{code} starts {other}");
            }
        }
    }

    #[test]
    fn finds_codes_of_each_length() {
        assert_eq!(calling_code_of("12025550123"), Some("1"));
        assert_eq!(calling_code_of("447700900123"), Some("44"));
        assert_eq!(calling_code_of("353850123456"), Some("353"));
        assert_eq!(calling_code_of("79123456789"), Some("7"));
    }

    #[test]
    fn spare_and_global_codes_are_unknown() {
        for digits in ["2101234567", "2591234567", "3791234567", "80012345678", "8821234567", "9991234567"] {
            assert_eq!(calling_code_of(digits), None, "{digits}");
        }
        assert_eq!(calling_code_of(""), None);
        assert_eq!(calling_code_of("4"), None);
    }
}
