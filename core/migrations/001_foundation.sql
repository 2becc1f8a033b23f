-- Circlekeeper schema 1: groups, roster, meetings, attendance.
-- Every record: a never-reused id (UUID v7), created/updated instants in UTC ms, the writing
-- device as a tie-breaker, and a tombstone instead of a hard delete, so two stores can merge.

CREATE TABLE device (
    id          TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE groups (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    fellowship  TEXT NOT NULL DEFAULT '',
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    start_time  TEXT NOT NULL,
    length_min  INTEGER NOT NULL CHECK (length_min BETWEEN 1 AND 240),
    location    TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;

CREATE TABLE people (
    id            TEXT PRIMARY KEY,
    group_id      TEXT NOT NULL REFERENCES groups(id),
    display_name  TEXT NOT NULL,
    last_initial  TEXT NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    updated_by    TEXT NOT NULL,
    deleted_at    INTEGER
) STRICT;
CREATE INDEX people_by_group ON people(group_id);

CREATE TABLE meetings (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL REFERENCES groups(id),
    date        TEXT NOT NULL,           -- calendar date in the group's time zone
    seq         INTEGER NOT NULL,        -- 1 for the first meeting of that date, 2 for a second
    status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    chair       TEXT NOT NULL,
    mode        TEXT NOT NULL CHECK (mode IN ('named', 'headcount')),
    opened_at   INTEGER NOT NULL,
    closed_at   INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER,
    UNIQUE (group_id, date, seq)
) STRICT;

CREATE TABLE check_ins (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    person_id   TEXT REFERENCES people(id),   -- NULL: an anonymous walk-in
    arrived_at  INTEGER NOT NULL,
    left_at     INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER                        -- set by "undo check-in"
) STRICT;
CREATE INDEX check_ins_by_meeting ON check_ins(meeting_id);
CREATE INDEX check_ins_by_person ON check_ins(person_id);

-- Headcount-only meetings keep counts and never names.
CREATE TABLE meeting_counts (
    meeting_id  TEXT PRIMARY KEY REFERENCES meetings(id),
    members     INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
    newcomers   INTEGER NOT NULL DEFAULT 0 CHECK (newcomers >= 0),
    visitors    INTEGER NOT NULL DEFAULT 0 CHECK (visitors >= 0),
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL
) STRICT;
