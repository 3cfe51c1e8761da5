-- title: Posts resolved as violations, per author
-- description: Authors with posts resolved as a violation (coaching, removal, legal) or as
-- description: reportable, with counts per disposition; authors with the most first.
-- param: min_violations integer = 1 : list authors with at least this many violations
SELECT
    p.author,
    p.platform,
    count(*) AS violations,
    count(*) FILTER (WHERE s.disposition = 'violation_coaching') AS coaching,
    count(*) FILTER (WHERE s.disposition = 'violation_removal') AS removal,
    count(*) FILTER (WHERE s.disposition = 'violation_legal') AS legal,
    count(*) FILTER (WHERE s.disposition = 'reportable') AS reportable,
    max(p.created_at) AS latest_post
FROM review_state s
JOIN posts p USING (post_id)
WHERE s.status = 'resolved'
  AND s.disposition IN ('violation_coaching', 'violation_removal', 'violation_legal', 'reportable')
GROUP BY p.author, p.platform
HAVING count(*) >= $min_violations
ORDER BY violations DESC, p.author;
