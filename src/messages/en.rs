//! The English catalog.

use porting_model::validate::Problem;
use porting_model::DeclineCode;

use super::places::subdivision_names;
use super::Messages;
use crate::form::Field;

pub const EN: Messages = Messages {
    lang: "en",
    title: "Keep your phone number",
    loading: "Loading your number transfer…",
    number_label: "Number",
    status_label: "Status",
    retry: "Try again",
    status_draft: "Not started yet",
    status_pending: "Getting ready",
    status_information_required: "We need a few details from you",
    status_requested: "Transfer requested from your current provider",
    status_declined: "Your current provider declined the transfer",
    status_completed: "Your number has been transferred",
    status_canceled: "The transfer was canceled",
    status_expired: "The transfer expired",
    status_failed: "The transfer failed",
    status_unknown: "Transfer in progress",
    error_unreachable: "We couldn't reach the number transfer service. Check your connection and try again.",
    error_session: "Your session has expired. Reload the page to continue.",
    error_not_found: "We couldn't find this number transfer.",
    error_server: "The number transfer service is having trouble. Please try again in a moment.",
    error_unparseable: "The number transfer service sent an answer we couldn't read. Please try again.",
    error_request: "The number transfer service refused the request:",
    error_config_missing: "This page hasn't given the number transfer form all it needs to start. Please \
                           try again later or contact us.",
    error_config_invalid: "This page has set up the number transfer form incorrectly. Please try again \
                           later or contact us.",
    error_conflict: "This number transfer can't be changed any more.",
    error_rate_limited: "Too many attempts in a short time. Wait a moment, then try again.",

    create_intro: "Tell us the number you want to keep and who provides it now.",
    create_submit: "Continue",
    creating: "Starting your transfer…",
    phone_country: |name, code| format!("{name} (+{code})"),

    form_intro: "Your current provider needs these details to release your number. You'll find them on \
                 your bill or in your online account.",
    submit: "Send details",
    submitting: "Sending your details…",
    saved: "Thank you. Your details have been sent.",
    moved_on: "Your number transfer moved on while this page was open, so nothing was changed. Here is where it stands now.",
    answers_kept: "Your answers are still here.",
    error_summary_title: "There is a problem",
    error_prefix: "Error: ",
    change: "Change",
    change_label: |label| format!("Change {label}"),
    show: "Show",
    show_label: |label| format!("Show {label}"),
    hide: "Hide",
    hide_label: |label| format!("Hide {label}"),
    choose: "Choose",
    unknown_required: |names| {
        let names = names.join(", ");
        format!(
            "Your current provider also needs something this form can't collect yet ({names}). Please contact \
             us to finish your number transfer."
        )
    },
    section_carrier: "Your current provider",
    section_holder: "Account holder",
    section_address: "Account holder's address",
    section_approval: "Approval",
    holder_hint: "As they appear on the account with your current provider.",

    label_phone_country: "Country of the number",
    label_phone_number: "Phone number",
    hint_phone_number: "The mobile number you want to keep.",
    label_donor: "Current provider",
    hint_donor: "Start typing, then choose from the list.",
    label_account_number: "Account number",
    hint_account_number: "It's on your bill and in your online account.",
    label_pin: "Number transfer PIN",
    hint_pin_other: "Your current provider gives it to you on request, in their app or by phone.",
    hint_pin: |min, max| {
        format!("{min} to {max} digits. Your current provider gives it to you on request, in their app or by phone.")
    },
    hint_pin_exact: |digits| {
        format!("{digits} digits. Your current provider gives it to you on request, in their app or by phone.")
    },
    label_pac: "PAC",
    hint_pac: "3 letters and 6 numbers, like ABC123456. Text PAC to 65075 to get it free.",
    label_stac: "STAC",
    hint_stac: "6 numbers and 3 letters, like 123456ABC. Text STAC to 75075 to get it free.",
    label_billing_pin: "Billing PIN",
    hint_billing_pin: "The PIN or passcode that protects your account with your current provider. It's not the \
                       transfer PIN.",
    label_account_type: "What kind of account is this number on?",
    account_type_postpaid_multi: "Bill pay, several lines",
    account_type_postpaid_multi_hint: "You get a monthly bill that covers more than one phone number.",
    account_type_postpaid_single: "Bill pay, one line",
    account_type_postpaid_single_hint: "You get a monthly bill for this phone number only.",
    account_type_prepaid_registered: "Prepaid, registered",
    account_type_prepaid_registered_hint: "You top up in advance, and your name and details are registered \
                                           with your provider.",
    account_type_prepaid_unregistered: "Prepaid, not registered",
    account_type_prepaid_unregistered_hint: "You top up in advance and never gave your provider your name.",
    help_title: "Where do I find this?",
    help_loading: "Loading help…",
    help_failed: "This help couldn't be loaded. Your current provider can tell you, in their app or by phone.",
    hint_pin_on_file: |hint| format!("{hint} We already have yours: leave this blank to keep it."),
    label_first_name: "First name",
    label_last_name: "Last name",
    label_birthday: "Date of birth",
    hint_birthday: "For example, 27 3 1985",
    label_day: "Day",
    label_month: "Month",
    label_year: "Year",
    label_country: "Country",
    label_line1: "Address line 1",
    label_line2: "Address line 2 (optional)",
    label_city: "Town or city",
    label_state: "State",
    label_province: "Province or territory",
    label_zip: "ZIP code",
    label_postcode: "Postcode",
    label_address: "Address",
    label_behavior: "What should happen to this number?",
    behavior_port_in: "Move it to my new plan",
    behavior_port_in_hint: "You keep your number. You'll need a PAC from your current provider (text PAC to 65075).",
    behavior_cancel_only: "Just end my old contract",
    behavior_cancel_only_hint: "Your new plan gets a new number and this one is given up. You'll need a STAC \
                                (text STAC to 75075).",
    label_scheduled_on: "When should your number move?",
    hint_scheduled_on: "Choose a working day, or leave it to move as soon as possible.",
    scheduled_asap: "As soon as possible",
    label_approval: "I have approved this transfer with my current provider",

    pin_provided: "Provided",
    approved: "Yes",
    account_ending: |last| format!("Ending in {last}"),

    providers_loading: "Loading the list of providers…",
    providers_failed: "We couldn't load the list of providers.",
    providers_none: "There are no providers to choose from.",
    no_provider_match: |query| format!("No provider matches “{query}”."),
    provider_results: |count| match count {
        1 => "1 provider. Use the up and down arrows to choose it.".to_owned(),
        n => format!("{n} providers. Use the up and down arrows to choose one."),
    },

    next_draft: "Your transfer starts once your order is complete.",
    next_pending: "We're getting your new line ready. Then we ask your current provider for your number, \
                   usually within a few minutes.",
    next_information_required: "Your current provider needs a few details before it can release your number.",
    next_requested: "We've asked your current provider to release your number. This usually takes a few \
                     minutes, and at most one working day. This page updates by itself.",
    next_scheduled: |day| format!("Your number moves on {day}. Until then it keeps working with your current provider."),
    next_completed: "Your number now works with your new plan. You don't need to do anything else.",
    next_canceled: "Your new line will get a new phone number. This number stays with your current provider.",
    next_expired: "The request wasn't completed in time, so your number stays with your current provider. \
                   Contact us if you still want to keep it.",
    next_failed: "Your number couldn't be moved, so it stays with your current provider for now. \
                  Contact us and we'll help you find out why and try again.",
    next_unknown: "Your number transfer is being processed. This page updates by itself.",
    guidance,
    declined_message: "Your current provider said:",
    history: "History",
    moment_created: "Transfer started",
    moment_requested: "Details sent to your current provider",
    moment_declined: |attempts| match attempts {
        1 => "Declined by your current provider".to_owned(),
        n => format!("Declined by your current provider ({n} times)"),
    },
    moment_completed: "Number transferred",
    moment_canceled: "Transfer canceled",
    moment_expired: "Transfer expired",
    moment_failed: "Transfer failed",
    fix_intro: "Correct the details below and send them. We'll ask your current provider again straight away.",
    try_again_done: "I've done this, try again",
    trying_again: "Asking your current provider again…",
    tried_again: "We've asked your current provider again.",
    cancel: "Cancel the transfer",
    cancel_title: "Cancel your number transfer?",
    cancel_explain: "If you cancel, your new line gets a new phone number and this number stays with your \
                     current provider. This can't be undone.",
    cancel_confirm: "Yes, cancel the transfer",
    cancel_keep: "No, keep the transfer",
    canceling: "Canceling your transfer…",
    announce: |status| format!("Number transfer update: {status}."),
    live_ended: "Your session has ended, so this page no longer updates. Reload the page to see the latest status.",
    getting_ready: "Getting ready…",
    code_missing: "This form couldn't finish loading, so it can't be sent yet. Check your connection and reload the page. What you typed stays here until you do.",
    unsupported_browser: "This browser can't run the form to keep your number. Open this page in an up-to-date browser, such as Safari, Chrome, Firefox or Edge, or contact us to transfer your number.",
    retry_in: |seconds| match seconds {
        1 => "Try again in 1 second".to_owned(),
        n => format!("Try again in {n} seconds"),
    },

    problem,
    country_name,
    subdivisions: subdivision_names,
    overrides: &[],
};

