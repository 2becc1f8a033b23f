//! Nothing acknowledged is lost, whenever the power goes: each write path runs in a child process
//! (this test binary, run again as [`child_process_of_the_harness`]) that is killed with SIGKILL
//! at a random point of it, at least 50 times per path. After each kill the data folder must open
//! (with the passphrase it should have), pass the full integrity check, hold every write the child
//! had reported done, and offer only backups that verify.
//!
//! The child prints `@ck READY` when the path starts, `@ck ACK <what>` after each write returns,
//! and `@ck END`. Kill points are seeded (the seed is printed; `CK_KILL_SEED=<seed>` runs the same
//! points again) and spread over the path as measured by three unkilled runs (and learnt again
//! from each kill that came too late): most during it, some during the set-up before it, some just
//! after. `CK_KILL_POINTS` raises the count; `CK_KILL_PROTECTED=1` backs up and restores protected
//! data (see [`backup_key`]).
//!
//! Here rather than in core's stories: it runs processes, as the CLI's stories do, and keeps core's
//! one story binary quick.

#![cfg(unix)]

mod fixtures;

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use circlekeeper_core::backup::{self, BackupInfo, BackupReason};
use circlekeeper_core::bundle::{self, envelope};
use circlekeeper_core::store::db::{self, FileState};
use circlekeeper_core::store::stats::GroupStats;
use circlekeeper_core::{
    Clock, Direction, MeetingMode, OpenMeetingInput, Passphrase, SharingView, StartCircleInput, Store, SystemClock,
};
use fixtures::*;
use tempfile::TempDir;

/// Which path the child runs, and in which folder.
const PATH_ENV: &str = "CK_KILL_PATH";
const DIR_ENV: &str = "CK_KILL_DIR";

/// The other laptop's bundle, opened: the payload the import merges.
const BUNDLE_JSON: &str = "theirs.json";

/// Meetings of history in every data folder here: about 0.5 MB, so copying and encrypting it take
/// long enough to be killed part-way.
const MEETINGS: i64 = 100;

// ---------------------------------------------------------------------------------------------
// The paths: what the child does, and what the parent checks after each kill.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum WritePath {
    Backup,
    Restore,
    Protect,
    ChangePassphrase,
    BundleImport,
    Migration,
    CheckIn,
    Next,
}

use WritePath::*;

