use super::*;

#[test]
fn numbers_are_written_as_people_write_them() {
    assert_eq!(written("+12025550102"), "+1 202-555-0102");
    assert_eq!(written("+19591234567"), "+1 959-123-4567");
    assert_eq!(written("+447700900123"), "+44 7700 900123");
    assert_eq!(written("+442079460958"), "+44 20 7946 0958");
    assert_eq!(written("+443069990123"), "+44 306 999 0123");
    assert_eq!(written("+33612345678"), "+33 612345678");
    for odd in ["", "12025550102", "+1 202", "+999", "<b>"] {
        assert_eq!(written(odd), odd);
    }
}

#[test]
fn every_phone_country_has_a_plan_and_a_real_code() {
    for &(iso2, code) in PHONE_COUNTRIES {
        assert!(plan::plan(code).is_some(), "{iso2}");
        assert_eq!(codes::calling_code_of(code), Some(code), "{iso2}");
        assert!(crate::validate::COUNTRY_CODES.contains(&iso2), "{iso2}");
    }
    assert!(PHONE_COUNTRIES.windows(2).all(|pair| pair[0].0 < pair[1].0));
}

#[test]
fn calling_codes_of_supported_countries() {
    assert_eq!(calling_code("GB"), Some("44"));
    assert_eq!(calling_code(" us"), Some("1"));
    assert_eq!(calling_code("ca"), Some("1"));
    assert_eq!(calling_code("IE"), Some("353"));
    assert_eq!(calling_code("IT"), None);
    assert_eq!(calling_code("UK"), None);
}

#[test]
fn tolerates_separators() {
    for input in ["+1 (202) 555-0123", "+1.202.555.0123", " +12025550123 ", "+1\u{A0}202\u{A0}555\u{A0}0123"]
    {
        assert_eq!(phone_number(input), Ok("+12025550123".into()), "{input}");
    }
    assert_eq!(phone_number("+44 (0)7700 900123"), Ok("+447700900123".into()));
    assert_eq!(phone_number("+44 7700-900-123"), Ok("+447700900123".into()));
}

#[test]
fn needs_the_plus_and_digits() {
    assert_eq!(phone_number(""), Err(Problem::Required));
    assert_eq!(phone_number("+"), Err(Problem::Required));
    assert_eq!(phone_number("447700900123"), Err(Problem::MissingPlus));
    assert_eq!(phone_number("0044 7700 900123"), Err(Problem::MissingPlus));
    assert_eq!(phone_number("+44 7700 9OO123"), Err(Problem::NotDigits));
    assert_eq!(phone_number("++447700900123"), Err(Problem::NotDigits));
    assert_eq!(phone_number("+44 7700 900123 ext 4"), Err(Problem::NotDigits));
}

#[test]
fn needs_a_calling_code_in_use() {
    assert_eq!(phone_number("+999 1234567"), Err(Problem::UnknownCountryCode));
    assert_eq!(phone_number("+800 12345678"), Err(Problem::UnknownCountryCode));
    assert_eq!(phone_number("+259 1234567"), Err(Problem::UnknownCountryCode));
}

#[test]
fn fifteen_digits_in_all_on_both_sides() {
    // Italy has no plan here, so only E.164's bounds apply.
    assert_eq!(phone_number("+39 0612 3456789 0"), Ok("+39061234567890".into()));
    assert_eq!(phone_number("+39 0612 3456789 01"), Ok("+390612345678901".into()));
    assert_eq!(phone_number("+39 0612 3456789 012"), Err(Problem::TooManyDigits { max: 15 }));
    // The bound holds before a plan's own: German numbers are open-ended.
    assert_eq!(phone_number("+49 3012 3456 7890 1"), Ok("+493012345678901".into()));
    assert_eq!(phone_number("+49 3012 3456 7890 12"), Err(Problem::TooManyDigits { max: 15 }));
}

#[test]
fn a_sane_minimum_without_a_plan() {
    assert_eq!(phone_number("+683 4002"), Ok("+6834002".into())); // Niue
    assert_eq!(phone_number("+683 400"), Err(Problem::TooFewDigits { min: 7 }));
    assert_eq!(phone_number("+39 0612"), Ok("+390612".into()));
    assert_eq!(phone_number("+39 061"), Err(Problem::TooFewDigits { min: 6 }));
}

