//! Whether a program has the data file open right now, read from SQLite's own lock.
//!
//! Every connection to a store in WAL mode (the app's, its backup thread's, another copy of this
//! tool's) holds a shared lock on one byte of the `-shm` file, SQLite's "dead man switch", for as
//! long as it is open; the kernel drops it the moment that process ends, however it ends. So a
//! lock there means the file is open now, and no lock means nobody has it open: no stale lock
//! file, no guess from the app's window or its single-instance lock (which covers the app alone,
//! not this tool or a backup). What it cannot see: the app running while locked
//! (locking closes the data file; on unlock the app opens whatever file is there, so a restore
//! meanwhile is safe), and a program that opens the file between this look and the job (the app
//! opening at that very moment: a race of milliseconds that this tool cannot close alone).

use std::path::Path;

/// The `-shm` file's dead-man-switch byte: SQLite's unix VFS locks byte
/// `(22 + SQLITE_SHM_NLOCK) * 4 + SQLITE_SHM_NLOCK` = 128 (os_unix.c, `UNIX_SHM_DMS`).
#[cfg(unix)]
const SHM_DMS_BYTE: libc::off_t = 128;

/// True if some other process has the store at `data_file` open. Call it before this process opens
/// any connection to the file: closing the descriptor used here would drop this process's own
/// SQLite locks on the `-shm` file (POSIX locks belong to the process, not the descriptor).
#[cfg(unix)]
pub fn open_elsewhere(data_file: &Path) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;

    let mut shm = data_file.as_os_str().to_owned();
    shm.push("-shm");
    let file = match std::fs::File::open(&shm) {
        Ok(f) => f,
        // No -shm file: no connection has the store open in WAL mode.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    };
    // SAFETY: flock is plain data; all-zero is a valid value, and the fields that matter are set.
    let mut probe: libc::flock = unsafe { std::mem::zeroed() };
    probe.l_type = libc::F_WRLCK as libc::c_short;
    probe.l_whence = libc::SEEK_SET as libc::c_short;
    probe.l_start = SHM_DMS_BYTE;
    probe.l_len = 1;
    // SAFETY: a valid open descriptor and a valid flock for F_GETLK, which only reads the lock table.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut probe) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(i32::from(probe.l_type) != libc::F_UNLCK)
}

/// Windows keeps SQLite's locks elsewhere; there the rename a restore ends with is refused by the
/// system while the app has the file open, so the file is never swapped under it.
#[cfg(not(unix))]
pub fn open_elsewhere(_data_file: &Path) -> std::io::Result<bool> {
    Ok(false)
}
