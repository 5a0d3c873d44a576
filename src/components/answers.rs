//! The buyer's answers with one trigger per field: typing into one field wakes only what reads
//! that field's answer, not every input, label and rule of the form.

use leptos::prelude::*;

use crate::form::draft::Draft;
use crate::form::Field;

#[derive(Clone, Copy)]
pub struct Answers {
    draft: StoredValue<Draft>,
    changed: [Trigger; Field::ALL.len()],
}

impl Answers {
    pub fn new(draft: Draft) -> Answers {
        Answers { draft: StoredValue::new(draft), changed: Field::ALL.map(|_| Trigger::new()) }
    }

    /// Reads the answers, to be read again when `field`'s changes.
    pub fn read<T>(&self, field: Field, read: impl FnOnce(&Draft) -> T) -> T {
        self.changed[field.index()].track();
        self.draft.with_value(read)
    }

    /// Reads the answers once (an event handler, a send).
    pub fn untracked<T>(&self, read: impl FnOnce(&Draft) -> T) -> T {
        self.draft.with_value(read)
    }

    /// Changes the answers and wakes the readers of each field whose answer it changed; the
    /// answers as they were.
    pub fn change(&self, change: impl FnOnce(&mut Draft)) -> Draft {
        let before = self.untracked(Draft::clone);
        self.draft.update_value(change);
        for field in self.untracked(|after| before.changed(after)) {
            self.changed[field.index()].notify();
        }
        before
    }
}
