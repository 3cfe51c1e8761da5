"""Gathering a report from the store: a few set-wise queries, every value a bound parameter."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pyarrow as pa

from reviewer import __version__
from reviewer.model import SEVERITY_ORDER, Severity
from reviewer.reports.metrics import annotate, compute_metrics
from reviewer.reports.model import (
    Filters,
    Incident,
    Report,
    minimise,
    segments,
    shown_evidence,
)
from reviewer.review.chain import GENESIS, verify_chain
from reviewer.store import Store
from reviewer.store.review import new_state

_LEVELS = [str(s) for s in SEVERITY_ORDER]
_POST_COLUMNS = (
    "post_id",
    "platform",
    "native_id",
    "kind",
    "author",
    "created_at",
    "text",
    "url",
    "lang",
    "import_id",
    "source_file",
)


def _midnight(day: Any) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def select_posts(store: Store, filters: Filters) -> list[str]:
    """The post ids a report covers, most severe first, then by posting time."""
    where: list[str] = []
    params: dict[str, Any] = {
        "levels": _LEVELS,
        "min_rank": SEVERITY_ORDER.index(filters.min_severity) + 1,
    }
    if filters.since is not None:
        where.append("p.created_at >= $since")
        params["since"] = _midnight(filters.since)
    if filters.until is not None:
        where.append("p.created_at < $until")
        params["until"] = _midnight(filters.until) + timedelta(days=1)
    if filters.status is not None:
        where.append("coalesce(s.status, 'new') = $status")
        params["status"] = filters.status
    if filters.platforms:
        where.append("list_contains($platforms, p.platform)")
        params["platforms"] = list(filters.platforms)
    if filters.authors:
        # Handles are compared without case and without a leading @.
        where.append("list_contains($authors, lower(ltrim(p.author, '@')))")
        params["authors"] = [a.lower().lstrip("@") for a in filters.authors]
    if filters.tags:
        where.append("list_has_any(coalesce(s.tags, []::TEXT[]), $tags)")
        params["tags"] = list(filters.tags)
    # The post qualifies through a flag at or above the minimum severity (of one of the
    # chosen rules, if any); its own severity is that of its worst flag.
    qualifying = "list_position($levels, f.severity) >= $min_rank"
    if filters.rules:
        qualifying += " AND list_contains($rules, f.rule)"
        params["rules"] = list(filters.rules)
    rows = store.con.execute(
        f"""
        SELECT p.post_id
        FROM flags f JOIN posts p USING (post_id) LEFT JOIN review_state s USING (post_id)
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY p.post_id, p.created_at
        HAVING bool_or({qualifying})
        ORDER BY max(list_position($levels, f.severity)) DESC, p.created_at, p.post_id
        """,
        params,
    ).fetchall()
    return [r[0] for r in rows]


def _rows(store: Store, sql: str, params: Any = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _event(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "payload": json.loads(row["payload"])}


def _policies(store: Store, versions: set[str]) -> list[dict[str, Any]]:
    rows = _rows(
        store,
        "SELECT policy_version, source, first_used_at, policy FROM policy_versions "
        "WHERE list_contains(?, policy_version) ORDER BY first_used_at, policy_version",
        [sorted(versions)],
    )
    found = {r["policy_version"] for r in rows}
    for missing in sorted(versions - found):
        rows.append(
            {"policy_version": missing, "source": None, "first_used_at": None, "policy": "{}"}
        )
    for row in rows:
        row["policy"] = json.loads(row["policy"] or "{}")
        row["source"] = row["source"] or "built-in policy pack"
    return rows


def _rule_catalogue(policies: list[dict[str, Any]], incidents: list[Incident]) -> list[dict]:
    """The rules of the policies in use, with their settings and how often they fired."""
    fired: Counter[str] = Counter(f["rule"] for i in incidents for f in i.flags)
    rules: dict[str, dict[str, Any]] = {}
    for policy in policies:
        for name, cfg in sorted(policy["policy"].get("rules", {}).items()):
            if not cfg.get("enabled", True) and name not in fired:
                continue
            entry = rules.setdefault(
                name,
                {
                    "rule": name,
                    "severity": cfg.get("severity"),
                    "policy_ref": cfg.get("policy_ref"),
                    "versions": [],
                    "flags": fired.get(name, 0),
                },
            )
            entry["versions"].append(policy["policy_version"])
    for name in sorted(set(fired) - set(rules)):
        rules[name] = {
            "rule": name,
            "severity": None,
            "policy_ref": None,
            "versions": [],
            "flags": fired[name],
        }
    return [rules[k] for k in sorted(rules)]


def _sources(store: Store, incidents: list[Incident]) -> list[dict[str, Any]]:
    per_import: Counter[str] = Counter(str(i.post.get("import_id")) for i in incidents)
    rows = store.imports()
    for row in rows:
        row["incidents"] = per_import.get(row["import_id"], 0)
    return rows


def _counts(incidents: list[Incident]) -> dict[str, list[tuple[str, int]]]:
    def tally(values: list[str]) -> list[tuple[str, int]]:
        return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))

    return {
        "severity": tally([str(i.severity) for i in incidents]),
        "rule": tally([f["rule"] for i in incidents for f in i.flags]),
        "platform": tally([i.post["platform"] for i in incidents]),
        "status": tally([i.state["status"] for i in incidents]),
        "disposition": tally([i.state["disposition"] or "none" for i in incidents]),
    }


def _chain(store: Store) -> tuple[tuple[int, str], dict[str, Any]]:
    """The chain head and the result of recomputing the whole chain."""
    result = verify_chain(store.events(), store.recompute_text_hashes())
    last = store.last_event()
    head = (last["seq"], last["hash"]) if last else (0, GENESIS)
    check = {
        "ok": result.ok,
        "checked": result.checked,
        "bad_seq": result.bad_seq,
        "reason": result.reason,
    }
    return head, check


def build_report(
    store: Store,
    *,
    generated_by: str,
    filters: Filters | None = None,
    generated_at: datetime | None = None,
    as_of: datetime | None = None,
    unmask: bool = False,
    **legacy: Any,
) -> Report:
    """Gather every flagged post the filters select, with all the report says about it.

    ``generated_at`` fixes the report's clock (tests, reproducible output); ``as_of`` only
    labels the report: the store must already have been opened ``as_of`` that moment.
    ``legacy`` accepts the filter fields as keywords (``since=``, ``min_severity=`` ...).
    """
    if filters is None:
        filters = Filters(**legacy)
    elif legacy:
        raise TypeError("pass filters or filter keywords, not both")
    now = generated_at or datetime.now(UTC)
    ids = select_posts(store, filters)
    incidents = _load_incidents(store, ids, unmask=unmask)
    head, check = _chain(store)
    policies = _policies(store, {f["policy_version"] for i in incidents for f in i.flags})
    refs = {
        (p["policy_version"], name): cfg.get("policy_ref")
        for p in policies
        for name, cfg in p["policy"].get("rules", {}).items()
    }
    for incident in incidents:
        for flag in incident.flags:
            flag["policy_ref"] = refs.get((flag["policy_version"], flag["rule"]))
        annotate(incident)
    open_escalations = [
        {
            "post_id": i.post_id,
            "severity": str(i.severity),
            "to": i.state["escalated_to"],
            "since": i.escalation["at"] if i.escalation else None,
        }
        for i in incidents
        if i.state["status"] == "escalated"
    ]
    return Report(
        generated_at=now,
        generated_by=generated_by,
        tool_version=__version__,
        filters=filters,
        as_of=as_of,
        unmasked=unmask,
        chain_head=head,
        chain_check=check,
        policies=policies,
        rules=_rule_catalogue(policies, incidents),
        sources=_sources(store, incidents),
        counts=_counts(incidents),
        open_escalations=open_escalations,
        metrics=compute_metrics(incidents, as_of or now),
        audit_extract=_audit_extract(store, ids, filters),
        incidents=incidents,
    )


def _load_incidents(store: Store, ids: list[str], *, unmask: bool) -> list[Incident]:
    """Posts, flags, states and histories of ``ids`` in four queries, whatever their number."""
    if not ids:
        return []
    con = store.con
    con.register("report_ids", pa.table({"post_id": ids}))
    try:
        posts = {
            r["post_id"]: r
            for r in _rows(
                store,
                f"SELECT {', '.join('p.' + c for c in _POST_COLUMNS)} "
                "FROM posts p JOIN report_ids USING (post_id)",
            )
        }
        flags: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in _rows(
            store,
            "SELECT f.post_id, f.rule, f.severity, f.score, f.evidence, f.policy_version, "
            "f.flagged_at FROM flags f JOIN report_ids USING (post_id) "
            "ORDER BY f.post_id, list_position(?, f.severity) DESC, f.rule",
            [_LEVELS],
        ):
            post_id = r.pop("post_id")
            r["evidence"] = json.loads(r["evidence"])
            flags[post_id].append(r)
        states = {
            r["post_id"]: r
            for r in _rows(store, "SELECT s.* FROM review_state s JOIN report_ids USING (post_id)")
        }
        history: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in _rows(
            store,
            "SELECT e.seq, e.occurred_at, e.reviewer, e.post_id, e.action, e.payload, e.hash "
            "FROM review_events e JOIN report_ids USING (post_id) ORDER BY e.seq",
        ):
            history[r["post_id"]].append(_event(r))
    finally:
        con.unregister("report_ids")
    incidents = []
    for post_id in ids:
        post = posts[post_id]
        post_flags = flags[post_id]
        text = post["text"]
        for flag in post_flags:
            flag["evidence"] = shown_evidence(text, flag, unmask=unmask)
        incidents.append(
            Incident(
                post=post,
                severity=max((Severity(f["severity"]) for f in post_flags), key=_rank),
                flags=post_flags,
                state=states.get(post_id) or new_state(post_id),
                history=history[post_id],
                segments=minimise(segments(text, post_flags, unmask=unmask)),
            )
        )
    return incidents


def _rank(severity: Severity) -> int:
    return severity.rank


def _audit_extract(store: Store, ids: list[str], filters: Filters) -> list[dict[str, Any]]:
    """The review log for the period: events of the reported posts, and report events.

    Report-level events (an unmasked report) have no post; they are always included.
    """
    where = ["(post_id IN (SELECT post_id FROM report_ids) OR post_id = '')"]
    params: dict[str, Any] = {}
    if filters.since is not None:
        where.append("occurred_at >= $since")
        params["since"] = _midnight(filters.since)
    if filters.until is not None:
        where.append("occurred_at < $until")
        params["until"] = _midnight(filters.until) + timedelta(days=1)
    store.con.register("report_ids", pa.table({"post_id": pa.array(ids, pa.string())}))
    try:
        rows = _rows(
            store,
            "SELECT seq, occurred_at, reviewer, post_id, action, payload, hash "
            f"FROM review_events WHERE {' AND '.join(where)} ORDER BY seq",
            params,
        )
    finally:
        store.con.unregister("report_ids")
    return [_event(r) for r in rows]
