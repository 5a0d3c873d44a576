//! Gigs-style object ids: a type prefix and random base-62 characters.

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new id such as `prt_0SNlurA049MEWV39s2kSYqaat7ZS`.
pub fn new_id(prefix: &str) -> String {
    let mut random = [0u8; 24];
    getrandom::fill(&mut random).expect("the operating system's random source works");
    let body: String = random.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!("{prefix}_{body}")
}

/// Checks a Gigs project id: letters, digits, `_` and `-` only (at most 100), as it goes into
/// request paths. The message is to follow the name of the flag that gave it.
pub fn check_project(project: &str) -> Result<(), String> {
    let safe = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    if project.is_empty() || project.len() > 100 || !project.chars().all(safe) {
        return Err(format!(
            "must be 1 to 100 letters, digits, _ and - only, as it goes into paths (got {project:?})"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_have_the_prefix_and_differ() {
        let (a, b) = (super::new_id("prt"), super::new_id("prt"));
        assert!(a.starts_with("prt_") && a.len() == 28);
        assert_ne!(a, b);
    }

    #[test]
    fn project_ids_are_path_safe() {
        for good in ["sim", "acme-prod_2"] {
            assert!(super::check_project(good).is_ok(), "{good}");
        }
        for bad in ["", "a/b", "a b", "..", "a?x=1", "é", &"p".repeat(101)] {
            assert!(super::check_project(bad).unwrap_err().starts_with("must be 1 to 100"), "{bad}");
        }
    }
}
