-- title: Reviewer activity per day
-- description: Review events per reviewer and day (UTC), split by action, with the number of
-- description: distinct posts touched. Reports that showed personal data unmasked count apart
-- description: (reports_unmasked): they concern no single post.
-- param: reviewer text = % : only reviewers whose name matches this LIKE pattern
SELECT
    occurred_at::DATE AS day,
    reviewer,
    count(*) AS events,
    count(*) FILTER (WHERE action = 'decide') AS decisions,
    count(*) FILTER (WHERE action IN ('tag', 'untag')) AS tag_changes,
    count(*) FILTER (WHERE action = 'note') AS notes,
    count(*) FILTER (WHERE action = 'undo') AS undos,
    count(*) FILTER (WHERE action = 'report_unmasked') AS reports_unmasked,
    count(DISTINCT post_id) FILTER (WHERE action <> 'report_unmasked') AS posts
FROM review_events
WHERE reviewer LIKE $reviewer
GROUP BY ALL
ORDER BY day, reviewer;
