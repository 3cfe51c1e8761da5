-- Schema version 1: the public tables and view of the contract (docs/schema.md).

CREATE TABLE imports (
    import_id       TEXT PRIMARY KEY,
    source          TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    platform        TEXT NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    posts_added     INTEGER NOT NULL DEFAULT 0,
    posts_unchanged INTEGER NOT NULL DEFAULT 0,
    imported_by     TEXT
);

CREATE TABLE posts (
    post_id         TEXT PRIMARY KEY,
    platform        TEXT NOT NULL CHECK (platform IN ('x', 'facebook', 'instagram', 'threads',
                        'linkedin', 'mastodon', 'bluesky', 'reddit', 'tiktok', 'youtube', 'generic')),
    native_id       TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('post', 'reply', 'comment', 'repost', 'quote',
                        'note', 'deleted')),
    author          TEXT,
    created_at      TIMESTAMPTZ,
    text            TEXT NOT NULL,
    url             TEXT,
    lang            TEXT,
    media           JSON,
    reply_to        TEXT,
    import_id       TEXT NOT NULL,
    source_file     TEXT,
    created_at_raw  TEXT,
    tz_assumed      BOOLEAN NOT NULL DEFAULT false,
    content_warning TEXT,
    text_sha256     TEXT NOT NULL,
    raw             JSON
);

CREATE TABLE flags (
    post_id         TEXT NOT NULL,
    rule            TEXT NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    score           DOUBLE NOT NULL CHECK (score >= 0 AND score <= 1),
    evidence        JSON NOT NULL,
    policy_version  TEXT NOT NULL,
    flagged_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, rule)
);

-- Which policy version each post was last scanned under, so posts without
-- flags are not scanned again until the policy changes.
CREATE TABLE flag_scans (
    post_id         TEXT PRIMARY KEY,
    policy_version  TEXT NOT NULL,
    scanned_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE policy_versions (
    policy_version  TEXT PRIMARY KEY,
    source          TEXT,
    first_used_at   TIMESTAMPTZ NOT NULL,
    policy          JSON NOT NULL
);

-- Append-only: nothing updates or deletes a row; undo is a new event.
CREATE TABLE review_events (
    seq             BIGINT PRIMARY KEY,
    occurred_at     TIMESTAMPTZ NOT NULL,
    reviewer        TEXT NOT NULL,
    post_id         TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN ('tag', 'untag', 'note', 'decide', 'assign',
                        'undo')),
    payload         JSON NOT NULL,
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);

-- Events that still count: not undo events themselves, and not undone.
CREATE VIEW review_effective_events AS
SELECT e.*
FROM review_events e
WHERE e.action <> 'undo'
  AND NOT EXISTS (
      SELECT 1 FROM review_events u
      WHERE u.action = 'undo' AND CAST(json_extract_string(u.payload, 'undoes') AS BIGINT) = e.seq
  );

CREATE VIEW review_state AS
WITH
targets AS (
    SELECT post_id FROM flags
    UNION
    SELECT post_id FROM review_events
),
last_decision AS (
    SELECT post_id, arg_max(payload, seq) AS p
    FROM review_effective_events WHERE action = 'decide' GROUP BY post_id
),
tag_last AS (
    SELECT post_id, json_extract_string(payload, 'tag') AS tag,
           arg_max(action, seq) AS last_action
    FROM review_effective_events WHERE action IN ('tag', 'untag') GROUP BY ALL
),
tag_lists AS (
    SELECT post_id, list_sort(list(tag)) AS tags
    FROM tag_last WHERE last_action = 'tag' GROUP BY post_id
),
assignment AS (
    SELECT post_id, arg_max(json_extract_string(payload, 'assignee'), seq) AS assignee
    FROM review_effective_events WHERE action = 'assign' GROUP BY post_id
),
effective_counts AS (
    SELECT post_id, count(*) AS n FROM review_effective_events GROUP BY post_id
),
activity AS (
    SELECT post_id, arg_max(reviewer, seq) AS last_reviewer, max(occurred_at) AS updated_at
    FROM review_events GROUP BY post_id
)
SELECT
    t.post_id,
    CASE
        WHEN d.p IS NOT NULL THEN json_extract_string(d.p, 'status')
        WHEN coalesce(c.n, 0) > 0 THEN 'in_review'
        ELSE 'new'
    END AS status,
    json_extract_string(d.p, 'disposition') AS disposition,
    CASE
        WHEN json_extract_string(d.p, 'status') = 'escalated'
        THEN json_extract_string(d.p, 'escalate_to')
    END AS escalated_to,
    coalesce(g.tags, []::TEXT[]) AS tags,
    a.assignee,
    act.last_reviewer,
    act.updated_at
FROM targets t
LEFT JOIN last_decision d USING (post_id)
LEFT JOIN tag_lists g USING (post_id)
LEFT JOIN assignment a USING (post_id)
LEFT JOIN effective_counts c USING (post_id)
LEFT JOIN activity act USING (post_id);
