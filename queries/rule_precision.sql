-- title: Precision per rule from reviewer feedback
-- description: For each rule, how many of its flags reviewers judged right (confirmed) or wrong
-- description: (false_positive), and precision = confirmed / (confirmed + false_positive).
-- description: A flag's own feedback (`reviewer flag-feedback`, key w in the review screen) wins;
-- description: otherwise the post's disposition counts for every flag of a resolved post:
-- description: false_positive makes them wrong, duplicate is not counted, any other makes them right.
WITH judged AS (
    SELECT
        f.rule,
        s.status,
        v.verdict,
        CASE
            WHEN v.verdict IS NOT NULL THEN v.verdict
            WHEN s.status = 'resolved' AND s.disposition = 'false_positive' THEN 'false_positive'
            WHEN s.status = 'resolved' AND s.disposition <> 'duplicate' THEN 'confirmed'
        END AS judgement
    FROM flags f
    LEFT JOIN review_state s USING (post_id)
    LEFT JOIN flag_verdicts v ON v.post_id = f.post_id AND v.rule = f.rule
)
SELECT
    rule,
    count(*) AS flags,
    count(*) FILTER (WHERE status = 'resolved') AS resolved,
    count(*) FILTER (WHERE verdict IS NOT NULL) AS flag_feedback,
    count(*) FILTER (WHERE judgement = 'confirmed') AS confirmed,
    count(*) FILTER (WHERE judgement = 'false_positive') AS false_positive,
    round(
        count(*) FILTER (WHERE judgement = 'confirmed')
        / nullif(count(*) FILTER (WHERE judgement IS NOT NULL), 0),
        3
    ) AS precision
FROM judged
GROUP BY rule
ORDER BY rule;