/// What a decline means and what the buyer can do, by its code (`None`: no code, or one this
/// version does not know).
fn guidance(code: Option<&DeclineCode>) -> &'static str {
    let Some(code) = code else {
        return "Your current provider declined the transfer. Check the details with them, then try again.";
    };
    match code {
        DeclineCode::AccountNumberRequiredOrInvalid => {
            "The account number doesn't match your current provider's records. Check it on your bill or \
             online account, correct it below and send it again."
        }
        DeclineCode::AccountPinRequiredOrInvalid => {
            "The transfer PIN or code is wrong or has expired. Get a new one from your current provider, \
             enter it below and send it again."
        }
        DeclineCode::AddressRequiredOrInvalid => {
            "The address doesn't match your current provider's records. Enter it exactly as it appears on \
             your bill and send it again."
        }
        DeclineCode::ZipCodeRequiredOrInvalid => {
            "The ZIP code or postcode doesn't match your current provider's records. Check the address \
             below, correct it and send it again."
        }
        DeclineCode::FirstNameRequiredOrInvalid => {
            "The first name doesn't match the account holder's. Enter it as it appears on your bill and \
             send it again."
        }
        DeclineCode::LastNameRequiredOrInvalid => {
            "The last name doesn't match the account holder's. Enter it as it appears on your bill and \
             send it again."
        }
        DeclineCode::UserInformationMismatch => {
            "The account holder's details don't match your current provider's records. Check them \
             against your bill, correct them below and send them again."
        }
        DeclineCode::PhoneNumberPortProtected => {
            "Your number has port protection (also called a number lock or port freeze). Ask your \
             current provider to turn it off, in their app, online or by phone, then try again."
        }
        DeclineCode::PhoneNumberAdministrative => {
            "Your current provider has put a hold on your number. Ask them to remove it, then try again."
        }
        DeclineCode::Declined => {
            "Your current provider declined the transfer without giving a reason. Ask them why and what \
             to change, then try again."
        }
        DeclineCode::Duplicated => {
            "A transfer of this number is already under way. There's nothing to fix here: you can cancel \
             this one."
        }
        DeclineCode::PendingOtherProvider => {
            "This number is being moved to another provider. If that wasn't you, contact your current \
             provider. You can cancel this transfer and keep a new number."
        }
        DeclineCode::PhoneNumberNotActive => {
            "This number isn't active with your current provider, so it can't be moved. Check the number, \
             or cancel and take a new one."
        }
        DeclineCode::PhoneNumberNotFound => {
            "Your current provider doesn't know this number. Check that it's right and who provides it; \
             you can cancel this transfer and start again."
        }
        DeclineCode::PhoneNumberPrepaid => {
            "Your current provider doesn't release this prepaid number. Ask them about moving it, or \
             cancel and take a new number."
        }
        DeclineCode::SameNewAndOldNetworkProvider => {
            "This number is already on our network, so there's nothing to move. You can cancel this \
             transfer."
        }
        DeclineCode::Unknown(_) => guidance(None),
    }
}