impl WritePath {
    fn name(self) -> &'static str {
        match self {
            Backup => "backup",
            Restore => "restore",
            Protect => "protect",
            ChangePassphrase => "change-passphrase",
            BundleImport => "bundle-import",
            Migration => "migration",
            CheckIn => "check-in",
            Next => "next",
        }
    }

    fn from_name(name: &str) -> WritePath {
        [Backup, Restore, Protect, ChangePassphrase, BundleImport, Migration, CheckIn, Next]
            .into_iter()
            .find(|p| p.name() == name)
            .unwrap_or_else(|| panic!("no write path {name}"))
    }

    /// The data folder the path starts from, made once per run; each kill gets a copy.
    fn template(self) -> &'static Path {
        static TEMPLATES: [OnceLock<TempDir>; 8] = [const { OnceLock::new() }; 8];
        TEMPLATES[self as usize]
            .get_or_init(|| {
                let dir = scratch();
                self.set_up(dir.path());
                dir
            })
            .path()
    }

    /// The meetings of history it starts from: a plain backup or restore of 100 takes some 20 ms,
    /// too short to aim at, so those copy four times as many.
    fn meetings(self) -> i64 {
        match self {
            Backup | Restore => 4 * MEETINGS,
            _ => MEETINGS,
        }
    }

    fn set_up(self, dir: &Path) {
        let meetings = self.meetings();
        match self {
            Migration => release_6_history(dir, meetings, OURS),
            Protect => history(dir, meetings, OURS, None),
            Backup => history(dir, meetings, OURS, backup_key().as_ref()),
            ChangePassphrase => history(dir, meetings, OURS, Some(&key())),
            Restore => {
                // A backup of the history, then tonight's meeting on top of it: restoring goes back.
                history(dir, meetings, OURS, backup_key().as_ref());
                let store = open(dir, backup_key().as_ref()).unwrap();
                backup::take(&store.backup_source().unwrap(), BackupReason::ByHand, now()).unwrap();
                tonight(store);
            }
            BundleImport => {
                history(dir, meetings, OURS, None);
                // Another laptop's group, with a history of its own, sealed in a bundle.
                let other = scratch();
                history(other.path(), MEETINGS, THEIRS, None);
                let mut theirs = open(other.path(), None).unwrap();
                let group = theirs.groups().unwrap().remove(0).id;
                let saved = theirs.export_bundle_file(&group, &key(), false, other.path()).unwrap();
                // Opened here once: unsealing (a deliberately slow key derivation) writes nothing,
                // and the child then spends its time in the merge, the write under test.
                let opened = envelope::open(std::fs::read(saved.path).unwrap(), &key()).unwrap();
                std::fs::write(dir.join(BUNDLE_JSON), opened).unwrap();
            }
            CheckIn => {
                history(dir, meetings, OURS, None);
                tonight(open(dir, None).unwrap());
            }
            Next => {
                history(dir, meetings, OURS, None);
                let meeting = tonight(open(dir, None).unwrap());
                let mut store = open(dir, None).unwrap();
                for p in store.roster(OURS.group).unwrap() {
                    store.check_in(&meeting, &p.id).unwrap();
                }
                let input =
                    StartCircleInput { meeting_id: meeting, first_person_id: None, direction: Direction::Clockwise };
                store.start_circle(&input).unwrap();
            }
        }
    }

    /// In the child: set up, say READY, do the writes saying ACK after each, say END.
    fn run_child(self, dir: &Path) {
        let say = |line: &str| println!("@ck {line}");
        match self {
            Backup => {
                let store = open(dir, backup_key().as_ref()).unwrap();
                let source = store.backup_source().unwrap();
                say("READY");
                let info = backup::take(&source, BackupReason::ByHand, now()).unwrap();
                say(&format!("ACK {}", info.file));
            }
            Restore => {
                let file = backup::list(&data_file(dir)).unwrap().remove(0).file;
                say("READY");
                backup::restore(&data_file(dir), &file, backup_key().as_ref(), now()).unwrap();
                say("ACK restored");
            }
            Protect => {
                say("READY");
                db::encrypt_in_place(&data_file(dir), &key()).unwrap();
                say("ACK protected");
            }
            ChangePassphrase => {
                let mut store = open(dir, Some(&key())).unwrap();
                say("READY");
                store.change_passphrase(&new_key()).unwrap();
                say("ACK changed");
            }
            BundleImport => {
                let mut store = open(dir, None).unwrap();
                let payload = bundle::read_payload(&std::fs::read(dir.join(BUNDLE_JSON)).unwrap()).unwrap();
                say("READY");
                let report = store.import_payload(payload, None).unwrap();
                say(&format!("ACK {}", report.group_id));
            }
            Migration => {
                say("READY");
                open(dir, None).unwrap();
                say("ACK upgraded");
            }
            CheckIn => {
                let mut store = open(dir, None).unwrap();
                let meeting = open_meeting(&store);
                let people = store.roster(OURS.group).unwrap();
                say("READY");
                for p in people {
                    store.check_in(&meeting, &p.id).unwrap();
                    say(&format!("ACK {}", p.id));
                }
            }
            Next => {
                let mut store = open(dir, None).unwrap();
                let meeting = open_meeting(&store);
                say("READY");
                loop {
                    let view = store.next_speaker(&meeting).unwrap();
                    say(&format!("ACK {}", progress(&view)));
                    if view.round.is_none_or(|r| r.waiting == 0) {
                        break;
                    }
                }
            }
        }
        say("END");
    }

    /// In the parent, after a kill: the folder opens, checks whole, and lost nothing acknowledged.
    fn check(self, dir: &Path, acks: &[String]) -> Result<(), String> {
        let file = data_file(dir);
        let done = !acks.is_empty();
        let store = match self {
            Protect => match db::probe(&file).map_err(|e| e.to_string())? {
                FileState::Plain if !done => open(dir, None),
                FileState::Plain => return Err("protecting was acknowledged, but the file is still plain".into()),
                _ => open(dir, Some(&key())),
            },
            // One passphrase opens it: the new one, or (unless the change was acknowledged) the old.
            ChangePassphrase => match open(dir, Some(&new_key())) {
                Err(e) if e.kind() == "wrong_passphrase" && !done => open(dir, Some(&key())),
                other => other,
            },
            Backup | Restore => open(dir, backup_key().as_ref()),
            _ => open(dir, None),
        }
        .map_err(|e| format!("the store does not open: {e}"))?;
        let check = store.check_data().map_err(|e| e.to_string())?;
        if !check.ok {
            return Err(format!("the integrity check found problems: {:?}", check.problems));
        }
        let stats = store.stats().map_err(|e| e.to_string())?;
        let history = &stats.groups.iter().find(|g| g.name == OURS.name).ok_or("the group is gone")?.totals;
        if history.meetings < self.meetings() || history.check_ins < self.meetings() * CHECKED_IN {
            return Err(format!("history was lost: {history:?}"));
        }
        let backups = only_whole_backups(dir)?;
        self.holds_what_was_acknowledged(&store, &backups, acks)
    }

    fn holds_what_was_acknowledged(self, store: &Store, backups: &[BackupInfo], acks: &[String]) -> Result<(), String> {
        match self {
            Backup => {
                let listed: Vec<&str> = backups.iter().map(|b| b.file.as_str()).collect();
                match acks.first() {
                    Some(done) if !listed.contains(&done.as_str()) => {
                        Err(format!("the acknowledged backup {done} is not offered"))
                    }
                    _ => Ok(()),
                }
            }
            Restore => {
                // Tonight's meeting is in the data file, or (restored) in a backup kept aside.
                let tonight_here = store.stats().unwrap().groups[0].totals.meetings == self.meetings() + 1;
                if tonight_here && !acks.is_empty() {
                    return Err("the restore was acknowledged, but the data file is as before".into());
                }
                if !tonight_here {
                    let aside = backups.iter().find(|b| b.reason == BackupReason::BeforeRestore);
                    let aside = aside.ok_or("restored, but the data as it was is not kept aside")?;
                    if aside.meetings != Some(self.meetings() + 1) {
                        return Err(format!("the data kept aside lacks tonight's meeting: {aside:?}"));
                    }
                }
                Ok(())
            }
            BundleImport => {
                let groups = store.groups().map_err(|e| e.to_string())?;
                let stats = store.stats().map_err(|e| e.to_string())?;
                let whole =
                    |g: &&GroupStats| g.totals.meetings == MEETINGS && g.totals.check_ins == MEETINGS * CHECKED_IN;
                match (groups.len(), acks.is_empty()) {
                    (1, true) => Ok(()),
                    (2, _) if stats.groups.iter().filter(whole).count() == 2 => Ok(()),
                    _ => Err(format!("the bundle came in part-way or not at all though acknowledged: {stats:?}")),
                }
            }
            CheckIn => {
                let meeting = open_meeting(store);
                let here: HashSet<String> = store
                    .meeting_view(&meeting)
                    .map_err(|e| e.to_string())?
                    .attendees
                    .into_iter()
                    .filter_map(|a| a.person_id)
                    .collect();
                let acked: HashSet<String> = acks.iter().cloned().collect();
                // Every acknowledged check-in is here; at most one more (landed, not yet reported).
                if !acked.is_subset(&here) || here.len() > acked.len() + 1 {
                    return Err(format!("{} check-ins acknowledged, {} here", acked.len(), here.len()));
                }
                Ok(())
            }
            Next => {
                let now = progress(&store.sharing(&open_meeting(store)).map_err(|e| e.to_string())?);
                let acked: u32 = acks.last().map_or(0, |a| a.parse().unwrap());
                // One press moves it on by at most two: a turn ends, the next share starts.
                if now < acked || now > acked + 2 {
                    return Err(format!("Next acknowledged at step {acked} of the round, the round is at {now}"));
                }
                Ok(())
            }
            Protect | ChangePassphrase | Migration => Ok(()),
        }
    }
}

