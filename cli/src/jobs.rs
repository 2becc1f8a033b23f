//! Each subcommand: find the file, ask what is needed, one call into core, print the result.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use circlekeeper_core::backup::{self, BackupInfo, BackupReason};
use circlekeeper_core::bundle::open_bundle_file;
use circlekeeper_core::store::db::{self, FileState};
use circlekeeper_core::store::stats::Stats;
use circlekeeper_core::{Clock, CsvRows, Passphrase, Store, SystemClock};
use serde::Serialize;

use crate::fail::{Failure, DAMAGED, FAILED, IN_USE};
use crate::secret::Asker;
use crate::Job;

pub struct Ctx {
    pub data_file: PathBuf,
    pub asker: Asker,
    pub json: bool,
}

pub fn run(ctx: &Ctx, job: &Job) -> Result<(), Failure> {
    match job {
        Job::Backup => {
            let source = open(ctx)?.backup_source()?;
            let info = backup::take(&source, BackupReason::ByHand, now())?;
            ctx.print(&info, backup_line)
        }
        Job::Verify { file } => verify(ctx, file.as_deref()),
        Job::Restore { file } => {
            refuse_if_open(ctx, "restore a backup")?;
            let info = listed(ctx, file)?;
            let key = backup_key(ctx, [&info])?;
            let report = backup::restore(&ctx.data_file, &info.file, key.as_ref(), now())?;
            ctx.print(&report, |r| {
                let aside = match &r.kept_aside {
                    Some(a) => format!("the data file as it was is kept as the backup {}", a.file),
                    None => "there was no data file to keep aside".into(),
                };
                format!("restored {}\n{aside}", backup_line(&r.restored))
            })
        }
        Job::ExportBundle { group, changes_only, out } => {
            let mut store = open(ctx)?;
            let group_id = group_id(&store, group.as_deref())?;
            let seal = ctx.asker.ask_new("A new passphrase to seal the bundle with: ")?;
            let saved = store.export_bundle_file(&group_id, &seal, *changes_only, out)?;
            ctx.print(&saved, |s| format!("{}\t{} records\t{} bytes", s.path, s.report.records, s.report.bytes))
        }
        Job::ImportBundle { file, group } => {
            refuse_if_open(ctx, "import a bundle")?;
            let mut store = open(ctx)?;
            let key = ctx.asker.ask("Passphrase of the bundle: ")?;
            let report = store.import_payload(open_bundle_file(file, &key)?, group.as_deref())?;
            ctx.print(&report, |r| {
                format!("{}\t{} added\t{} updated\t{} unchanged", shown(&r.group_name), r.added, r.updated, r.unchanged)
            })
        }
        Job::Stats => {
            let stats = open(ctx)?.stats()?;
            ctx.print(&stats, stats_text)
        }
        Job::ExportCsv { group, from, to, months, out } => {
            let store = open(ctx)?;
            let group_id = group_id(&store, group.as_deref())?;
            let rows = if *months { CsvRows::Months } else { CsvRows::Meetings };
            if out.as_os_str() == "-" {
                let bytes = store.trends_csv(&group_id, from.as_deref(), to.as_deref(), rows)?;
                std::io::stdout().write_all(&bytes).map_err(|e| Failure::new(FAILED, e.to_string()))
            } else {
                store.save_trends_csv(&group_id, from.as_deref(), to.as_deref(), rows, out)?;
                ctx.print(&out.display().to_string(), |path| format!("saved {path}"))
            }
        }
        Job::Check => {
            let check = open(ctx)?.check_data()?;
            ctx.print(&check, |c| {
                let mut text: Vec<String> = c.checked.iter().map(|s| format!("checked: {s}")).collect();
                text.extend(c.problems.iter().map(|p| format!("problem: {p}")));
                text.push(if c.ok { "ok".into() } else { format!("{} problems found", c.problems.len()) });
                text.join("\n")
            })?;
            if check.ok {
                Ok(())
            } else {
                Err(Failure::new(DAMAGED, "The check found problems in the data (listed above)."))
            }
        }
    }
}

impl Ctx {
    /// Prints a result to standard output: as JSON with `--json`, else as `text` makes it.
    fn print<T: Serialize>(&self, value: &T, text: impl FnOnce(&T) -> String) -> Result<(), Failure> {
        if self.json {
            let json = serde_json::to_string_pretty(value).map_err(|e| Failure::new(FAILED, e.to_string()))?;
            println!("{json}");
        } else {
            println!("{}", text(value));
        }
        Ok(())
    }
}

fn now() -> i64 {
    SystemClock::default().now_ms()
}

/// Opens the data file as the app does (asking its passphrase if it is protected). A missing file
/// is an error here: this tool never starts a new, empty store.
fn open(ctx: &Ctx) -> Result<Store, Failure> {
    let path = &ctx.data_file;
    let key = match db::probe(path)? {
        FileState::Missing => {
            return Err(Failure::new(
                FAILED,
                format!(
                    "There is no Circlekeeper data file at {}. Give its folder with --data-dir DIR.",
                    path.display()
                ),
            ))
        }
        FileState::Plain => None,
        FileState::Encrypted => Some(ctx.asker.ask("Passphrase of the data file: ")?),
    };
    Ok(Store::open_keyed(path, Arc::new(SystemClock::default()), key.as_ref())?)
}

