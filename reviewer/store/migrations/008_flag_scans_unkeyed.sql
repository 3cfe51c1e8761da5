-- Schema version 8: scan marks without a primary key.
--
-- flag_scans holds one row per scanned post; `reviewer flag` keeps it so (flag runs take
-- turns, and a batch replaces its posts' marks by a delete and an insert in one transaction),
-- as team mode always did. Keeping the key's index cost the first flag run after an import
-- about 0.9 µs of CPU a post for every mark inserted (1M posts), more than the rest of the
-- marks' writing; replacing marks costs the same either way.

ALTER TABLE flag_scans RENAME TO flag_scans_keyed;

CREATE TABLE flag_scans (
    post_id         TEXT NOT NULL,
    policy_version  TEXT NOT NULL,
    scanned_at      TIMESTAMPTZ NOT NULL
);

INSERT INTO flag_scans SELECT post_id, policy_version, scanned_at FROM flag_scans_keyed;

DROP TABLE flag_scans_keyed;
