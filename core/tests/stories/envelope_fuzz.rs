//! Fuzzing the handover bundle's envelope: `open` never panics, and refuses anything but a bundle
//! exactly as `seal` made it.
//!
//! `cargo test -p circlekeeper-core --test stories envelope_fuzz::` runs a few hundred cases of
//! each property; for a long run set `PROPTEST_CASES` and keep the filter, so that only these run
//! that long, e.g.
//! `PROPTEST_CASES=200000 cargo test --release -p circlekeeper-core --test stories envelope_fuzz::`.
//!
//! Mutated bundles are opened with `open_within` and a small cost limit: a mutation of the
//! header's costs may otherwise ask, legitimately, for up to 256 MiB and 10 passes of Argon2id per
//! case. Everything else about the check is the same as `open`'s.

use std::sync::OnceLock;

use crate::deep_paths::envelope::{open, open_within, seal_with, Cost, HEADER_LEN, MAGIC, VERSION};
use crate::helpers::pass;
use circlekeeper_core::{Error, Passphrase};
use proptest::prelude::*;
use proptest::sample::Index;

/// Cheap to derive; `open` accepts it.
const CHEAP: Cost = Cost { m_kib: 8, t: 1, p: 1 };
/// What the mutated bundles may ask for before they are refused without a key.
const FUZZ_LIMIT: Cost = Cost { m_kib: 256, t: 20, p: 8 };

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// A few small bundles, sealed once: an empty payload, a short one, and one that spans several
/// deflate symbols.
fn bundles() -> &'static [(Vec<u8>, Vec<u8>)] {
    static BUNDLES: OnceLock<Vec<(Vec<u8>, Vec<u8>)>> = OnceLock::new();
    BUNDLES.get_or_init(|| {
        let payloads = [
            Vec::new(),
            br#"{"group":"Tuesday Night Hope"}"#.to_vec(),
            r#"{"table":"people","id":"0190c3a1","name":"Sam"},"#.repeat(40).into_bytes(),
        ];
        payloads.into_iter().map(|p| (seal_with(&p, &pass(), &CHEAP).unwrap(), p)).collect()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Overwrite(Index, u8),
    FlipBit(Index, u8),
    Insert(Index, u8),
    Remove(Index),
    Truncate(Index),
    Append(Vec<u8>),
    /// Puts back a byte of the original, so some mutations undo others.
    Restore(Index),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Overwrite(i, b)),
        4 => (any::<Index>(), 0..8u8).prop_map(|(i, b)| Mutation::FlipBit(i, b)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => any::<Index>().prop_map(Mutation::Remove),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => proptest::collection::vec(any::<u8>(), 1..16).prop_map(Mutation::Append),
        1 => any::<Index>().prop_map(Mutation::Restore),
    ]
}

fn apply(original: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = original.to_vec();
    for m in mutations {
        match m {
            Mutation::Overwrite(i, b) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            Mutation::FlipBit(i, bit) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes[at] ^= 1 << bit;
            }
            Mutation::Insert(i, b) => {
                let at = i.index(bytes.len() + 1);
                bytes.insert(at, *b);
            }
            Mutation::Remove(i) if !bytes.is_empty() => {
                let at = i.index(bytes.len());
                bytes.remove(at);
            }
            Mutation::Truncate(i) => {
                let len = i.index(bytes.len() + 1);
                bytes.truncate(len);
            }
            Mutation::Append(tail) => bytes.extend_from_slice(tail),
            Mutation::Restore(i) if !bytes.is_empty() => {
                let at = i.index(bytes.len().min(original.len()).max(1));
                if at < bytes.len() && at < original.len() {
                    bytes[at] = original[at];
                }
            }
            _ => {}
        }
    }
    bytes
}

/// A header a fuzzer would rarely find by chance: the magic, a version, and costs that are
/// mostly within the limit, so the key is derived and the tag checked.
fn header_like() -> impl Strategy<Value = Vec<u8>> {
    let version = prop_oneof![8 => Just(VERSION), 1 => any::<u8>()];
    let m = prop_oneof![8 => 8..64u32, 1 => any::<u32>()];
    let t = prop_oneof![8 => 1..3u32, 1 => any::<u32>()];
    let p = prop_oneof![8 => Just(1u32), 1 => 0..10u32];
    (version, m, t, p).prop_map(|(version, m, t, p)| {
        let mut header = MAGIC.to_vec();
        header.push(version);
        for word in [m, t, p] {
            header.extend_from_slice(&word.to_le_bytes());
        }
        header
    })
}

fn expect_refused(result: &Result<Vec<u8>, Error>) -> Result<(), TestCaseError> {
    match result {
        Ok(plain) => Err(TestCaseError::fail(format!("accepted, giving {} bytes", plain.len()))),
        Err(Error::BadBundle(_) | Error::WrongPassphrase(_)) => Ok(()),
        Err(other) => Err(TestCaseError::fail(format!("refused with an unexpected error: {other:?}"))),
    }
}

/// A changed bundle must be refused; the unchanged one must open to what was sealed.
fn opens_only_if_unchanged(original: &[u8], plain: &[u8], bytes: &[u8]) -> Result<(), TestCaseError> {
    let result = open_within(bytes, &pass(), &FUZZ_LIMIT);
    if bytes == original {
        prop_assert_eq!(result.unwrap(), plain.to_vec());
        Ok(())
    } else {
        expect_refused(&result)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn envelope_refuses_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        expect_refused(&open(&bytes[..], &pass()))?;
    }

    #[test]
    fn envelope_refuses_random_bodies_after_a_plausible_header(
        header in header_like(),
        rest in proptest::collection::vec(any::<u8>(), 0..4096),
    ) {
        let mut bytes = header;
        bytes.extend_from_slice(&rest);
        expect_refused(&open_within(&bytes[..], &pass(), &FUZZ_LIMIT))?;
    }

    #[test]
    fn envelope_refuses_mutated_bundles_unless_unchanged(
        which in 0..3usize,
        mutations in proptest::collection::vec(mutation(), 1..6),
    ) {
        let (original, plain) = &bundles()[which];
        opens_only_if_unchanged(original, plain, &apply(original, &mutations))?;
    }

    #[test]
    fn envelope_refuses_a_mutated_header(
        which in 0..3usize,
        at in 0..HEADER_LEN,
        byte in any::<u8>(),
    ) {
        let (original, plain) = &bundles()[which];
        let mut bytes = original.clone();
        bytes[at] = byte;
        opens_only_if_unchanged(original, plain, &bytes)?;
    }

    #[test]
    fn envelope_round_trips_any_payload_and_passphrase(
        payload in proptest::collection::vec(any::<u8>(), 0..2048),
        passphrase in "\\PC{8,24}".prop_filter("not blank", |p| !p.trim().is_empty()),
    ) {
        let wrong = Passphrase::new(format!("{passphrase}!")).unwrap();
        let passphrase = Passphrase::new(passphrase).unwrap();
        let sealed = seal_with(&payload, &passphrase, &CHEAP).unwrap();
        prop_assert_eq!(open(&sealed[..], &passphrase).unwrap(), payload);
        prop_assert!(matches!(open(&sealed[..], &wrong), Err(Error::WrongPassphrase(_))));
    }
}
