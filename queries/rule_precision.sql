-- title: Precision per rule from reviewer decisions
-- description: For each rule, the resolved posts it flagged and how many reviewers judged real
-- description: (any disposition but false_positive and duplicate) versus false positives:
-- description: precision = confirmed / (confirmed + false_positive).
SELECT
    f.rule,
    count(*) FILTER (WHERE s.status = 'resolved') AS resolved,
    count(*) FILTER (WHERE s.disposition = 'false_positive') AS false_positive,
    count(*) FILTER (
        WHERE s.status = 'resolved' AND s.disposition NOT IN ('false_positive', 'duplicate')
    ) AS confirmed,
    round(
        count(*) FILTER (
            WHERE s.status = 'resolved' AND s.disposition NOT IN ('false_positive', 'duplicate')
        ) / nullif(count(*) FILTER (
            WHERE s.status = 'resolved' AND s.disposition <> 'duplicate'
        ), 0),
        3
    ) AS precision
FROM flags f
JOIN review_state s USING (post_id)
GROUP BY f.rule
ORDER BY f.rule;
