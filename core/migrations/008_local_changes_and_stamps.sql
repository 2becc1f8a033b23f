-- Circlekeeper schema 8: a change counter of this laptop's own, and a clock for record versions that
-- no laptop's wrong date can run backwards.
--
-- "Only what changed" once compared other laptops' timestamps with this laptop's last export, and
-- could silently leave records out. Now every row written here, typed in or taken in from a bundle,
-- gets the next number of this laptop's counter (`local_seq`), and a bundle of changes carries the
-- rows numbered above the counter its previous export reached. The numbers never travel.
--
-- The counter is set by triggers, not by each writer: a writer that forgot it would silently drop
-- its rows from every later bundle, and forty writers in twelve files (and the import) would each
-- have to remember. A trigger's own UPDATE does not fire it again (recursive_triggers is off, and
-- the WHEN clause holds even if it were on).

-- This laptop's clocks; one row, never travels. `seq`: the last change number given. `stamp`: the
-- hybrid logical clock, the last version stamp given or seen (UTC ms, moved on by one when the wall
-- clock is behind it).
CREATE TABLE local_clock (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    seq    INTEGER NOT NULL,
    stamp  INTEGER NOT NULL
) STRICT;
-- Every version already written stays older than the next one written here.
INSERT INTO local_clock (id, seq, stamp) VALUES (1, 0, (SELECT COALESCE(MAX(m), 0) FROM (
    SELECT MAX(updated_at) AS m FROM groups
    UNION ALL SELECT MAX(updated_at) FROM people
    UNION ALL SELECT MAX(updated_at) FROM meetings
    UNION ALL SELECT MAX(updated_at) FROM meeting_counts
    UNION ALL SELECT MAX(updated_at) FROM check_ins
    UNION ALL SELECT MAX(updated_at) FROM seating
    UNION ALL SELECT MAX(updated_at) FROM rounds
    UNION ALL SELECT MAX(updated_at) FROM shares
    UNION ALL SELECT MAX(updated_at) FROM passes
    UNION ALL SELECT MAX(updated_at) FROM celebrations
    UNION ALL SELECT MAX(updated_at) FROM keytag_stock
    UNION ALL SELECT MAX(updated_at) FROM reports
    UNION ALL SELECT MAX(updated_at) FROM action_items
    UNION ALL SELECT MAX(updated_at) FROM acknowledgements
    UNION ALL SELECT MAX(updated_at) FROM positions
    UNION ALL SELECT MAX(updated_at) FROM chair_rota
)));

-- Where each export ended: the counter it reached. NULL for exports logged before
-- this schema, whose next bundle of changes is then the whole group (nothing can be missed).
ALTER TABLE bundle_log ADD COLUMN upto_seq INTEGER;

ALTER TABLE groups ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER groups_counted_insert AFTER INSERT ON groups BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE groups SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER groups_counted_update AFTER UPDATE ON groups WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE groups SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE people ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER people_counted_insert AFTER INSERT ON people BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE people SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER people_counted_update AFTER UPDATE ON people WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE people SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE meetings ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER meetings_counted_insert AFTER INSERT ON meetings BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE meetings SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER meetings_counted_update AFTER UPDATE ON meetings WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE meetings SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE meeting_counts ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER meeting_counts_counted_insert AFTER INSERT ON meeting_counts BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE meeting_counts SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER meeting_counts_counted_update AFTER UPDATE ON meeting_counts WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE meeting_counts SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE check_ins ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER check_ins_counted_insert AFTER INSERT ON check_ins BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE check_ins SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER check_ins_counted_update AFTER UPDATE ON check_ins WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE check_ins SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE seating ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER seating_counted_insert AFTER INSERT ON seating BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE seating SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER seating_counted_update AFTER UPDATE ON seating WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE seating SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE rounds ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER rounds_counted_insert AFTER INSERT ON rounds BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE rounds SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER rounds_counted_update AFTER UPDATE ON rounds WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE rounds SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE shares ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER shares_counted_insert AFTER INSERT ON shares BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE shares SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER shares_counted_update AFTER UPDATE ON shares WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE shares SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE passes ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER passes_counted_insert AFTER INSERT ON passes BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE passes SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER passes_counted_update AFTER UPDATE ON passes WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE passes SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE celebrations ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER celebrations_counted_insert AFTER INSERT ON celebrations BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE celebrations SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER celebrations_counted_update AFTER UPDATE ON celebrations WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE celebrations SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE keytag_stock ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER keytag_stock_counted_insert AFTER INSERT ON keytag_stock BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE keytag_stock SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER keytag_stock_counted_update AFTER UPDATE ON keytag_stock WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE keytag_stock SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE reports ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER reports_counted_insert AFTER INSERT ON reports BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE reports SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER reports_counted_update AFTER UPDATE ON reports WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE reports SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE action_items ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER action_items_counted_insert AFTER INSERT ON action_items BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE action_items SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER action_items_counted_update AFTER UPDATE ON action_items WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE action_items SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE acknowledgements ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER acknowledgements_counted_insert AFTER INSERT ON acknowledgements BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE acknowledgements SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER acknowledgements_counted_update AFTER UPDATE ON acknowledgements WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE acknowledgements SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE positions ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER positions_counted_insert AFTER INSERT ON positions BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE positions SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER positions_counted_update AFTER UPDATE ON positions WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE positions SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
ALTER TABLE chair_rota ADD COLUMN local_seq INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER chair_rota_counted_insert AFTER INSERT ON chair_rota BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE chair_rota SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER chair_rota_counted_update AFTER UPDATE ON chair_rota WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE chair_rota SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
