//! The Spanish catalog, addressing the buyer as "usted".

use porting_model::validate::Problem;
use porting_model::DeclineCode;

use super::places::subdivision_names;
use super::Messages;
use crate::form::Field;

pub const ES: Messages = Messages {
    lang: "es",
    title: "Conserve su número de teléfono",
    loading: "Cargando la portabilidad de su número…",
    number_label: "Número",
    status_label: "Estado",
    retry: "Reintentar",
    status_draft: "Aún no ha comenzado",
    status_pending: "En preparación",
    status_information_required: "Necesitamos algunos datos suyos",
    status_requested: "Portabilidad solicitada a su operador actual",
    status_declined: "Su operador actual ha rechazado la portabilidad",
    status_completed: "Su número se ha transferido",
    status_canceled: "La portabilidad se ha cancelado",
    status_expired: "La portabilidad ha caducado",
    status_unknown: "Portabilidad en curso",
    error_unreachable: "No hemos podido conectar con el servicio de portabilidad. Compruebe su conexión e \
                        inténtelo de nuevo.",
    error_session: "Su sesión ha caducado. Vuelva a cargar la página para continuar.",
    error_not_found: "No hemos encontrado esta portabilidad.",
    error_server: "El servicio de portabilidad tiene problemas. Vuelva a intentarlo en un momento.",
    error_unparseable: "El servicio de portabilidad ha enviado una respuesta que no podemos leer. Inténtelo \
                        de nuevo.",
    error_request: "El servicio de portabilidad ha rechazado la solicitud:",
    error_config_missing: "Esta página no ha dado al formulario de portabilidad todo lo que necesita para \
                           empezar. Inténtelo más tarde o póngase en contacto con nosotros.",
    error_config_invalid: "Esta página ha configurado mal el formulario de portabilidad. Inténtelo más \
                           tarde o póngase en contacto con nosotros.",
    error_conflict: "Esta portabilidad ya no se puede modificar.",
    error_rate_limited: "Demasiados intentos en poco tiempo. Espere un momento y vuelva a intentarlo.",

    create_intro: "Indíquenos el número que quiere conservar y su operador actual.",
    create_submit: "Continuar",
    creating: "Iniciando su portabilidad…",
    phone_country: |name, code| format!("{name} (+{code})"),

    form_intro: "Su operador actual necesita estos datos para liberar su número. Los encontrará en su \
                 factura o en su área de cliente.",
    submit: "Enviar datos",
    submitting: "Enviando sus datos…",
    saved: "Gracias. Sus datos se han enviado.",
    moved_on: "Su portabilidad avanzó mientras esta página estaba abierta, así que no se ha cambiado nada. \
               Este es su estado actual.",
    answers_kept: "Sus respuestas siguen aquí.",
    error_summary_title: "Hay un problema",
    error_prefix: "Error: ",
    change: "Cambiar",
    change_label: |label| format!("Cambiar {label}"),
    show: "Mostrar",
    show_label: |label| format!("Mostrar {label}"),
    hide: "Ocultar",
    hide_label: |label| format!("Ocultar {label}"),
    choose: "Elegir",
    unknown_required: |names| {
        let names = names.join(", ");
        format!(
            "Su operador actual también necesita algo que este formulario aún no puede pedir ({names}). \
             Póngase en contacto con nosotros para completar la portabilidad."
        )
    },
    section_carrier: "Su operador actual",
    section_holder: "Titular de la cuenta",
    section_address: "Dirección del titular",
    section_approval: "Autorización",
    holder_hint: "Tal como figuran en el contrato con su operador actual.",

    label_phone_country: "País del número",
    label_phone_number: "Número de teléfono",
    hint_phone_number: "El número de móvil que quiere conservar.",
    label_donor: "Operador actual",
    hint_donor: "Empiece a escribir y elija de la lista.",
    label_account_number: "Número de cliente",
    hint_account_number: "Aparece en su factura y en su área de cliente.",
    label_pin: "PIN de portabilidad",
    hint_pin: |min, max| {
        let length =
            if min == max { format!("{min} dígitos") } else { format!("De {min} a {max} dígitos") };
        format!("{length}. Su operador actual se lo da si lo pide, en su app o por teléfono.")
    },
    label_pac: "PAC",
    hint_pac: "3 letras y 6 números, como ABC123456. Envíe PAC por SMS al 65075 para recibirlo gratis.",
    label_stac: "STAC",
    hint_stac: "6 números y 3 letras, como 123456ABC. Envíe STAC por SMS al 75075 para recibirlo gratis.",
    hint_pin_on_file: |hint| format!("{hint} Ya tenemos el suyo: deje este campo vacío para conservarlo."),
    label_first_name: "Nombre",
    label_last_name: "Apellidos",
    label_birthday: "Fecha de nacimiento",
    hint_birthday: "Por ejemplo, 27 3 1985",
    label_day: "Día",
    label_month: "Mes",
    label_year: "Año",
    label_country: "País",
    label_line1: "Dirección, línea 1",
    label_line2: "Dirección, línea 2 (opcional)",
    label_city: "Localidad",
    label_state: "Estado",
    label_province: "Provincia o territorio",
    label_zip: "Código ZIP",
    label_postcode: "Código postal",
    label_address: "Dirección",
    label_behavior: "¿Qué quiere hacer con este número?",
    behavior_port_in: "Pasarlo a mi nueva tarifa",
    behavior_port_in_hint: "Conserva su número. Necesitará un PAC de su operador actual (envíe PAC por SMS \
                            al 65075).",
    behavior_cancel_only: "Solo dar de baja mi contrato anterior",
    behavior_cancel_only_hint: "Su nueva tarifa recibe un número nuevo y se renuncia a este. Necesitará un \
                                STAC (envíe STAC por SMS al 75075).",
    label_scheduled_on: "¿Cuándo quiere que se traslade su número?",
    hint_scheduled_on: "Elija un día laborable, o déjelo para que se traslade lo antes posible.",
    scheduled_asap: "Lo antes posible",
    label_approval: "He autorizado esta portabilidad con mi operador actual",

    pin_provided: "Facilitado",
    approved: "Sí",
    account_ending: |last| format!("Termina en {last}"),

    providers_loading: "Cargando la lista de operadores…",
    providers_failed: "No hemos podido cargar la lista de operadores.",
    providers_none: "No hay operadores para elegir.",
    no_provider_match: |query| format!("Ningún operador coincide con «{query}»."),
    provider_results: |count| match count {
        1 => "1 operador. Use las flechas arriba y abajo para elegirlo.".to_owned(),
        n => format!("{n} operadores. Use las flechas arriba y abajo para elegir uno."),
    },

    next_draft: "Su portabilidad empieza cuando se complete su pedido.",
    next_pending: "Estamos preparando su nueva línea. Después pediremos su número a su operador actual, \
                   normalmente en pocos minutos.",
    next_information_required: "Su operador actual necesita algunos datos antes de poder liberar su número.",
    next_requested: "Hemos pedido a su operador actual que libere su número. Suele tardar unos minutos, y \
                     como mucho un día laborable. Esta página se actualiza sola.",
    next_scheduled: |day| {
        format!("Su número se traslada el {day}. Hasta entonces sigue funcionando con su operador actual.")
    },
    next_completed: "Su número ya funciona con su nueva tarifa. No tiene que hacer nada más.",
    next_canceled: "Su nueva línea recibirá un número nuevo. Este número se queda con su operador actual.",
    next_expired: "La solicitud no se completó a tiempo, así que su número se queda con su operador actual. \
                   Póngase en contacto con nosotros si aún quiere conservarlo.",
    next_unknown: "Su portabilidad se está tramitando. Esta página se actualiza sola.",
    guidance,
    declined_message: "Su operador actual ha indicado:",
    history: "Historial",
    moment_created: "Portabilidad iniciada",
    moment_requested: "Datos enviados a su operador actual",
    moment_declined: |attempts| match attempts {
        1 => "Rechazada por su operador actual".to_owned(),
        n => format!("Rechazada por su operador actual ({n} veces)"),
    },
    moment_completed: "Número transferido",
    moment_canceled: "Portabilidad cancelada",
    moment_expired: "Portabilidad caducada",
    fix_intro:
        "Corrija los datos de abajo y envíelos. Volveremos a preguntar a su operador actual enseguida.",
    try_again_done: "Ya lo he hecho, reintentar",
    trying_again: "Volviendo a preguntar a su operador actual…",
    tried_again: "Hemos vuelto a preguntar a su operador actual.",
    cancel: "Cancelar la portabilidad",
    cancel_title: "¿Cancelar la portabilidad de su número?",
    cancel_explain: "Si cancela, su nueva línea recibirá un número nuevo y este número se quedará con su \
                     operador actual. No se puede deshacer.",
    cancel_confirm: "Sí, cancelar la portabilidad",
    cancel_keep: "No, mantener la portabilidad",
    canceling: "Cancelando su portabilidad…",
    announce: |status| format!("Novedad de la portabilidad: {status}."),
    live_ended: "Su sesión ha terminado, así que esta página ya no se actualiza. Vuelva a cargarla para ver \
                 el estado más reciente.",
    retry_in: |seconds| match seconds {
        1 => "Reintentar en 1 segundo".to_owned(),
        n => format!("Reintentar en {n} segundos"),
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
        return "Su operador actual ha rechazado la portabilidad. Revise los datos con él y vuelva a \
                intentarlo.";
    };
    match code {
        DeclineCode::AccountNumberRequiredOrInvalid => {
            "El número de cliente no coincide con los datos de su operador actual. Compruébelo en su \
             factura o área de cliente, corríjalo abajo y vuelva a enviarlo."
        }
        DeclineCode::AccountPinRequiredOrInvalid => {
            "El PIN o código es incorrecto o ha caducado. Pida uno nuevo a su operador actual, escríbalo \
             abajo y vuelva a enviarlo."
        }
        DeclineCode::AddressRequiredOrInvalid => {
            "La dirección no coincide con los datos de su operador actual. Escríbala tal como aparece en su \
             factura y vuelva a enviarla."
        }
        DeclineCode::ZipCodeRequiredOrInvalid => {
            "El código postal no coincide con los datos de su operador actual. Revise la dirección de abajo, \
             corríjala y vuelva a enviarla."
        }
        DeclineCode::FirstNameRequiredOrInvalid => {
            "El nombre no coincide con el del titular. Escríbalo tal como aparece en su factura y vuelva a \
             enviarlo."
        }
        DeclineCode::LastNameRequiredOrInvalid => {
            "Los apellidos no coinciden con los del titular. Escríbalos tal como aparecen en su factura y \
             vuelva a enviarlos."
        }
        DeclineCode::UserInformationMismatch => {
            "Los datos del titular no coinciden con los de su operador actual. Compárelos con su factura, \
             corríjalos abajo y vuelva a enviarlos."
        }
        DeclineCode::PhoneNumberPortProtected => {
            "Su número tiene un bloqueo de portabilidad. Pida a su operador actual que lo retire (en su app, \
             en línea o por teléfono) y vuelva a intentarlo."
        }
        DeclineCode::PhoneNumberAdministrative => {
            "Su operador actual ha bloqueado su número. Pídale que retire el bloqueo y vuelva a intentarlo."
        }
        DeclineCode::Declined => {
            "Su operador actual ha rechazado la portabilidad sin dar motivos. Pregúntele por qué y qué debe \
             cambiar, y vuelva a intentarlo."
        }
        DeclineCode::Duplicated => {
            "Ya hay una portabilidad de este número en curso. Aquí no hay nada que corregir: puede cancelar \
             esta."
        }
        DeclineCode::PendingOtherProvider => {
            "Este número se está trasladando a otro operador. Si no ha sido usted, contacte con su operador \
             actual. Puede cancelar esta portabilidad y quedarse con un número nuevo."
        }
        DeclineCode::PhoneNumberNotActive => {
            "Este número no está activo con su operador actual, así que no se puede trasladar. Compruebe el \
             número, o cancele y elija uno nuevo."
        }
        DeclineCode::PhoneNumberNotFound => {
            "Su operador actual no reconoce este número. Compruebe que es correcto y quién lo presta; puede \
             cancelar esta portabilidad y empezar de nuevo."
        }
        DeclineCode::PhoneNumberPrepaid => {
            "Su operador actual no libera este número de prepago. Pregúntele cómo trasladarlo, o cancele y \
             elija un número nuevo."
        }
        DeclineCode::SameNewAndOldNetworkProvider => {
            "Este número ya está en nuestra red, así que no hay nada que trasladar. Puede cancelar esta \
             portabilidad."
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
        (F::PhoneNumber, P::Required) => "Escriba el número de teléfono que quiere conservar".into(),
        (F::PhoneNumber, P::NotDigits) => "Escriba el número solo con cifras, espacios y guiones".into(),
        (F::PhoneNumber, P::CountryCodeMismatch { expected }) => {
            format!("Este número no empieza por +{expected}. Elija el país al que pertenece")
        }
        (F::PhoneNumber, P::WrongLength { .. } | P::TooFewDigits { .. } | P::TooManyDigits { .. }) => {
            "Revise el número de teléfono: tiene demasiadas o muy pocas cifras".into()
        }
        (F::PhoneNumber, P::InvalidNumberRange { .. } | P::UnknownCountryCode) => {
            "Revise el número de teléfono: ningún número de ese país empieza así".into()
        }
        (F::PhoneCountry | F::PhoneNumber, _) => "Elija el país del número".into(),
        (F::DonorProvider, _) => "Elija su operador actual de la lista".into(),
        (F::AccountNumber, P::Required) => "Escriba su número de cliente".into(),
        (F::AccountNumber, P::NotAlphanumeric) => "El número de cliente solo puede tener letras y números".into(),
        (F::AccountNumber, P::TooShort { min }) => format!("El número de cliente debe tener al menos {min} caracteres"),
        (F::AccountNumber, P::TooLong { max }) => format!("El número de cliente debe tener {max} caracteres o menos"),
        (F::AccountPin, P::Required) => "Escriba el código que le ha dado su operador actual".into(),
        (F::AccountPin, P::NotDigits) => "El PIN solo puede tener números".into(),
        (F::AccountPin, P::TooFewDigits { min }) => format!("El PIN debe tener al menos {min} cifras"),
        (F::AccountPin, P::TooManyDigits { max }) => format!("El PIN debe tener {max} cifras o menos"),
        (F::AccountPin, P::InvalidPac) => "Escriba un PAC como ABC123456: 3 letras y luego 6 números".into(),
        (F::AccountPin, P::InvalidStac) => "Escriba un STAC como 123456ABC: 6 números y luego 3 letras".into(),
        (F::AccountPin, P::StacInsteadOfPac) => {
            "Esto es un STAC, que solo da de baja su contrato. Para conservar su número, envíe PAC por SMS al \
             65075"
                .into()
        }
        (F::AccountPin, P::PacInsteadOfStac) => {
            "Esto es un PAC, que traslada su número. Para solo dar de baja su contrato, envíe STAC por SMS al \
             75075"
                .into()
        }
        (F::FirstName, P::Required) => "Escriba el nombre del titular".into(),
        (F::LastName, P::Required) => "Escriba los apellidos del titular".into(),
        (F::Birthday, P::Required) => "Escriba la fecha de nacimiento del titular".into(),
        (F::Birthday, P::NotADate) => "La fecha de nacimiento debe ser una fecha real, con el año de 4 cifras".into(),
        (F::Birthday, P::NotInPast) => "La fecha de nacimiento debe ser anterior a hoy".into(),
        (F::Birthday, P::TooOld { max_years }) => {
            format!("Revise el año de nacimiento: el titular no puede tener más de {max_years} años")
        }
        (F::Line1, P::Required) => "Escriba la línea 1 de la dirección, normalmente calle y número".into(),
        (F::City, P::Required) => "Escriba la localidad".into(),
        (F::PostalCode, P::Required) => "Escriba el código postal".into(),
        (F::PostalCode, P::InvalidZip) => "Escriba un código ZIP real, como 10024 o 10024-1234".into(),
        (F::PostalCode, _) => "Escriba un código postal real del país".into(),
        (F::State, _) => "Elija el estado o la provincia".into(),
        (F::Country, _) => "Elija el país".into(),
        (F::Approval, _) => "Confirme que ha autorizado la portabilidad con su operador actual".into(),
        (F::Behavior, _) => "Elija si quiere trasladar su número o solo dar de baja su contrato anterior".into(),
        (F::ScheduledOn, P::NotInFuture) => "Elija un día posterior a hoy".into(),
        (F::ScheduledOn, P::ScheduleOnlyUk) => "Solo los números del Reino Unido pueden elegir el día".into(),
        (_, P::TooLong { max }) => format!("{label}: debe tener {max} caracteres o menos"),
        (_, P::NoLetter) => format!("{label}: debe contener alguna letra"),
        (_, P::ControlCharacter) => format!("{label}: no puede tener saltos de línea ni caracteres ocultos"),
        _ => format!("{label}: no es válido"),
    }
}

fn country_name(code: &str) -> &'static str {
    match code {
        "AU" => "Australia",
        "CA" => "Canadá",
        "DE" => "Alemania",
        "ES" => "España",
        "FR" => "Francia",
        "GB" => "Reino Unido",
        "IE" => "Irlanda",
        "NL" => "Países Bajos",
        "US" => "Estados Unidos",
        _ => "",
    }
}
