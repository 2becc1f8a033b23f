//! The command-line tool, run as a script runs it, on temporary data folders: what each job
//! prints on standard output, what it says on standard error, and the exit code it ends with.

mod fixtures;

use std::path::Path;

use assert_cmd::Command;
use circlekeeper_core::{MeetingMode, OpenMeetingInput};
use fixtures::*;
use predicates::prelude::*;
use predicates::str::contains;
use tempfile::TempDir;

/// A short history: quick to make, and a few years of it.
const MEETINGS: i64 = 120;

/// The tool pointed at `dir`, with no terminal and nothing from the environment that could point
/// it at a real chair's data.
fn cli(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("circlekeeper-cli").unwrap();
    cmd.env_remove("CIRCLEKEEPER_DATA_DIR").arg("--data-dir").arg(dir);
    cmd
}

/// A chair's data folder with `MEETINGS` meetings of Friday Serenity, protected with `key` if given.
fn folder(key: Option<&circlekeeper_core::Passphrase>) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    history(dir.path(), MEETINGS, OURS, key);
    dir
}

/// The tool's JSON answer to `args`, with `stdin` as its standard input.
fn json(dir: &Path, args: &[&str], stdin: &str) -> serde_json::Value {
    let out = cli(dir).args(args).arg("--json").write_stdin(stdin).assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).unwrap()
}

fn meetings_in(dir: &Path, stdin: &str) -> i64 {
    json(dir, &["stats", "--passphrase-stdin"], stdin)["groups"][0]["totals"]["meetings"].as_i64().unwrap()
}

/// Tonight's meeting opened by the app: one more meeting than the history.
fn open_tonight(dir: &Path, key: Option<&circlekeeper_core::Passphrase>) {
    let mut store = open(dir, key).unwrap();
    let input = OpenMeetingInput {
        group_id: OURS.group.into(),
        chair: "Robin".into(),
        mode: MeetingMode::Named,
        another_today: false,
    };
    store.open_meeting(&input).unwrap();
}

fn with_newline(pass: &str) -> String {
    format!("{pass}\n")
}

