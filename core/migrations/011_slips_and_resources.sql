-- Circlekeeper schema 11: attendance slips, and the group's resources card.
--
-- A slip (a "court card") is a paper the chair signs for someone who asks for proof they came. The
-- store keeps only that a slip was issued at a meeting, and its serial, never who took it: the
-- person writes their own name on the paper. So a slip can be verified later without a register
-- of names, and it survives retention (it holds none).
--
-- Serial: the year, the group's running number, and two characters taken from the slip's own id
-- ("2026-0143-K7"). Two laptops issuing while a bundle is away can give the same number; the two
-- characters keep the printed serials apart, and a lookup still lists every slip that matches.
CREATE TABLE slips (
    id          TEXT PRIMARY KEY,
    meeting_id  TEXT NOT NULL REFERENCES meetings(id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),
    number      INTEGER NOT NULL CHECK (number >= 1),
    tag         TEXT NOT NULL CHECK (length(tag) = 2),
    -- The meeting's hours as printed on the slip ("19:30", "21:00"), so a later change of the
    -- group's time does not make a verification disagree with the paper.
    starts      TEXT NOT NULL,
    ends        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    local_seq   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX slips_by_meeting ON slips(meeting_id);
CREATE INDEX slips_by_number ON slips(year, number);
CREATE TRIGGER slips_counted_insert AFTER INSERT ON slips BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE slips SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER slips_counted_update AFTER UPDATE ON slips WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE slips SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;

-- 1: the group has turned slips off (issuing is refused, the button hidden).
ALTER TABLE groups ADD COLUMN slips_off INTEGER NOT NULL DEFAULT 0 CHECK (slips_off IN (0, 1));

-- The resources card: crisis lines and local services, organisations only, never members.
CREATE TABLE resources (
    id          TEXT PRIMARY KEY,
    group_id    TEXT NOT NULL REFERENCES groups(id),
    name        TEXT NOT NULL,
    contact     TEXT NOT NULL,        -- a phone number or an address
    note        TEXT NOT NULL DEFAULT '',
    sort        INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted_at  INTEGER,
    local_seq   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX resources_by_group ON resources(group_id);
CREATE TRIGGER resources_counted_insert AFTER INSERT ON resources BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE resources SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER resources_counted_update AFTER UPDATE ON resources WHEN NEW.local_seq IS OLD.local_seq BEGIN
    UPDATE local_clock SET seq = seq + 1;
    UPDATE resources SET local_seq = (SELECT seq FROM local_clock) WHERE rowid = NEW.rowid;
END;
