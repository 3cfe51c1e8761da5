-- title: Flagged posts not yet reviewed
-- description: Every flagged post whose review status is still new, most severe first, then
-- description: oldest first, with its rules and a text excerpt.
-- param: min_severity text = info : the lowest severity to list (info, low, medium, high, critical)
-- param: max_rows integer = 1000 : the most rows to return
WITH sev AS (
    SELECT ['info', 'low', 'medium', 'high', 'critical'] AS levels
),
flagged AS (
    SELECT f.post_id,
           max(list_position(sev.levels, f.severity)) AS rank,
           string_agg(DISTINCT f.rule, ', ' ORDER BY f.rule) AS rules
    FROM flags f, sev
    GROUP BY f.post_id
)
SELECT
    (SELECT levels FROM sev)[fl.rank] AS severity,
    fl.rules,
    p.post_id,
    p.platform,
    p.author,
    p.created_at,
    left(replace(p.text, chr(10), ' '), 120) AS excerpt
FROM flagged fl
JOIN posts p USING (post_id)
LEFT JOIN review_state s USING (post_id)
WHERE coalesce(s.status, 'new') = 'new'
  AND fl.rank >= list_position((SELECT levels FROM sev), $min_severity)
ORDER BY fl.rank DESC, p.created_at, p.post_id
LIMIT $max_rows;
