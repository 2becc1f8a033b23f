//! The sealed envelope of a handover bundle: it protects the payload's bytes with a passphrase
//! the chair chooses at export, so a bundle found on a USB stick or read in an email shows
//! nothing, and any change to the file is refused whole. Format: docs/bundle-format.md.
//!
//! ```text
//! offset  size  field
//!      0    19  magic, the ASCII bytes "CIRCLEKEEPER-BUNDLE"
//!     19     1  envelope version, 1
//!     20     4  Argon2id memory in KiB (u32, little-endian)
//!     24     4  Argon2id passes (u32, little-endian)
//!     28     4  Argon2id lanes (u32, little-endian)
//!     32    16  salt, random for every bundle
//!     48    24  nonce, random for every bundle
//!     72     …  XChaCha20-Poly1305 ciphertext of the deflated payload, then its 16-byte tag
//! ```
//!
//! The key is Argon2id (version 0x13, 32 bytes) of the passphrase's UTF-8 bytes with the salt
//! and the costs in the header. The whole 72-byte header is the AEAD's associated data, so a
//! change to any byte of the file, header or body, fails authentication. The payload is
//! deflated (raw deflate, RFC 1951) before encryption, and inflating stops at [`MAX_PLAINTEXT`].
//! A sealed bundle is at most [`MAX_SEALED`] bytes: a group's ten years fit in under one
//! megabyte, so the caps leave room to grow and keep a crafted file (a deflate bomb) from
//! exhausting memory.
//!
//! Reading never panics and never trusts the header before it has checked it: the version is
//! read first (a newer layout may differ after it), and the costs must lie within
//! [`Cost::LIMIT`] before any key is derived, so a crafted file cannot ask for unbounded time or
//! memory.

use std::io::{Read, Write};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use chacha20poly1305::aead::AeadInOut;
use chacha20poly1305::{KeyInit, Tag, XChaCha20Poly1305, XNonce};
use flate2::bufread::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use zeroize::Zeroizing;

use crate::error::{problem, Error, Problem, Result};
use crate::Passphrase;

/// The first bytes of every bundle.
pub const MAGIC: &[u8; 19] = b"CIRCLEKEEPER-BUNDLE";
/// The envelope version this build writes, and the highest it reads.
pub const VERSION: u8 = 1;
/// The most bytes a bundle may unpack to; a bundle that would unpack to more is refused. A
/// group's ten years of weekly meetings unpack to about 15 MB and seal to 0.7 MB.
pub const MAX_PLAINTEXT: usize = 32 * 1024 * 1024;
/// The most bytes a sealed bundle may have; a longer file is refused before any key is derived.
pub const MAX_SEALED: usize = 32 * 1024 * 1024;
/// How the caps are said to the chair.
const CAP_TEXT: &str = "32 MiB";

const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;
const COST_AT: usize = MAGIC.len() + 1;
const SALT_AT: usize = COST_AT + 12;
const NONCE_AT: usize = SALT_AT + SALT_LEN;
/// The length of a version 1 header, which is also the AEAD's associated data.
pub const HEADER_LEN: usize = NONCE_AT + NONCE_LEN;

#[cfg(test)]
const NOT_A_BUNDLE: &str = "This file is not a Circlekeeper handover bundle.";

fn not_a_bundle() -> Problem {
    problem!("not_a_bundle", "This file is not a Circlekeeper handover bundle.")
}

/// Argon2id cost, written into the header so a later version can raise it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over the memory.
    pub t: u32,
    /// Lanes (degree of parallelism). This build computes them one after another.
    pub p: u32,
}

impl Cost {
    /// What `seal` uses: 64 MiB, 3 passes, 1 lane (about 0.2 s on a 2-core laptop in a release build).
    pub const STANDARD: Cost = Cost { m_kib: 64 * 1024, t: 3, p: 1 };

    /// The most a bundle may ask for: 256 MiB, 10 passes, 8 lanes, so a crafted file cannot hold a
    /// borrowed laptop for long. `open` refuses anything above (and anything below Argon2's own
    /// minimums) without deriving a key.
    pub const LIMIT: Cost = Cost { m_kib: 256 * 1024, t: 10, p: 8 };

