//! Gigs-style object ids: a type prefix and random base-62 characters.

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new id such as `prt_0SNlurA049MEWV39s2kSYqaat7ZS`.
pub fn new_id(prefix: &str) -> String {
    let mut random = [0u8; 24];
    getrandom::fill(&mut random).expect("the operating system's random source works");
    let body: String = random.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!("{prefix}_{body}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_have_the_prefix_and_differ() {
        let (a, b) = (super::new_id("prt"), super::new_id("prt"));
        assert!(a.starts_with("prt_") && a.len() == 28);
        assert_ne!(a, b);
    }
}
