//! Closing a meeting: refused while a share runs (the chair stops it first, so no share is cut
//! short by mistake); a round still open ends with it, as End round would end it.

use crate::error::Result;
use crate::meeting::view::{view, MeetingView};
use crate::meeting::{self, MeetingStatus};
use crate::store::Store;
use crate::timer;

impl Store {
    pub fn close_meeting(&mut self, id: &str) -> Result<MeetingView> {
        self.write(|tx| {
            meeting::get_open(tx, id)?;
            timer::ensure_none_running(tx, id)?;
            crate::speaking::round::end_open(tx, id)?;
            meeting::set_status(tx, id, MeetingStatus::Closed)?;
            view(tx, id)
        })
    }
}
