//! A bound on open event streams, per session and in all, so streams cannot pile up.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub struct StreamSlots {
    per_session: usize,
    total: usize,
    /// Open streams per session subject, and their sum.
    open: Mutex<(HashMap<String, usize>, usize)>,
}

/// One open stream; dropping it frees the slot.
pub struct Slot {
    slots: Arc<StreamSlots>,
    subject: String,
}

impl StreamSlots {
    pub fn new(per_session: usize, total: usize) -> Arc<Self> {
        Arc::new(StreamSlots { per_session, total, open: Mutex::new((HashMap::new(), 0)) })
    }

    /// A slot for the session of `subject`, or `None` when it or the proxy has no slot free.
    pub fn take(self: &Arc<Self>, subject: &str) -> Option<Slot> {
        let mut open = self.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (by_subject, total) = &mut *open;
        let mine = by_subject.entry(subject.to_owned()).or_default();
        if *mine >= self.per_session || *total >= self.total {
            if *mine == 0 {
                by_subject.remove(subject);
            }
            return None;
        }
        *mine += 1;
        *total += 1;
        Some(Slot { slots: self.clone(), subject: subject.to_owned() })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = self.slots.open.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let (by_subject, total) = &mut *open;
        *total -= 1;
        if let Some(mine) = by_subject.get_mut(&self.subject) {
            *mine -= 1;
            if *mine == 0 {
                by_subject.remove(&self.subject);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_bounded_per_session_and_in_all_and_freed_on_drop() {
        let slots = StreamSlots::new(2, 3);
        let a1 = slots.take("usr_a").unwrap();
        let _a2 = slots.take("usr_a").unwrap();
        assert!(slots.take("usr_a").is_none());
        let _b1 = slots.take("usr_b").unwrap();
        assert!(slots.take("usr_c").is_none(), "the proxy-wide bound");
        drop(a1);
        assert!(slots.take("usr_c").is_some());
        assert_eq!(slots.open.lock().unwrap().0.len(), 2, "usr_c's slot was dropped with its guard");
    }
}
