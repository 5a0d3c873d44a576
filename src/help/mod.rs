//! Where the buyer finds what the form asks: the steps for their provider's account number and
//! transfer PIN. The words are data (`lang/help/<lang>.json`), fetched once a disclosure is first
//! opened (`fetched`), so no buyer carries them in the first bytes; the facts behind them, with
//! the page each came from, are in `carriers.json` here, never shipped. Here: which provider the
//! words are for, and the keys to look for, in order.

#[cfg(target_arch = "wasm32")]
pub mod fetched;

use porting_model::validate::PinKind;
use porting_model::ServiceProvider;

use crate::form::Field;

/// The carriers with help of their own, by the names providers go by (written as [`plain`]
/// writes them), each with the key of its words. `carriers.json` lists the same names.
const CARRIERS: &[(&str, &str)] = &[
    ("att", "att"),
    ("attwireless", "att"),
    ("attmobility", "att"),
    ("atandt", "att"),
    ("verizon", "verizon"),
    ("verizonwireless", "verizon"),
    ("tmobile", "tmobile"),
    ("tmobileusa", "tmobile"),
    ("cricketwireless", "cricket"),
    ("cricket", "cricket"),
    ("metrobytmobile", "metro"),
    ("metro", "metro"),
    ("metropcs", "metro"),
    ("visible", "visible"),
    ("visiblewireless", "visible"),
    ("visiblebyverizon", "visible"),
    ("straighttalk", "straighttalk"),
    ("straighttalkwireless", "straighttalk"),
    ("tracfone", "tracfone"),
    ("tracfonewireless", "tracfone"),
    ("usmobile", "usmobile"),
    ("mintmobile", "mint"),
    ("mint", "mint"),
    ("mintsim", "mint"),
    ("googlefi", "googlefi"),
    ("googlefiwireless", "googlefi"),
    ("projectfi", "googlefi"),
];

/// A provider's name without case, spaces or punctuation (`AT&T` and `AT and T` aside, which
/// the table lists both ways): `T-Mobile` and `TMobile` are one.
fn plain(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The key of the words for the provider called `name`, where there are some.
pub fn carrier_of(name: &str) -> Option<&'static str> {
    let plain = plain(name);
    CARRIERS.iter().find(|(known, _)| *known == plain).map(|(_, key)| *key)
}

/// The id and name of the provider the help is for: the one picked in the form (`picked_id`,
/// with its name once picked from the list), else the one on file, whose name the form's answer
/// (its id alone) does not hold.
pub fn provider(
    picked_id: &str,
    picked_name: Option<&str>,
    on_file: Option<&ServiceProvider>,
) -> (String, String) {
    match (picked_name, on_file) {
        (Some(name), _) => (picked_id.to_owned(), name.to_owned()),
        (None, Some(donor)) if picked_id.is_empty() || picked_id == donor.id => {
            (donor.id.clone(), donor.name.clone())
        }
        (None, _) => (picked_id.to_owned(), String::new()),
    }
}

/// What the buyer looks for: the `<topic>` of the help keys.
pub fn topic(field: Field, pin: PinKind) -> Option<&'static str> {
    match (field, pin) {
        (Field::AccountNumber, _) => Some("accountNumber"),
        (Field::AccountPin, PinKind::Stac) => Some("stac"),
        (Field::AccountPin, _) => Some("pin"),
        _ => None,
    }
}

/// The keys of the help for `topic`, first found wins: the host page's for the provider's id
/// (`help.<providerId>.<topic>`), the carrier's, then the words for any provider. A UK code is
/// asked the same way of every UK network, so its words follow the code's kind, not the name.
pub fn keys(topic: &str, pin: PinKind, provider_id: &str, provider_name: &str) -> Vec<String> {
    let carrier = match pin {
        PinKind::Pac | PinKind::Stac if topic != "accountNumber" => Some("uk"),
        _ => carrier_of(provider_name),
    };
    let generic = if topic == "stac" { "pin" } else { topic };
    let mut keys = Vec::new();
    if !provider_id.is_empty() {
        keys.push(format!("help.{provider_id}.{topic}"));
    }
    keys.extend(carrier.map(|carrier| format!("help.{carrier}.{topic}")));
    keys.push(format!("help.generic.{generic}"));
    keys
}

/// Whether `key` names help a host page may give (`help.<providerId>.<topic>`): an id of
/// letters, digits, `_` and `-`, as Gigs' are, and a topic the form has.
pub fn is_help_key(key: &str) -> bool {
    let Some((id, topic)) = key.strip_prefix("help.").and_then(|rest| rest.rsplit_once('.')) else {
        return false;
    };
    let id_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    !id.is_empty()
        && id.len() <= 100
        && id.chars().all(id_char)
        && ["accountNumber", "pin", "stac"].contains(&topic)
}

/// Help words by key (`help.<carrier>.<topic>`), as long as the page lives.
pub type HelpWords = &'static [(String, String)];

/// A language's help file: `None` while it loads, then its words or the failure to get them.
pub type HelpFile = Option<Result<HelpWords, ()>>;

/// What a disclosure shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown<'a> {
    Text(&'a str),
    /// The words are on their way.
    Loading,
    /// The words could not be had.
    Failed,
}

/// The help for the first of `keys` that has some, each key from the host page's words (`host`)
/// before the file's (`file`, `None` while it loads): the host's words for a provider show at
/// once, without waiting for the file.
pub fn shown<'a>(
    keys: &[String],
    host: impl Fn(&str) -> Option<&'a str>,
    file: Option<Result<&'a [(String, String)], ()>>,
) -> Shown<'a> {
    for key in keys {
        if let Some(text) = host(key) {
            return Shown::Text(text);
        }
        match file {
            None => return Shown::Loading,
            Some(Err(())) => return Shown::Failed,
            Some(Ok(words)) => {
                if let Some((_, text)) = words.iter().find(|(k, _)| k == key) {
                    return Shown::Text(text);
                }
            }
        }
    }
    Shown::Failed
}

#[cfg(test)]
mod tests;
