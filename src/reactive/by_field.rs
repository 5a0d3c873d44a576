//! A value read field by field, with one trigger per field: a change wakes only what reads the
//! fields it changed. A keystroke then updates its own field's input and message, not every
//! input, label, rule and message of the form.

use leptos::prelude::*;

use crate::form::draft::Draft;
use crate::form::errors::FieldIssues;
use crate::form::Field;

/// A value whose parts belong to fields.
pub trait ByFields {
    /// The fields whose parts differ in `other`.
    fn changed(&self, other: &Self) -> Vec<Field>;
}

impl ByFields for Draft {
    fn changed(&self, other: &Draft) -> Vec<Field> {
        Draft::changed(self, other)
    }
}

impl ByFields for FieldIssues {
    fn changed(&self, other: &FieldIssues) -> Vec<Field> {
        Field::ALL.into_iter().filter(|&field| self.get(field) != other.get(field)).collect()
    }
}

pub struct ByField<T: Send + Sync + 'static> {
    value: StoredValue<T>,
    changed: [Trigger; Field::ALL.len()],
}

impl<T: Send + Sync + 'static> Clone for ByField<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ByField<T> {}

impl<T: ByFields + Clone + Send + Sync + 'static> ByField<T> {
    pub fn new(value: T) -> ByField<T> {
        ByField { value: StoredValue::new(value), changed: Field::ALL.map(|_| Trigger::new()) }
    }

    /// Reads the value, to be read again when `field`'s part changes.
    pub fn read<U>(&self, field: Field, read: impl FnOnce(&T) -> U) -> U {
        self.changed[field.index()].track();
        self.value.with_value(read)
    }

    /// Reads the value once (an event handler, a send).
    pub fn untracked<U>(&self, read: impl FnOnce(&T) -> U) -> U {
        self.value.with_value(read)
    }

    /// Changes the value and wakes the readers of each field whose part it changed; the value as
    /// it was.
    pub fn change(&self, change: impl FnOnce(&mut T)) -> T {
        let before = self.untracked(T::clone);
        self.value.update_value(change);
        for field in self.untracked(|after| before.changed(after)) {
            self.changed[field.index()].notify();
        }
        before
    }
}

/// The buyer's answers.
pub type Answers = ByField<Draft>;
