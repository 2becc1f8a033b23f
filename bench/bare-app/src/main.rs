//! A bare Tauri 2 app: one window and one SQLite insert at start, nothing else.

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = app.path().app_data_dir()?;
            std::fs::create_dir_all(&dir)?;
            let db = rusqlite::Connection::open(dir.join("bare.sqlite3"))?;
            db.execute_batch(
                "CREATE TABLE IF NOT EXISTS starts (at TEXT NOT NULL);
                 INSERT INTO starts VALUES (datetime('now'));",
            )?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running the bare app");
}
