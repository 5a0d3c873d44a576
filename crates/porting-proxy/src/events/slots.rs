//! A bound on open event streams, per session, per client IP and in all, so streams cannot pile
//! up.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use crate::metrics::Metrics;

pub struct StreamSlots {
    per_session: usize,
    per_ip: usize,
    total: usize,
    open: Mutex<Open>,
    metrics: Metrics,
}

#[derive(Default)]
struct Open {
    by_subject: HashMap<String, usize>,
    by_ip: HashMap<IpAddr, usize>,
    total: usize,
}

/// One open stream; dropping it frees the slot.
pub struct Slot {
    slots: Arc<StreamSlots>,
    subject: String,
    ip: IpAddr,
}

impl StreamSlots {
    pub fn new(per_session: usize, per_ip: usize, total: usize, metrics: Metrics) -> Arc<Self> {
        Arc::new(StreamSlots { per_session, per_ip, total, open: Mutex::default(), metrics })
    }

    /// A slot for the session of `subject` from client `ip`, or `None` when the session, the IP
    /// or the proxy has no slot free.
    pub fn take(self: &Arc<Self>, subject: &str, ip: IpAddr) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mine = open.by_subject.get(subject).copied().unwrap_or_default();
        let from_ip = open.by_ip.get(&ip).copied().unwrap_or_default();
        if mine >= self.per_session || from_ip >= self.per_ip || open.total >= self.total {
            return None;
        }
        *open.by_subject.entry(subject.to_owned()).or_default() += 1;
        *open.by_ip.entry(ip).or_default() += 1;
        open.total += 1;
        self.metrics.stream_opened();
        Some(Slot { slots: self.clone(), subject: subject.to_owned(), ip })
    }
}

/// Counts one fewer for `key`, forgetting it at zero.
fn release<K: Hash + Eq>(counts: &mut HashMap<K, usize>, key: &K) {
    if let Some(count) = counts.get_mut(key) {
        *count -= 1;
        if *count == 0 {
            counts.remove(key);
        }
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        open.total -= 1;
        self.slots.metrics.stream_closed();
        release(&mut open.by_subject, &self.subject);
        release(&mut open.by_ip, &self.ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 1));
    const CAFE: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(198, 51, 100, 7));

    #[test]
    fn slots_are_bounded_per_session_per_ip_and_in_all_and_freed_on_drop() {
        let slots = StreamSlots::new(2, 3, 4, Metrics::default());
        let a1 = slots.take("usr_a", HOME).unwrap();
        let _a2 = slots.take("usr_a", HOME).unwrap();
        assert!(slots.take("usr_a", CAFE).is_none(), "the session's bound");
        let _b1 = slots.take("usr_b", HOME).unwrap();
        assert!(slots.take("usr_c", HOME).is_none(), "the IP's bound");
        let _c1 = slots.take("usr_c", CAFE).unwrap();
        assert!(slots.take("usr_d", CAFE).is_none(), "the proxy-wide bound");
        drop(a1);
        assert!(slots.take("usr_d", CAFE).is_some());
        let open = slots.open.lock().unwrap();
        assert_eq!((open.by_subject.len(), open.by_ip.len()), (3, 2), "freed keys are forgotten");
    }
}
