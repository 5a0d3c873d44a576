//! The donor provider fields: which provider the number leaves, and the holder's approval.

use super::text::required;
use super::Problem;

/// A donor service provider id, such as `svp_0SNlurA01K6GY5L0XJffY8`. Only ASCII letters,
/// digits, underscores and dashes: the proxy puts ids into upstream URLs and log lines.
pub fn donor_provider(input: &str) -> Result<String, Problem> {
    let id = required(input)?;
    if id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
        Ok(id.to_owned())
    } else {
        Err(Problem::InvalidId)
    }
}

/// The account holder's approval of the transfer, which must be given.
pub fn donor_provider_approval(value: Option<bool>) -> Result<bool, Problem> {
    match value {
        Some(true) => Ok(true),
        Some(false) => Err(Problem::NotApproved),
        None => Err(Problem::Required),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_ids() {
        assert_eq!(donor_provider(" svp_0SNlurA01K6GY5L0XJffY8 "), Ok("svp_0SNlurA01K6GY5L0XJffY8".into()));
        assert_eq!(donor_provider("p-9"), Ok("p-9".into()));
        for input in ["svp/../x", "svp 1", "svp?x=1", "svpé"] {
            assert_eq!(donor_provider(input), Err(Problem::InvalidId), "{input}");
        }
        assert_eq!(donor_provider(""), Err(Problem::Required));
    }

    #[test]
    fn approval_must_be_true() {
        assert_eq!(donor_provider_approval(Some(true)), Ok(true));
        assert_eq!(donor_provider_approval(Some(false)), Err(Problem::NotApproved));
        assert_eq!(donor_provider_approval(None), Err(Problem::Required));
    }
}
