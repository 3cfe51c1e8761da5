-- title: Escalations by role and outcome
-- description: Every post that was ever escalated, grouped by the role it went to and what
-- description: became of it (still escalated, resolved with which disposition, reopened).
WITH escalated AS (
    SELECT DISTINCT post_id, json_extract_string(payload, 'escalate_to') AS role
    FROM review_effective_events
    WHERE action = 'decide' AND json_extract_string(payload, 'status') = 'escalated'
)
SELECT
    e.role,
    CASE
        WHEN s.status = 'resolved' THEN 'resolved: ' || coalesce(s.disposition, '?')
        ELSE s.status
    END AS outcome,
    count(*) AS posts
FROM escalated e
JOIN review_state s USING (post_id)
GROUP BY ALL
ORDER BY e.role, outcome;
