-- Circlekeeper schema 3: the speaking order. A meeting's seating, its rounds (each kept whole as
-- JSON after every change, so a crash resumes the same round at the same speaker), passes as
-- records of their own, and what fair time is worked out from.

-- The group's bounds for a fair share, and whether newcomers go first in open sharing.
ALTER TABLE groups ADD COLUMN fair_min_ms INTEGER NOT NULL DEFAULT 120000;
ALTER TABLE groups ADD COLUMN fair_max_ms INTEGER NOT NULL DEFAULT 300000;
ALTER TABLE groups ADD COLUMN newcomers_first INTEGER NOT NULL DEFAULT 0;

-- When sharing ends (NULL: at the meeting's end), and the minutes kept for those who have not shared.
ALTER TABLE meetings ADD COLUMN sharing_ends_at INTEGER;
ALTER TABLE meetings ADD COLUMN reserve_ms INTEGER NOT NULL DEFAULT 0 CHECK (reserve_ms >= 0);

-- Seating order around the circle: person ids, clockwise, as JSON.
CREATE TABLE seating (
    meeting_id  TEXT PRIMARY KEY REFERENCES meetings(id),
    seats       TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE rounds (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    state       TEXT NOT NULL,       -- the whole Round, as JSON
    started_at  INTEGER NOT NULL,
    ended_at    INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;
CREATE INDEX rounds_by_meeting ON rounds(meeting_id);
CREATE UNIQUE INDEX one_open_round ON rounds(meeting_id) WHERE ended_at IS NULL AND deleted_at IS NULL;

-- A pass is its own record, never a zero-length share.
CREATE TABLE passes (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    round_id    TEXT REFERENCES rounds(id),
    person_id   TEXT REFERENCES people(id),
    at          INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;
CREATE INDEX passes_by_meeting ON passes(meeting_id);

ALTER TABLE shares ADD COLUMN round_id TEXT REFERENCES rounds(id);
