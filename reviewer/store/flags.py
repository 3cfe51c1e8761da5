"""Reading posts to flag and writing their flags."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from reviewer.model import Flag

if TYPE_CHECKING:
    from reviewer.store.db import Store

ANY_VERSION = object()
"""``scanned_under`` of :meth:`FlagsMixin.post_batches_to_flag`: no filter on the old version."""


def _queue_keys_select(flags: str = "flags", posts: str = "posts") -> str:
    """The queue's sort key per flagged post (migration 004), rewritten with the flags.

    ``flags`` and ``posts`` name where the flags and the posts' ``created_at``
    are read from. ``old_keys`` holds the rows being replaced, so that a post
    keeps the moment it was first flagged (its backlog age) when a new policy
    version re-flags it.
    """
    return f"""
    SELECT f.post_id,
           max(list_position(['info', 'low', 'medium', 'high', 'critical'], f.severity)),
           coalesce(any_value(p.created_at), TIMESTAMPTZ '1970-01-01 00:00:00+00'),
           list_sort(list(f.rule)),
           least(min(f.flagged_at), coalesce(any_value(o.first_flagged), min(f.flagged_at)))
    FROM {flags} f JOIN {posts} p USING (post_id) LEFT JOIN old_keys o USING (post_id)
    """


_NO_OLD_KEYS = pa.table(
    {"post_id": pa.array([], pa.string()), "first_flagged": pa.array([], pa.timestamp("us", "UTC"))}
)


class FlagsMixin:
    """Flags are derived data: replaced per post whenever the policy changes."""

    def count_posts_to_flag(self: Store, policy_version: str, *, rescan: bool = False) -> int:
        if rescan:
            return int(self.con.execute("SELECT count(*) FROM posts").fetchone()[0])  # type: ignore[index]
        row = self.con.execute(
            "SELECT count(*) FROM posts p LEFT JOIN flag_scans s USING (post_id) "
            "WHERE s.policy_version IS DISTINCT FROM ?",
            [policy_version],
        ).fetchone()
        return int(row[0])  # type: ignore[index]

    def unscanned_posts_are_bare(self: Store, *, none_scanned: bool = False) -> bool:
        """Whether no post without a scan mark holds flags or a queue key.

        Flag runs keep it so (a batch's flags, marks and keys commit
        together); only flags written by other means could break it.
        ``none_scanned`` also asks that no post has a scan mark at all.
        """
        row = self.con.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM flags f WHERE NOT EXISTS "
            "(SELECT 1 FROM flag_scans s WHERE s.post_id = f.post_id)) "
            "AND NOT EXISTS (SELECT 1 FROM queue_keys q WHERE NOT EXISTS "
            "(SELECT 1 FROM flag_scans s WHERE s.post_id = q.post_id)) "
            "AND (NOT ? OR NOT EXISTS (SELECT 1 FROM flag_scans))",
            [none_scanned],
        ).fetchone()
        return bool(row and row[0])

    def scan_groups(self: Store, policy_version: str) -> list[tuple[str | None, int]]:
        """(version scanned under, number of posts) for every post not at ``policy_version``.

        None stands for posts never scanned. Posts of one group all need the
        same re-flag plan (reviewer/flags/fingerprint.py).
        """
        rows = self.con.execute(
            "SELECT s.policy_version, count(*) FROM posts p LEFT JOIN flag_scans s USING (post_id) "
            "WHERE s.policy_version IS DISTINCT FROM ? GROUP BY 1 ORDER BY 1 NULLS FIRST",
            [policy_version],
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def scanned_post_ids(
        self: Store, scanned_under: str, *, batch_size: int = 100_000
    ) -> Iterator[pa.Array]:
        """The ids of the posts last scanned under ``scanned_under``, a batch at a time.

        Read whole before the first batch is yielded: the caller moves these
        posts to another version while it iterates.
        """
        ids = self.con.execute(
            "SELECT post_id FROM flag_scans WHERE policy_version = ? ORDER BY post_id",
            [scanned_under],
        ).to_arrow_table()
        column = ids.column("post_id").combine_chunks()
        for lo in range(0, len(column), batch_size):
            yield column.slice(lo, batch_size)

    def policy_rules(self: Store, policy_version: str) -> dict[str, dict[str, str]] | None:
        """The per-rule fingerprints recorded with ``policy_version`` (None: not recorded)."""
        row = self.con.execute(
            "SELECT rules FROM policy_versions WHERE policy_version = ? AND rules IS NOT NULL "
            "LIMIT 1",
            [policy_version],
        ).fetchone()
        if not row or row[0] is None:
            return None
        rules = json.loads(row[0])
        return rules if isinstance(rules, dict) else None

    def posts_to_flag(
        self: Store, policy_version: str, *, rescan: bool = False, batch_size: int = 10_000
    ) -> Iterator[list[dict[str, Any]]]:
        """Batches of posts not yet scanned under ``policy_version`` (all with ``rescan``).

        Reads on a cursor of its own, so the caller can write each batch's
        flags on the main connection while the scan goes on.
        """
        reader = self.cursor()
        sql, params = _to_flag_query(policy_version, rescan)
        reader.execute(sql + " ORDER BY p.post_id", params)
        try:
            while True:
                chunk = reader.fetchmany(batch_size)
                if not chunk:
                    break
                yield [
                    {
                        "post_id": r[0],
                        "platform": r[1],
                        "kind": r[2],
                        "author": r[3],
                        "text": r[4],
                        "lang": r[5],
                        "media": json.loads(r[6]) if r[6] else [],
                        "reply_to": r[7],
                        "parent_text": r[8],
                    }
                    for r in chunk
                ]
        finally:
            reader.close()

    def post_batches_to_flag(
        self: Store,
        policy_version: str,
        *,
        rescan: bool = False,
        batch_size: int = 10_000,
        scanned_under: object = ANY_VERSION,
    ) -> Iterator[pa.RecordBatch]:
        """Like :meth:`posts_to_flag`, as Arrow record batches (``media`` stays JSON text).

        Ten times cheaper than building a dict per post; the flag workers
        take the batches as they are. Unordered, so that DuckDB streams the
        result instead of sorting a million posts in memory first.
        ``scanned_under`` keeps only the posts last scanned under that version
        (None: never scanned), one group of :meth:`scan_groups`.
        """
        reader = self.cursor()
        reader.execute(*_to_flag_query(policy_version, rescan, scanned_under))
        try:
            for batch in reader.to_arrow_reader(batch_size):
                if batch.num_rows:
                    yield batch
        finally:
            reader.close()

    def write_flags(
        self: Store,
        post_ids: Sequence[str] | pa.Array | pa.ChunkedArray,
        flags: Sequence[Flag] | pa.Table,
        policy_version: str,
        *,
        created_at: pa.Array | pa.ChunkedArray | None = None,
        carry: Mapping[str, str] | None = None,
        fresh: bool = False,
    ) -> tuple[int, int]:
        """Replace the flags of ``post_ids`` with ``flags`` and mark them scanned.

        Returns the posts' flags and flagged posts after the write.

        ``flags`` may come as :func:`reviewer.flags.worker.flag_rows` made them (flag workers do,
        so that the parent process need not serialise evidence).
        ``created_at``, the posts' own (as :meth:`post_batches_to_flag` reads
        them, in the order of ``post_ids``), spares a lookup in ``posts``.

        ``carry`` ({rule: severity}) keeps the posts' flags of those rules
        instead: they move to ``policy_version`` with that severity (a
        re-grade when it changed), while every other flag of the posts is
        replaced by ``flags``. The posts must all have been scanned under one
        version, whose rules ``carry`` names (:func:`reviewer.flags.fingerprint.plan_reflag`).

        ``fresh`` says the posts were never scanned and hold no flags and no
        queue key (the caller checked, see :meth:`unscanned_posts_are_bare`):
        nothing is deleted and the scan marks are plain inserts, which halves
        the parent's work in the first flag run after an import.
        """
        if fresh and carry is not None:
            raise ValueError("fresh posts have no flags to carry")
        now = datetime.now(UTC)
        if not isinstance(post_ids, pa.Array | pa.ChunkedArray):
            post_ids = pa.array(list(post_ids), pa.string())
        # Without carried flags the posts' flags are exactly the new ones: no need
        # to read them back. With the posts' created_at (scanned_ids), no need to
        # join posts, which scanned every post once per batch (a quarter of a
        # 1M-post flag run's time).
        flags_from = "flags" if carry else "(SELECT *, $now AS flagged_at FROM new_flags)"
        if created_at is None:
            ids = pa.table({"post_id": post_ids})
            keys_select = (
                f"{_queue_keys_select(flags_from)} "
                "WHERE f.post_id IN (SELECT post_id FROM scanned_ids)"
            )
        else:
            ids = pa.table({"post_id": post_ids, "created_at": created_at})
            keys_select = _queue_keys_select(flags_from, "scanned_ids")
        if isinstance(flags, pa.Table):
            rows = flags
        else:
            from reviewer.flags.worker import flag_rows  # the engine: not for every store user

            rows = flag_rows(flags)
        carried = 0
        with self.transaction() as con:
            con.register("scanned_ids", ids)
            con.register("new_flags", rows)
            if carry is not None:
                con.register(
                    "carry_rules",
                    pa.table(
                        {"rule": list(carry), "severity": list(carry.values())},
                        schema=pa.schema([("rule", pa.string()), ("severity", pa.string())]),
                    ),
                )
            try:
                if carry is None:
                    if not fresh:
                        con.execute(
                            "DELETE FROM flags WHERE post_id IN (SELECT post_id FROM scanned_ids)"
                        )
                else:
                    con.execute(
                        "DELETE FROM flags WHERE post_id IN (SELECT post_id FROM scanned_ids) "
                        "AND rule NOT IN (SELECT rule FROM carry_rules)"
                    )
                    if carry:
                        carried = _count(
                            con.execute(
                                "UPDATE flags SET severity = c.severity, policy_version = ? "
                                "FROM carry_rules c WHERE flags.rule = c.rule "
                                "AND flags.post_id IN (SELECT post_id FROM scanned_ids)",
                                [policy_version],
                            )
                        )
                con.execute(
                    "INSERT INTO flags SELECT post_id, rule, severity, score, evidence, "
                    "policy_version, ? FROM new_flags",
                    [now],
                )
                # One mark per post (schema 8 has no key to replace by): the
                # posts' old marks go, then theirs. A fresh batch comes from
                # posts, whose key keeps its ids unique in a DuckDB file.
                if not fresh:
                    con.execute(
                        "DELETE FROM flag_scans WHERE post_id IN (SELECT post_id FROM scanned_ids)"
                    )
                distinct = "DISTINCT" if self.team or not fresh else ""
                con.execute(
                    f"INSERT INTO flag_scans SELECT {distinct} post_id, ?, ? FROM scanned_ids",
                    [policy_version, now],
                )
                if fresh:
                    con.register("old_keys", _NO_OLD_KEYS)
                else:
                    old = con.execute(
                        "SELECT post_id, first_flagged FROM queue_keys "
                        "WHERE post_id IN (SELECT post_id FROM scanned_ids)"
                    ).to_arrow_table()
                    con.register("old_keys", old)
                    con.execute(
                        "DELETE FROM queue_keys WHERE post_id IN (SELECT post_id FROM scanned_ids)"
                    )
                insert_keys = f"INSERT INTO queue_keys {keys_select} GROUP BY f.post_id"
                flagged = _count(
                    con.execute(insert_keys) if carry else con.execute(insert_keys, {"now": now})
                )
            finally:
                con.unregister("scanned_ids")
                con.unregister("new_flags")
                con.unregister("old_keys")
                if carry is not None:
                    con.unregister("carry_rules")
        return rows.num_rows + carried, flagged

    def rebuild_queue_keys(self: Store) -> None:
        """Recompute ``queue_keys`` from every flag (for flags written with plain SQL)."""
        with self.transaction() as con:
            old = con.execute("SELECT post_id, first_flagged FROM queue_keys").to_arrow_table()
            con.register("old_keys", old)
            try:
                con.execute("DELETE FROM queue_keys")
                con.execute(f"INSERT INTO queue_keys {_queue_keys_select()} GROUP BY f.post_id")
            finally:
                con.unregister("old_keys")

    def record_policy(
        self: Store,
        policy_version: str,
        source: str | None,
        policy: dict[str, Any],
        rules: dict[str, dict[str, str]] | None = None,
    ) -> None:
        """Remember a policy version the first time it is used, with its per-rule fingerprints.

        A version recorded before fingerprints existed (schema 6) gets them now:
        one version always runs the same code, so they are the ones it had.
        """
        fingerprints = json.dumps(rules) if rules is not None else None
        with self.transaction() as con:
            # NOT EXISTS rather than INSERT OR IGNORE: a team lakehouse has no keys.
            con.execute(
                "INSERT INTO policy_versions "
                "(policy_version, source, first_used_at, policy, rules) "
                "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS "
                "(SELECT 1 FROM policy_versions WHERE policy_version = ?)",
                [
                    policy_version,
                    source,
                    datetime.now(UTC),
                    json.dumps(policy, default=str),
                    fingerprints,
                    policy_version,
                ],
            )
            if fingerprints is not None:
                con.execute(
                    "UPDATE policy_versions SET rules = ? "
                    "WHERE policy_version = ? AND rules IS NULL",
                    [fingerprints, policy_version],
                )

    def flags_of(self: Store, post_id: str) -> list[dict[str, Any]]:
        """The current flags of one post, most severe first."""
        cur = self.con.execute(
            "SELECT rule, severity, score, evidence, policy_version FROM flags "
            "WHERE post_id = ? ORDER BY "
            "list_position(['critical','high','medium','low','info'], severity), rule",
            [post_id],
        )
        return [
            {
                "rule": r[0],
                "severity": r[1],
                "score": r[2],
                "evidence": json.loads(r[3]),
                "policy_version": r[4],
            }
            for r in cur.fetchall()
        ]


def _to_flag_query(
    policy_version: str, rescan: bool, scanned_under: object = ANY_VERSION
) -> tuple[str, dict[str, Any]]:
    """The posts to flag (all with ``rescan``) and their parents' text, unordered."""
    where = "" if rescan else "WHERE s.policy_version IS DISTINCT FROM $v"
    params: dict[str, Any] = {} if rescan else {"v": policy_version}
    if scanned_under is not ANY_VERSION:
        where += " AND " if where else "WHERE "
        if scanned_under is None:
            where += "s.policy_version IS NULL"
        else:
            where += "s.policy_version = $old"
            params["old"] = scanned_under
    # A plain rescan reads every post: no need to look at flag_scans.
    scans = "LEFT JOIN flag_scans s USING (post_id) " if where else ""
    sql = (
        # The parent's text feeds complaint_reply; reply_to holds the parent's
        # native id on the same platform.
        "SELECT p.post_id, p.platform, p.kind, p.author, p.text, p.lang, p.media, "
        "p.reply_to, parent.text AS parent_text, p.created_at FROM posts p "
        f"{scans}"
        # Equality only: an extra condition here turns DuckDB's hash join
        # into a nested loop (100k posts: 0.5 s became 130 s). The join's hash
        # table holds only posts that something replies to, not every post
        # and its text (1M posts: a third of the read time, and it spilled to
        # disk under the flag run's memory limit).
        "LEFT JOIN (SELECT platform, native_id, text FROM posts "
        "WHERE (platform, native_id) IN "
        "(SELECT platform, reply_to FROM posts WHERE reply_to IS NOT NULL)) parent "
        "ON parent.platform = p.platform AND parent.native_id = p.reply_to "
        f"{where}"
    )
    return sql, params


def _count(result: Any) -> int:
    """The row count DuckDB reports for an INSERT, UPDATE or DELETE."""
    row = result.fetchone()
    return int(row[0]) if row and row[0] is not None else 0
