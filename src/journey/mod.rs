//! A porting's journey as the status view shows it: what the buyer can do ([`actions`]), what a
//! decline asks of them ([`decline`]), the moments so far ([`timeline`]), which change is news
//! ([`news`]) and the tone of each status ([`tone`]). Pure decisions, tested here.

pub mod actions;
pub mod decline;
pub mod news;
pub mod timeline;
pub mod tone;

/// Portings for the unit tests of this module's parts.
#[cfg(test)]
mod testing {
    use porting_model::testing::PortingBuilder;
    use porting_model::validate::CalendarDate;
    use porting_model::{DeclineCode, Porting, Status};

    pub fn porting(status: Status, code: Option<DeclineCode>) -> Porting {
        let porting = PortingBuilder::new().status(status.as_str()).build();
        Porting { declined_code: code, ..porting }
    }

    pub fn day(text: &str) -> CalendarDate {
        text.parse().unwrap()
    }
}
