//! The house rules, checked: pure logic imports no store, and no module imports another that
//! imports it back, at the top of core or inside any of its folders, nor in the shell.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Files of plain functions over plain data: no SQLite, no store, no clock of their own.
const PURE: &[&str] = &[
    "clock.rs",
    "names.rs",
    "backup/name.rs",
    "backup/rotation.rs",
    "timer/facts.rs",
    "speaking/order.rs",
    "speaking/fair_time.rs",
    "format/plan.rs",
    "format/schedule.rs",
    "milestones/dates.rs",
    "bundle/check.rs",
    "bundle/envelope.rs",
    "bundle/merge.rs",
    "slips/serial.rs",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The code of a file without its unit tests, which may reach anywhere.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.split("#[cfg(test)]").next().unwrap().to_string()
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Module names that `text` reaches through `prefix` (`crate::`, `super::`, `crate::meeting::`),
/// also inside `use prefix{a, b::c}` groups.
fn reached(text: &str, prefix: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices(prefix) {
        let before = text[..at].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let rest = &text[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first name of each item at the group's own level: `{error::Error, meeting::{self, M}}`.
            let (mut depth, mut item) = (0, String::new());
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.insert(item.trim().split("::").next().unwrap().to_string());
                        item.clear();
                    }
                    _ if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            names.insert(item.trim().split("::").next().unwrap().to_string());
        } else {
            names.insert(rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect());
        }
    }
    names
}

/// Every cycle (strongly connected component of two or more) in a graph of modules.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for n in edges.get(&m).into_iter().flatten() {
                if n == to {
                    return true;
                }
                if seen.insert(n.clone()) {
                    stack.push(n.clone());
                }
            }
        }
        false
    }
    let mut out: Vec<Vec<String>> = vec![];
    for m in edges.keys() {
        let component: Vec<String> =
            edges.keys().filter(|n| *n == m || (reaches(edges, m, n) && reaches(edges, n, m))).cloned().collect();
        if component.len() > 1 && !out.contains(&component) {
            out.push(component);
        }
    }
    out
}

/// The modules of one folder (each file or subfolder) and which of them each one imports.
fn graph(dir: &Path, crate_path: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut modules: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if ["lib", "main", "mod"].contains(&name.as_str()) {
            continue;
        }
        if path.is_dir() {
            modules.insert(name, rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            modules.insert(name, vec![path]);
        }
    }
    let names: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(m, files)| {
            let mut to = BTreeSet::new();
            for f in files {
                let text = code(f);
                let top_level = f.parent() == Some(dir);
                to.extend(reached(&text, crate_path));
                if top_level && crate_path != "crate::" {
                    to.extend(reached(&text, "super::"));
                }
            }
            let to = to.into_iter().filter(|n| n != m && names.contains(n)).collect();
            (m.clone(), to)
        })
        .collect()
}

#[test]
fn pure_logic_knows_nothing_of_the_store() {
    for file in PURE {
        let text = code(&src().join(file));
        for word in ["rusqlite", "crate::store", "Connection", "Store", "Tx<"] {
            assert!(!text.contains(word), "{file} is pure logic but mentions {word}");
        }
    }
}

#[test]
fn no_module_of_core_imports_one_that_imports_it_back() {
    let top = graph(&src(), "crate::");
    assert_eq!(cycles(&top), Vec::<Vec<String>>::new(), "between core's folders");
    for folder in top.keys().filter(|m| src().join(m).is_dir()) {
        let inner = graph(&src().join(folder), &format!("crate::{folder}::"));
        assert_eq!(cycles(&inner), Vec::<Vec<String>>::new(), "inside core/src/{folder}");
    }
}

#[test]
fn no_module_of_the_shell_imports_one_that_imports_it_back() {
    let shell = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src");
    assert_eq!(cycles(&graph(&shell, "crate::")), Vec::<Vec<String>>::new());
    assert_eq!(cycles(&graph(&shell.join("commands"), "crate::commands::")), Vec::<Vec<String>>::new());
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("attendance", vec!["sharing"]),
        ("sharing", vec!["runner"]),
        ("runner", vec!["attendance"]),
        ("group", vec![]),
    ]
    .into_iter()
    .map(|(m, to)| (m.to_string(), to.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(cycles(&edges), vec![vec!["attendance".to_string(), "runner".into(), "sharing".into()]]);
    assert_eq!(
        reached("use crate::{error::Error, meeting::{self, Meeting}};\nlet x = super::record::get();", "crate::"),
        ["error", "meeting"].into_iter().map(String::from).collect()
    );
    // It sees the imports inside a folder too: the attendance screen's view is built on the record.
    assert!(graph(&src().join("meeting"), "crate::meeting::")["view"].contains("record"));
}
