-- Schema version 5: per-flag feedback and saved queue filters.
--
-- A reviewer can judge one flag of a post (action 'flag_feedback', payload {rule, verdict}
-- with verdict 'false_positive' or 'confirmed'), separately from the post's disposition; the
-- view flag_verdicts holds the verdict in effect per flag. DuckDB cannot alter a CHECK
-- constraint, so review_events is rebuilt with the longer action list, rows and hashes
-- unchanged, and the views over it are rebuilt as schema versions 3 and 4 left them.
-- saved_filters keeps the named queue filters of the review screen.

CREATE TABLE review_events_v5 (
    seq             BIGINT PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL,
    reviewer        TEXT NOT NULL,
    post_id         TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('tag', 'untag', 'note', 'decide', 'assign',
                        'undo', 'report_unmasked', 'flag_feedback')),
    payload         JSON NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
INSERT INTO review_events_v5 SELECT * FROM review_events ORDER BY seq;

DROP VIEW review_state;
DROP VIEW review_event_state;
DROP VIEW review_effective_events;
DROP TABLE review_events;
ALTER TABLE review_events_v5 RENAME TO review_events;

-- Events that still count: not undo events themselves, not undone, not report-level.
CREATE VIEW review_effective_events AS
SELECT e.*
FROM review_events e
WHERE e.action NOT IN ('undo', 'report_unmasked')
  AND NOT EXISTS (
      SELECT 1 FROM review_events u
      WHERE u.action = 'undo' AND CAST(json_extract_string(u.payload, 'undoes') AS BIGINT) = e.seq
  );

CREATE VIEW review_event_state AS
WITH
targets AS (
    SELECT DISTINCT post_id FROM review_events
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
    FROM review_events GROUP BY post_id
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

CREATE VIEW review_state AS
SELECT * FROM review_event_state
UNION ALL
SELECT f.post_id, 'new' AS status, NULL::TEXT AS disposition, NULL::TEXT AS escalated_to,
       []::TEXT[] AS tags, NULL::TEXT AS assignee, NULL::TEXT AS last_reviewer,
       NULL::TIMESTAMPTZ AS updated_at
FROM (SELECT DISTINCT post_id FROM flags) f
WHERE f.post_id NOT IN (SELECT post_id FROM review_events);

-- The current verdict on each flag that a reviewer judged: the latest flag_feedback event
-- per (post, rule) that was not undone.
CREATE VIEW flag_verdicts AS
SELECT post_id,
       json_extract_string(payload, 'rule') AS rule,
       arg_max(json_extract_string(payload, 'verdict'), seq) AS verdict,
       arg_max(reviewer, seq) AS reviewer,
       max(occurred_at) AS judged_at
FROM review_effective_events
WHERE action = 'flag_feedback'
GROUP BY ALL;

-- Named queue filters, saved from the review screen (not review events: they change no post).
CREATE TABLE saved_filters (
    name            TEXT PRIMARY KEY,
    filter          JSON NOT NULL,
    saved_by        TEXT NOT NULL,
    saved_at        TIMESTAMPTZ NOT NULL
);