#[test]
fn stats_count_meetings_check_ins_and_shares_per_year_and_name_nobody() {
    let dir = folder(None);
    cli(dir.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(contains("groups: 1\n"))
        .stdout(contains(format!(
            "Friday Serenity\t{MEETINGS} meetings\t{} check-ins\t{} shares\n",
            MEETINGS * CHECKED_IN,
            MEETINGS * SHARED
        )))
        // Weekly from the first Friday of 2016: 53 meetings that year.
        .stdout(contains(format!("  2016\t53 meetings\t{} check-ins\t{} shares\n", 53 * CHECKED_IN, 53 * SHARED)))
        .stdout(contains("Member").not().and(contains("Robin").not()))
        .stderr("");

    let stats = json(dir.path(), &["stats"], "");
    let group = &stats["groups"][0];
    assert_eq!(group["name"], "Friday Serenity");
    assert_eq!(group["totals"]["checkIns"], MEETINGS * CHECKED_IN);
    let years = group["years"].as_array().unwrap();
    assert_eq!(years.iter().map(|y| y["meetings"].as_i64().unwrap()).sum::<i64>(), MEETINGS);
    assert_eq!(years[0]["year"], "2016");
}

#[test]
fn a_protected_file_opens_with_its_passphrase_from_standard_input_which_is_never_shown() {
    let dir = folder(Some(&key()));
    let ok = cli(dir.path()).args(["stats", "--passphrase-stdin"]).write_stdin(with_newline(KEY)).assert().success();
    let out = ok.get_output();
    let shown = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(shown.contains("Friday Serenity") && !shown.contains(KEY), "{shown}");

    // A Windows line ending is a line ending, not part of the passphrase.
    cli(dir.path()).args(["stats", "--passphrase-stdin"]).write_stdin(format!("{KEY}\r\n")).assert().success();

    cli(dir.path())
        .args(["stats", "--passphrase-stdin"])
        .write_stdin("not the passphrase\n")
        .assert()
        .code(3)
        .stdout("")
        .stderr(contains("does not open").and(contains("not the passphrase").not()));
    // Too short to be anyone's passphrase: wrong, too.
    cli(dir.path()).args(["check", "--passphrase-stdin"]).write_stdin("short\n").assert().code(3);
    cli(dir.path()).args(["check", "--passphrase-stdin"]).write_stdin("").assert().code(2).stderr(contains("ended"));
}

#[test]
fn a_passphrase_is_never_taken_on_the_command_line_and_never_asked_without_a_terminal() {
    let dir = folder(Some(&key()));
    for flag in ["--passphrase", "--key", "--password"] {
        cli(dir.path()).args(["stats", flag, KEY]).assert().code(2);
    }
    // No terminal here (as in cron or CI): nobody to ask, so it says how a script gives one.
    cli(dir.path()).arg("stats").assert().code(2).stderr(contains("--passphrase-stdin"));
}

#[test]
fn help_lists_every_job_and_the_exit_codes() {
    let help = Command::cargo_bin("circlekeeper-cli").unwrap().arg("--help").assert().success();
    let text = String::from_utf8(help.get_output().stdout.clone()).unwrap();
    for job in ["backup", "verify", "restore", "export-bundle", "import-bundle", "stats", "export-csv", "check"] {
        assert!(text.contains(&format!("  {job} ")), "{job} missing from:\n{text}");
    }
    for code in ["3  wrong passphrase", "4  damaged", "5  not saving", "6  in use"] {
        assert!(text.contains(code), "{code} missing from:\n{text}");
    }
    let dir = folder(None);
    cli(dir.path()).arg("export-csv").assert().code(2).stderr(contains("--out"));
    Command::cargo_bin("circlekeeper-cli").unwrap().assert().code(2);
}

#[test]
fn the_data_folder_comes_from_the_environment_when_not_given() {
    let dir = folder(None);
    Command::cargo_bin("circlekeeper-cli")
        .unwrap()
        .env("CIRCLEKEEPER_DATA_DIR", dir.path())
        .arg("stats")
        .assert()
        .success()
        .stdout(contains("Friday Serenity"));
    // With nothing set, the app's own folder under this (empty) home: no data there, and none made.
    let home = tempfile::tempdir().unwrap();
    Command::cargo_bin("circlekeeper-cli")
        .unwrap()
        .env_remove("CIRCLEKEEPER_DATA_DIR")
        .env_remove("XDG_DATA_HOME")
        .env("HOME", home.path())
        .arg("stats")
        .assert()
        .code(1)
        .stderr(contains(".local/share/org.circlekeeper.app/circlekeeper.sqlite3"));
    assert!(!home.path().join(".local").exists(), "a missing data file is never created");
}

#[test]
fn a_missing_folder_is_said_plainly_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no such folder");
    for job in ["stats", "check", "backup", "export-bundle"] {
        cli(&missing).arg(job).assert().code(1).stdout("").stderr(contains("There is no Circlekeeper data file"));
    }
    cli(&missing).arg("verify").assert().code(1).stderr(contains("There are no backups"));
    assert!(!missing.exists());
}

#[test]
fn a_damaged_data_file_is_reported_as_damaged_and_left_as_it_is() {
    let dir = folder(None);
    let file = data_file(dir.path());
    let mut bytes = std::fs::read(&file).unwrap();
    bytes.truncate(bytes.len() / 2 + 100);
    std::fs::write(&file, &bytes).unwrap();
    cli(dir.path()).arg("stats").assert().code(4).stderr(contains("damaged"));
    cli(dir.path()).arg("check").assert().code(4);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    // Noise that is not whole pages cannot even be an encrypted store.
    std::fs::write(&file, vec![0x5a; 5000]).unwrap();
    cli(dir.path()).arg("stats").assert().code(4).stderr(contains("damaged"));
}

#[test]
fn check_passes_on_sound_data_and_names_what_breaks_the_rules() {
    let dir = folder(None);
    cli(dir.path()).arg("check").assert().success().stdout(contains("\nok\n")).stdout(contains("checked: "));
    // A check-in of tonight's meeting pointing at someone of another group, as no command writes.
    let conn = rusqlite::Connection::open(data_file(dir.path())).unwrap();
    conn.execute_batch(
        "INSERT INTO groups (id, name, fellowship, weekday, start_time, length_min, location, time_zone,
             created_at, updated_at, updated_by) VALUES ('gx','Other','',1,'19:00',60,'','UTC',1,1,'dev-6');
         INSERT INTO people (id, group_id, display_name, created_at, updated_at, updated_by)
             VALUES ('px','gx','Stranger',1,1,'dev-6');
         UPDATE check_ins SET person_id = 'px' WHERE id = 'cg1m0-0';",
    )
    .unwrap();
    drop(conn);
    let run = cli(dir.path()).args(["check", "--json"]).assert().code(4).stderr(contains("problems"));
    let check: serde_json::Value = serde_json::from_slice(&run.get_output().stdout).unwrap();
    assert_eq!(check["ok"], false);
    assert!(!check["problems"].as_array().unwrap().is_empty());
    let text = String::from_utf8(run.get_output().stdout.clone()).unwrap();
    assert!(!text.contains("Stranger"), "the check names no person: {text}");
}

