-- Circlekeeper schema 10: what retention must not take away with the names.
--
-- Retention turns an old meeting into a counts-only one, and with the names went two things the
-- group's trends are made of: who had been to the group before (so a regular whose early meetings
-- were cleared came back as a "newcomer" at the first meeting that still named them), and whether
-- a newcomer came back. Both are now kept, computed from the names just before they go.

-- The date (in the group's time zone) of the first meeting this person came to. Written when
-- retention clears the check-ins that showed it; NULL while their check-ins still show it.
ALTER TABLE people ADD COLUMN first_came TEXT;

-- A cleared meeting's name-free facts, as they read while its names were there: how many of its
-- newcomers came back within 30 and within 90 days, and the share time its top fifth of speakers
-- took. One per meeting, keyed by it like its counts, so it travels in a bundle and merges the same.
CREATE TABLE meeting_facts (
    meeting_id    TEXT PRIMARY KEY REFERENCES meetings(id),
    came_back_30  INTEGER NOT NULL CHECK (came_back_30 >= 0),
    came_back_90  INTEGER NOT NULL CHECK (came_back_90 >= came_back_30),
    top_fifth_ms  INTEGER NOT NULL CHECK (top_fifth_ms >= 0),
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL,
    local_seq     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TRIGGER meeting_facts_counted_insert AFTER INSERT ON meeting_facts BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE meeting_facts SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER meeting_facts_counted_update AFTER UPDATE ON meeting_facts WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE meeting_facts SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
