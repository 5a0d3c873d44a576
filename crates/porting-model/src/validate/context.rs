//! What the rules need to know about a porting, derived in one place so the widget and the
//! proxy check a field against the same expectations.

use std::ops::RangeInclusive;

use super::calendar::CalendarDate;
use super::fields::Context;
use super::phone::{calling_code_of, PHONE_COUNTRIES};
use super::pin::PinKind;
use crate::porting::Porting;
use crate::values::Behavior;

/// What a known donor brand expects, where it differs from the defaults.
struct DonorRule {
    /// Matched against the service provider's name, ignoring case.
    name: &'static str,
    pin: PinKind,
    account_number_len: Option<RangeInclusive<usize>>,
}

/// Carrier facts: T-Mobile (and Metro) issue 6-digit transfer PINs and 9-digit account numbers;
/// Verizon's transfer PIN is 6 digits, its prepaid account PIN 4.
const DONOR_RULES: &[DonorRule] = &[
    DonorRule { name: "T-Mobile", pin: PinKind::Digits { min: 6, max: 6 }, account_number_len: Some(9..=9) },
    DonorRule {
        name: "Metro by T-Mobile",
        pin: PinKind::Digits { min: 6, max: 6 },
        account_number_len: Some(9..=9),
    },
    DonorRule { name: "Verizon", pin: PinKind::Digits { min: 4, max: 6 }, account_number_len: None },
];

impl Context {
    /// The expectations for fields of `porting` (see [`Context::for_parts`]) in an update that
    /// names the donor `donor_name` (one the buyer just picked), else for the porting's own donor:
    /// the proxy checks an update against the donor its body names.
    pub fn for_porting(porting: &Porting, donor_name: Option<&str>, today: CalendarDate) -> Context {
        let donor = donor_name.or(porting.donor_provider.as_ref().map(|donor| donor.name.as_str()));
        Context::for_parts(&porting.phone_number, &porting.behavior, donor, today)
    }

    /// What a porting of `phone_number` from `donor_name` expects, also before it exists: a PAC
    /// (or STAC to cancel only) in the UK, a known US donor's own lengths, else the US defaults;
    /// in any other country no more than one line of text.
    pub fn for_parts(
        phone_number: &str,
        behavior: &Behavior,
        donor_name: Option<&str>,
        today: CalendarDate,
    ) -> Context {
        let recipient_country = recipient_country(phone_number);
        // The carrier facts are of US brands: a T-Mobile of another country has its own.
        let donor = donor_name
            .filter(|_| recipient_country == "US")
            .and_then(|name| DONOR_RULES.iter().find(|rule| rule.name.eq_ignore_ascii_case(name.trim())));
        let pin = match (recipient_country, behavior, donor) {
            ("GB", Behavior::CancelOnly, _) => PinKind::Stac,
            ("GB", _, _) => PinKind::Pac,
            ("US", _, Some(rule)) => rule.pin,
            ("US", _, None) => PinKind::DEFAULT,
            _ => PinKind::Text,
        };
        Context {
            today,
            pin,
            account_number_len: donor.and_then(|rule| rule.account_number_len.clone()),
            recipient_country: recipient_country.into(),
        }
    }
}

