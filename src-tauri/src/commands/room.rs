//! The room display window: open it on the chosen screen, close it, and what it may show.

use circlekeeper_core::problem;
use circlekeeper_core::{Error, Result, RoomSettings};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

use crate::events::{push_frames, MAIN, ROOM};
use crate::state::AppState;

/// A screen the room display can go to.
#[derive(Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Display {
    pub index: u32,
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub primary: bool,
}

/// How the room display speaks and looks: the chair's language and theme. The room display can call
/// nothing, so they travel in its address (`index.html?lang=es&theme=dark#room`).
#[derive(Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RoomLook {
    pub language: String,
    pub theme: String,
}

impl RoomLook {
    /// The address's query. Both are short lowercase words (the page itself checks which ones it
    /// knows), so nothing the UI sends can add to the address.
    fn query(&self) -> Result<String> {
        for word in [&self.language, &self.theme] {
            if word.is_empty() || word.len() > 12 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(Error::Conflict(problem!(
                    "room_look_unknown",
                    "The room display cannot take the look “{word}”.",
                    word = word.as_str()
                )));
            }
        }
        Ok(format!("lang={}&theme={}", self.language, self.theme))
    }
}

/// Reloads an open room display in `look` if it shows another; it holds no state of its own (every
/// frame comes from the shell), so a reload only redraws it.
fn restyle(window: &WebviewWindow, look: &RoomLook) -> Result<()> {
    let query = look.query()?;
    let mut url = window.url().map_err(window_error)?;
    if url.query() != Some(query.as_str()) {
        url.set_query(Some(&query));
        window.navigate(url).map_err(window_error)?;
    }
    Ok(())
}

fn window_error(e: tauri::Error) -> Error {
    Error::Conflict(problem!(
        "room_display_failed",
        "The room display could not be opened: {detail}",
        detail = e.to_string()
    ))
}

#[tauri::command]
pub fn list_displays(app: AppHandle) -> Result<Vec<Display>> {
    let primary = app.primary_monitor().ok().flatten().map(|m| *m.position());
    let monitors = app.available_monitors().map_err(window_error)?;
    Ok(monitors
        .iter()
        .enumerate()
        .map(|(i, m)| Display {
            index: i as u32,
            name: m.name().cloned().unwrap_or_else(|| format!("Screen {}", i + 1)),
            width: m.size().width,
            height: m.size().height,
            primary: primary == Some(*m.position()),
        })
        .collect())
}

/// Opens (or moves) the room display on screen `display` (default: the last screen, which is
/// where a projector usually is), fullscreen there. On the chair's own screen it opens as a normal
/// window instead, so it never hides the controls.
#[tauri::command]
pub async fn open_room_display(app: AppHandle, display: Option<u32>, look: RoomLook) -> Result<()> {
    let monitors = app.available_monitors().map_err(window_error)?;
    let chosen = match display {
        Some(i) => Some(monitors.get(i as usize).ok_or(Error::NotFound { what: "screen" })?),
        None => monitors.last(),
    };
    let window = match app.get_webview_window(ROOM) {
        Some(w) => {
            restyle(&w, &look)?;
            w
        }
        None => {
            WebviewWindowBuilder::new(&app, ROOM, WebviewUrl::App(format!("index.html?{}#room", look.query()?).into()))
                .title("Circlekeeper — room display")
                .inner_size(1280.0, 720.0)
                .focused(false)
                // As for the main window (dragDropEnabled: false): on Windows, Tauri's file-drop
                // handler would swallow the page's own HTML5 drag and drop.
                .disable_drag_drop_handler()
                .build()
                .map_err(window_error)?
        }
    };
    let chairs_screen = app.get_webview_window(MAIN).and_then(|w| w.current_monitor().ok().flatten());
    let elsewhere = match (chosen, &chairs_screen) {
        (Some(m), Some(c)) => m.position() != c.position(),
        _ => false,
    };
    window.set_fullscreen(false).map_err(window_error)?;
    if let (Some(m), true) = (chosen, elsewhere) {
        window.set_position(*m.position()).map_err(window_error)?;
        window.set_fullscreen(true).map_err(window_error)?;
    }
    push_frames(&app);
    Ok(())
}

/// The chair changed the language or the theme: the open room display follows.
#[tauri::command]
pub fn set_room_look(app: AppHandle, look: RoomLook) -> Result<()> {
    match app.get_webview_window(ROOM) {
        Some(w) => restyle(&w, &look),
        None => look.query().map(drop),
    }
}

#[tauri::command]
pub fn close_room_display(app: AppHandle) -> Result<()> {
    if let Some(w) = app.get_webview_window(ROOM) {
        w.close().map_err(window_error)?;
    }
    Ok(())
}

#[tauri::command]
pub fn room_settings(state: State<'_, AppState>, group_id: String) -> Result<RoomSettings> {
    state.with(|s| s.room_settings(&group_id))
}

#[tauri::command]
pub fn set_room_settings(state: State<'_, AppState>, group_id: String, settings: RoomSettings) -> Result<RoomSettings> {
    state.with(|s| s.set_room_settings(&group_id, settings))
}