/// Tonight's meeting, opened on the store's own clock; gives its id and closes the store.
fn tonight(mut store: Store) -> String {
    let input = OpenMeetingInput {
        group_id: OURS.group.into(),
        chair: "Robin".into(),
        mode: MeetingMode::Named,
        another_today: false,
    };
    let id = store.open_meeting(&input).unwrap().meeting.id;
    store.close().unwrap();
    id
}

/// How far the round has gone: two steps a turn (a share started, then ended).
fn progress(view: &SharingView) -> u32 {
    view.round.as_ref().map_or(0, |r| r.turns * 2 + u32::from(r.speaking))
}

/// The meeting still open (tonight's).
fn open_meeting(store: &Store) -> String {
    let meetings = store.meetings(OURS.group).unwrap();
    meetings.into_iter().find(|m| m.meeting.closed_at.is_none()).expect("tonight's meeting").meeting.id
}

/// Backups and restores run on plain data unless `CK_KILL_PROTECTED=1`: the files they write
/// and rename are the same, and each opening of protected data costs a key derivation (a quarter
/// of a second here), which would take the harness well past two minutes.
fn backup_key() -> Option<Passphrase> {
    (std::env::var("CK_KILL_PROTECTED").as_deref() == Ok("1")).then(key)
}

fn now() -> i64 {
    SystemClock::default().now_ms()
}