#[test]
fn a_backup_is_taken_verified_listed_and_restored_with_the_data_as_it_was_kept_aside() {
    let dir = folder(Some(&key()));
    let pass = with_newline(KEY);
    let taken = json(dir.path(), &["backup", "--passphrase-stdin"], &pass);
    let file = taken["file"].as_str().unwrap().to_string();
    assert_eq!(taken["reason"], "byHand");
    assert_eq!(taken["protected"], true);
    assert_eq!(taken["meetings"], MEETINGS);

    cli(dir.path())
        .args(["verify", "--passphrase-stdin"])
        .write_stdin(pass.clone())
        .assert()
        .success()
        .stdout(contains(format!("{file}\t")).and(contains(format!("\t{MEETINGS} meetings\t"))));

    open_tonight(dir.path(), Some(&key()));
    assert_eq!(meetings_in(dir.path(), &pass), MEETINGS + 1);
    let report = json(dir.path(), &["restore", &file, "--passphrase-stdin"], &pass);
    assert_eq!(report["restored"]["file"], file.as_str());
    assert_eq!(report["keptAside"]["reason"], "beforeRestore");
    assert_eq!(meetings_in(dir.path(), &pass), MEETINGS);

    // The data as it was before the restore is itself a backup that verifies.
    let aside = report["keptAside"]["file"].as_str().unwrap();
    let verified = json(dir.path(), &["verify", aside, "--passphrase-stdin"], &pass);
    assert_eq!(verified[0]["meetings"], MEETINGS + 1);
}

#[test]
fn a_damaged_backup_does_not_verify_and_cannot_be_restored() {
    let dir = folder(None);
    let taken = json(dir.path(), &["backup"], "");
    let file = taken["file"].as_str().unwrap();
    let path = dir.path().join("backups").join(file);
    let mut bytes = std::fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0xff);
    std::fs::write(&path, bytes).unwrap();

    cli(dir.path()).arg("verify").assert().code(4).stderr(contains(file)).stderr(contains("did not verify"));
    let before = std::fs::read(data_file(dir.path())).unwrap();
    cli(dir.path()).args(["restore", file]).assert().code(4);
    assert_eq!(std::fs::read(data_file(dir.path())).unwrap(), before, "the data file was left alone");
    cli(dir.path()).args(["restore", "no-such-backup.sqlite3"]).assert().code(1).stderr(contains("no whole backup"));
}

#[test]
fn restore_and_import_are_refused_while_the_app_has_the_data_file_open_and_a_backup_is_not() {
    let dir = folder(None);
    let bundle_dir = tempfile::tempdir().unwrap();
    let theirs = tempfile::tempdir().unwrap();
    history(theirs.path(), 10, THEIRS, None);
    cli(theirs.path())
        .args(["export-bundle", "--passphrase-stdin", "--out"])
        .arg(bundle_dir.path())
        .write_stdin(with_newline(KEY))
        .assert()
        .success();
    let bundle = std::fs::read_dir(bundle_dir.path()).unwrap().next().unwrap().unwrap().path();
    let import = |dir: &Path| {
        let mut cmd = cli(dir);
        cmd.arg("import-bundle").arg(&bundle).arg("--passphrase-stdin").write_stdin(with_newline(KEY));
        cmd
    };

    // The app, here this test, has the store open. A backup is taken online, beside it.
    let app = open(dir.path(), None).unwrap();
    let file = json(dir.path(), &["backup"], "")["file"].as_str().unwrap().to_string();
    cli(dir.path()).args(["restore", &file]).assert().code(6).stderr(contains("has the data file open"));
    import(dir.path()).assert().code(6);
    assert_eq!(app.groups().unwrap().len(), 1, "nothing came in under the app");
    app.close().unwrap();

    import(dir.path()).assert().success();
    cli(dir.path()).args(["restore", &file]).assert().success();
}

