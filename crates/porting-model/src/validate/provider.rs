//! The donor provider: which provider the number leaves. (`donorProviderApproval` needs no rule:
//! Gigs takes either boolean.)

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
}
