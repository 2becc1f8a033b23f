-- Circlekeeper schema 2: share timing. A share is stored as facts (when it started, how long
-- was planned, what was added or taken away, how long it was paused), never as a counter, so a
-- crash, a restart or a sleeping laptop loses nothing.

ALTER TABLE groups ADD COLUMN share_ms INTEGER NOT NULL DEFAULT 240000
    CHECK (share_ms BETWEEN 1000 AND 3600000);
ALTER TABLE groups ADD COLUMN warn_ms INTEGER NOT NULL DEFAULT 60000
    CHECK (warn_ms BETWEEN 0 AND 3600000);
-- What the room display may show.
ALTER TABLE groups ADD COLUMN room_show_name INTEGER NOT NULL DEFAULT 1;
ALTER TABLE groups ADD COLUMN room_show_overtime INTEGER NOT NULL DEFAULT 1;

-- A meeting may override the group's share length and warning point; NULL follows the group.
ALTER TABLE meetings ADD COLUMN share_ms INTEGER CHECK (share_ms BETWEEN 1000 AND 3600000);
ALTER TABLE meetings ADD COLUMN warn_ms INTEGER CHECK (warn_ms BETWEEN 0 AND 3600000);

CREATE TABLE shares (
    id            TEXT PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings(id),
    person_id     TEXT REFERENCES people(id),   -- NULL: an unnamed share
    planned_ms    INTEGER NOT NULL,
    warn_ms       INTEGER NOT NULL,
    started_at    INTEGER NOT NULL,              -- UTC ms, possibly back-dated
    adjust_ms     INTEGER NOT NULL DEFAULT 0,    -- time added (+) or taken away (-)
    paused_ms     INTEGER NOT NULL DEFAULT 0,    -- completed pauses
    paused_since  INTEGER,                       -- set while paused
    ended_at      INTEGER,                       -- NULL while the share runs
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    INTEGER
) STRICT;
CREATE INDEX shares_by_meeting ON shares(meeting_id);
-- At most one running share per meeting.
CREATE UNIQUE INDEX one_running_share ON shares(meeting_id) WHERE ended_at IS NULL AND deleted_at IS NULL;
