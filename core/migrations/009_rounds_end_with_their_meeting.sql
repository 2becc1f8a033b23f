-- Circlekeeper schema 9: no round outlives its meeting.
--
-- Closing a meeting now ends its round. Earlier releases left a round open when its meeting was
-- closed without End round; such a round stayed open for good (End round refuses a closed meeting,
-- and a counts-only one after retention), travelled in every bundle, and held off the idle lock.
-- Those rounds are ended here as End round ends one: whoever was still waiting is kept as not
-- reached. The round is stamped by this laptop's clock (schema 8's hybrid clock, moved on first),
-- so the ended copy wins over the open one on the next laptop too. No share runs in a closed
-- meeting (closing refuses while one does), so no share is touched.
UPDATE local_clock SET stamp = max(stamp + 1, CAST(unixepoch('subsec') * 1000 AS INTEGER))
WHERE EXISTS (SELECT 1 FROM rounds WHERE ended_at IS NULL AND deleted_at IS NULL
  AND meeting_id IN (SELECT id FROM meetings WHERE status = 'closed' OR deleted_at IS NOT NULL));
UPDATE rounds SET
    state = json_set(state,
        '$.notReached', json((SELECT json_group_array(json_extract(w.value, '$.personId'))
                              FROM json_each(rounds.state, '$.waiting') AS w)),
        '$.waiting', json('[]'),
        '$.over', json('true')),
    ended_at = updated_at,
    updated_at = (SELECT stamp FROM local_clock),
    updated_by = coalesce((SELECT id FROM device LIMIT 1), updated_by)
WHERE ended_at IS NULL AND deleted_at IS NULL
  AND meeting_id IN (SELECT id FROM meetings WHERE status = 'closed' OR deleted_at IS NOT NULL);
