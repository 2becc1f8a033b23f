//! Declares the app's own commands so that each window's capability grants only what it uses.

const COMMANDS: &[&str] = &[
    "app_status",
    "list_groups",
    "create_group",
    "update_group",
    "roster",
    "add_person",
    "open_meeting",
    "meeting_view",
    "list_meetings",
    "close_meeting",
    "reopen_meeting",
    "set_chair",
    "set_meeting_mode",
    "check_in",
    "add_walk_in",
    "undo_check_in",
    "mark_left",
    "mark_back",
    "adjust_count",
    "share_state",
    "start_share",
    "stop_share",
    "undo_stop",
    "pause_share",
    "resume_share",
    "adjust_share",
    "backdate_share",
    "group_share_settings",
    "set_group_share_settings",
    "set_meeting_share_settings",
    "list_displays",
    "open_room_display",
    "close_room_display",
    "room_settings",
    "set_room_settings",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
