//! Which address a request comes from, for the per-IP limits: the TCP peer, or, when the peer is
//! a load balancer the operator trusts, the client it names in `X-Forwarded-For`.
//!
//! Only hops appended by trusted proxies are believed: the header is read from the right, past
//! every trusted address, and the first other one is the client. Anything to its left was written
//! by the client itself and could be anything.
//!
//! Every address is made canonical first: on a dual-stack (`[::]`) listener an IPv4 client
//! arrives as `::ffff:a.b.c.d`, which is that IPv4 address, not an IPv6 one.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

const FORWARDED_FOR: &str = "x-forwarded-for";
/// Hops read at most, from the right: a chain of balancers is a handful, the header any length.
const MAX_HOPS: usize = 16;

/// The address a request is from (the peer, or the client a trusted proxy names), canonical:
/// set by the rate limit for the routes behind it. The per-IP limits count it by its [`bucket`].
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// Networks given as addresses (`192.0.2.1`) or CIDR blocks (`10.0.0.0/8`): the load balancers
/// in front of the proxy, or where Gigs' webhooks come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Networks(Vec<IpNet>);

impl Networks {
    pub fn new(networks: Vec<IpNet>) -> Networks {
        Networks(networks)
    }

    /// One entry: a CIDR block or a single address.
    pub fn parse_one(entry: &str) -> Result<IpNet, String> {
        let entry = entry.trim();
        entry
            .parse::<IpNet>()
            .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
            .map_err(|_| format!("{entry:?} is not an IP address or a CIDR block like 10.0.0.0/8"))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `ip` (made canonical) is in one of the networks.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request that arrived from `peer` with `headers`, when these
    /// are the trusted proxies; canonical. Without any, the header is ignored, since anyone
    /// could send it.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        // Several headers count as one list, in order (RFC 9110, section 5.3), read from the end.
        let hops = headers
            .get_all(FORWARDED_FOR)
            .iter()
            .rev()
            .flat_map(|value| value.to_str().unwrap_or_default().rsplit(','))
            .map(str::trim)
            .take(MAX_HOPS);
        for hop in hops {
            // A hop that is no address (garbage, `unknown`) ends what can be believed.
            let Ok(ip) = hop.parse::<IpAddr>() else { break };
            client = ip.to_canonical();
            if !self.contains(client) {
                break;
            }
        }
        client
    }
}

/// The key `ip` is limited under: IPv4 clients by address, IPv6 clients per /64, the block one
/// subscriber usually holds. An IPv4-mapped address counts as its IPv4 address.
pub fn bucket(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => {
            let mut octets = v6.octets();
            octets[8..].fill(0);
            IpAddr::from(octets)
        }
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

    fn balancers() -> Networks {
        Networks::new(vec![
            Networks::parse_one("10.0.0.0/8").unwrap(),
            Networks::parse_one("2001:db8::1").unwrap(),
        ])
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let headers = forwarded(&["198.51.100.7"]);
        assert_eq!(Networks::default().client(ip("10.0.0.2"), &headers), ip("10.0.0.2"));
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
    fn a_header_of_trusted_hops_is_read_only_so_far() {
        let mut hops: Vec<String> = (0..1000).map(|n| format!("10.0.{}.{}", n / 256, n % 256)).collect();
        hops.insert(0, "198.51.100.7".into());
        let headers = forwarded(&[&hops.join(", ")]);
        assert_eq!(
            balancers().client(ip("10.0.0.2"), &headers),
            ip("10.0.3.216"),
            "the 16th hop from the end"
        );
    }

    #[test]
    fn mapped_ipv4_peers_and_hops_are_their_ipv4_addresses() {
        let trusted = Networks::new(vec![Networks::parse_one("127.0.0.1").unwrap()]);
        let headers = forwarded(&["::ffff:198.51.100.7"]);
        assert_eq!(trusted.client(ip("::ffff:127.0.0.1"), &headers), ip("198.51.100.7"));
        assert_eq!(trusted.client(ip("::ffff:127.0.0.2"), &headers), ip("127.0.0.2"), "not a trusted peer");
        assert_eq!(bucket(ip("::ffff:127.0.0.1")), ip("127.0.0.1"));
        assert_ne!(bucket(ip("::ffff:127.0.0.1")), bucket(ip("::ffff:127.0.0.2")));
    }

    #[test]
    fn ipv6_clients_share_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::2".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(bucket(a), bucket(b));
        assert_ne!(bucket(a), bucket(c));
        let v4: IpAddr = "192.0.2.7".parse().unwrap();
        assert_eq!(bucket(v4), v4);
    }

    #[test]
    fn entries_must_be_addresses_or_cidr_blocks() {
        assert_eq!(Networks::parse_one("192.0.2.1").unwrap(), IpNet::from(ip("192.0.2.1")));
        let error = Networks::parse_one("10.0.0.0/33").unwrap_err();
        assert!(error.contains("\"10.0.0.0/33\" is not an IP address or a CIDR block"), "{error}");
        assert!(Networks::parse_one("proxy.internal").is_err());
    }
}
