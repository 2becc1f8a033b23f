//! Passphrases: asked on the terminal without echo, or, for scripts, read line by line from
//! standard input (`--passphrase-stdin`). Never taken from the command line, where every user of
//! the computer could read it in the process list, and never printed.

use std::io::BufRead;

use circlekeeper_core::Passphrase;
use zeroize::Zeroizing;

use crate::fail::{Failure, WRONG_PASSPHRASE};

/// Where passphrases come from for this run.
pub struct Asker {
    from_stdin: bool,
}

impl Asker {
    pub fn new(from_stdin: bool) -> Asker {
        Asker { from_stdin }
    }

    /// The passphrase of something that exists: the next line of standard input, or typed at the
    /// terminal after `prompt`. One too short to be any passphrase is a wrong one.
    pub fn ask(&self, prompt: &str) -> Result<Passphrase, Failure> {
        Passphrase::new(self.text(prompt)?).map_err(|e| Failure::new(WRONG_PASSPHRASE, e.to_string()))
    }

    fn text(&self, prompt: &str) -> Result<String, Failure> {
        if self.from_stdin {
            next_line()
        } else {
            typed(prompt)
        }
    }

    /// A new passphrase: at the terminal it is typed twice, so a slip of the finger cannot seal a
    /// file nobody can open; from standard input once.
    pub fn ask_new(&self, prompt: &str) -> Result<Passphrase, Failure> {
        let first = Passphrase::new(self.text(prompt)?).map_err(|e| Failure::usage(e.to_string()))?;
        if !self.from_stdin {
            let again = Zeroizing::new(typed("Type it again: ")?);
            if again.as_str() != first.expose() {
                return Err(Failure::usage("The two passphrases differ. Nothing was done."));
            }
        }
        Ok(first)
    }
}

/// Typed at the terminal (not standard input), echo off.
fn typed(prompt: &str) -> Result<String, Failure> {
    rpassword::prompt_password(prompt).map_err(|_| {
        Failure::usage(
            "A passphrase is needed, and there is no terminal to type it in. \
             A script can give it on standard input with --passphrase-stdin.",
        )
    })
}

/// One line of standard input, its line ending taken off in place. The buffer is sized up front
/// so that a passphrase of any sensible length never makes it grow, which would leave a copy of
/// its start in freed memory; [`Passphrase::new`] takes it over and wipes it.
fn next_line() -> Result<String, Failure> {
    let mut line = String::with_capacity(4096);
    let read = std::io::stdin().lock().read_line(&mut line);
    match read {
        Ok(0) => Err(Failure::usage("--passphrase-stdin: standard input ended before a passphrase was given.")),
        Ok(_) => {
            for end in ["\n", "\r"] {
                if line.ends_with(end) {
                    line.truncate(line.len() - 1);
                }
            }
            Ok(line)
        }
        Err(_) => {
            drop(Zeroizing::new(line));
            Err(Failure::usage("--passphrase-stdin: standard input is not text."))
        }
    }
}
