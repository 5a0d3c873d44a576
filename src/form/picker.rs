//! The provider picker's decisions: which providers the buyer can choose, which match what they
//! typed, and where the arrow keys move the highlighted option.

use porting_model::ServiceProvider;

/// The providers a number can come from to `recipient`. A provider that names no recipients is
/// kept: the proxy already filtered the list, and this is only a second check.
pub fn for_recipient(providers: Vec<ServiceProvider>, recipient: Option<&str>) -> Vec<ServiceProvider> {
    let Some(recipient) = recipient else { return providers };
    providers
        .into_iter()
        .filter(|p| p.recipient_providers.is_empty() || p.recipient_providers.iter().any(|r| r == recipient))
        .collect()
}

/// The providers whose name contains `query` (ASCII case only: Unicode tables cost more bytes than
/// accents gain); all of them while the query is the chosen one's name, to show the other choices.
pub fn options<'a>(providers: &'a [ServiceProvider], query: &str, chosen: &str) -> Vec<&'a ServiceProvider> {
    if exact(providers, query).is_some_and(|p| p.id == chosen) {
        return providers.iter().collect();
    }
    let query = query.trim().to_ascii_lowercase();
    providers.iter().filter(|p| p.name.to_ascii_lowercase().contains(&query)).collect()
}

/// The provider called exactly `query` (ignoring ASCII case), so typing a whole name chooses it.
pub fn exact<'a>(providers: &'a [ServiceProvider], query: &str) -> Option<&'a ServiceProvider> {
    providers.iter().find(|p| p.name.eq_ignore_ascii_case(query.trim()))
}

/// An arrow key in the open list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Down,
    Up,
}

/// The option highlighted after `step` in a list of `len` options: down from nothing is the
/// first, up from nothing the last, and either end wraps around.
pub fn moved(active: Option<usize>, len: usize, step: Move) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match (active, step) {
        (None, Move::Down) => 0,
        (None, Move::Up) => len - 1,
        (Some(i), Move::Down) => (i + 1) % len,
        (Some(i), Move::Up) => (i + len - 1) % len,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(id: &str, name: &str, recipients: &[&str]) -> ServiceProvider {
        ServiceProvider {
            object: "serviceProvider".into(),
            id: id.into(),
            name: name.into(),
            recipient_providers: recipients.iter().map(|r| r.to_string()).collect(),
        }
    }

    fn names(providers: &[&ServiceProvider]) -> Vec<String> {
        providers.iter().map(|p| p.name.clone()).collect()
    }

    fn us() -> Vec<ServiceProvider> {
        vec![
            provider("svp_att", "AT&T", &["p9"]),
            provider("svp_vz", "Verizon", &["p9"]),
            provider("svp_tmo", "T-Mobile", &["p9"]),
            provider("svp_metro", "Metro by T-Mobile", &["p9"]),
        ]
    }

    #[test]
    fn only_providers_of_the_recipient_are_offered() {
        let mut all = us();
        all.push(provider("svp_ee", "EE", &["p7"]));
        all.push(provider("svp_x", "Listed without recipients", &[]));
        let offered: Vec<String> =
            for_recipient(all.clone(), Some("p9")).into_iter().map(|p| p.name).collect();
        assert_eq!(
            offered,
            ["AT&T", "Verizon", "T-Mobile", "Metro by T-Mobile", "Listed without recipients"]
        );
        assert_eq!(for_recipient(all.clone(), None), all);
    }

    #[test]
    fn search_ignores_case_and_spaces_and_a_blank_query_shows_all() {
        let providers = us();
        assert_eq!(names(&options(&providers, " t-mob", "")), ["T-Mobile", "Metro by T-Mobile"]);
        assert_eq!(names(&options(&providers, "VERI", "")), ["Verizon"]);
        assert_eq!(options(&providers, "", "").len(), 4);
        assert!(options(&providers, "Vodafone", "").is_empty());
    }

    #[test]
    fn the_chosen_providers_name_shows_every_choice() {
        let providers = us();
        assert_eq!(options(&providers, "Verizon", "svp_vz").len(), 4);
        assert_eq!(names(&options(&providers, "Verizon", "")), ["Verizon"]);
        assert_eq!(names(&options(&providers, "T-Mobile", "svp_att")), ["T-Mobile", "Metro by T-Mobile"]);
    }

    #[test]
    fn a_whole_name_typed_chooses_that_provider() {
        let providers = us();
        assert_eq!(exact(&providers, "at&t ").map(|p| p.id.as_str()), Some("svp_att"));
        assert_eq!(exact(&providers, "T-Mob"), None);
    }

    #[test]
    fn arrows_move_through_the_list_and_wrap() {
        assert_eq!(moved(None, 3, Move::Down), Some(0));
        assert_eq!(moved(None, 3, Move::Up), Some(2));
        assert_eq!(moved(Some(1), 3, Move::Down), Some(2));
        assert_eq!(moved(Some(2), 3, Move::Down), Some(0));
        assert_eq!(moved(Some(0), 3, Move::Up), Some(2));
        assert_eq!(moved(Some(0), 0, Move::Down), None);
    }
}
