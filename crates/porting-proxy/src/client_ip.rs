//! Which address a request comes from, for the per-IP rate limit: the TCP peer, or, when the peer
//! is a load balancer the operator trusts, the client it names in `X-Forwarded-For`.
//!
//! Only hops appended by trusted proxies are believed: the header is read from the right, past
//! every trusted address, and the first other one is the client. Anything to its left was written
//! by the client itself and could be anything.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The networks of the load balancers in front of the proxy. Empty (the default): the header is
/// ignored, since anyone could send it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses CIDR blocks (`10.0.0.0/8`) or single addresses (`192.0.2.1`).
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<TrustedProxies, String> {
        let nets = entries
            .iter()
            .map(|entry| {
                let entry = entry.as_ref().trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{entry:?} is not an IP address or a CIDR block like 10.0.0.0/8"))
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies(nets))
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request that arrived from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer;
        if !self.trusts(client) {
            return client;
        }
        // Several headers count as one list, in order (RFC 9110, section 5.3).
        let hops: Vec<&str> = headers
            .get_all(FORWARDED_FOR)
            .iter()
            .flat_map(|value| value.to_str().unwrap_or_default().split(','))
            .map(str::trim)
            .collect();
        for hop in hops.into_iter().rev() {
            // A hop that is no address (garbage, `unknown`) ends what can be believed.
            let Ok(ip) = hop.parse::<IpAddr>() else { break };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(FORWARDED_FOR, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    fn balancers() -> TrustedProxies {
        TrustedProxies::parse(&["10.0.0.0/8", "2001:db8::1"]).unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(TrustedProxies::default().client(ip("10.0.0.2"), &headers), ip("10.0.0.2"));
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(balancers().client(ip("203.0.113.9"), &headers), ip("203.0.113.9"));
    }

    #[test]
    fn a_trusted_peer_names_the_client_as_the_last_hop() {
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(balancers().client(ip("10.0.0.2"), &headers), ip("198.51.100.7"));
        assert_eq!(balancers().client(ip("2001:db8::1"), &headers), ip("198.51.100.7"));
    }

    #[test]
    fn hops_the_client_wrote_itself_are_not_believed() {
        // The client sent "1.2.3.4" to pose as someone else; the balancer appended its real address.
        let headers = forwarded(&["1.2.3.4, 198.51.100.7"]);
        assert_eq!(balancers().client(ip("10.0.0.2"), &headers), ip("198.51.100.7"));
    }

    #[test]
    fn chains_of_trusted_proxies_are_walked_across_headers() {
        let headers = forwarded(&["1.2.3.4, 198.51.100.7", "10.1.1.1"]);
        assert_eq!(balancers().client(ip("10.0.0.2"), &headers), ip("198.51.100.7"));
    }

    #[test]
    fn garbage_or_a_missing_header_leaves_the_last_trusted_hop() {
        assert_eq!(balancers().client(ip("10.0.0.2"), &HeaderMap::new()), ip("10.0.0.2"));
        let headers = forwarded(&["198.51.100.7, unknown, 10.1.1.1"]);
        assert_eq!(balancers().client(ip("10.0.0.2"), &headers), ip("10.1.1.1"));
        let mut headers = HeaderMap::new();
        headers.insert(FORWARDED_FOR, HeaderValue::from_bytes(b"\xff\xfe").unwrap());
        assert_eq!(balancers().client(ip("10.0.0.2"), &headers), ip("10.0.0.2"));
    }

    #[test]
    fn entries_must_be_addresses_or_cidr_blocks() {
        assert_eq!(TrustedProxies::parse(&["192.0.2.1"]).unwrap().0, vec![IpNet::from(ip("192.0.2.1"))]);
        let error = TrustedProxies::parse(&["10.0.0.0/33"]).unwrap_err();
        assert!(error.contains("\"10.0.0.0/33\" is not an IP address or a CIDR block"), "{error}");
        assert!(TrustedProxies::parse(&["proxy.internal"]).is_err());
    }
}