#[test]
fn a_bundle_goes_out_of_one_data_folder_and_into_another() {
    let ours = folder(None);
    let theirs = tempfile::tempdir().unwrap();
    history(theirs.path(), 30, THEIRS, Some(&key()));
    let out = tempfile::tempdir().unwrap();
    // Their data file's passphrase first, then the one the bundle is sealed with.
    let saved = json(
        theirs.path(),
        &["export-bundle", "--group", "Saturday Hope", "--passphrase-stdin", "--out", out.path().to_str().unwrap()],
        &format!("{KEY}\n{NEW_KEY}\n"),
    );
    let bundle = saved["path"].as_str().unwrap().to_string();
    assert!(Path::new(&bundle).starts_with(out.path()));

    cli(ours.path())
        .args(["import-bundle", &bundle, "--passphrase-stdin"])
        .write_stdin(with_newline(KEY))
        .assert()
        .code(3)
        .stderr(contains("Nothing was changed").or(contains("nothing was changed")));
    cli(ours.path())
        .args(["import-bundle", &bundle, "--passphrase-stdin"])
        .write_stdin(with_newline(NEW_KEY))
        .assert()
        .success()
        .stdout(contains("Saturday Hope\t"));
    let stats = json(ours.path(), &["stats"], "");
    assert_eq!(stats["groups"].as_array().unwrap().len(), 2);
    // Importing the same bundle again changes nothing.
    cli(ours.path())
        .args(["import-bundle", &bundle, "--passphrase-stdin"])
        .write_stdin(with_newline(NEW_KEY))
        .assert()
        .success()
        .stdout(contains("\t0 added\t0 updated\t"));

    // With two groups, export must be told which.
    cli(ours.path()).args(["export-bundle", "--passphrase-stdin"]).write_stdin(with_newline(KEY)).assert().code(2);
}

#[test]
fn a_bundle_naming_its_group_with_ten_thousand_characters_is_refused_whole() {
    let theirs = tempfile::tempdir().unwrap();
    history(theirs.path(), 5, THEIRS, None);
    let conn = rusqlite::Connection::open(data_file(theirs.path())).unwrap();
    conn.execute("UPDATE groups SET name = ?1", [format!("{}\u{1b}[2J", "Ω".repeat(10_000))]).unwrap();
    drop(conn);
    let out = tempfile::tempdir().unwrap();
    let saved = json(
        theirs.path(),
        &["export-bundle", "--passphrase-stdin", "--out", out.path().to_str().unwrap()],
        &with_newline(KEY),
    );

    let ours = folder(None);
    let before = json(ours.path(), &["stats"], "");
    let refused = cli(ours.path())
        .args(["import-bundle", saved["path"].as_str().unwrap(), "--passphrase-stdin"])
        .write_stdin(with_newline(KEY))
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("cannot be imported"));
    let said = String::from_utf8_lossy(&refused.get_output().stderr).to_string();
    assert!(said.len() < 2000 && !said.contains('\u{1b}'), "the message stays short and plain: {said}");
    assert_eq!(json(ours.path(), &["stats"], ""), before, "nothing changed");
}

#[test]
fn a_backup_of_a_protected_file_with_the_wrong_passphrase_is_refused() {
    let dir = folder(Some(&key()));
    cli(dir.path()).args(["backup", "--passphrase-stdin"]).write_stdin(with_newline(NEW_KEY)).assert().code(3);
    assert!(
        !dir.path().join("backups").exists() || std::fs::read_dir(dir.path().join("backups")).unwrap().count() == 0
    );
}

#[test]
fn a_backup_onto_a_full_disk_says_it_is_not_saving_and_offers_nothing() {
    let dir = folder(None);
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let cli_path = assert_cmd::cargo::cargo_bin("circlekeeper-cli");
    // The backups folder on a tiny tmpfs of its own, in a user and mount namespace that vanishes
    // with the command: the data file (half a megabyte) cannot be copied there.
    let script = r#"mount -t tmpfs -o size=64k tmpfs "$1/backups" && exec "$2" --data-dir "$1" backup"#;
    let out = std::process::Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "--", "sh", "-c", script, "sh"])
        .arg(dir.path())
        .arg(cli_path)
        .env_remove("CIRCLEKEEPER_DATA_DIR")
        .output()
        .expect("`unshare` (util-linux) is needed to run this story");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{said}");
    assert!(said.contains("cannot save") && out.stdout.is_empty(), "{said}");
    assert_eq!(std::fs::read_dir(&backups).unwrap().count(), 0, "nothing half-written is left to offer");
    cli(dir.path()).arg("check").assert().success();
}