/// Messages in the GOV.UK style: say what to do, specific to the field and the problem.
fn problem(m: &Messages, field: Field, problem: &Problem) -> String {
    use Field as F;
    use Problem as P;
    let label = m.label(field);
    match (field, problem) {
        (F::PhoneNumber, P::Required) => "Enter the phone number you want to keep".into(),
        (F::PhoneNumber, P::NotDigits) => {
            "Enter the phone number using only numbers, spaces and dashes".into()
        }
        (F::PhoneNumber, P::CountryCodeMismatch { expected }) => {
            format!("This number doesn't start with +{expected}. Choose the country it belongs to")
        }
        (F::PhoneNumber, P::WrongLength { .. } | P::TooFewDigits { .. } | P::TooManyDigits { .. }) => {
            "Check the phone number: it has too few or too many digits".into()
        }
        (F::PhoneNumber, P::InvalidNumberRange { .. } | P::UnknownCountryCode) => {
            "Check the phone number: no number in that country starts like this".into()
        }
        (F::PhoneCountry | F::PhoneNumber, _) => "Choose the country of the number".into(),
        (F::DonorProvider, _) => "Choose your current provider from the list".into(),
        (F::AccountNumber, P::Required) => "Enter your account number".into(),
        (F::AccountNumber, P::TooShort { min }) => {
            format!("Account number must be at least {min} characters")
        }
        (F::AccountNumber, P::TooLong { max }) => format!("Account number must be {max} characters or fewer"),
        (F::AccountPin, P::Required) => "Enter the code your current provider gave you".into(),
        (F::AccountPin, P::NotDigits) => "Transfer PIN must contain only numbers".into(),
        (F::AccountPin, P::TooFewDigits { min }) => format!("Transfer PIN must have at least {min} digits"),
        (F::AccountPin, P::TooManyDigits { max }) => format!("Transfer PIN must have {max} digits or fewer"),
        (F::AccountPin, P::InvalidPac) => "Enter a PAC like ABC123456: 3 letters, then 6 numbers".into(),
        (F::AccountPin, P::InvalidStac) => "Enter a STAC like 123456ABC: 6 numbers, then 3 letters".into(),
        (F::AccountPin, P::StacInsteadOfPac) => {
            "This is a STAC, which only ends your contract. To keep your number, text PAC to 65075 for a PAC"
                .into()
        }
        (F::AccountPin, P::PacInsteadOfStac) => {
            "This is a PAC, which moves your number. To only end your contract, text STAC to 75075 for a STAC"
                .into()
        }
        (F::BillingPin, P::Required) => "Enter your billing PIN".into(),
        (F::BillingPin, P::NotDigits) => "Billing PIN must contain only numbers".into(),
        (F::BillingPin, P::TooFewDigits { min }) => format!("Billing PIN must have at least {min} digits"),
        (F::BillingPin, P::TooManyDigits { max }) => format!("Billing PIN must have {max} digits or fewer"),
        (F::AccountType, _) => "Choose the kind of account this number is on".into(),
        (F::FirstName, P::Required) => "Enter the account holder's first name".into(),
        (F::LastName, P::Required) => "Enter the account holder's last name".into(),
        (F::Birthday, P::Required) => "Enter the account holder's date of birth".into(),
        (F::Birthday, P::NotADate) => "Date of birth must be a real date, with a 4-digit year".into(),
        (F::Birthday, P::NotInPast) => "Date of birth must be in the past".into(),
        (F::Birthday, P::TooOld { max_years }) => {
            format!("Check the year of birth: the account holder can't be over {max_years}")
        }
        (F::Line1, P::Required) => "Enter address line 1, usually the building and street".into(),
        (F::City, P::Required) => "Enter the town or city".into(),
        (F::PostalCode, P::Required) => "Enter the ZIP code or postcode".into(),
        (F::PostalCode, P::InvalidZip) => "Enter a real ZIP code, like 10024 or 10024-1234".into(),
        (F::PostalCode, _) => "Enter a real postcode for the country".into(),
        (F::State, _) => "Choose the state or province".into(),
        (F::Country, _) => "Choose the country".into(),
        (F::Approval, _) => "Confirm that you have approved the transfer with your current provider".into(),
        (F::Behavior, _) => "Choose whether to move your number or just end your old contract".into(),
        (F::ScheduledOn, P::NotInFuture) => "Choose a day after today".into(),
        (F::ScheduledOn, P::ScheduleOnlyUk) => "Only UK numbers can choose the day they move".into(),
        (_, P::TooLong { max }) => format!("{label} must be {max} characters or fewer"),
        (_, P::NoLetter) => format!("{label} must contain a letter"),
        (_, P::ControlCharacter) => format!("{label} must not contain line breaks or hidden characters"),
        _ => format!("{label} is not valid"),
    }
}

