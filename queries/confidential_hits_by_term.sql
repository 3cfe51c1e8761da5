-- title: Confidential-term hits by term
-- description: How often each confidential term or marking was matched, from the evidence of
-- description: current `confidential` flags (the `why` names the policy term), with posts and
-- description: authors affected.
WITH hits AS (
    SELECT f.post_id, p.author, json_extract_string(ev.value, 'why') AS why
    FROM flags f
    JOIN posts p USING (post_id),
    json_each(f.evidence) AS ev
    WHERE f.rule = 'confidential'
)
SELECT
    coalesce(nullif(regexp_extract(why, '"([^"]+)"', 1), ''), why) AS term,
    count(*) AS hits,
    count(DISTINCT post_id) AS posts,
    count(DISTINCT author) AS authors
FROM hits
GROUP BY ALL
ORDER BY hits DESC, term;
