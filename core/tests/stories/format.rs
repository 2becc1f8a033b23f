//! A group's format, as the chair writes it: the parts of the meeting in order, their minutes, the
//! words the group reads, and the templates to start from. Pure logic: no store, no clock.

use crate::deep_paths::format::{MAX_SCRIPT_CHARS, MAX_TITLE_CHARS};
use crate::helpers::refused_as;
use circlekeeper_core::*;

fn tuesday(segments: Vec<Segment>) -> Format {
    Format { name: "Tuesday Night Hope".into(), segments }
}

/// The chair's usual one-hour format.
fn usual() -> Format {
    tuesday(vec![
        Segment::new("Opening and moment of silence", 3),
        Segment::new("Readings", 7),
        Segment::sharing("Sharing", 45),
        Segment::new("Closing", 5),
    ])
}

/// Validates and checks it was refused as invalid, leaving the format exactly as it was.
fn refused(format: &Format) -> String {
    let before = format.clone();
    let message = refused_as("invalid", format.validated());
    assert_eq!(format, &before, "a refused format was changed");
    message
}

#[test]
fn a_chair_writes_the_group_format_and_it_is_kept_as_written() {
    let mut f = usual();
    f.segments[1].script = Some("Our group's welcome, written by us.\n\n\tSecond paragraph.".into());
    let v = f.validated().unwrap();
    assert_eq!(v, f);
    assert_eq!(v.total_minutes(), 60);
    assert_eq!(v.planned_ms(), 60 * 60_000);
    assert_eq!(v.sharing_index(), Some(2));
}

#[test]
fn titles_are_trimmed_and_empty_words_and_readers_count_as_none() {
    let mut f = usual();
    f.name = "  Tuesday Night Hope ".into();
    f.segments[0].title = "  Opening  ".into();
    f.segments[0].script = Some("   \n ".into());
    f.segments[0].reader_id = Some("  ".into());
    let v = f.validated().unwrap();
    assert_eq!(v.name, "Tuesday Night Hope");
    assert_eq!(v.segments[0].title, "Opening");
    assert_eq!(v.segments[0].script, None);
    assert_eq!(v.segments[0].reader_id, None);
}

#[test]
fn a_format_with_no_parts_is_refused() {
    let message = refused(&tuesday(vec![]));
    assert!(message.contains("at least one part"), "{message}");
}

#[test]
fn a_format_needs_a_name() {
    let mut f = usual();
    f.name = "  ".into();
    assert!(refused(&f).contains("name"));
}

#[test]
fn two_sharing_parts_are_refused_and_both_are_named() {
    let mut f = usual();
    f.segments.push(Segment::sharing("Second round", 5));
    let message = refused(&f);
    assert!(message.contains("“Sharing” (part 3)") && message.contains("“Second round” (part 5)"), "{message}");
}

#[test]
fn a_speaker_meeting_without_a_sharing_part_is_allowed() {
    let f = tuesday(vec![Segment::new("Opening", 5), Segment::new("Speaker", 45), Segment::new("Closing", 10)]);
    let v = f.validated().unwrap();
    assert_eq!(v.sharing_index(), None);
}

#[test]
fn negative_minutes_are_refused_with_the_part_named() {
    let mut f = usual();
    f.segments[1].minutes = -5;
    let message = refused(&f);
    assert!(message.contains("“Readings” (part 2)") && message.contains("-5"), "{message}");
}

#[test]
fn a_zero_minute_part_is_refused_because_it_would_be_over_time_at_once() {
    let mut f = usual();
    f.segments[0].minutes = 0;
    let message = refused(&f);
    assert!(message.contains("at least 1 minute"), "{message}");
}

#[test]
fn a_format_over_four_hours_is_refused_with_its_total() {
    let f = tuesday(vec![Segment::new("Opening", 10), Segment::sharing("Sharing", 231)]);
    let message = refused(&f);
    assert!(message.contains("4 h 1 min") && message.contains("4 h long"), "{message}");
    let exactly_four = tuesday(vec![Segment::new("Opening", 10), Segment::sharing("Sharing", 230)]);
    assert!(exactly_four.validated().is_ok());
}

