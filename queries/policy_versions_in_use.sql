-- title: Policy versions in use
-- description: Each policy version that produced flags still in the database, where it came
-- description: from, when it was first used, and how many flags and posts carry it.
SELECT
    v.policy_version,
    coalesce(v.source, 'built-in policy pack') AS source,
    v.first_used_at,
    count(f.post_id) AS flags,
    count(DISTINCT f.post_id) AS flagged_posts
FROM policy_versions v
LEFT JOIN flags f USING (policy_version)
GROUP BY ALL
ORDER BY v.first_used_at;
