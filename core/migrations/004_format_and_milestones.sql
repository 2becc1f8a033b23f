-- Circlekeeper schema 4: the meeting format and its runner, and milestones to celebrate.

-- The group's format (JSON Format; NULL until the group chooses one) and milestone list
-- (JSON MilestonePoints; NULL: the usual list).
ALTER TABLE groups ADD COLUMN format TEXT;
ALTER TABLE groups ADD COLUMN milestone_points TEXT;
ALTER TABLE groups ADD COLUMN keytag_low_at INTEGER NOT NULL DEFAULT 2 CHECK (keytag_low_at >= 0);

-- A meeting keeps its own copy of the format it ran, so editing the group's format never changes
-- the record of a past meeting; the runner's state (JSON Run) and, after the finish, planned
-- against actual (JSON RunReport).
ALTER TABLE meetings ADD COLUMN format TEXT;
ALTER TABLE meetings ADD COLUMN run TEXT;
ALTER TABLE meetings ADD COLUMN report TEXT;

-- Opt-in only: a recovery date the person chose to share, 'YYYY-MM-DD'.
ALTER TABLE people ADD COLUMN recovery_date TEXT;

CREATE TABLE celebrations (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    person_id   TEXT NOT NULL REFERENCES people(id),
    label       TEXT NOT NULL,          -- "30 days", "1 year"
    date        TEXT NOT NULL,          -- the milestone's date
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;
CREATE INDEX celebrations_by_meeting ON celebrations(meeting_id);

CREATE TABLE keytag_stock (
    group_id    TEXT NOT NULL REFERENCES groups(id),
    point       TEXT NOT NULL,          -- JSON Point
    count       INTEGER NOT NULL CHECK (count >= 0),
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (group_id, point)
) STRICT;
