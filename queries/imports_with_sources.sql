-- title: Imports with their sources and file hashes
-- description: Every import: what was read, its SHA-256, the platform, who ran it, when, and
-- description: how many posts it added or found already present.
SELECT
    import_id,
    source,
    sha256,
    platform,
    imported_by,
    started_at,
    finished_at,
    posts_added,
    posts_unchanged
FROM imports
ORDER BY started_at, import_id;
