//! Bringing the backups of the ten-year store (see `history/mod.rs`: three groups, 1,560
//! meetings, 38 MB) in line with the data, three backups at a time, as after the two things that
//! call for it: a regular of ten years forgotten (plain data), and the passphrase changed
//! (protected data). Each run starts from three backups taken before; only `align` is timed.
//! Target: well under a minute for the most backups kept (28), on the shell's background thread.

#[path = "history/mod.rs"]
mod history;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use circlekeeper_core::backup::{self, Alignment, BackupReason, BackupSource};
use circlekeeper_core::store::db;
use circlekeeper_core::*;
use criterion::{criterion_group, criterion_main, Criterion};
use history::Snapshot;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const BACKUPS: u32 = 3;

enum Change {
    Forget,
    Passphrase,
}

/// A copy of the ten-year store with three daily backups, then `change` made to the data; gives
/// the source, the passphrase the data had before, the time and the folder that holds it all.
fn backed_up_then(ten: &Snapshot, change: &Change) -> (BackupSource, Option<Passphrase>, i64, tempfile::TempDir) {
    let old = Passphrase::new("the group's old passphrase".into()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("circlekeeper.sqlite3");
    std::fs::copy(&ten.path, &path).unwrap();
    let key = match change {
        Change::Forget => None,
        Change::Passphrase => {
            db::encrypt_in_place(&path, &old).unwrap();
            Some(old.clone())
        }
    };
    for day in 0..BACKUPS {
        let source = BackupSource::new(path.clone(), key.clone());
        backup::take(&source, BackupReason::Daily, ten.now_ms + i64::from(day) * DAY_MS).unwrap();
    }
    let now = ten.now_ms + i64::from(BACKUPS) * DAY_MS;
    let mut store = Store::open_keyed(&path, Arc::new(FakeClock::at(now)), key.as_ref()).unwrap();
    let new = Passphrase::new("the group's new passphrase".into()).unwrap();
    let source = match change {
        Change::Forget => {
            let group = store.groups().unwrap().remove(0);
            let regular = store.roster(&group.id).unwrap().remove(0);
            store.forget_person(&regular.id).unwrap();
            BackupSource::new(path, None)
        }
        Change::Passphrase => {
            store.change_passphrase(&new).unwrap();
            BackupSource::new(path, Some(new))
        }
    };
    store.close().unwrap();
    (source, key, now, dir)
}

fn timed_align(ten: &Snapshot, change: &Change, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let (source, previous, now, _dir) = backed_up_then(ten, change);
        let start = Instant::now();
        let done = backup::align(&source, previous.as_ref(), now).unwrap();
        total += start.elapsed();
        assert_eq!(done, Alignment { mended: BACKUPS, removed: 0 });
        assert_backups_in(source.data_file());
    }
    total
}

fn assert_backups_in(data_file: &Path) {
    let folder: PathBuf = backup::folder(data_file);
    assert_eq!(std::fs::read_dir(folder).unwrap().count(), 2 * BACKUPS as usize, "backups and summaries only");
}

fn aligning(c: &mut Criterion) {
    let (_, ten, _) = history::snapshots();
    let mut g = c.benchmark_group("align 3 backups of 10 years");
    g.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(20));
    g.bench_function("a regular forgotten (plain)", |b| b.iter_custom(|n| timed_align(&ten, &Change::Forget, n)));
    g.bench_function("passphrase changed (protected)", |b| {
        b.iter_custom(|n| timed_align(&ten, &Change::Passphrase, n))
    });
    g.finish();
}

criterion_group!(benches, aligning);
criterion_main!(benches);
