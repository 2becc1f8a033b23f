//! Circlekeeper's desktop shell: opens the store, hands commands to core, sends state back.
//! Everything that decides anything lives in `circlekeeper-core`.

mod backups;
mod commands;
mod events;
mod idle;
#[cfg(unix)]
mod instance;
mod printing;
mod retention;
mod state;
mod ticker;

use std::path::PathBuf;
use std::sync::Arc;

use tauri::ipc::Invoke;
use tauri::{AppHandle, Manager, Runtime};

use crate::state::AppState;

/// Where the data file lives: `--data-dir DIR` or `CIRCLEKEEPER_DATA_DIR`, else the app data folder.
fn data_dir<R: Runtime>(app: &AppHandle<R>) -> PathBuf {
    let mut args = std::env::args().skip_while(|a| a != "--data-dir").skip(1);
    if let Some(dir) = args.next() {
        return PathBuf::from(dir);
    }
    if let Some(dir) = std::env::var_os("CIRCLEKEEPER_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    app.path().app_data_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// What a second launch does to the first app: its window comes forward.
fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(events::MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// One app per data folder (instance.rs). A plugin, so it runs before the window is made and
/// before anything opens the data file: two apps on one file would mean two timers, two retention
/// sweeps and two writers. A second launch brings the first window forward and exits.
#[cfg(unix)]
fn one_app_per_folder<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("one-app-per-folder")
        .setup(|app, _| {
            let knocked = app.clone();
            match instance::claim(&data_dir(app), move || bring_forward(&knocked)) {
                Ok(instance::Claim::First(holder)) => {
                    app.manage(holder);
                }
                Ok(instance::Claim::Running) => {
                    app.cleanup_before_exit();
                    std::process::exit(0);
                }
                // The folder cannot be written: opening the store will say so on screen.
                Err(e) => eprintln!("Circlekeeper: could not take the data folder: {e}"),
            }
            Ok(())
        })
        .build()
}

/// On Windows the plugin does it, once per user rather than per folder.
#[cfg(windows)]
fn one_app_per_folder<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_single_instance::init(|app, _args, _cwd| bring_forward(app))
}

/// Runs every command on the blocking pool, never on the main thread, which must keep the windows
/// drawing while the store works (SQLite, the bundle cipher, a backup). Done here once rather than by
/// marking each command `async`, which compiled a copy of tokio's task machinery into every command:
/// 0.6 MiB of the binary (README, Size).
fn off_the_main_thread<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    let handler = Arc::new(handler);
    move |invoke| {
        let handler = Arc::clone(&handler);
        let resolver = invoke.resolver.clone();
        let command = invoke.message.command().to_owned();
        tauri::async_runtime::spawn_blocking(move || {
            if !handler(invoke) {
                resolver.reject(format!("Command {command} not found"));
            }
        });
        true
    }
}

