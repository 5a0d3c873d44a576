//! The German catalog, addressing the buyer as "Sie", as German checkouts do.

use porting_model::validate::Problem;
use porting_model::DeclineCode;

use super::places::subdivision_names;
use super::Messages;
use crate::form::Field;

pub const DE: Messages = Messages {
    lang: "de",
    title: "Rufnummer behalten",
    loading: "Ihre Rufnummernmitnahme wird geladen …",
    number_label: "Nummer",
    status_label: "Status",
    retry: "Erneut versuchen",
    status_draft: "Noch nicht gestartet",
    status_pending: "Wird vorbereitet",
    status_information_required: "Wir brauchen noch einige Angaben von Ihnen",
    status_requested: "Mitnahme bei Ihrem bisherigen Anbieter beantragt",
    status_declined: "Ihr bisheriger Anbieter hat die Mitnahme abgelehnt",
    status_completed: "Ihre Rufnummer wurde übertragen",
    status_canceled: "Die Mitnahme wurde storniert",
    status_expired: "Die Mitnahme ist abgelaufen",
    status_unknown: "Mitnahme in Bearbeitung",
    error_unreachable: "Der Dienst für die Rufnummernmitnahme ist nicht erreichbar. Prüfen Sie Ihre \
                        Verbindung und versuchen Sie es erneut.",
    error_session: "Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu, um fortzufahren.",
    error_not_found: "Diese Rufnummernmitnahme wurde nicht gefunden.",
    error_server: "Beim Dienst für die Rufnummernmitnahme gibt es gerade Probleme. Bitte versuchen Sie es \
                   gleich noch einmal.",
    error_unparseable: "Der Dienst für die Rufnummernmitnahme hat eine unlesbare Antwort geschickt. Bitte \
                        versuchen Sie es erneut.",
    error_request: "Der Dienst für die Rufnummernmitnahme hat die Anfrage abgelehnt:",
    error_config_missing: "Diese Seite hat dem Formular für die Rufnummernmitnahme nicht alles mitgegeben, \
                           was es zum Start braucht. Bitte versuchen Sie es später erneut oder kontaktieren \
                           Sie uns.",
    error_config_invalid: "Diese Seite hat das Formular für die Rufnummernmitnahme falsch eingerichtet. \
                           Bitte versuchen Sie es später erneut oder kontaktieren Sie uns.",
    error_conflict: "Diese Rufnummernmitnahme kann nicht mehr geändert werden.",
    error_rate_limited: "Zu viele Versuche in kurzer Zeit. Warten Sie einen Moment und versuchen Sie es \
                         dann erneut.",

    create_intro: "Nennen Sie uns die Nummer, die Sie behalten möchten, und Ihren bisherigen Anbieter.",
    create_submit: "Weiter",
    creating: "Ihre Mitnahme wird gestartet …",
    phone_country: |name, code| format!("{name} (+{code})"),

    form_intro: "Ihr bisheriger Anbieter braucht diese Angaben, um Ihre Nummer freizugeben. Sie finden sie \
                 auf Ihrer Rechnung oder in Ihrem Kundenkonto.",
    submit: "Angaben senden",
    submitting: "Ihre Angaben werden gesendet …",
    saved: "Vielen Dank. Ihre Angaben wurden gesendet.",
    moved_on: "Ihre Rufnummernmitnahme ist weitergegangen, während diese Seite offen war, daher wurde \
               nichts geändert. Hier sehen Sie den aktuellen Stand.",
    answers_kept: "Ihre Eingaben sind noch da.",
    error_summary_title: "Es gibt ein Problem",
    error_prefix: "Fehler: ",
    change: "Ändern",
    change_label: |label| format!("{label} ändern"),
    show: "Anzeigen",
    show_label: |label| format!("{label} anzeigen"),
    hide: "Verbergen",
    hide_label: |label| format!("{label} verbergen"),
    choose: "Auswählen",
    unknown_required: |names| {
        let names = names.join(", ");
        format!(
            "Ihr bisheriger Anbieter braucht außerdem etwas, das dieses Formular noch nicht abfragen kann \
             ({names}). Bitte kontaktieren Sie uns, um Ihre Rufnummernmitnahme abzuschließen."
        )
    },
    section_carrier: "Ihr bisheriger Anbieter",
    section_holder: "Vertragsinhaber",
    section_address: "Adresse des Vertragsinhabers",
    section_approval: "Zustimmung",
    holder_hint: "So, wie sie im Vertrag bei Ihrem bisherigen Anbieter stehen.",

    label_phone_country: "Land der Nummer",
    label_phone_number: "Rufnummer",
    hint_phone_number: "Die Mobilnummer, die Sie behalten möchten.",
    label_donor: "Bisheriger Anbieter",
    hint_donor: "Tippen Sie los und wählen Sie dann aus der Liste.",
    label_account_number: "Kundennummer",
    hint_account_number: "Sie steht auf Ihrer Rechnung und in Ihrem Kundenkonto.",
    label_pin: "PIN für die Rufnummernmitnahme",
    hint_pin: |min, max| {
        let length = if min == max { format!("{min} Ziffern") } else { format!("{min} bis {max} Ziffern") };
        format!("{length}. Ihr bisheriger Anbieter gibt sie Ihnen auf Anfrage, in der App oder telefonisch.")
    },
    label_pac: "PAC",
    hint_pac: "3 Buchstaben und 6 Ziffern, z. B. ABC123456. Senden Sie PAC per SMS an 65075, um ihn \
               kostenlos zu erhalten.",
    label_stac: "STAC",
    hint_stac: "6 Ziffern und 3 Buchstaben, z. B. 123456ABC. Senden Sie STAC per SMS an 75075, um ihn \
                kostenlos zu erhalten.",
    hint_pin_on_file: |hint| {
        format!("{hint} Wir haben Ihren Code bereits: Lassen Sie das Feld leer, um ihn zu behalten.")
    },
    label_first_name: "Vorname",
    label_last_name: "Nachname",
    label_birthday: "Geburtsdatum",
    hint_birthday: "Zum Beispiel 27 3 1985",
    label_day: "Tag",
    label_month: "Monat",
    label_year: "Jahr",
    label_country: "Land",
    label_line1: "Adresszeile 1",
    label_line2: "Adresszeile 2 (optional)",
    label_city: "Ort",
    label_state: "Bundesstaat",
    label_province: "Provinz oder Territorium",
    label_zip: "ZIP-Code",
    label_postcode: "Postleitzahl",
    label_address: "Adresse",
    label_behavior: "Was soll mit dieser Nummer geschehen?",
    behavior_port_in: "In meinen neuen Tarif mitnehmen",
    behavior_port_in_hint: "Sie behalten Ihre Nummer. Sie brauchen dafür einen PAC von Ihrem bisherigen \
                            Anbieter (SMS mit PAC an 65075).",
    behavior_cancel_only: "Nur meinen alten Vertrag beenden",
    behavior_cancel_only_hint: "Ihr neuer Tarif bekommt eine neue Nummer; Ihre bisherige Nummer wird \
                                aufgegeben. Sie brauchen dafür einen STAC (SMS mit STAC an 75075).",
    label_scheduled_on: "Wann soll Ihre Nummer umziehen?",
    hint_scheduled_on: "Wählen Sie einen Werktag, oder lassen Sie sie so bald wie möglich umziehen.",
    scheduled_asap: "So bald wie möglich",
    label_approval: "Ich habe dieser Mitnahme bei meinem bisherigen Anbieter zugestimmt",

    pin_provided: "Angegeben",
    approved: "Ja",
    account_ending: |last| format!("Endet auf {last}"),

    providers_loading: "Die Liste der Anbieter wird geladen …",
    providers_failed: "Die Liste der Anbieter konnte nicht geladen werden.",
    providers_none: "Es gibt keine Anbieter zur Auswahl.",
    no_provider_match: |query| format!("Kein Anbieter passt zu „{query}“."),
    provider_results: |count| match count {
        1 => "1 Anbieter. Wählen Sie ihn mit den Pfeiltasten nach oben und unten.".to_owned(),
        n => format!("{n} Anbieter. Wählen Sie einen mit den Pfeiltasten nach oben und unten."),
    },

    next_draft: "Ihre Mitnahme beginnt, sobald Ihre Bestellung abgeschlossen ist.",
    next_pending: "Wir richten Ihren neuen Anschluss ein. Danach fragen wir Ihren bisherigen Anbieter nach \
                   Ihrer Nummer, meist innerhalb weniger Minuten.",
    next_information_required: "Ihr bisheriger Anbieter braucht noch einige Angaben, bevor er Ihre Nummer \
                                freigeben kann.",
    next_requested: "Wir haben Ihren bisherigen Anbieter gebeten, Ihre Nummer freizugeben. Das dauert meist \
                     einige Minuten, höchstens einen Werktag. Diese Seite aktualisiert sich von selbst.",
    next_scheduled: |day| {
        format!(
            "Ihre Nummer zieht am {day} um. Bis dahin funktioniert sie weiter bei Ihrem bisherigen Anbieter."
        )
    },
    next_completed: "Ihre Nummer funktioniert jetzt mit Ihrem neuen Tarif. Sie müssen nichts weiter tun.",
    next_canceled: "Ihr neuer Anschluss bekommt eine neue Rufnummer. Diese Nummer bleibt bei Ihrem \
                    bisherigen Anbieter.",
    next_expired: "Die Anfrage wurde nicht rechtzeitig abgeschlossen, daher bleibt Ihre Nummer bei Ihrem \
                   bisherigen Anbieter. Kontaktieren Sie uns, wenn Sie sie trotzdem behalten möchten.",
    next_unknown: "Ihre Rufnummernmitnahme wird bearbeitet. Diese Seite aktualisiert sich von selbst.",
    guidance,
    declined_message: "Ihr bisheriger Anbieter schreibt:",
    history: "Verlauf",
    moment_created: "Mitnahme gestartet",
    moment_requested: "Angaben an Ihren bisherigen Anbieter gesendet",
    moment_declined: |attempts| match attempts {
        1 => "Von Ihrem bisherigen Anbieter abgelehnt".to_owned(),
        n => format!("Von Ihrem bisherigen Anbieter abgelehnt ({n}-mal)"),
    },
    moment_completed: "Nummer übertragen",
    moment_canceled: "Mitnahme storniert",
    moment_expired: "Mitnahme abgelaufen",
    fix_intro: "Korrigieren Sie die Angaben unten und senden Sie sie. Wir fragen Ihren bisherigen Anbieter \
                sofort erneut.",
    try_again_done: "Erledigt, erneut versuchen",
    trying_again: "Ihr bisheriger Anbieter wird erneut gefragt …",
    tried_again: "Wir haben Ihren bisherigen Anbieter erneut gefragt.",
    cancel: "Mitnahme stornieren",
    cancel_title: "Rufnummernmitnahme stornieren?",
    cancel_explain: "Wenn Sie stornieren, bekommt Ihr neuer Anschluss eine neue Rufnummer, und diese Nummer \
                     bleibt bei Ihrem bisherigen Anbieter. Das lässt sich nicht rückgängig machen.",
    cancel_confirm: "Ja, Mitnahme stornieren",
    cancel_keep: "Nein, Mitnahme behalten",
    canceling: "Ihre Mitnahme wird storniert …",
    announce: |status| format!("Neuigkeit zur Rufnummernmitnahme: {status}."),
    live_ended: "Ihre Sitzung ist beendet, daher aktualisiert sich diese Seite nicht mehr. Laden Sie die \
                 Seite neu, um den aktuellen Stand zu sehen.",
    retry_in: |seconds| match seconds {
        1 => "Erneut versuchen in 1 Sekunde".to_owned(),
        n => format!("Erneut versuchen in {n} Sekunden"),
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
        return "Ihr bisheriger Anbieter hat die Mitnahme abgelehnt. Prüfen Sie die Angaben mit ihm und \
                versuchen Sie es dann erneut.";
    };
    match code {
        DeclineCode::AccountNumberRequiredOrInvalid => {
            "Die Kundennummer stimmt nicht mit den Daten Ihres bisherigen Anbieters überein. Prüfen Sie sie \
             auf Ihrer Rechnung oder im Kundenkonto, korrigieren Sie sie unten und senden Sie sie erneut."
        }
        DeclineCode::AccountPinRequiredOrInvalid => {
            "Die PIN oder der Code ist falsch oder abgelaufen. Holen Sie sich bei Ihrem bisherigen Anbieter \
             einen neuen, geben Sie ihn unten ein und senden Sie ihn erneut."
        }
        DeclineCode::AddressRequiredOrInvalid => {
            "Die Adresse stimmt nicht mit den Daten Ihres bisherigen Anbieters überein. Geben Sie sie genau \
             wie auf Ihrer Rechnung ein und senden Sie sie erneut."
        }
        DeclineCode::ZipCodeRequiredOrInvalid => {
            "Die Postleitzahl stimmt nicht mit den Daten Ihres bisherigen Anbieters überein. Prüfen Sie die \
             Adresse unten, korrigieren Sie sie und senden Sie sie erneut."
        }
        DeclineCode::FirstNameRequiredOrInvalid => {
            "Der Vorname stimmt nicht mit dem des Vertragsinhabers überein. Geben Sie ihn wie auf Ihrer \
             Rechnung ein und senden Sie ihn erneut."
        }
        DeclineCode::LastNameRequiredOrInvalid => {
            "Der Nachname stimmt nicht mit dem des Vertragsinhabers überein. Geben Sie ihn wie auf Ihrer \
             Rechnung ein und senden Sie ihn erneut."
        }
        DeclineCode::UserInformationMismatch => {
            "Die Angaben zum Vertragsinhaber stimmen nicht mit den Daten Ihres bisherigen Anbieters überein. \
             Vergleichen Sie sie mit Ihrer Rechnung, korrigieren Sie sie unten und senden Sie sie erneut."
        }
        DeclineCode::PhoneNumberPortProtected => {
            "Ihre Nummer hat eine Mitnahmesperre. Bitten Sie Ihren bisherigen Anbieter, sie aufzuheben (in \
             der App, online oder telefonisch), und versuchen Sie es dann erneut."
        }
        DeclineCode::PhoneNumberAdministrative => {
            "Ihr bisheriger Anbieter hat Ihre Nummer gesperrt. Bitten Sie ihn, die Sperre aufzuheben, und \
             versuchen Sie es dann erneut."
        }
        DeclineCode::Declined => {
            "Ihr bisheriger Anbieter hat die Mitnahme ohne Angabe von Gründen abgelehnt. Fragen Sie ihn, \
             warum und was zu ändern ist, und versuchen Sie es dann erneut."
        }
        DeclineCode::Duplicated => {
            "Für diese Nummer läuft bereits eine Mitnahme. Hier ist nichts zu korrigieren: Sie können diese \
             stornieren."
        }
        DeclineCode::PendingOtherProvider => {
            "Diese Nummer wird gerade zu einem anderen Anbieter übertragen. Wenn Sie das nicht waren, \
             kontaktieren Sie Ihren bisherigen Anbieter. Sie können diese Mitnahme stornieren und eine neue \
             Nummer behalten."
        }
        DeclineCode::PhoneNumberNotActive => {
            "Diese Nummer ist bei Ihrem bisherigen Anbieter nicht aktiv und kann daher nicht übertragen \
             werden. Prüfen Sie die Nummer, oder stornieren Sie und nehmen Sie eine neue."
        }
        DeclineCode::PhoneNumberNotFound => {
            "Ihr bisheriger Anbieter kennt diese Nummer nicht. Prüfen Sie, ob sie stimmt und wer sie \
             bereitstellt; Sie können diese Mitnahme stornieren und neu beginnen."
        }
        DeclineCode::PhoneNumberPrepaid => {
            "Ihr bisheriger Anbieter gibt diese Prepaid-Nummer nicht frei. Fragen Sie ihn nach einer \
             Mitnahme, oder stornieren Sie und nehmen Sie eine neue Nummer."
        }
        DeclineCode::SameNewAndOldNetworkProvider => {
            "Diese Nummer ist bereits in unserem Netz, es gibt also nichts zu übertragen. Sie können diese \
             Mitnahme stornieren."
        }
        DeclineCode::Unknown(_) => guidance(None),
    }
}

