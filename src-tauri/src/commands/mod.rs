//! The commands the windows may call, grouped by domain. Each is a one-line call into core.

pub mod app;
pub mod attendance;
pub mod bundles;
pub mod celebrations;
pub mod format;
pub mod groups;
pub mod handover;
pub mod meetings;
pub mod privacy;
pub mod room;
pub mod rounds;
pub mod shares;

use circlekeeper_core::{MeetingView, Result};
use tauri::{AppHandle, Emitter};

/// The event every window hears when a meeting's attendance changed, carrying the new snapshot.
pub const MEETING_CHANGED: &str = "meeting-changed";

/// Tells every window about a meeting's new state, and hands the same state back to the caller.
pub(crate) fn announce(app: &AppHandle, view: Result<MeetingView>) -> Result<MeetingView> {
    if let Ok(v) = &view {
        // A window that is closing may miss one snapshot; the next change or a reload catches it up.
        let _ = app.emit(MEETING_CHANGED, v);
    }
    view
}