#[test]
fn huge_minutes_do_not_overflow_the_total() {
    let f = tuesday(vec![Segment::new("A", i32::MAX), Segment::new("B", i32::MAX)]);
    assert!(refused(&f).contains("at most 4 h"));
}

#[test]
fn an_empty_title_is_refused() {
    let mut f = usual();
    f.segments[2].title = "   ".into();
    let message = refused(&f);
    assert!(message.contains("Part 3 needs a title"), "{message}");
}

#[test]
fn a_title_of_eighty_characters_is_kept_and_eighty_one_is_refused() {
    let mut f = usual();
    f.segments[0].title = "é".repeat(MAX_TITLE_CHARS);
    assert!(f.validated().is_ok());
    f.segments[0].title = "é".repeat(MAX_TITLE_CHARS + 1);
    assert!(refused(&f).contains("81 characters"));
}

#[test]
fn a_title_with_a_line_break_or_tab_is_refused() {
    for bad in ["Open\ning", "Open\ting", "Open\u{7}ing"] {
        let mut f = usual();
        f.segments[0].title = bad.into();
        assert!(refused(&f).contains("line breaks or tabs"));
    }
}

#[test]
fn titles_keep_accents_emoji_and_right_to_left_text() {
    let mut f = usual();
    f.segments[0].title = "Bienvenue 🌻 مرحبا".into();
    assert_eq!(f.validated().unwrap().segments[0].title, "Bienvenue 🌻 مرحبا");
}

#[test]
fn the_words_for_a_part_can_be_long_but_not_endless() {
    let mut f = usual();
    f.segments[1].script = Some("a".repeat(MAX_SCRIPT_CHARS));
    assert!(f.validated().is_ok());
    f.segments[1].script = Some("a".repeat(MAX_SCRIPT_CHARS + 1));
    let message = refused(&f);
    assert!(message.contains("“Readings” (part 2)") && message.contains("20001 characters"), "{message}");
}

#[test]
fn words_with_a_hidden_control_character_are_refused() {
    let mut f = usual();
    f.segments[1].script = Some("We welcome\u{0}you".into());
    assert!(refused(&f).contains("cannot be shown"));
}

#[test]
fn a_reader_must_be_checked_in() {
    let mut f = usual();
    f.segments[1].reader_id = Some("sam".into());
    let here = vec!["ana".to_string(), "sam".to_string()];
    f.check_readers_present(&here).unwrap();
    let err = f.check_readers_present(&["ana".to_string()]).unwrap_err();
    assert_eq!(err.kind(), "conflict");
    assert!(err.to_string().contains("“Readings” (part 2)"), "{err}");
}

#[test]
fn a_format_comes_back_the_same_from_its_json() {
    let mut f = usual();
    f.segments[1].reader_id = Some("sam".into());
    let json = serde_json::to_string(&f).unwrap();
    assert!(json.contains("\"readerId\":\"sam\""), "{json}");
    assert_eq!(serde_json::from_str::<Format>(&json).unwrap(), f);
    // A part written by hand without the optional fields reads as having none of them.
    let bare: Segment = serde_json::from_str(r#"{"title":"Closing","minutes":5}"#).unwrap();
    assert_eq!(bare, Segment::new("Closing", 5));
}

// --- Templates ------------------------------------------------------------------------------

#[test]
fn templates_add_up_to_their_length() {
    let all = templates(Language::En);
    assert!(all.len() >= 4);
    for t in &all {
        let total: i32 = t.segments.iter().map(|s| s.minutes).sum();
        assert_eq!(total, t.length_min, "{}", t.name);
        assert_eq!(t.format().total_minutes(), i64::from(t.length_min), "{}", t.name);
    }
    let lengths: Vec<(&str, i32)> = all.iter().map(|t| (t.id.as_str(), t.length_min)).collect();
    assert_eq!(
        lengths,
        [("twelve-step-60", 60), ("twelve-step-90", 90), ("check-in-working-90", 90), ("peer-circle-60", 60)]
    );
}

#[test]
fn every_template_is_a_valid_format_with_one_sharing_part() {
    for t in Language::ALL.into_iter().flat_map(templates) {
        let f = t.format().validated().unwrap_or_else(|e| panic!("{}: {e}", t.name));
        assert_eq!(f, t.format(), "{} was tidied: templates should already be tidy", t.name);
        assert_eq!(f.segments.iter().filter(|s| s.sharing).count(), 1, "{}", t.name);
    }
}

#[test]
fn no_template_ships_literature() {
    for t in Language::ALL.into_iter().flat_map(templates) {
        for s in &t.segments {
            assert_eq!(s.script, None, "{} / {} carries words", t.name, s.title);
            assert_eq!(s.reader_id, None, "{} / {} names a reader", t.name, s.title);
            let lower = s.title.to_lowercase();
            for words in ["preamble", "how it works", "promises", "we admitted"] {
                assert!(!lower.contains(words), "{} / {} looks like literature", t.name, s.title);
            }
        }
    }
}

#[test]
fn the_twelve_step_template_runs_in_the_usual_order() {
    let t = template_by_id("twelve-step-60", Language::En).unwrap();
    let titles: Vec<&str> = t.segments.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Opening and moment of silence",
            "Readings",
            "Introductions",
            "Newcomer welcome",
            "Milestones and celebrations",
            "7th Tradition collection",
            "Sharing",
            "Announcements",
            "Closing",
        ]
    );
}