    /// Whether this cost is within Argon2's minimums and no more than `limit` (itself capped at [`Cost::LIMIT`]).
    fn within(&self, limit: &Cost) -> bool {
        let m_max = limit.m_kib.min(Cost::LIMIT.m_kib);
        let t_max = limit.t.min(Cost::LIMIT.t);
        let p_max = limit.p.min(Cost::LIMIT.p);
        (Params::MIN_P_COST..=p_max).contains(&self.p)
            && (Params::MIN_T_COST..=t_max).contains(&self.t)
            && self.m_kib >= Params::MIN_M_COST
            && self.m_kib >= 8 * self.p
            && self.m_kib <= m_max
    }
}

/// Seals `plaintext` with `passphrase` at [`Cost::STANDARD`]. The passphrase was checked when
/// it became a [`Passphrase`] (not empty, long enough).
pub fn seal(plaintext: &[u8], passphrase: &Passphrase) -> Result<Vec<u8>> {
    seal_with(plaintext, passphrase, &Cost::STANDARD)
}

/// Seals `plaintext` with `passphrase` at the given cost, which must be one `open` accepts.
pub fn seal_with(plaintext: &[u8], passphrase: &Passphrase, cost: &Cost) -> Result<Vec<u8>> {
    if !cost.within(&Cost::LIMIT) {
        return Err(Error::invalid(problem!(
            "seal_cost",
            "Circlekeeper cannot seal a bundle with the cost {cost}.",
            cost = format!("{cost:?}")
        )));
    }
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(Error::invalid(problem!(
            "too_much_fit_bundle_more",
            "There is too much to fit in one bundle (more than {cap_text}).",
            cap_text = CAP_TEXT
        )));
    }

    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    random(&mut salt)?;
    random(&mut nonce)?;

    let mut out = Vec::with_capacity(HEADER_LEN + plaintext.len() / 4 + TAG_LEN + 64);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&cost.m_kib.to_le_bytes());
    out.extend_from_slice(&cost.t.to_le_bytes());
    out.extend_from_slice(&cost.p.to_le_bytes());
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    debug_assert_eq!(out.len(), HEADER_LEN);

    // Deflate straight after the header, then encrypt that part in place: no other copy of the
    // payload is left behind.
    let mut encoder = DeflateEncoder::new(out, Compression::default());
    let written = encoder.write_all(plaintext).and_then(|()| encoder.finish());
    let mut out = written.map_err(|e| {
        Error::Conflict(problem!(
            "bundle_not_packed",
            "The bundle could not be packed: {detail}",
            detail = e.to_string()
        ))
    })?;

    let key = derive_key(passphrase, &salt, cost).map_err(|e| {
        Error::Conflict(problem!(
            "bundle_not_sealed_because",
            "The bundle could not be sealed: {detail}.",
            detail = e.to_string()
        ))
    })?;
    let cipher = cipher(&key);
    let (header, body) = out.split_at_mut(HEADER_LEN);
    let tag = cipher
        .encrypt_inout_detached(&XNonce::from(nonce), header, body.into())
        .map_err(|_| Error::Conflict(problem!("bundle_not_sealed", "The bundle could not be sealed.")))?;
    out.extend_from_slice(&tag);
    if out.len() > MAX_SEALED {
        return Err(Error::invalid(problem!(
            "too_much_fit_bundle_more",
            "There is too much to fit in one bundle (more than {cap_text}).",
            cap_text = CAP_TEXT
        )));
    }
    Ok(out)
}

/// Opens a bundle made by `seal` with its passphrase, and returns the payload's bytes. Given the
/// file's bytes by value, it decrypts them where they are: no second copy of the bundle is made.
pub fn open(sealed: impl Into<Vec<u8>>, passphrase: &Passphrase) -> Result<Vec<u8>> {
    open_within(sealed, passphrase, &Cost::LIMIT)
}

