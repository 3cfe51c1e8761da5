-- Schema version 2: every saved or ad-hoc query run, so an auditor can prove what they saw.

CREATE TABLE query_runs (
    run_id          TEXT PRIMARY KEY,
    ran_at          TIMESTAMPTZ NOT NULL,
    reviewer        TEXT NOT NULL,
    query_name      TEXT NOT NULL,
    sql_sha256      TEXT NOT NULL,
    params          JSON NOT NULL,
    row_count       BIGINT NOT NULL,
    result_sha256   TEXT NOT NULL
);
