-- title: Decisions changed after resolution
-- description: Posts that were resolved and later reopened, re-decided or had the decision
-- description: undone, with who did it and when: the decisions an auditor should look at twice.
WITH resolutions AS (
    SELECT post_id, seq, occurred_at, reviewer,
           json_extract_string(payload, 'disposition') AS disposition
    FROM review_events
    WHERE action = 'decide' AND json_extract_string(payload, 'status') = 'resolved'
),
later AS (
    SELECT r.post_id, r.seq AS resolved_seq, r.occurred_at AS resolved_at,
           r.reviewer AS resolved_by, r.disposition,
           e.seq AS change_seq, e.occurred_at AS changed_at, e.reviewer AS changed_by,
           CASE
               WHEN e.action = 'undo' THEN 'undone'
               WHEN json_extract_string(e.payload, 'status') = 'resolved' THEN 'resolved again as '
                   || coalesce(json_extract_string(e.payload, 'disposition'), '?')
               ELSE 'reopened as ' || (json_extract_string(e.payload, 'status'))
           END AS change
    FROM resolutions r
    JOIN review_events e
      ON e.post_id = r.post_id AND e.seq > r.seq
     AND (e.action = 'decide'
          OR (e.action = 'undo'
              AND TRY_CAST(json_extract_string(e.payload, 'undoes') AS BIGINT) = r.seq))
)
SELECT * FROM later
ORDER BY post_id, resolved_seq, change_seq;
