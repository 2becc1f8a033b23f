//! Time zones by their IANA names ("America/Chicago"), from the operating system's own database
//! (Linux and macOS keep it current with their updates) or, on Windows, which has none, from a copy
//! bundled with the app. Reading the system's copy keeps about 1.8 MiB of tables out of the binary.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{civil, Timestamp};

/// A time zone the database knows.
#[derive(Debug, Clone)]
pub struct Zone(TimeZone);

impl Zone {
    /// The zone with this IANA name (exactly as the database spells it), if there is one.
    pub fn named(name: &str) -> Option<Zone> {
        let name = name.trim();
        let zone = TimeZone::get(name).ok()?;
        // The database forgives the case of a name; a stored name must be the one it knows.
        (zone.iana_name() == Some(name)).then_some(Zone(zone))
    }

    /// The calendar date here at `utc_ms`.
    pub fn date_at(&self, utc_ms: i64) -> Option<NaiveDate> {
        let d = self.0.to_datetime(Timestamp::from_millisecond(utc_ms).ok()?).date();
        NaiveDate::from_ymd_opt(d.year().into(), d.month().unsigned_abs().into(), d.day().unsigned_abs().into())
    }

    /// The first moment (UTC ms) the clocks here show `local`: the earlier one when they go back
    /// an hour and show it twice, none when they go forward past it.
    pub fn earliest(&self, local: NaiveDateTime) -> Option<i64> {
        let civil = civil::DateTime::new(
            i16::try_from(local.year()).ok()?,
            local.month() as i8,
            local.day() as i8,
            local.hour() as i8,
            local.minute() as i8,
            local.second() as i8,
            0,
        )
        .ok()?;
        let moment = self.0.to_ambiguous_timestamp(civil);
        match moment.offset() {
            AmbiguousOffset::Gap { .. } => None,
            _ => moment.earlier().ok().map(Timestamp::as_millisecond),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str, time: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_name_is_known_only_as_the_database_spells_it() {
        assert!(Zone::named("America/Chicago").is_some());
        assert!(Zone::named(" Europe/London ").is_some());
        assert!(Zone::named("america/chicago").is_none());
        assert!(Zone::named("Mars/Olympus_Mons").is_none());
        assert!(Zone::named("../../etc/passwd").is_none());
        assert!(Zone::named("").is_none());
    }

    #[test]
    fn the_date_turns_at_local_midnight() {
        let chicago = Zone::named("America/Chicago").unwrap();
        // 2026-11-18 05:30 UTC is still the 17th, 23:30, in Chicago (UTC-6 in November).
        let ms = at("2026-11-18", "05:30").and_utc().timestamp_millis();
        assert_eq!(chicago.date_at(ms), NaiveDate::from_ymd_opt(2026, 11, 17));
        assert_eq!(Zone::named("Asia/Tokyo").unwrap().date_at(ms), NaiveDate::from_ymd_opt(2026, 11, 18));
    }

    #[test]
    fn a_meeting_time_on_the_night_the_clocks_change() {
        let london = Zone::named("Europe/London").unwrap();
        // Clocks go forward at 01:00 on 29 March 2026: 01:30 never happens.
        assert_eq!(london.earliest(at("2026-03-29", "01:30")), None);
        // Clocks go back at 02:00 BST on 25 October 2026: 01:30 happens twice; the first is BST.
        let first = at("2026-10-25", "00:30").and_utc().timestamp_millis();
        assert_eq!(london.earliest(at("2026-10-25", "01:30")), Some(first));
        // An ordinary evening: 19:00 GMT.
        let evening = at("2026-11-17", "19:00").and_utc().timestamp_millis();
        assert_eq!(london.earliest(at("2026-11-17", "19:00")), Some(evening));
    }
}