pub fn run() {
    tauri::Builder::default()
        // First among the plugins (see one_app_per_folder).
        .plugin(one_app_per_folder())
        .plugin(tauri_plugin_store::Builder::new().build())
        .setup(|app| {
            let state = AppState::start(data_dir(app.handle()).join("circlekeeper.sqlite3"));
            let handle = app.handle().clone();
            state.publish_with(Box::new(move |state, published| events::publish(&handle, state, published)));
            app.manage(state);
            ticker::start(app.handle().clone());
            retention::start(app.handle().clone());
            backups::start(app.handle());
            Ok(())
        })
        // Closing the chair's window ends the app, room display included.
        .on_window_event(|window, event| {
            if window.label() == events::MAIN && matches!(event, tauri::WindowEvent::Destroyed) {
                window.app_handle().exit(0);
            }
        })
        .invoke_handler(off_the_main_thread(tauri::generate_handler![
            commands::app::app_status,
            commands::app::set_up_store,
            commands::app::unlock,
            commands::app::lock,
            commands::app::show_meeting,
            commands::app::change_passphrase,
            commands::app::touch,
            commands::app::set_idle_lock,
            commands::groups::list_groups,
            commands::groups::create_group,
            commands::groups::update_group,
            commands::groups::roster,
            commands::groups::add_person,
            commands::meetings::open_meeting,
            commands::meetings::meeting_view,
            commands::meetings::list_meetings,
            commands::meetings::close_meeting,
            commands::meetings::reopen_meeting,
            commands::meetings::set_chair,
            commands::meetings::set_meeting_mode,
            commands::attendance::check_in,
            commands::attendance::add_walk_in,
            commands::attendance::undo_check_in,
            commands::attendance::mark_left,
            commands::attendance::mark_back,
            commands::attendance::adjust_count,
            commands::attendance::enter_tally,
            commands::shares::share_state,
            commands::shares::start_share,
            commands::shares::stop_share,
            commands::shares::undo_stop,
            commands::shares::pause_share,
            commands::shares::resume_share,
            commands::shares::adjust_share,
            commands::shares::backdate_share,
            commands::shares::group_share_settings,
            commands::shares::set_group_share_settings,
            commands::shares::set_meeting_share_settings,
            commands::room::list_displays,
            commands::room::open_room_display,
            commands::room::close_room_display,
            commands::room::set_room_look,
            commands::room::room_settings,
            commands::room::set_room_settings,
            commands::rounds::sharing,
            commands::rounds::set_seating,
            commands::rounds::move_seat,
            commands::rounds::start_circle,
            commands::rounds::start_open_sharing,
            commands::rounds::next_speaker,
            commands::rounds::pass_turn,
            commands::rounds::skip_turn,
            commands::rounds::raise_hand,
            commands::rounds::lower_hand,
            commands::rounds::end_round,
            commands::rounds::set_sharing_time,
            commands::rounds::use_fair_share,
            commands::rounds::sharing_summary,
            commands::rounds::set_sharing_rules,
            commands::format::format_choice,
            commands::format::set_group_format,
            commands::format::use_template,
            commands::format::runner,
            commands::format::next_segment,
            commands::format::previous_segment,
            commands::format::finish_format,
            commands::format::set_reader,
            commands::celebrations::set_recovery_date,
            commands::celebrations::celebrations,
            commands::celebrations::celebrate,
            commands::celebrations::set_stock,
            commands::celebrations::group_stock,
            commands::celebrations::milestone_points,
            commands::celebrations::set_milestone_points,
            commands::handover::chair_report,
            commands::handover::save_report,
            commands::handover::add_action_item,
            commands::handover::close_action_item,
            commands::handover::remove_action_item,
            commands::handover::handover,
            commands::handover::acknowledge_handover,
            commands::handover::service,
            commands::handover::save_position,
            commands::handover::remove_position,
            commands::handover::set_rota,
            commands::files::choose_folder,
            commands::files::choose_file_to_open,
            commands::files::choose_where_to_save,
            commands::slips::issue_slip,
            commands::slips::verify_slip,
            commands::slips::set_slips,
            commands::resources::resources,
            commands::resources::save_resource,
            commands::resources::remove_resource,
            commands::bundles::bundle_folder,
            commands::reports::trends,
            commands::reports::save_trends_csv,
            commands::reports::save_pdf,
            commands::reports::print_page,
            commands::bundles::export_bundle,
            commands::bundles::backup_bundle,
            commands::bundles::import_bundle,
            commands::backups::list_backups,
            commands::backups::preview_backup,
            commands::backups::restore_backup,
            commands::backups::back_up_now,
            commands::backups::backup_offer,
            commands::backups::check_data,
            commands::privacy::retention_preview,
            commands::privacy::set_retention,
            commands::privacy::forget_preview,
            commands::privacy::forget_person,
        ]))
        .build(tauri::generate_context!())
        .expect("Circlekeeper could not start its window")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                backups::finish(app);
            }
        });
}
