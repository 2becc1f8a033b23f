-- Circlekeeper schema 7: a removed record keeps no text and names no one. A tombstone (a row with
-- deleted_at) travels in every bundle and is kept for ever, so it keeps only its key, its stamps and
-- what a merge needs; core/src/store/tombstone.rs lists what each table's tombstones blank, and
-- this scrubs the ones earlier versions wrote.

-- A celebration taken away (by retention or by forgetting someone) must not say whose it was, so its
-- person may now be empty. SQLite cannot drop NOT NULL in place: the table is written again.
CREATE TABLE celebrations_7 (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    person_id   TEXT REFERENCES people(id),   -- NULL only in a tombstone
    label       TEXT NOT NULL,
    date        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER
) STRICT;
INSERT INTO celebrations_7 (id, meeting_id, person_id, label, date, created_at, updated_at, updated_by, deleted_at)
    SELECT id, meeting_id, person_id, label, date, created_at, updated_at, updated_by, deleted_at FROM celebrations;
DROP TABLE celebrations;
ALTER TABLE celebrations_7 RENAME TO celebrations;
CREATE INDEX celebrations_by_meeting ON celebrations(meeting_id);

-- The tombstones already written. Their stamps stay: this is no new edit, only what the removal
-- should have done.
UPDATE groups SET name = '', fellowship = '', location = '', format = NULL, milestone_points = NULL
    WHERE deleted_at IS NOT NULL;
UPDATE people SET display_name = '', last_initial = '', recovery_date = NULL WHERE deleted_at IS NOT NULL;
UPDATE meetings SET chair = '', format = NULL, run = NULL, report = NULL WHERE deleted_at IS NOT NULL;
UPDATE check_ins SET person_id = NULL WHERE deleted_at IS NOT NULL AND person_id IS NOT NULL;
UPDATE shares SET person_id = NULL WHERE deleted_at IS NOT NULL AND person_id IS NOT NULL;
UPDATE rounds SET state = '' WHERE deleted_at IS NOT NULL;
UPDATE passes SET person_id = NULL WHERE deleted_at IS NOT NULL AND person_id IS NOT NULL;
-- Retention and forgetting emptied a celebration's label and date but kept whose it was.
UPDATE celebrations SET person_id = NULL, label = '', date = '' WHERE deleted_at IS NOT NULL;
UPDATE reports SET notes = '', collection_cents = NULL, counted_by = '[]' WHERE deleted_at IS NOT NULL;
UPDATE action_items SET meeting_id = NULL, text = '', due_date = NULL, due_meeting = 0, raised_by = '',
    closed_by = NULL, closed_at = NULL WHERE deleted_at IS NOT NULL;
UPDATE acknowledgements SET name = '' WHERE deleted_at IS NOT NULL;
UPDATE positions SET title = '', holder = '', alternate = '', term_ends = NULL WHERE deleted_at IS NOT NULL;
UPDATE chair_rota SET name = '' WHERE deleted_at IS NOT NULL;