fn country_name(code: &str) -> &'static str {
    match code {
        "AU" => "Australia",
        "CA" => "Canada",
        "DE" => "Germany",
        "ES" => "Spain",
        "FR" => "France",
        "GB" => "United Kingdom",
        "IE" => "Ireland",
        "NL" => "Netherlands",
        "US" => "United States",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issues_invalid_inputs_get_specific_messages() {
        let wrong_length = Problem::WrongLength { calling_code: "1", expected: 10..=10 };
        let texts = [
            problem(&EN, Field::PhoneNumber, &wrong_length),
            problem(&EN, Field::AccountPin, &Problem::NotDigits),
            problem(&EN, Field::Birthday, &Problem::NotInPast),
            problem(&EN, Field::PostalCode, &Problem::InvalidZip),
        ];
        assert!(texts[0].contains("phone number"), "{}", texts[0]);
        assert!(texts[1].contains("only numbers"));
        assert!(texts[2].contains("in the past"));
        assert!(texts[3].contains("ZIP code"));
    }

    #[test]
    fn every_required_field_says_what_to_enter() {
        // The second address line and the day are optional, so never required.
        for field in Field::ALL.into_iter().filter(|f| !matches!(f, Field::Line2 | Field::ScheduledOn)) {
            let text = problem(&EN, field, &Problem::Required);
            assert!(!text.ends_with("is not valid"), "{field:?}: {text}");
        }
    }

    #[test]
    fn values_appear_in_parametrised_messages() {
        assert!(problem(&EN, Field::AccountPin, &Problem::TooFewDigits { min: 6 }).contains('6'));
        assert!(
            problem(&EN, Field::FirstName, &Problem::TooLong { max: 50 }).starts_with(EN.label_first_name)
        );
        assert_eq!(EN.hint_pin_exact(6).split('.').next(), Some("6 digits"));
        assert!(EN
            .unknown_required(&["ssnLast4".into(), "simSerial".into()])
            .contains("ssnLast4, simSerial"));
        assert_ne!(EN.provider_results(1), EN.provider_results(2));
    }
}
