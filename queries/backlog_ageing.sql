-- title: Backlog ageing
-- description: Flagged posts not yet resolved, by status and by how long ago they were flagged
-- description: (under a day, 1-7 days, 8-30 days, older).
WITH open_posts AS (
    SELECT f.post_id, min(f.flagged_at) AS flagged_at, coalesce(s.status, 'new') AS status
    FROM flags f LEFT JOIN review_state s USING (post_id)
    GROUP BY f.post_id, s.status
    HAVING coalesce(s.status, 'new') <> 'resolved'
)
SELECT
    status,
    CASE
        WHEN now() - flagged_at < INTERVAL 1 DAY THEN '1: under a day'
        WHEN now() - flagged_at <= INTERVAL 7 DAY THEN '2: 1-7 days'
        WHEN now() - flagged_at <= INTERVAL 30 DAY THEN '3: 8-30 days'
        ELSE '4: older'
    END AS age,
    count(*) AS posts,
    min(flagged_at) AS oldest_flagged_at
FROM open_posts
GROUP BY ALL
ORDER BY status, age;
