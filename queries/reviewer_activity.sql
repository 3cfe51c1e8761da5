-- title: Reviewer activity per day
-- description: Review events per reviewer and day (UTC), split by action, with the number of
-- description: distinct posts touched.
-- param: reviewer text = % : only reviewers whose name matches this LIKE pattern
SELECT
    occurred_at::DATE AS day,
    reviewer,
    count(*) AS events,
    count(*) FILTER (WHERE action = 'decide') AS decisions,
    count(*) FILTER (WHERE action IN ('tag', 'untag')) AS tag_changes,
    count(*) FILTER (WHERE action = 'note') AS notes,
    count(*) FILTER (WHERE action = 'undo') AS undos,
    count(DISTINCT post_id) AS posts
FROM review_events
WHERE reviewer LIKE $reviewer
GROUP BY ALL
ORDER BY day, reviewer;