/// Every backup offered verifies (with the passphrase it was taken under); what each holds.
fn only_whole_backups(dir: &Path) -> Result<Vec<BackupInfo>, String> {
    let offered = backup::list(&data_file(dir)).map_err(|e| format!("the backups cannot be listed: {e}"))?;
    offered
        .into_iter()
        .map(|b| {
            let key = b.protected.then(key);
            backup::verify(&data_file(dir), &b.file, key.as_ref())
                .map_err(|e| format!("the backup {} is offered but does not verify: {e}", b.file))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The harness: measure, then kill at seeded random points, then check.
// ---------------------------------------------------------------------------------------------

/// Run by the harness in the child process, never on its own.
#[test]
#[ignore = "the child process of the kill harness; the harness runs it"]
fn child_process_of_the_harness() {
    let path = WritePath::from_name(&std::env::var(PATH_ENV).expect("run by the kill harness"));
    path.run_child(Path::new(&std::env::var(DIR_ENV).unwrap()));
}

/// What the child said, each line with the moment it arrived.
struct Running {
    child: Child,
    lines: mpsc::Receiver<(String, Instant)>,
    started: Instant,
}

fn spawn(path: WritePath, dir: &Path) -> Running {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_process_of_the_harness", "--exact", "--ignored", "--nocapture", "--test-threads", "1"])
        .env(PATH_ENV, path.name())
        .env(DIR_ENV, dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let out = child.stdout.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            // libtest may have begun the line with the test's name.
            if let Some(at) = line.find("@ck ") {
                if tx.send((line[at + 4..].to_string(), Instant::now())).is_err() {
                    break;
                }
            }
        }
    });
    Running { child, lines, started }
}

/// Everything the child said, once it has ended.
fn finish(mut run: Running) -> (Vec<(String, Instant)>, String) {
    let status = run.child.wait().unwrap();
    let said: Vec<_> = run.lines.iter().collect();
    let mut err = String::new();
    if !status.success() {
        use std::io::Read;
        let _ = run.child.stderr.take().unwrap().read_to_string(&mut err);
    }
    (said, err)
}

/// splitmix64: a seeded sequence, the same on every machine.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn seed() -> u64 {
    static SEED: OnceLock<u64> = OnceLock::new();
    *SEED.get_or_init(|| match std::env::var("CK_KILL_SEED") {
        Ok(s) => s.parse().expect("CK_KILL_SEED is a number"),
        Err(_) => std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64,
    })
}

fn points() -> usize {
    std::env::var("CK_KILL_POINTS").ok().and_then(|n| n.parse().ok()).unwrap_or(50)
}

/// A folder in memory (/dev/shm) where there is one. A process killed with SIGKILL leaves what it
/// wrote in the kernel's page cache, so the disk is not what is under test here (a lost sync
/// after a power cut is not a kill); in memory the syncs cost nothing and the harness runs
/// several times faster.
fn scratch() -> TempDir {
    let shm = Path::new("/dev/shm");
    shm.is_dir().then(|| tempfile::tempdir_in(shm).ok()).flatten().unwrap_or_else(|| tempfile::tempdir().unwrap())
}

/// A fresh copy of the path's starting folder.
fn fresh(path: WritePath) -> TempDir {
    let dir = scratch();
    copy_dir(path.template(), dir.path());
    dir
}

/// Measures the path (its set-up, then the path itself) in three runs to the end, each of which
/// must pass the checks.
fn measure(path: WritePath) -> Vec<(Duration, Duration)> {
    (0..3)
        .map(|_| {
            let dir = fresh(path);
            let run = spawn(path, dir.path());
            let started = run.started;
            let (said, err) = finish(run);
            let (Some(ready), Some(end)) = (at(&said, "READY"), at(&said, "END")) else {
                panic!("{} did not run through: {err}", path.name())
            };
            path.check(dir.path(), &acks(&said)).unwrap_or_else(|e| panic!("{} unkilled: {e}", path.name()));
            (ready - started, end - ready)
        })
        .collect()
}

/// The middle value of `d`.
fn median(mut d: Vec<Duration>) -> Duration {
    d.sort();
    d[d.len() / 2]
}

/// When the child said `what`.
fn at(said: &[(String, Instant)], what: &str) -> Option<Instant> {
    said.iter().find(|(s, _)| s == what).map(|(_, t)| *t)
}