/// Messages that say what to do, specific to the field and the problem.
fn problem(m: &Messages, field: Field, problem: &Problem) -> String {
    use Field as F;
    use Problem as P;
    let label = m.label(field);
    match (field, problem) {
        (F::PhoneNumber, P::Required) => "Geben Sie die Rufnummer ein, die Sie behalten möchten".into(),
        (F::PhoneNumber, P::NotDigits) => {
            "Geben Sie die Rufnummer nur mit Ziffern, Leerzeichen und Bindestrichen ein".into()
        }
        (F::PhoneNumber, P::CountryCodeMismatch { expected }) => {
            format!("Diese Nummer beginnt nicht mit +{expected}. Wählen Sie das Land, zu dem sie gehört")
        }
        (F::PhoneNumber, P::WrongLength { .. } | P::TooFewDigits { .. } | P::TooManyDigits { .. }) => {
            "Prüfen Sie die Rufnummer: Sie hat zu wenige oder zu viele Ziffern".into()
        }
        (F::PhoneNumber, P::InvalidNumberRange { .. } | P::UnknownCountryCode) => {
            "Prüfen Sie die Rufnummer: In diesem Land beginnt keine Nummer so".into()
        }
        (F::PhoneCountry | F::PhoneNumber, _) => "Wählen Sie das Land der Nummer".into(),
        (F::DonorProvider, _) => "Wählen Sie Ihren bisherigen Anbieter aus der Liste".into(),
        (F::AccountNumber, P::Required) => "Geben Sie Ihre Kundennummer ein".into(),
        (F::AccountNumber, P::NotAlphanumeric) => "Die Kundennummer darf nur Buchstaben und Ziffern enthalten".into(),
        (F::AccountNumber, P::TooShort { min }) => format!("Die Kundennummer muss mindestens {min} Zeichen haben"),
        (F::AccountNumber, P::TooLong { max }) => format!("Die Kundennummer darf höchstens {max} Zeichen haben"),
        (F::AccountPin, P::Required) => "Geben Sie den Code ein, den Ihr bisheriger Anbieter Ihnen gegeben hat".into(),
        (F::AccountPin, P::NotDigits) => "Die PIN darf nur Ziffern enthalten".into(),
        (F::AccountPin, P::TooFewDigits { min }) => format!("Die PIN muss mindestens {min} Ziffern haben"),
        (F::AccountPin, P::TooManyDigits { max }) => format!("Die PIN darf höchstens {max} Ziffern haben"),
        (F::AccountPin, P::InvalidPac) => "Geben Sie einen PAC wie ABC123456 ein: 3 Buchstaben, dann 6 Ziffern".into(),
        (F::AccountPin, P::InvalidStac) => "Geben Sie einen STAC wie 123456ABC ein: 6 Ziffern, dann 3 Buchstaben".into(),
        (F::AccountPin, P::StacInsteadOfPac) => {
            "Das ist ein STAC, der nur Ihren Vertrag beendet. Um Ihre Nummer zu behalten, senden Sie PAC per \
             SMS an 65075"
                .into()
        }
        (F::AccountPin, P::PacInsteadOfStac) => {
            "Das ist ein PAC, der Ihre Nummer überträgt. Um nur Ihren Vertrag zu beenden, senden Sie STAC per \
             SMS an 75075"
                .into()
        }
        (F::FirstName, P::Required) => "Geben Sie den Vornamen des Vertragsinhabers ein".into(),
        (F::LastName, P::Required) => "Geben Sie den Nachnamen des Vertragsinhabers ein".into(),
        (F::Birthday, P::Required) => "Geben Sie das Geburtsdatum des Vertragsinhabers ein".into(),
        (F::Birthday, P::NotADate) => "Das Geburtsdatum muss ein echtes Datum mit vierstelligem Jahr sein".into(),
        (F::Birthday, P::NotInPast) => "Das Geburtsdatum muss in der Vergangenheit liegen".into(),
        (F::Birthday, P::TooOld { max_years }) => {
            format!("Prüfen Sie das Geburtsjahr: Der Vertragsinhaber kann nicht älter als {max_years} sein")
        }
        (F::Line1, P::Required) => "Geben Sie Adresszeile 1 ein, meist Straße und Hausnummer".into(),
        (F::City, P::Required) => "Geben Sie den Ort ein".into(),
        (F::PostalCode, P::Required) => "Geben Sie die Postleitzahl ein".into(),
        (F::PostalCode, P::InvalidZip) => "Geben Sie einen echten ZIP-Code ein, z. B. 10024 oder 10024-1234".into(),
        (F::PostalCode, _) => "Geben Sie eine echte Postleitzahl des Landes ein".into(),
        (F::State, _) => "Wählen Sie den Bundesstaat oder die Provinz".into(),
        (F::Country, _) => "Wählen Sie das Land".into(),
        (F::Approval, _) => {
            "Bestätigen Sie, dass Sie der Mitnahme bei Ihrem bisherigen Anbieter zugestimmt haben".into()
        }
        (F::Behavior, _) => "Wählen Sie, ob Ihre Nummer mitgenommen oder nur Ihr alter Vertrag beendet wird".into(),
        (F::ScheduledOn, P::NotInFuture) => "Wählen Sie einen Tag nach heute".into(),
        (F::ScheduledOn, P::ScheduleOnlyUk) => "Nur britische Nummern können den Tag der Mitnahme wählen".into(),
        (_, P::TooLong { max }) => format!("{label} darf höchstens {max} Zeichen haben"),
        (_, P::NoLetter) => format!("{label} muss einen Buchstaben enthalten"),
        (_, P::ControlCharacter) => format!("{label} darf keine Zeilenumbrüche oder versteckten Zeichen enthalten"),
        _ => format!("{label} ist ungültig"),
    }
}

fn country_name(code: &str) -> &'static str {
    match code {
        "AU" => "Australien",
        "CA" => "Kanada",
        "DE" => "Deutschland",
        "ES" => "Spanien",
        "FR" => "Frankreich",
        "GB" => "Vereinigtes Königreich",
        "IE" => "Irland",
        "NL" => "Niederlande",
        "US" => "Vereinigte Staaten",
        _ => "",
    }
}
