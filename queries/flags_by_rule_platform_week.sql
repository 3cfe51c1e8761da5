-- title: Flags per rule and platform per week
-- description: How many posts each rule flagged on each platform, by the ISO week the post
-- description: was created in (weeks start on Monday, UTC).
-- param: since date = 1970-01-01 : count posts created on or after this day
SELECT
    date_trunc('week', p.created_at)::DATE AS week,
    f.rule,
    p.platform,
    count(*) AS flagged_posts
FROM flags f
JOIN posts p USING (post_id)
WHERE p.created_at >= CAST($since AS TIMESTAMPTZ)
GROUP BY ALL
ORDER BY week, f.rule, p.platform;
