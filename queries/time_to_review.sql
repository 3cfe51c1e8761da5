-- title: Time to first review and to resolution
-- description: Per severity of the post: how long after flagging the first review event came,
-- description: and how long until the post was resolved (median and 90th percentile, in hours).
-- description: Posts still waiting count in `waiting`.
WITH sev AS (
    SELECT ['info', 'low', 'medium', 'high', 'critical'] AS levels
),
flagged AS (
    SELECT f.post_id, min(f.flagged_at) AS flagged_at,
           max(list_position(sev.levels, f.severity)) AS rank
    FROM flags f, sev GROUP BY f.post_id
),
first_event AS (
    SELECT post_id, min(occurred_at) AS first_at FROM review_events GROUP BY post_id
),
resolved AS (
    SELECT e.post_id, max(e.occurred_at) AS resolved_at
    FROM review_effective_events e
    JOIN review_state s USING (post_id)
    WHERE s.status = 'resolved' AND e.action = 'decide'
    GROUP BY e.post_id
)
SELECT
    (SELECT levels FROM sev)[fl.rank] AS severity,
    count(*) AS flagged_posts,
    count(*) FILTER (WHERE fe.first_at IS NULL) AS waiting,
    round(median(epoch(fe.first_at - fl.flagged_at)) / 3600, 2) AS first_review_median_h,
    round(quantile_cont(epoch(fe.first_at - fl.flagged_at), 0.9) / 3600, 2) AS first_review_p90_h,
    round(median(epoch(r.resolved_at - fl.flagged_at)) / 3600, 2) AS resolution_median_h,
    round(quantile_cont(epoch(r.resolved_at - fl.flagged_at), 0.9) / 3600, 2) AS resolution_p90_h
FROM flagged fl
LEFT JOIN first_event fe USING (post_id)
LEFT JOIN resolved r USING (post_id)
GROUP BY fl.rank
ORDER BY fl.rank DESC;