fn refuse_if_open(ctx: &Ctx, job: &str) -> Result<(), Failure> {
    let open = crate::in_use::open_elsewhere(&ctx.data_file)
        .map_err(|e| Failure::new(FAILED, format!("Cannot tell whether the data file is in use: {e}")))?;
    if open {
        return Err(Failure::new(
            IN_USE,
            format!(
                "Circlekeeper (or another program) has the data file open, so this tool will not {job} under it. \
                 Close Circlekeeper, or lock it (Ctrl+L), and try again. Nothing was changed."
            ),
        ));
    }
    Ok(())
}

/// The backup named `file` among those listed (whole, never half-written).
fn listed(ctx: &Ctx, file: &str) -> Result<BackupInfo, Failure> {
    let name = Path::new(file).file_name().and_then(|n| n.to_str()).unwrap_or(file);
    backup::list(&ctx.data_file)?.into_iter().find(|b| b.file == name).ok_or_else(|| {
        Failure::new(
            FAILED,
            format!(
                "There is no whole backup named “{name}” in {}. `circlekeeper-cli verify` lists them.",
                backup::folder(&ctx.data_file).display()
            ),
        )
    })
}

/// The passphrase the backups were taken with, asked once, if any of them is protected.
fn backup_key<'a>(ctx: &Ctx, backups: impl IntoIterator<Item = &'a BackupInfo>) -> Result<Option<Passphrase>, Failure> {
    if backups.into_iter().any(|b| b.protected) {
        Ok(Some(ctx.asker.ask("Passphrase of the backup (the data file's when it was taken): ")?))
    } else {
        Ok(None)
    }
}

/// Verifies one backup or all of them; prints each that verifies, says why of each that does not.
fn verify(ctx: &Ctx, file: Option<&str>) -> Result<(), Failure> {
    let backups = match file {
        Some(f) => vec![listed(ctx, f)?],
        None => backup::list(&ctx.data_file)?,
    };
    if backups.is_empty() {
        return Err(Failure::new(
            FAILED,
            format!("There are no backups in {}.", backup::folder(&ctx.data_file).display()),
        ));
    }
    let key = backup_key(ctx, &backups)?;
    let mut verified = Vec::new();
    let mut codes = Vec::new();
    for b in &backups {
        match backup::verify(&ctx.data_file, &b.file, key.as_ref().filter(|_| b.protected)) {
            Ok(info) => verified.push(info),
            Err(e) => {
                let failure = Failure::from(e);
                eprintln!("circlekeeper-cli: {}: {}", b.file, failure.message);
                codes.push(failure.code);
            }
        }
    }
    ctx.print(&verified, |v| v.iter().map(backup_line).collect::<Vec<_>>().join("\n"))?;
    let Some(&first) = codes.first() else { return Ok(()) };
    // Damage outranks a passphrase that does not fit (a backup from before a change of passphrase).
    let code = if codes.contains(&DAMAGED) { DAMAGED } else { first };
    Err(Failure::new(code, format!("{} of {} backups did not verify (see above).", codes.len(), backups.len())))
}

/// One backup on one line, tab-separated: file, when (UTC), size, what it holds (counts unknown
/// for a protected backup listed without its passphrase show as "?").
fn backup_line(b: &BackupInfo) -> String {
    let when = chrono::DateTime::from_timestamp_millis(b.taken_at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let count = |n: Option<i64>| n.map_or("?".to_string(), |n| n.to_string());
    format!(
        "{}\t{when}\t{} bytes\t{} groups\t{} meetings\tlast meeting {}\t{}",
        b.file,
        b.bytes,
        count(b.groups),
        count(b.meetings),
        b.last_meeting.as_deref().unwrap_or("none"),
        if b.protected { "protected" } else { "plain" }
    )
}

/// The group named or with the id `wanted`; the only group when none is named.
fn group_id(store: &Store, wanted: Option<&str>) -> Result<String, Failure> {
    let groups = store.groups()?;
    let found: Vec<_> = match wanted {
        Some(w) => groups.iter().filter(|g| g.id == w || g.name == w).collect(),
        None => groups.iter().collect(),
    };
    match (found.as_slice(), wanted) {
        ([one], _) => Ok(one.id.clone()),
        ([], Some(_)) => Err(Failure::new(FAILED, "No group of that name or id is in this data file.")),
        ([], None) => Err(Failure::new(FAILED, "This data file has no group yet.")),
        (_, _) => Err(Failure::usage(format!(
            "This data file has {} groups{}; name one with --group (its name or id).",
            found.len(),
            if wanted.is_some() { " of that name" } else { "" }
        ))),
    }
}

fn stats_text(stats: &Stats) -> String {
    let mut out = vec![format!("groups: {}", stats.groups.len())];
    for g in &stats.groups {
        let t = &g.totals;
        out.push(format!(
            "{}\t{} meetings\t{} check-ins\t{} shares",
            shown(&g.name),
            t.meetings,
            t.check_ins,
            t.shares
        ));
        for y in &g.years {
            let c = &y.counts;
            out.push(format!("  {}\t{} meetings\t{} check-ins\t{} shares", y.year, c.meetings, c.check_ins, c.shares));
        }
    }
    out.join("\n")
}

/// Text typed by a person, made safe for a terminal: a control character (an escape sequence, a
/// tab or line break that would break the columns) shows as U+FFFD instead.
fn shown(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}
