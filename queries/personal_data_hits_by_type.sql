-- title: Personal-data hits by type
-- description: Personal-data evidence of current flags grouped by what was found (e-mail, IBAN,
-- description: payment card, phone), with a masked example; the values themselves are never
-- description: stored unmasked.
WITH hits AS (
    SELECT f.post_id,
           json_extract_string(ev.value, 'why') AS why,
           json_extract_string(ev.value, 'text') AS masked
    FROM flags f, json_each(f.evidence) AS ev
    WHERE f.rule = 'personal_data'
)
SELECT
    split_part(why, ',', 1) AS kind,
    count(*) AS hits,
    count(DISTINCT post_id) AS posts,
    min(masked) AS masked_example
FROM hits
GROUP BY ALL
ORDER BY hits DESC, kind;