/// Like [`open`], but refuses, without deriving a key, a bundle whose cost exceeds `limit` in any
/// part (the limit itself is capped at [`Cost::LIMIT`]). For callers that must bound the work,
/// such as fuzzing.
pub fn open_within(sealed: impl Into<Vec<u8>>, passphrase: &Passphrase, limit: &Cost) -> Result<Vec<u8>> {
    let sealed = sealed.into();
    if sealed.len() > MAX_SEALED {
        return Err(too_big());
    }
    // Zeroed when dropped: once decrypted in place, these bytes are the group's records.
    let mut sealed = Zeroizing::new(sealed);
    let magic_len = MAGIC.len().min(sealed.len());
    if sealed.len() <= MAGIC.len() || sealed[..magic_len] != MAGIC[..magic_len] {
        return Err(bad(not_a_bundle()));
    }
    match sealed[MAGIC.len()] {
        0 => return Err(bad(not_a_bundle())),
        VERSION => {}
        _ => {
            return Err(bad(problem!(
                "was_made_newer_version_circlekeeper",
                "it was made by a newer version of Circlekeeper. Please update Circlekeeper first."
            )))
        }
    }
    if sealed.len() < HEADER_LEN + TAG_LEN {
        return Err(bad(problem!(
            "ends_too_early",
            "the file ends too early. It may have been cut short while being copied."
        )));
    }

    let cost =
        Cost { m_kib: u32_at(&sealed, COST_AT), t: u32_at(&sealed, COST_AT + 4), p: u32_at(&sealed, COST_AT + 8) };
    if !cost.within(limit) {
        return Err(bad(problem!(
            "header_asks_settings_circlekeeper_does",
            "its header asks for settings Circlekeeper does not accept. It may be damaged."
        )));
    }
    let (header, rest) = sealed.split_at_mut(HEADER_LEN);
    let (body, tag) = rest.split_at_mut(rest.len() - TAG_LEN);
    let salt = &header[SALT_AT..NONCE_AT];
    let nonce = XNonce::try_from(&header[NONCE_AT..]).map_err(|_| bad(not_a_bundle()))?;
    let tag = Tag::try_from(&*tag).map_err(|_| bad(not_a_bundle()))?;

    let key = derive_key(passphrase, salt, &cost).map_err(|e| {
        bad(problem!(
            "key_not_derived",
            "its key could not be derived on this computer ({detail}).",
            detail = e.to_string()
        ))
    })?;
    cipher(&key)
        .decrypt_inout_detached(&nonce, header, (&mut *body).into(), &tag)
        .map_err(|_| Error::WrongPassphrase("this bundle"))?;

    inflate(body, MAX_PLAINTEXT)
}

fn too_big() -> Error {
    bad(problem!(
        "larger_far_more_any_groups",
        "it is larger than {cap_text}, far more than any group's records.",
        cap_text = CAP_TEXT
    ))
}

/// Unpacks an authenticated body: the whole of it must be one deflate stream, of at most `cap`
/// bytes ([`MAX_PLAINTEXT`] but in tests).
fn inflate(deflated: &[u8], cap: usize) -> Result<Vec<u8>> {
    let mut decoder = DeflateDecoder::new(deflated);
    // Read at most one byte past the cap: a small crafted stream that would unpack to gigabytes
    // stops here, having used no more than the cap.
    let mut plain = Vec::with_capacity(deflated.len().saturating_mul(4).min(cap));
    let read = (&mut decoder).take(cap as u64 + 1).read_to_end(&mut plain);
    let whole = read.is_ok() && decoder.total_in() == deflated.len() as u64;
    if plain.len() > cap {
        return Err(too_big());
    }
    if !whole {
        return Err(bad(problem!(
            "not_unpacked",
            "its contents could not be unpacked. It may have been made by a faulty program."
        )));
    }
    Ok(plain)
}

/// The 32-byte key for `passphrase` at `cost`; `cost` must be within [`Cost::LIMIT`]. Argon2's
/// working memory is allocated here (refusing, not aborting, when there is too little) and
/// zeroed after use, as its blocks would let a guess be checked without paying the full cost.
fn derive_key(
    passphrase: &Passphrase,
    salt: &[u8],
    cost: &Cost,
) -> std::result::Result<Zeroizing<[u8; KEY_LEN]>, argon2::Error> {
    let params = Params::new(cost.m_kib, cost.t, cost.p, Some(KEY_LEN))?;
    let mut blocks = Zeroizing::new(Vec::<Block>::new());
    let count = params.block_count();
    blocks.try_reserve_exact(count).map_err(|_| argon2::Error::OutOfMemory)?;
    blocks.resize(count, Block::default());
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password_into_with_memory(
        passphrase.expose().as_bytes(),
        salt,
        &mut key[..],
        &mut blocks[..],
    )?;
    Ok(key)
}

/// The AEAD keyed with `key`, read in place (the cipher zeroes its own copy when dropped).
fn cipher(key: &[u8; KEY_LEN]) -> XChaCha20Poly1305 {
    XChaCha20Poly1305::new(key.into())
}

