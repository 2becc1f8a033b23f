-- Circlekeeper schema 6: indexes for a long history (ten years of weekly meetings, 60,000 check-ins).

-- A meeting's check-ins with whom they name, read from the index alone: the meeting history counts
-- every check-in of a group in one pass, and retention counts the named ones. It serves every look-up
-- by meeting, so it replaces check_ins_by_meeting.
CREATE INDEX check_ins_at_meeting ON check_ins(meeting_id, deleted_at, person_id);
DROP INDEX check_ins_by_meeting;

-- The open meetings, the one worked on last first: the room display asks for it several times a
-- second, and without this it reads every meeting ever held.
CREATE INDEX open_meetings ON meetings(updated_at) WHERE status = 'open' AND deleted_at IS NULL;
