-- Schema version 3: report-level review events.
--
-- An incident report generated with --unmask is recorded in the hash chain as a review event
-- with action 'report_unmasked', an empty post_id (it concerns no single post) and the report's
-- parameters in its payload. DuckDB cannot alter a CHECK constraint, so review_events is
-- rebuilt with the longer action list, rows and hashes unchanged. review_effective_events and
-- review_state ignore report-level events: they never change a post's review state.

CREATE TABLE review_events_v7 (
    seq             BIGINT PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL,
    reviewer        TEXT NOT NULL,
    post_id         TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('tag', 'untag', 'note', 'decide', 'assign',
                        'undo', 'report_unmasked')),
    payload         JSON NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
INSERT INTO review_events_v7 SELECT * FROM review_events ORDER BY seq;

DROP VIEW review_state;
DROP VIEW review_effective_events;
DROP TABLE review_events;
ALTER TABLE review_events_v7 RENAME TO review_events;

-- Events that still count: not undo events themselves, not undone, not report-level.
CREATE VIEW review_effective_events AS
SELECT e.*
FROM review_events e
WHERE e.action NOT IN ('undo', 'report_unmasked')
  AND NOT EXISTS (
      SELECT 1 FROM review_events u
      WHERE u.action = 'undo' AND CAST(json_extract_string(u.payload, 'undoes') AS BIGINT) = e.seq
  );

CREATE VIEW review_state AS
WITH
targets AS (
    SELECT post_id FROM flags
    UNION
    SELECT post_id FROM review_events WHERE action <> 'report_unmasked'
),
last_decision AS (
    SELECT post_id, arg_max(payload, seq) AS p
    FROM review_effective_events WHERE action = 'decide' GROUP BY post_id
),
tag_last AS (
    SELECT post_id, json_extract_string(payload, 'tag') AS tag,
           arg_max(action, seq) AS last_action
    FROM review_effective_events WHERE action IN ('tag', 'untag') GROUP BY ALL
),
tag_lists AS (
    SELECT post_id, list_sort(list(tag)) AS tags
    FROM tag_last WHERE last_action = 'tag' GROUP BY post_id
),
assignment AS (
    SELECT post_id, arg_max(json_extract_string(payload, 'assignee'), seq) AS assignee
    FROM review_effective_events WHERE action = 'assign' GROUP BY post_id
),
effective_counts AS (
    SELECT post_id, count(*) AS n FROM review_effective_events GROUP BY post_id
),
activity AS (
    SELECT post_id, arg_max(reviewer, seq) AS last_reviewer, max(occurred_at) AS updated_at
    FROM review_events WHERE action <> 'report_unmasked' GROUP BY post_id
)
SELECT
    t.post_id,
    CASE
        WHEN d.p IS NOT NULL THEN json_extract_string(d.p, 'status')
        WHEN coalesce(c.n, 0) > 0 THEN 'in_review'
        ELSE 'new'
    END AS status,
    json_extract_string(d.p, 'disposition') AS disposition,
    CASE
        WHEN json_extract_string(d.p, 'status') = 'escalated'
        THEN json_extract_string(d.p, 'escalate_to')
    END AS escalated_to,
    coalesce(g.tags, []::TEXT[]) AS tags,
    a.assignee,
    act.last_reviewer,
    act.updated_at
FROM targets t
LEFT JOIN last_decision d USING (post_id)
LEFT JOIN tag_lists g USING (post_id)
LEFT JOIN assignment a USING (post_id)
LEFT JOIN effective_counts c USING (post_id)
LEFT JOIN activity act USING (post_id);
