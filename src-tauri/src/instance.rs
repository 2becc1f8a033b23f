//! One Circlekeeper per data folder, on Unix, with the standard library alone. The first app holds
//! a lock on `circlekeeper.lock` beside the data and listens on `circlekeeper.sock`; a second launch
//! finds the lock taken, knocks on the socket so the first comes forward, and leaves. The kernel
//! lets go of the lock when its process ends, even by `kill -9`, so what a killed app leaves behind
//! (the lock file, the socket file) never keeps the next start out.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

const LOCK: &str = "circlekeeper.lock";
const SOCKET: &str = "circlekeeper.sock";

/// What starting in a data folder found.
pub enum Claim {
    /// This is the only app on the folder for as long as the holder lives.
    First(Holder),
    /// Another app has the folder; it was asked to come forward.
    Running,
}

/// Keeps the folder's lock; dropping it (or the process ending) lets the next app in.
pub struct Holder {
    _lock: File,
}

/// Takes `dir` for this app, or knocks on the app that has it. Once taken, `on_knock` runs (on a
/// thread of its own) each time a later launch knocks.
pub fn claim(dir: &Path, on_knock: impl Fn() + Send + 'static) -> io::Result<Claim> {
    fs::create_dir_all(dir)?;
    let lock = OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK))?;
    let socket = dir.join(SOCKET);
    match lock.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            // The first app may be killed between our try and our knock, or its socket path may
            // be too long to bind: either way there is nothing to bring forward, and we still leave.
            if let Ok(mut first) = UnixStream::connect(&socket) {
                let _ = first.write_all(b"\n");
            }
            return Ok(Claim::Running);
        }
        Err(TryLockError::Error(e)) => return Err(e),
    }
    // With the lock held, a socket file here is a dead app's: no one else can be listening on it.
    match fs::remove_file(&socket) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    match UnixListener::bind(&socket) {
        Ok(listener) => {
            std::thread::spawn(move || {
                for knock in listener.incoming() {
                    if knock.is_ok() {
                        on_knock();
                    }
                }
            });
        }
        // A folder path longer than a socket address allows (about 100 bytes): the lock still
        // keeps a second app out; it just cannot bring this one forward.
        Err(e) => eprintln!("Circlekeeper: no socket for a second launch to knock on: {e}"),
    }
    Ok(Claim::First(Holder { _lock: lock }))
}

#[cfg(test)]
mod tests {
    use std::os::unix::net::UnixDatagram;
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn knocks() -> (impl Fn() + Send + Clone + 'static, mpsc::Receiver<()>) {
        let (tx, rx) = mpsc::channel();
        (
            move || {
                let _ = tx.send(());
            },
            rx,
        )
    }

    #[test]
    fn a_second_launch_on_the_same_folder_knocks_on_the_first_and_is_told_to_leave() {
        let dir = tempfile_dir("second-launch");
        let (on_knock, knocked) = knocks();
        let first = claim(&dir, on_knock).unwrap();
        assert!(matches!(first, Claim::First(_)));

        let (never, _) = knocks();
        assert!(matches!(claim(&dir, never).unwrap(), Claim::Running));
        knocked.recv_timeout(Duration::from_secs(5)).expect("the first app was asked to come forward");
        drop(first);
    }

    #[test]
    fn once_the_first_app_is_gone_the_next_start_takes_the_folder() {
        let dir = tempfile_dir("after-close");
        let (on_knock, _) = knocks();
        let first = claim(&dir, on_knock).unwrap();
        drop(first);
        let (on_knock, _) = knocks();
        assert!(matches!(claim(&dir, on_knock).unwrap(), Claim::First(_)));
    }

    #[test]
    fn what_a_killed_app_left_behind_does_not_keep_the_next_start_out() {
        let dir = tempfile_dir("after-kill");
        // A lock file no process holds, and a socket file nothing listens on (its listener gone).
        fs::write(dir.join(LOCK), "").unwrap();
        drop(UnixDatagram::bind(dir.join(SOCKET)).unwrap());
        assert!(dir.join(SOCKET).exists());

        let (on_knock, knocked) = knocks();
        let first = claim(&dir, on_knock).unwrap();
        assert!(matches!(first, Claim::First(_)));
        // Its socket is live again: a later launch still reaches it.
        let (never, _) = knocks();
        assert!(matches!(claim(&dir, never).unwrap(), Claim::Running));
        knocked.recv_timeout(Duration::from_secs(5)).expect("the new first app was knocked on");
    }

    #[test]
    fn an_app_killed_outright_lets_go_of_the_folder() {
        let dir = tempfile_dir("kill-9");
        // Another process holding the folder's lock, as a running app does (flock(1) takes the
        // same kind of lock, here on the shell's descriptor, which `sleep` keeps), then killed with
        // SIGKILL: no chance to clean anything up.
        let mut other = std::process::Command::new("sh")
            .args(["-c", r#"exec 9>>"$0" && flock 9 && exec sleep 60"#])
            .arg(dir.join(LOCK))
            .spawn()
            .unwrap();
        let (never, _) = knocks();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !matches!(claim(&dir, never.clone()).unwrap(), Claim::Running) {
            assert!(std::time::Instant::now() < deadline, "the other process never took the lock");
            std::thread::sleep(Duration::from_millis(20));
        }
        other.kill().unwrap();
        other.wait().unwrap();

        let (on_knock, _) = knocks();
        assert!(matches!(claim(&dir, on_knock).unwrap(), Claim::First(_)));
    }

    #[test]
    fn another_data_folder_is_another_app() {
        let (a, b) = (tempfile_dir("folder-a"), tempfile_dir("folder-b"));
        let (on_a, _) = knocks();
        let (on_b, _) = knocks();
        let first = claim(&a, on_a).unwrap();
        assert!(matches!(claim(&b, on_b).unwrap(), Claim::First(_)));
        drop(first);
    }

    fn tempfile_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("ck-instance-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }
}
