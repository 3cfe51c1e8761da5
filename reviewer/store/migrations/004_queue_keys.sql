-- Schema version 4: what keeps the review queue fast on a million flagged posts.
--
-- queue_keys: one row per flagged post with the queue's sort key (most severe
-- flag, then post date), its rules and when it was first flagged. Derived from
-- flags and posts and rewritten with them (Store.write_flags), so the queue
-- reads a window of it by keyset instead of aggregating every flag per page.
--
-- review_event_state: review_state for the posts that have review events,
-- computed from the log alone (report-level events aside, as in version 3). review_state is now that plus a 'new' row for
-- every flagged post without events (same rows and columns as before), so the
-- TUI can read the state of a page of posts without scanning every flag.

-- The detail pane reads one post's flags: an index, not a scan of every flag.
CREATE INDEX flags_post_id ON flags (post_id);

CREATE TABLE queue_keys (
    post_id         TEXT PRIMARY KEY,
    sev_rank        INTEGER NOT NULL,
    ts              TIMESTAMPTZ NOT NULL,
    rules           TEXT[] NOT NULL,
    first_flagged   TIMESTAMPTZ NOT NULL
);

INSERT INTO queue_keys
SELECT f.post_id,
       max(list_position(['info', 'low', 'medium', 'high', 'critical'], f.severity)),
       coalesce(any_value(p.created_at), TIMESTAMPTZ '1970-01-01 00:00:00+00'),
       list_sort(list(f.rule)),
       min(f.flagged_at)
FROM flags f JOIN posts p USING (post_id)
GROUP BY f.post_id;

DROP VIEW review_state;

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
WHERE f.post_id NOT IN (SELECT post_id FROM review_events WHERE action <> 'report_unmasked');