#[test]
fn the_smart_style_template_has_check_in_agenda_working_time_and_check_out() {
    let t = template_by_id("check-in-working-90", Language::En).unwrap();
    let titles: Vec<&str> = t.segments.iter().map(|s| s.title.as_str()).collect();
    for part in ["Check-in", "Agenda setting", "Working time", "Check-out"] {
        assert!(titles.contains(&part), "{titles:?}");
    }
    assert_eq!(t.segments[t.format().sharing_index().unwrap()].title, "Working time");
}

#[test]
fn an_unknown_template_is_not_found() {
    for language in Language::ALL {
        assert_eq!(template_by_id("speaker-meeting", language).unwrap_err().kind(), "not_found");
    }
}

#[test]
fn the_spanish_templates_are_the_english_ones_in_other_words() {
    let (en, es) = (templates(Language::En), templates(Language::Es));
    // Each template's id and length, and each part's minutes and whether it is the sharing.
    type Shape = (String, i32, Vec<(i32, bool)>);
    let shape = |all: &[Template]| -> Vec<Shape> {
        all.iter()
            .map(|t| (t.id.clone(), t.length_min, t.segments.iter().map(|s| (s.minutes, s.sharing)).collect()))
            .collect()
    };
    assert_eq!(shape(&es), shape(&en), "same ids, lengths, minutes and sharing part, in the same order");
    for (e, s) in en.iter().zip(&es) {
        assert_ne!(s.name, e.name, "{} is named in English in Spanish", e.id);
        for (se, ss) in e.segments.iter().zip(&s.segments) {
            assert_ne!(ss.title, se.title, "{} / {} is titled in English in Spanish", e.id, se.title);
        }
    }
    let t = template_by_id("twelve-step-60", Language::Es).unwrap();
    let titles: Vec<&str> = t.segments.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Apertura y momento de silencio",
            "Lecturas",
            "Presentaciones",
            "Bienvenida a recién llegados",
            "Aniversarios y celebraciones",
            "Colecta de la Séptima Tradición",
            "Compartir",
            "Anuncios",
            "Cierre",
        ]
    );
}

#[test]
fn a_group_started_in_spanish_keeps_its_spanish_titles_as_its_own() {
    let mut room = crate::helpers::Room::fresh();
    let group = room.group();
    let chosen = room.store.use_template(&group.id, "peer-circle-60", Language::Es).unwrap();
    let format = chosen.format.unwrap();
    assert_eq!(format.name, "Círculo de apoyo entre pares (60 minutos)");
    assert_eq!(format.segments[3].title, "Compartir");
    // The format is the group's data now: read back in English, it still says what was written.
    let read = room.store.format_choice(&group.id, Language::En).unwrap();
    assert_eq!(read.format.unwrap(), format);
    assert_eq!(read.templates[0].name, "12-step discussion meeting (60 minutes)");
}
