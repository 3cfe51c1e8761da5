-- Schema version 6: report-level events stay out of the review state.
--
-- Schema 3 added report-level events (action 'report_unmasked', empty post_id) and kept them
-- out of review_state; schemas 4 and 5 rebuilt review_state on review_event_state from schema
-- 1's definition, which counts every event. Rebuilt here, unchanged but for the two places that
-- read review_events directly: a report-level event makes no row and moves no post's
-- last_reviewer or updated_at. (review_effective_events, from schema 3, already ignores them.)

DROP VIEW review_state;
DROP VIEW review_event_state;

CREATE VIEW review_event_state AS
WITH
targets AS (
    SELECT DISTINCT post_id FROM review_events WHERE action <> 'report_unmasked'
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

CREATE VIEW review_state AS
SELECT * FROM review_event_state
UNION ALL
SELECT f.post_id, 'new' AS status, NULL::TEXT AS disposition, NULL::TEXT AS escalated_to,
       []::TEXT[] AS tags, NULL::TEXT AS assignee, NULL::TEXT AS last_reviewer,
       NULL::TIMESTAMPTZ AS updated_at
FROM (SELECT DISTINCT post_id FROM flags) f
WHERE f.post_id NOT IN (SELECT post_id FROM review_events);
