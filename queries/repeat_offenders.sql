-- title: Repeat offenders (when the policy allows it)
-- description: Authors with several posts resolved as violations within a window of days. The
-- description: list is empty unless the policy in force (the most recently used policy
-- description: version) sets `[review] repeat_offenders = true`; the `allowed` column says which.
-- param: min_violations integer = 2 : at least this many violations
-- param: days integer = 365 : counting posts created in the last this many days
WITH policy AS (
    SELECT coalesce(
        TRY_CAST(json_extract_string(policy, '$.review.repeat_offenders') AS BOOLEAN), false
    ) AS allowed
    FROM policy_versions
    ORDER BY first_used_at DESC
    LIMIT 1
),
violations AS (
    SELECT p.author, p.platform, p.post_id, p.created_at
    FROM review_state s
    JOIN posts p USING (post_id)
    WHERE s.status = 'resolved'
      AND s.disposition IN ('violation_coaching', 'violation_removal', 'violation_legal',
                            'reportable')
      AND p.created_at >= now() - to_days(CAST($days AS INTEGER))
)
SELECT
    v.author,
    count(*) AS violations,
    string_agg(DISTINCT v.platform, ', ' ORDER BY v.platform) AS platforms,
    min(v.created_at) AS first_post,
    max(v.created_at) AS latest_post,
    (SELECT allowed FROM policy) AS allowed
FROM violations v
WHERE coalesce((SELECT allowed FROM policy), false)
GROUP BY v.author
HAVING count(*) >= $min_violations
ORDER BY violations DESC, v.author;