/// Files a killed write left in the folder that are neither the store nor a backup offered (or
/// its summary beside it): a half-written copy, for the report. Digits are shown as 0, so the
/// same kind of file counts once.
fn strays_in(dir: &Path) -> Vec<String> {
    let offered: Vec<String> = backup::list(&data_file(dir)).unwrap().into_iter().map(|b| b.file).collect();
    let store = [DATA_FILE.to_string(), format!("{DATA_FILE}-wal"), format!("{DATA_FILE}-shm")];
    let expected = |name: &str| {
        store.iter().any(|s| s == name)
            || [BUNDLE_JSON, "backups"].contains(&name)
            || offered.iter().any(|f| name.starts_with(f.trim_end_matches(".sqlite3")))
    };
    [dir.to_path_buf(), backup::folder(&data_file(dir))]
        .iter()
        .flat_map(|folder| std::fs::read_dir(folder).into_iter().flatten().flatten())
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .filter(|name| !expected(name))
        .map(|name| name.replace(|c: char| c.is_ascii_digit(), "0").replace("sqlite0", "sqlite3"))
        .collect()
}

fn acks(said: &[(String, Instant)]) -> Vec<String> {
    said.iter().filter_map(|(s, _)| s.strip_prefix("ACK ").map(str::to_string)).collect()
}

/// Kills the path at `points()` seeded random moments and checks the folder after each.
fn kill_at_random_points(path: WritePath) {
    let mut rng = Seeded(seed() ^ (path as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let measured = measure(path);
    let setup = median(measured.iter().map(|m| m.0).collect());
    // The path's length, learnt again from every kill that came after its end: on a busy machine
    // the first runs can be slower or faster than the rest.
    let mut lengths: Vec<Duration> = measured.iter().map(|m| m.1).collect();
    let (mut before, mut mid, mut after) = (0, 0, 0);
    let mut strays = std::collections::BTreeSet::new();
    for n in 0..points() {
        let dir = fresh(path);
        // A tenth of the points during the set-up, a tenth just after the path, the rest within it.
        let u = rng.next() * 1.2 - 0.1;
        let mut run = spawn(path, dir.path());
        let mut said = Vec::new();
        if u < 0.0 {
            std::thread::sleep(setup.mul_f64(1.0 + u * 10.0));
        } else {
            let ready = run.lines.recv_timeout(Duration::from_secs(60)).expect("the child got ready");
            assert_eq!(ready.0, "READY", "{}", path.name());
            said.push(ready);
            std::thread::sleep(median(lengths.clone()).mul_f64(u));
        }
        let _ = run.child.kill();
        said.extend(finish(run).0);
        match (at(&said, "READY"), at(&said, "END")) {
            (None, _) => before += 1,
            (Some(_), None) => mid += 1,
            (Some(ready), Some(end)) => {
                after += 1;
                lengths.push(end - ready);
            }
        }
        if let Err(e) = path.check(dir.path(), &acks(&said)) {
            panic!(
                "{}: after kill {n} (u = {u:.3}, CK_KILL_SEED={}): {e}; folder kept at {}",
                path.name(),
                seed(),
                dir.keep().display()
            );
        }
        strays.extend(strays_in(dir.path()));
    }
    let summary = format!(
        "kill harness: {:<17} {} kills (CK_KILL_SEED={}): {before} before, {mid} mid-path, {after} after; \
         set-up {} ms, path {} ms; files left behind by a kill: {strays:?}",
        path.name(),
        points(),
        seed(),
        setup.as_millis(),
        median(lengths).as_millis()
    );
    // Straight to standard error, past the test harness's capture: every run shows its seed and spread.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{summary}\n").as_bytes());
}

#[test]
fn a_backup_killed_midway_is_never_offered() {
    kill_at_random_points(Backup);
}

#[test]
fn a_restore_killed_midway_leaves_the_old_data_or_the_restored_data() {
    kill_at_random_points(Restore);
}

#[test]
fn protecting_plain_data_killed_midway_leaves_it_plain_or_protected() {
    kill_at_random_points(Protect);
}

#[test]
fn a_change_of_passphrase_killed_midway_leaves_one_passphrase_that_opens() {
    kill_at_random_points(ChangePassphrase);
}

#[test]
fn a_bundle_import_killed_midway_is_all_in_or_not_at_all() {
    kill_at_random_points(BundleImport);
}

#[test]
fn an_upgrade_from_the_last_released_schema_killed_midway_loses_nothing() {
    kill_at_random_points(Migration);
}

#[test]
fn check_ins_acknowledged_before_a_kill_are_kept() {
    kill_at_random_points(CheckIn);
}

#[test]
fn presses_of_next_acknowledged_before_a_kill_are_kept() {
    kill_at_random_points(Next);
}