fn random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| {
        Error::Conflict(problem!(
            "bundle_no_random",
            "The bundle could not be sealed: this computer gave no random numbers ({detail}).",
            detail = e.to_string()
        ))
    })
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

fn bad(message: impl Into<Problem>) -> Error {
    Error::BadBundle(message.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cheap enough to run thousands of times; `open` accepts it.
    const CHEAP: Cost = Cost { m_kib: 8, t: 1, p: 1 };
    const PASS: &str = "correct horse battery";

    fn pass() -> Passphrase {
        Passphrase::new(PASS.into()).unwrap()
    }

    fn small() -> Vec<u8> {
        seal_with(b"{\"group\":\"Tuesday Night Hope\"}", &pass(), &CHEAP).unwrap()
    }

    fn is_bad(result: &Result<Vec<u8>>, needle: &str) -> bool {
        matches!(result, Err(Error::BadBundle(m)) if m.contains(needle))
    }

    #[test]
    fn envelope_round_trips() {
        for plain in
            [&b""[..], b"x", b"{\"a\":1}", &[0u8; 100_000], &(0..=255).cycle().take(70_000).collect::<Vec<u8>>()]
        {
            let sealed = seal_with(plain, &pass(), &CHEAP).unwrap();
            assert_eq!(&sealed[..MAGIC.len()], MAGIC);
            assert_eq!(sealed[MAGIC.len()], VERSION);
            assert_eq!(open(&sealed[..], &pass()).unwrap(), plain);
        }
    }

    #[test]
    fn envelope_round_trips_at_standard_cost() {
        let sealed = seal(b"[1,2,3]", &pass()).unwrap();
        assert_eq!(u32_at(&sealed, COST_AT), Cost::STANDARD.m_kib);
        assert_eq!(u32_at(&sealed, COST_AT + 4), Cost::STANDARD.t);
        assert_eq!(u32_at(&sealed, COST_AT + 8), Cost::STANDARD.p);
        assert_eq!(open(&sealed[..], &pass()).unwrap(), b"[1,2,3]");
    }

    #[test]
    fn envelope_compresses_and_hides_the_payload() {
        let plain = "{\"name\":\"Tuesday Night Hope\"},".repeat(1000);
        let sealed = seal_with(plain.as_bytes(), &pass(), &CHEAP).unwrap();
        assert!(sealed.len() < plain.len() / 10, "{} bytes", sealed.len());
        assert!(!sealed.windows(7).any(|w| w == b"Tuesday"));
    }

    #[test]
    fn envelope_salt_and_nonce_differ_every_time() {
        let (a, b) = (small(), small());
        assert_ne!(a[SALT_AT..HEADER_LEN], b[SALT_AT..HEADER_LEN]);
        assert_ne!(a[HEADER_LEN..], b[HEADER_LEN..]);
    }

    #[test]
    fn envelope_refuses_a_wrong_passphrase() {
        let sealed = small();
        for wrong in ["correct horse battery ", "Correct horse battery", "correct horse"] {
            let result = open(&sealed[..], &Passphrase::new(wrong.into()).unwrap());
            assert!(matches!(result, Err(Error::WrongPassphrase("this bundle"))), "{wrong:?}: {result:?}");
        }
        let message = open(&sealed[..], &Passphrase::new("wrong one!".into()).unwrap()).unwrap_err().to_string();
        assert!(message.contains("does not open this bundle, or the file was changed"), "{message}");
    }

    #[test]
    fn envelope_refuses_every_single_bit_flip() {
        let sealed = small();
        for i in 0..sealed.len() * 8 {
            let mut flipped = sealed.clone();
            flipped[i / 8] ^= 1 << (i % 8);
            // A flip in the costs may ask for up to 256 MiB, which is within the limit but slow
            // here; bits of the costs are checked below with the real limit where it is cheap.
            let limit = Cost { m_kib: 1024, ..Cost::LIMIT };
            let result = open_within(&flipped[..], &pass(), &limit);
            assert!(result.is_err(), "bit {i} flipped was accepted");
        }
        // Raising each cost to another value that `open` accepts changes the key: refused.
        for (at, value) in [(COST_AT, 16u32), (COST_AT, 9), (COST_AT + 4, 2), (COST_AT + 4, 3)] {
            let mut changed = sealed.clone();
            changed[at..at + 4].copy_from_slice(&value.to_le_bytes());
            let result = open(&changed[..], &pass());
            assert!(matches!(result, Err(Error::WrongPassphrase(_))), "{at}={value}: {result:?}");
        }
        // Two lanes need at least 16 KiB.
        let mut two_lanes = seal_with(b"{}", &pass(), &Cost { m_kib: 16, t: 1, p: 1 }).unwrap();
        two_lanes[COST_AT + 8] = 2;
        assert!(matches!(open(&two_lanes[..], &pass()), Err(Error::WrongPassphrase(_))));
    }

    #[test]
    fn envelope_header_is_authenticated() {
        // A changed salt gives another key and a changed nonce another keystream: refused.
        let sealed = small();
        let mut changed = sealed.clone();
        changed[NONCE_AT] ^= 0x80;
        assert!(matches!(open(&changed[..], &pass()), Err(Error::WrongPassphrase(_))));
        let mut changed = sealed.clone();
        changed[SALT_AT + 3] ^= 0x01;
        assert!(matches!(open(&changed[..], &pass()), Err(Error::WrongPassphrase(_))));
        // The magic is covered only as associated data: with the right key and nonce, the body
        // and tag fail under a header with one byte changed, and pass under the real one.
        let key = derive_key(&pass(), &sealed[SALT_AT..NONCE_AT], &CHEAP).unwrap();
        let cipher = cipher(&key);
        let nonce = XNonce::try_from(&sealed[NONCE_AT..HEADER_LEN]).unwrap();
        let (body, tag) = sealed[HEADER_LEN..].split_at(sealed.len() - HEADER_LEN - TAG_LEN);
        let tag = Tag::try_from(tag).unwrap();
        let mut header = sealed[..HEADER_LEN].to_vec();
        header[0] = b'c';
        let mut buf = body.to_vec();
        assert!(cipher.decrypt_inout_detached(&nonce, &header, buf.as_mut_slice().into(), &tag).is_err());
        let mut buf = body.to_vec();
        assert!(cipher.decrypt_inout_detached(&nonce, &sealed[..HEADER_LEN], buf.as_mut_slice().into(), &tag).is_ok());
    }

    #[test]
    fn envelope_refuses_every_truncation_and_extension() {
        let sealed = small();
        for len in 0..sealed.len() {
            let result = open(&sealed[..len], &pass());
            assert!(result.is_err(), "cut at {len} was accepted");
            if len <= MAGIC.len() {
                assert!(is_bad(&result, NOT_A_BUNDLE), "cut at {len}: {result:?}");
            } else if len < HEADER_LEN + TAG_LEN {
                assert!(is_bad(&result, "ends too early"), "cut at {len}: {result:?}");
            } else {
                assert!(matches!(result, Err(Error::WrongPassphrase(_))), "cut at {len}: {result:?}");
            }
        }
        let mut longer = sealed.clone();
        longer.push(0);
        assert!(matches!(open(&longer[..], &pass()), Err(Error::WrongPassphrase(_))));
    }

    #[test]
    fn envelope_refuses_what_is_not_a_bundle() {
        for junk in [&b""[..], b"hello", b"{\"records\":[]}", b"CIRCLEKEEPER", b"CIRCLEKEEPER-BUNDLE", &[0u8; 200]] {
            assert!(is_bad(&open(junk, &pass()), NOT_A_BUNDLE), "{junk:?}");
        }
        let mut zero = small();
        zero[MAGIC.len()] = 0;
        assert!(is_bad(&open(&zero[..], &pass()), NOT_A_BUNDLE));
        let message = open(b"hello", &pass()).unwrap_err().to_string();
        assert_eq!(
            message,
            "This handover bundle cannot be imported: This file is not a Circlekeeper handover bundle. Nothing was changed."
        );
    }

    #[test]
    fn envelope_refuses_a_newer_version() {
        for version in [2u8, 3, 255] {
            let mut newer = small();
            newer[MAGIC.len()] = version;
            assert!(is_bad(&open(&newer[..], &pass()), "newer version of Circlekeeper"), "version {version}");
            // A newer layout may be shorter; the version is read before anything after it.
            let mut short = MAGIC.to_vec();
            short.push(version);
            assert!(is_bad(&open(&short[..], &pass()), "newer version of Circlekeeper"), "version {version}");
        }
    }

    #[test]
    fn envelope_refuses_costs_outside_the_limit() {
        let sealed = small();
        let cases = [
            (0, 0u32),           // m below Argon2's minimum
            (0, 7),              // m below 8 KiB
            (0, 256 * 1024 + 1), // m above 256 MiB
            (0, u32::MAX),       // m far above
            (4, 0),              // t below 1
            (4, 11),             // t above 10
            (4, u32::MAX),       // t far above
            (8, 0),              // p below 1
            (8, 9),              // p above 8
            (8, 2),              // p = 2 needs m of 16 KiB or more
        ];
        for (offset, value) in cases {
            let mut changed = sealed.clone();
            changed[COST_AT + offset..COST_AT + offset + 4].copy_from_slice(&value.to_le_bytes());
            assert!(is_bad(&open(&changed[..], &pass()), "settings"), "{offset}={value}");
        }
        // The edges of the limit are accepted as settings (and then fail on the key, cheaply here).
        let mut edge = sealed.clone();
        edge[COST_AT + 4..COST_AT + 8].copy_from_slice(&10u32.to_le_bytes());
        assert!(matches!(open(&edge[..], &pass()), Err(Error::WrongPassphrase(_))));
    }

    #[test]
    fn envelope_refuses_to_seal_a_cost_it_would_not_open() {
        for cost in [Cost { m_kib: 4, t: 1, p: 1 }, Cost { m_kib: 8, t: 0, p: 1 }, Cost { t: 21, ..Cost::STANDARD }] {
            assert!(matches!(seal_with(b"{}", &pass(), &cost), Err(Error::Invalid(_))), "{cost:?}");
        }
    }

    /// Seals `deflated` as it is, bypassing the deflate step, to test what `open` does with
    /// authentic but faulty contents.
    fn seal_raw(deflated: &[u8]) -> Vec<u8> {
        let mut out = small()[..HEADER_LEN].to_vec();
        let key = derive_key(&pass(), &out[SALT_AT..NONCE_AT], &CHEAP).unwrap();
        let nonce = XNonce::try_from(&out[NONCE_AT..HEADER_LEN]).unwrap();
        let mut body = deflated.to_vec();
        let tag = cipher(&key).encrypt_inout_detached(&nonce, &out, body.as_mut_slice().into()).unwrap();
        out.extend_from_slice(&body);
        out.extend_from_slice(&tag);
        out
    }

    #[test]
    fn envelope_refuses_authentic_but_faulty_contents() {
        // Not a deflate stream (block type 3 is reserved).
        assert!(is_bad(&open(seal_raw(&[0xff, 0xff, 0xff]), &pass()), "could not be unpacked"));
        // A valid stream followed by extra bytes.
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(b"{}").unwrap();
        let mut stream = encoder.finish().unwrap();
        assert_eq!(open(seal_raw(&stream), &pass()).unwrap(), b"{}");
        stream.push(0);
        assert!(is_bad(&open(seal_raw(&stream), &pass()), "could not be unpacked"));
        // A stream cut short.
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(&[7u8; 10_000]).unwrap();
        let stream = encoder.finish().unwrap();
        assert!(is_bad(&open(seal_raw(&stream[..stream.len() - 2]), &pass()), "could not be unpacked"));
    }

    #[test]
    fn envelope_caps_what_a_bundle_unpacks_to() {
        // Two stored deflate blocks of 65,535 zero bytes each, built by hand.
        let mut stream = Vec::new();
        for last in [false, true] {
            stream.push(u8::from(last));
            stream.extend_from_slice(&0xffffu16.to_le_bytes());
            stream.extend_from_slice(&0u16.to_le_bytes());
            stream.extend_from_slice(&[0u8; 0xffff]);
        }
        assert_eq!(inflate(&stream, 2 * 0xffff).unwrap().len(), 2 * 0xffff);
        assert!(is_bad(&inflate(&stream, 2 * 0xffff - 1), "larger than 32 MiB"));
        assert!(is_bad(&inflate(&stream, 70_000), "larger than 32 MiB"));
    }

    proptest::proptest! {
        /// Only an authenticated body reaches `inflate`, so the envelope fuzz cannot reach it:
        /// arbitrary and mutated deflate streams are fed to it here. It never panics, and
        /// never returns more than its cap.
        #[test]
        fn envelope_inflate_never_panics(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
            flips in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 0..8u8), 0..4),
            cut in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            if let Ok(plain) = inflate(&bytes, 4096) {
                proptest::prop_assert!(plain.len() <= 4096);
            }
            let mut encoder = DeflateEncoder::new(Vec::new(), Compression::default());
            encoder.write_all(&bytes).unwrap();
            let mut stream = encoder.finish().unwrap();
            proptest::prop_assert_eq!(&inflate(&stream, 4096).unwrap(), &bytes);
            for (at, bit) in &flips {
                let at = at.index(stream.len());
                stream[at] ^= 1 << bit;
            }
            let len = cut.index(stream.len() + 1);
            if let Ok(plain) = inflate(&stream[..len], 4096) {
                proptest::prop_assert!(plain.len() <= 4096);
            }
        }
    }

    /// A deflate bomb: one mebibyte of zeroes deflated once, its blocks repeated, so that about
    /// 100 KiB of stream would unpack to 100 MiB. `open` stops at the cap, having unpacked no more.
    #[test]
    fn envelope_refuses_a_deflate_bomb_quickly() {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&[0u8; 1 << 20]).unwrap();
        encoder.flush().unwrap();
        let mebibyte = encoder.get_ref().clone();
        let mut bomb = mebibyte.repeat(100);
        bomb.extend_from_slice(&[0x03, 0x00]); // a last, empty block
        assert!(bomb.len() < 200 << 10, "{} bytes", bomb.len());
        assert_eq!(inflate(&bomb, 200 << 20).unwrap().len(), 100 << 20, "the bomb is what it claims");

        let started = std::time::Instant::now();
        assert!(is_bad(&open(seal_raw(&bomb), &pass()), "larger than 32 MiB"));
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    }

    #[test]
    fn envelope_refuses_a_file_over_the_cap_before_deriving_a_key() {
        // The header asks for the most Argon2id may take (256 MiB, 10 passes): a file over the
        // cap is refused before that work starts.
        let mut huge = small()[..HEADER_LEN].to_vec();
        for (at, value) in [(0, Cost::LIMIT.m_kib), (4, Cost::LIMIT.t), (8, 1)] {
            huge[COST_AT + at..COST_AT + at + 4].copy_from_slice(&value.to_le_bytes());
        }
        huge.resize(MAX_SEALED + 1, 0);
        let started = std::time::Instant::now();
        assert!(is_bad(&open(huge, &pass()), "larger than 32 MiB"));
        assert!(started.elapsed() < std::time::Duration::from_secs(1), "{:?}", started.elapsed());
    }

    #[test]
    fn envelope_refuses_to_seal_more_than_the_cap() {
        let result = seal_with(&vec![b'x'; MAX_PLAINTEXT + 1], &pass(), &CHEAP);
        assert!(matches!(&result, Err(Error::Invalid(m)) if m.contains("more than 32 MiB")), "{result:?}");
    }

    /// Times `seal` and `open` at the standard cost for a 10 MB JSON-like payload.
    /// `cargo test -p circlekeeper-core --release envelope_timing -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn envelope_timing() {
        use std::time::Instant;
        let mut json = String::from("[");
        let mut i = 0u64;
        while json.len() < 10_000_000 {
            json.push_str(&format!(
                "{{\"table\":\"check_ins\",\"id\":\"0190c3a1-{i:04x}-7000-8000-{:012x}\",\"meeting_id\":\"0190c3a1-0000-7000-8000-{:012x}\",\"person\":\"Person {}\",\"at\":{},\"updated_at\":{},\"deleted\":false}},",
                i.wrapping_mul(2654435761) % 0xffff_ffff_ffff,
                i / 40,
                i % 500,
                1_700_000_000_000u64 + i * 7919,
                1_700_000_000_000u64 + i * 104_729
            ));
            i += 1;
        }
        json.push_str("{}]");
        let key_only = Instant::now();
        derive_key(&pass(), &[1u8; 16], &Cost::STANDARD).unwrap();
        let key_only = key_only.elapsed();
        let start = Instant::now();
        let sealed = seal(json.as_bytes(), &pass()).unwrap();
        let sealing = start.elapsed();
        let start = Instant::now();
        let opened = open(&sealed[..], &pass()).unwrap();
        let opening = start.elapsed();
        assert_eq!(opened, json.as_bytes());
        println!(
            "Argon2id {:?}: {key_only:?}; {} bytes sealed to {} bytes in {sealing:?}; opened in {opening:?}",
            Cost::STANDARD,
            json.len(),
            sealed.len()
        );
    }
}