#[test]
fn at_a_terminal_the_passphrase_is_asked_for_and_not_shown_as_it_is_typed() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};

    let dir = folder(Some(&key()));
    let cli_path = assert_cmd::cargo::cargo_bin("circlekeeper-cli");
    // `script` gives the tool a terminal of its own, types standard input into it and records all
    // the terminal shows: had the tool left echo on, the passphrase would be in the record.
    let command = format!("'{}' --data-dir '{}' stats", cli_path.display(), dir.path().display());
    let mut child = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .env_remove("CIRCLEKEEPER_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("`script` (util-linux) is needed to run this story");
    let mut terminal = child.stdout.take().unwrap();
    let mut shown = Vec::new();
    let prompt = "Passphrase of the data file: ";
    // Typed only once the prompt is up, as a person would.
    while !String::from_utf8_lossy(&shown).contains(prompt) {
        let mut buf = [0u8; 256];
        let n = terminal.read(&mut buf).unwrap();
        assert!(n > 0, "no prompt: {}", String::from_utf8_lossy(&shown));
        shown.extend_from_slice(&buf[..n]);
    }
    // rpassword prints the prompt and then turns echo off: a person reads the prompt before typing,
    // and typing in the same instant could race the switch (CI's faster machine did).
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.stdin.take().unwrap().write_all(with_newline(KEY).as_bytes()).unwrap();
    terminal.read_to_end(&mut shown).unwrap();
    let shown = String::from_utf8_lossy(&shown);
    assert!(child.wait().unwrap().success(), "{shown}");
    assert!(shown.contains("Friday Serenity"), "{shown}");
    assert!(!shown.contains(KEY), "the passphrase was shown: {shown}");
}

#[test]
fn a_spreadsheet_of_the_meetings_reads_back_in_python_with_the_group_name_whole_and_no_one_named() {
    let dir = folder(None);
    let mut store = open(dir.path(), None).unwrap();
    let g = store.groups().unwrap().remove(0);
    let renamed = circlekeeper_core::GroupInput {
        name: "Grupo \"Año Nuevo\", Señora Peña".into(),
        fellowship: g.fellowship,
        weekday: g.weekday,
        start_time: g.start_time,
        length_min: g.length_min,
        location: g.location,
    };
    store.update_group(OURS.group, &renamed).unwrap();
    drop(store);
    let csv = dir.path().join("for intergroup.csv");
    cli(dir.path()).args(["export-csv", "--out"]).arg(&csv).assert().success().stdout(contains("saved")).stderr("");

    // Read as intergroup's script would: Python's own csv module.
    let script = "import csv, sys\n\
                  rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))\n\
                  print(len(rows) - 1, rows[1][0], rows[0][2], sep='|')";
    let out = std::process::Command::new("python3").args(["-c", script]).arg(&csv).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stdout).unwrap();
    assert_eq!(said.trim(), format!("{MEETINGS}|Grupo \"Año Nuevo\", Señora Peña|Headcount"));
    let bytes = std::fs::read_to_string(&csv).unwrap();
    assert!(!bytes.contains("Member") && !bytes.contains("Robin"), "no one is named");

    // One row per month, to standard output, from a first day on.
    let months = cli(dir.path())
        .args(["export-csv", "--months", "--from", "2016-03-01", "--to", "2016-05-31", "--out", "-"])
        .assert()
        .success();
    let text = String::from_utf8(months.get_output().stdout.clone()).unwrap();
    let labels: Vec<&str> = text.lines().skip(1).map(|l| l.split(',').nth(3).unwrap_or_default()).collect();
    assert_eq!(text.lines().count(), 4, "a heading and three months:\n{text}");
    assert!(labels.iter().all(|l| !l.is_empty()), "{text}");
    assert!(text.contains("2016-03") && text.contains("2016-05") && !text.contains("2016-06"), "{text}");
}

#[test]
fn a_spreadsheet_asked_for_a_folder_that_is_not_there_or_days_backwards_is_refused_and_nothing_is_written() {
    let dir = folder(None);
    let nowhere = dir.path().join("no such folder").join("counts.csv");
    cli(dir.path()).args(["export-csv", "--out"]).arg(&nowhere).assert().code(1).stderr(contains("There is no folder"));
    cli(dir.path())
        .args(["export-csv", "--from", "2017-01-01", "--to", "2016-01-01", "--out", "-"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(contains("must come before"));
    cli(dir.path()).args(["export-csv", "--from", "someday", "--out", "-"]).assert().code(1).stdout("");
    assert!(!dir.path().join("no such folder").exists());
}