#[test]
fn applies_the_country_plans() {
    assert_eq!(phone_number("+1 202 555 0123"), Ok("+12025550123".into()));
    assert_eq!(phone_number("+1 613 555 0123"), Ok("+16135550123".into())); // Ottawa
    assert_eq!(phone_number("+1 102 555 0123"), Err(Problem::InvalidNumberRange { calling_code: "1" }));
    assert_eq!(phone_number("+1 959 123 4567"), Ok("+19591234567".into()));
    assert_eq!(
        phone_number("+1 202 555 012"),
        Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 })
    );
    assert_eq!(phone_number("+44 7700 900123"), Ok("+447700900123".into()));
    assert_eq!(phone_number("+44 07700 900123"), Err(Problem::InvalidNumberRange { calling_code: "44" }));
    assert_eq!(phone_number("+49 1512 3456789"), Ok("+4915123456789".into()));
    assert_eq!(phone_number("+33 6 12 34 56 78"), Ok("+33612345678".into()));
    assert_eq!(phone_number("+34 612 345 678"), Ok("+34612345678".into()));
    assert_eq!(phone_number("+31 6 12345678"), Ok("+31612345678".into()));
    assert_eq!(phone_number("+353 85 012 3456"), Ok("+353850123456".into()));
    assert_eq!(phone_number("+61 412 345 678"), Ok("+61412345678".into()));
}

#[test]
fn national_numbers_lose_their_trunk_prefix() {
    assert_eq!(national_to_e164("GB", "07700 900123"), Ok("+447700900123".into()));
    assert_eq!(national_to_e164("GB", "7700 900123"), Ok("+447700900123".into()));
    assert_eq!(national_to_e164("gb", "(0)7700 900123"), Ok("+447700900123".into()));
    assert_eq!(national_to_e164("DE", "0151 23456789"), Ok("+4915123456789".into()));
    assert_eq!(national_to_e164("FR", "06 12 34 56 78"), Ok("+33612345678".into()));
    assert_eq!(national_to_e164("AU", "0412 345 678"), Ok("+61412345678".into()));
    assert_eq!(national_to_e164("US", "1 (202) 555-0123"), Ok("+12025550123".into()));
    assert_eq!(national_to_e164("US", "202-555-0123"), Ok("+12025550123".into()));
    assert_eq!(national_to_e164("CA", "613.555.0123"), Ok("+16135550123".into()));
}

#[test]
fn a_leading_one_in_the_nanp_is_the_trunk_prefix() {
    assert_eq!(
        national_to_e164("US", "1202555012"),
        Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 })
    );
    assert_eq!(
        national_to_e164("US", "12025550123 4"),
        Err(Problem::WrongLength { calling_code: "1", expected: 10..=10 })
    );
}

#[test]
fn spain_has_no_trunk_prefix() {
    assert_eq!(national_to_e164("ES", "612 345 678"), Ok("+34612345678".into()));
    assert_eq!(
        national_to_e164("ES", "0612 345 678"),
        Err(Problem::InvalidNumberRange { calling_code: "34" })
    );
}

#[test]
fn pasted_international_numbers_must_match_the_country() {
    assert_eq!(national_to_e164("GB", "+44 7700 900123"), Ok("+447700900123".into()));
    assert_eq!(national_to_e164("GB", "0044 7700 900123"), Ok("+447700900123".into()));
    assert_eq!(national_to_e164("IE", "00353 85 012 3456"), Ok("+353850123456".into()));
    assert_eq!(national_to_e164("US", "+1 613 555 0123"), Ok("+16135550123".into())); // any NANP number
    let not_gb = Err(Problem::CountryCodeMismatch { expected: "44" });
    assert_eq!(national_to_e164("GB", "+33 6 12 34 56 78"), not_gb);
    assert_eq!(national_to_e164("GB", "0033 6 12 34 56 78"), not_gb);
    assert_eq!(national_to_e164("GB", "+353 85 012 3456"), not_gb);
    assert_eq!(
        national_to_e164("IE", "+44 7700 900123"),
        Err(Problem::CountryCodeMismatch { expected: "353" })
    );
}

#[test]
fn national_numbers_are_still_checked() {
    assert_eq!(national_to_e164("GB", ""), Err(Problem::Required));
    assert_eq!(national_to_e164("GB", "07700 9OO123"), Err(Problem::NotDigits));
    assert_eq!(
        national_to_e164("GB", "07700 90012"),
        Err(Problem::WrongLength { calling_code: "44", expected: 10..=10 })
    );
    assert_eq!(national_to_e164("GB", "+44 77OO"), Err(Problem::NotDigits));
}

#[test]
fn unsupported_countries_are_refused() {
    assert_eq!(national_to_e164("IT", "06 1234 5678"), Err(Problem::UnsupportedCountry));
    assert_eq!(national_to_e164("XX", "06 1234 5678"), Err(Problem::UnsupportedCountry));
    assert_eq!(national_to_e164("", "06 1234 5678"), Err(Problem::UnsupportedCountry));
}
