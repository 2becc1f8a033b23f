-- Circlekeeper schema 5: the handover between rotating chairs, the group's service positions,
-- and the group's retention setting. Records that two laptops may both write are keyed so that
-- a handover bundle can merge them: by id, or by what they belong to (a meeting's one report).

-- What the chair adds to the report drafted from the meeting's own record. One per meeting.
CREATE TABLE reports (
    meeting_id        TEXT PRIMARY KEY REFERENCES meetings(id),
    notes             TEXT NOT NULL DEFAULT '',
    collection_cents  INTEGER CHECK (collection_cents >= 0),  -- 7th Tradition; NULL: not recorded
    counted_by        TEXT NOT NULL DEFAULT '[]',             -- JSON: the two first names or initials
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    updated_by        TEXT NOT NULL,
    deleted_at        INTEGER
) STRICT;

-- Open until done or dismissed, whichever chair does it.
CREATE TABLE action_items (
    id           TEXT PRIMARY KEY,
    group_id     TEXT NOT NULL REFERENCES groups(id),
    meeting_id   TEXT REFERENCES meetings(id),        -- where it was raised
    text         TEXT NOT NULL,
    due_date     TEXT,                                -- 'YYYY-MM-DD'
    due_meeting  INTEGER NOT NULL DEFAULT 0,          -- 1: due at the meeting on due_date
    raised_by    TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('open', 'done', 'dismissed')),
    closed_by    TEXT,
    closed_at    INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   INTEGER
) STRICT;
CREATE INDEX action_items_by_group ON action_items(group_id);

-- The next chair read the handover: who, when, and which meeting's report.
CREATE TABLE acknowledgements (
    id           TEXT PRIMARY KEY,
    group_id     TEXT NOT NULL REFERENCES groups(id),
    meeting_id   TEXT NOT NULL REFERENCES meetings(id),
    name         TEXT NOT NULL,
    at           INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   INTEGER
) STRICT;
CREATE INDEX acknowledgements_by_group ON acknowledgements(group_id);

CREATE TABLE positions (
    id           TEXT PRIMARY KEY,
    group_id     TEXT NOT NULL REFERENCES groups(id),
    title        TEXT NOT NULL,
    holder       TEXT NOT NULL DEFAULT '',
    alternate    TEXT NOT NULL DEFAULT '',
    term_ends    TEXT,                                -- 'YYYY-MM-DD'
    sort         INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   INTEGER
) STRICT;
CREATE INDEX positions_by_group ON positions(group_id);

-- Who is scheduled to chair the meeting on a date.
CREATE TABLE chair_rota (
    group_id     TEXT NOT NULL REFERENCES groups(id),
    date         TEXT NOT NULL,
    name         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted_at   INTEGER,
    PRIMARY KEY (group_id, date)
) STRICT;

-- This laptop's own log of bundles written and read; never travels in a bundle.
CREATE TABLE bundle_log (
    id           TEXT PRIMARY KEY,
    group_id     TEXT NOT NULL,
    direction    TEXT NOT NULL CHECK (direction IN ('export', 'import')),
    bundle_id    TEXT NOT NULL,
    since        INTEGER,                             -- an export of changes only: from when
    records      INTEGER NOT NULL,
    at           INTEGER NOT NULL
) STRICT;

-- Delete attendance names older than this many months (NULL: keep them).
ALTER TABLE groups ADD COLUMN retention_months INTEGER CHECK (retention_months BETWEEN 1 AND 120);
