//! `circlekeeper-cli`: the jobs a careful friend or intergroup runs on a chair's data file from a
//! terminal or a script (backups, verifying and restoring them, handover bundles, name-free
//! counts, the integrity check), each a few lines into `circlekeeper-core`, the app's own logic.
//! Results go to standard output, messages to standard error; the exit code says how it ended.

mod fail;
mod in_use;
mod jobs;
mod place;
mod secret;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::fail::{Failure, EXIT_CODES};

#[derive(Parser)]
#[command(name = "circlekeeper-cli", version, about, after_help = EXIT_CODES)]
#[command(long_about = "Backups, restore, integrity check, handover bundles and name-free counts for \
Circlekeeper's data file, from a terminal or a script. A passphrase is asked on the terminal without \
showing it, or read from standard input with --passphrase-stdin; it is never taken on the command line.")]
struct Cli {
    /// The folder that holds circlekeeper.sqlite3 [default: $CIRCLEKEEPER_DATA_DIR, else the app's
    /// data folder]
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Read each passphrase needed from standard input, one per line (the data file's first, then
    /// a bundle's), instead of asking on the terminal
    #[arg(long, global = true)]
    passphrase_stdin: bool,
    /// Print the results as JSON
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    job: Job,
}

#[derive(Subcommand)]
pub enum Job {
    /// Take a backup now, into the backups folder beside the data file; it counts only once it
    /// has been read back and checked. Safe while Circlekeeper runs.
    Backup,
    /// Open a backup (every backup, if none is named) and check it whole; prints what each holds
    Verify {
        /// A backup's file name, as `verify` lists them
        file: Option<String>,
    },
    /// Put a backup in place of the data file. The data file as it is now is kept aside first as
    /// a backup of its own. Refused while Circlekeeper has the data file open.
    Restore {
        /// The backup's file name, as `verify` lists them
        file: String,
    },
    /// Save a group's handover bundle (sealed with a new passphrase) for a chair on another laptop
    ExportBundle {
        /// The group's name or id; may be left out when there is only one group
        #[arg(long)]
        group: Option<String>,
        /// Only what changed since the last bundle of this group
        #[arg(long)]
        changes_only: bool,
        /// The folder to save it in
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
    /// Merge a handover bundle into the data. Refused while Circlekeeper has the data file open.
    ImportBundle {
        /// The .ckbundle file
        file: PathBuf,
        /// Refuse the bundle unless it is of this group (its id)
        #[arg(long, value_name = "ID")]
        group: Option<String>,
    },
    /// Count groups, meetings, check-ins and shares, per group and per year; never a name of a person
    Stats,
    /// Save a group's meetings (one row each) or months as a spreadsheet (CSV, UTF-8); never a name
    /// of a person
    ExportCsv {
        /// The group's name or id; may be left out when there is only one group
        #[arg(long)]
        group: Option<String>,
        /// The first day (YYYY-MM-DD) [default: the group's first meeting]
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// The last day (YYYY-MM-DD) [default: the group's last meeting]
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// One row per month instead of one per meeting
        #[arg(long)]
        months: bool,
        /// The file to save it as; `-` writes it to standard output
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Run the full integrity check: SQLite's own and the app's rules; exit code 4 if it found problems
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let run = place::data_file(cli.data_dir.as_deref()).and_then(|data_file| {
        let ctx = jobs::Ctx { data_file, asker: secret::Asker::new(cli.passphrase_stdin), json: cli.json };
        jobs::run(&ctx, &cli.job)
    });
    match run {
        Ok(()) => ExitCode::from(fail::OK),
        Err(Failure { code, message }) => {
            eprintln!("circlekeeper-cli: {message}");
            ExitCode::from(code)
        }
    }
}