/// The recipient network's country for a porting of `phone_number` (E.164), as a number stays
/// in its country: ISO 3166-1 alpha-2 among [`PHONE_COUNTRIES`], blank for any other.
pub fn recipient_country(phone_number: &str) -> &'static str {
    match phone_number.strip_prefix('+').and_then(calling_code_of) {
        // The North American plan: Canada's numbers too take the US rules.
        Some("1") => "US",
        Some(code) => PHONE_COUNTRIES.iter().find(|(_, c)| *c == code).map_or("", |&(iso2, _)| iso2),
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::porting::ServiceProvider;
    use crate::validate::account::account_number;
    use crate::validate::pin::account_pin;
    use crate::validate::Problem;

    fn porting(phone: &str, donor: Option<&str>, behavior: Behavior) -> Porting {
        let mut porting: Porting = serde_json::from_value(serde_json::json!({
            "object": "porting", "id": "prt_1", "accountNumber": null, "address": null, "birthday": null,
            "canceledAt": null, "completedAt": null, "createdAt": "2026-01-01T00:00:00Z",
            "declinedCode": null, "declinedMessage": null, "donorProvider": null,
            "donorProviderApproval": null, "expiredAt": null, "firstName": null, "lastDeclinedAt": null,
            "lastName": null, "lastRequestedAt": null, "phoneNumber": phone, "provider": "p9",
            "recipientProvider": {"object": "serviceProvider", "id": "svp_p9", "name": "Gigs"},
            "scheduledOn": null, "status": "informationRequired", "subscription": null, "user": "usr_1"
        }))
        .unwrap();
        porting.behavior = behavior;
        porting.donor_provider = donor.map(|name| ServiceProvider {
            object: "serviceProvider".into(),
            id: "svp_x".into(),
            name: name.into(),
            recipient_providers: vec![],
        });
        porting
    }

    fn today() -> CalendarDate {
        CalendarDate::new(2026, 11, 26).unwrap()
    }

    #[test]
    fn uk_numbers_take_a_pac_or_for_cancel_only_a_stac() {
        let port =
            Context::for_porting(&porting("+447700900123", Some("EE"), Behavior::PortIn), None, today());
        assert_eq!((port.pin, port.recipient_country.as_str()), (PinKind::Pac, "GB"));
        let cancel =
            Context::for_porting(&porting("+447700900123", None, Behavior::CancelOnly), None, today());
        assert_eq!(cancel.pin, PinKind::Stac);
    }

    #[test]
    fn known_us_donors_bring_their_lengths_and_others_the_defaults() {
        let tmobile =
            Context::for_porting(&porting("+12015550123", Some("t-mobile"), Behavior::PortIn), None, today());
        assert_eq!(tmobile.pin, PinKind::Digits { min: 6, max: 6 });
        assert_eq!(tmobile.account_number_len, Some(9..=9));
        let other =
            Context::for_porting(&porting("+12015550123", Some("AT&T"), Behavior::PortIn), None, today());
        assert_eq!((other.pin, other.account_number_len), (PinKind::DEFAULT, None));
        assert_eq!(other.recipient_country, "US");
        let none = Context::for_porting(&porting("+12015550123", None, Behavior::PortIn), None, today());
        assert_eq!(none.pin, PinKind::DEFAULT);
    }

    #[test]
    fn the_country_follows_the_calling_code_and_plus_one_is_north_american() {
        for (number, country) in [
            ("+447700900123", "GB"),
            ("+12015550123", "US"),
            ("+14165550123", "US"), // Toronto
            ("+4915123456789", "DE"),
            ("+33612345678", "FR"),
            ("+353850123456", "IE"),
            ("+81312345678", ""),
            ("4915123456789", ""),
            ("", ""),
        ] {
            assert_eq!(recipient_country(number), country, "{number}");
        }
    }

    #[test]
    fn numbers_outside_the_us_and_uk_take_any_one_line_as_pin() {
        for number in ["+4915123456789", "+33612345678", "+31612345678", "+81312345678"] {
            let context = Context::for_parts(number, &Behavior::PortIn, Some("T-Mobile"), today());
            assert_eq!((context.pin, context.account_number_len), (PinKind::Text, None), "{number}");
            assert_eq!(account_pin("Kennwort-7.x", context.pin), Ok("Kennwort-7.x".into()), "{number}");
        }
        // Canada shares +1 and the North American carriers' rules.
        let toronto = Context::for_parts("+14165550123", &Behavior::PortIn, None, today());
        assert_eq!(account_pin("12a4", toronto.pin), Err(Problem::NotDigits));
    }

    /// Lengths just outside and just inside `min..=max`, each with whether it is valid.
    fn both_sides(min: usize, max: usize) -> [(usize, bool); 4] {
        [(min - 1, false), (min, true), (max, true), (max + 1, false)]
    }

    #[test]
    fn each_known_donors_pin_and_account_number_lengths_hold_on_both_sides() {
        for rule in DONOR_RULES {
            let context = Context::for_parts("+12015550123", &Behavior::PortIn, Some(rule.name), today());
            let PinKind::Digits { min, max } = context.pin else {
                panic!("{}: {:?}", rule.name, context.pin)
            };
            for (len, valid) in both_sides(min, max) {
                let pin = account_pin(&"7".repeat(len), context.pin);
                assert_eq!(pin.is_ok(), valid, "{} PIN of {len} digits: {pin:?}", rule.name);
            }
            let Some(range) = context.account_number_len else { continue };
            for (len, valid) in both_sides(*range.start(), *range.end()) {
                let number = account_number(&"7".repeat(len), Some(range.clone()));
                assert_eq!(number.is_ok(), valid, "{} account number of {len} digits: {number:?}", rule.name);
            }
        }
        // Verizon's own bounds, spelled out: 3 and 7 digits are refused, 4 and 6 taken.
        let verizon = Context::for_parts("+12015550123", &Behavior::PortIn, Some("Verizon"), today()).pin;
        assert_eq!(account_pin("123", verizon), Err(Problem::TooFewDigits { min: 4 }));
        assert_eq!(account_pin("1234", verizon), Ok("1234".into()));
        assert_eq!(account_pin("123456", verizon), Ok("123456".into()));
        assert_eq!(account_pin("1234567", verizon), Err(Problem::TooManyDigits { max: 6 }));
    }

    #[test]
    fn a_porting_and_its_parts_give_the_same_context() {
        let porting = porting("+12015550123", Some("Verizon"), Behavior::PortIn);
        assert_eq!(
            Context::for_porting(&porting, None, today()),
            Context::for_parts("+12015550123", &Behavior::PortIn, Some("Verizon"), today())
        );
    }

    #[test]
    fn a_donor_named_in_an_update_outranks_the_portings_own() {
        let porting = porting("+12015550123", Some("AT&T"), Behavior::PortIn);
        let picked = Context::for_porting(&porting, Some("T-Mobile"), today());
        assert_eq!(picked.pin, PinKind::Digits { min: 6, max: 6 });
        assert_eq!(picked.account_number_len, Some(9..=9));
    }
}
