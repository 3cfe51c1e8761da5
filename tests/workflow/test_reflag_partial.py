"""A policy change re-runs only the rules it affects, and ends exactly where a full rescan would.

Every test compares the flags, evidence, severities, queue keys and scan marks
after a partial re-flag with a fresh database flagged with ``--rescan`` under
the new policy.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import reviewer.workflow as workflow
from bench.generate import generate, write_ndjson
from reviewer.flags.policy import DEFAULT_POLICY_PATH, Policy, load_policy
from reviewer.paths import shipped_dir
from reviewer.review.service import ReviewService
from reviewer.store import Store
from reviewer.workflow import flag_posts, import_exports, read_exports

DEFAULT_TEXT = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")


def policy_with(tmp_path: Path, name: str, *edits: tuple[str, str]) -> Policy:
    """The default pack with ``edits`` ((old, new) text replacements) applied."""
    text = DEFAULT_TEXT
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path)


def rule_setting(rule: str, key: str, value: str) -> tuple[str, str]:
    """An edit setting ``key`` of ``[rules.<rule>]`` to the TOML ``value``."""
    m = re.search(rf"\[rules\.{rule}\][^\n]*\n(?:[^\[\n][^\n]*\n)*?{key} = [^\n]*\n", DEFAULT_TEXT)
    assert m, rule
    block = m.group(0)
    return block, re.sub(rf"(?m)^{key} = .*$", f"{key} = {value}", block)


CONFIDENTIAL_TERM = (
    'terms = ["Projekt Polarstern", "Q3-Zahlen", "Nordlicht-Vertrag"]',
    'terms = ["Projekt Polarstern", "Q3-Zahlen"]',
)
GERMAN_LEXICON = ("de_negative = [\n", 'de_negative = [\n    "windig*:-3", "wetter:-3",\n')
PROFANITY_HIGH = rule_setting("profanity", "severity", '"high"')
NO_PERSONAL_DATA = rule_setting("personal_data", "enabled", "false")
NO_HATE = rule_setting("hate", "enabled", "false")


LABELED = Path(__file__).resolve().parents[1] / "flags" / "data"


def labeled_records() -> list[dict[str, object]]:
    """The labeled rule sets as generic posts: positives and hard negatives of every rule.

    A row with the text of the post it answers gets that post as its parent.
    """
    records: list[dict[str, object]] = []
    start = datetime(2025, 3, 1, tzinfo=UTC)
    for path in sorted(LABELED.glob("labeled*.json")):
        for k, row in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            rid = f"{path.stem}-{k}"
            record: dict[str, object] = {
                "id": rid,
                "author": row.get("author") or "employee_007",
                "created_at": (start + timedelta(minutes=len(records))).isoformat(),
                "text": row["text"],
                "lang": row["lang"],
            }
            if row.get("media"):
                record["media"] = [m.get("path") or m.get("url") for m in row["media"]]
            if row.get("parent_text"):
                records.append({**record, "id": f"{rid}-parent", "text": row["parent_text"]})
                record["reply_to"] = f"{rid}-parent"
            records.append(record)
    return records


def corpus(tmp_path: Path, part: int) -> Path:
    """Posts with ids of their own per part: labeled rows first, then synthetic ones."""
    records = labeled_records() if part == 0 else []
    records += generate(300, seed=11 + part)
    for k, record in enumerate(records):
        record["id"] = f"p{part}-{k}"
        if record.get("reply_to"):
            record["reply_to"] = f"p{part}-{k - 1}"  # the parent comes right before
    path = tmp_path / f"part{part}.ndjson"
    write_ndjson(records, path)
    return path


def import_part(store: Store, tmp_path: Path, part: int) -> None:
    paths = [corpus(tmp_path, part)]
    if part == 0:
        paths.insert(0, shipped_dir("sample_exports"))
    import_exports(store, read_exports(paths), imported_by="t")


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Everything flagging derives, except timestamps."""

    def rows(sql: str) -> list[tuple]:
        return [tuple(r) for r in store.con.execute(sql).fetchall()]

    return {
        "flags": rows(
            "SELECT post_id, rule, severity, score, evidence::TEXT, policy_version FROM flags "
            "ORDER BY 1, 2"
        ),
        "queue_keys": rows("SELECT post_id, sev_rank, ts, rules FROM queue_keys ORDER BY 1"),
        "scans": rows("SELECT post_id, policy_version FROM flag_scans ORDER BY 1"),
    }


def rescanned(tmp_path: Path, policy: Policy, parts: int = 1) -> dict[str, list[tuple]]:
    """A fresh embedded database with the same posts, flagged with --rescan under ``policy``."""
    with Store.open(tmp_path / f"fresh-{policy.version}.duckdb") as fresh:
        for part in range(parts):
            import_part(fresh, tmp_path, part)
        flag_posts(fresh, policy, rescan=True, workers=1)
        return snapshot(fresh)


def without_version(flags: list[tuple]) -> list[tuple]:
    return [f[:-1] for f in flags]


def review_log(store: Store) -> list[tuple]:
    return store.con.execute(
        "SELECT seq, post_id, action, payload::TEXT, hash FROM review_events ORDER BY seq"
    ).fetchall()


def no_duplicates(store: Store) -> bool:
    return not store.con.execute(
        "SELECT post_id, rule FROM flags GROUP BY ALL HAVING count(*) > 1"
    ).fetchall()


@pytest.mark.parametrize(
    ("edits", "rerun", "regraded", "dropped"),
    [
        pytest.param((CONFIDENTIAL_TERM,), ("confidential",), (), (), id="lexicon"),
        pytest.param(
            (GERMAN_LEXICON,),
            ("brand_negativity", "competitor_negativity"),
            (),
            (),
            id="shared-lexicon",
        ),
        pytest.param((PROFANITY_HIGH,), (), ("profanity",), (), id="severity"),
        pytest.param((NO_PERSONAL_DATA,), (), (), ("personal_data",), id="disable"),
    ],
)
def test_a_partial_reflag_equals_a_rescan(
    tmp_path: Path,
    edits: tuple[tuple[str, str], ...],
    rerun: tuple[str, ...],
    regraded: tuple[str, ...],
    dropped: tuple[str, ...],
) -> None:
    default = load_policy(None)
    changed = policy_with(tmp_path, "changed", *edits)
    with Store.open(tmp_path / "r.duckdb") as store:
        import_part(store, tmp_path, 0)
        total = flag_posts(store, default, workers=1).scanned
        before = snapshot(store)
        summary = flag_posts(store, changed, workers=1)
        [change] = summary.changes
        assert (change.kind, change.posts) == ("changed", total)
        assert (change.rerun, change.regraded, change.dropped) == (rerun, regraded, dropped)
        assert summary.scanned == total
        assert summary.rerun_posts == (total if rerun else 0)
        after = snapshot(store)
        assert (summary.flags, summary.flagged_posts) == (
            len(after["flags"]),
            len(after["queue_keys"]),
        )
        assert no_duplicates(store)
        assert after == rescanned(tmp_path, changed)
        assert without_version(after["flags"]) != without_version(before["flags"])
        assert flag_posts(store, changed, workers=1).scanned == 0


def test_enabling_a_rule_runs_only_that_rule(tmp_path: Path) -> None:
    without_hate = policy_with(tmp_path, "nohate", NO_HATE)
    default = load_policy(None)
    with Store.open(tmp_path / "r.duckdb") as store:
        import_part(store, tmp_path, 0)
        flag_posts(store, without_hate, workers=1)
        assert not store.con.execute("SELECT 1 FROM flags WHERE rule = 'hate'").fetchall()
        summary = flag_posts(store, default, workers=1)
        assert [(c.rerun, c.regraded, c.dropped) for c in summary.changes] == [(("hate",), (), ())]
        assert store.con.execute("SELECT count(*) FROM flags WHERE rule = 'hate'").fetchone()[0]
        assert snapshot(store) == rescanned(tmp_path, default)


def test_a_new_version_with_the_same_detection_moves_flags_without_running_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = load_policy(None)
    reworded = policy_with(
        tmp_path,
        "reworded",
        rule_setting("profanity", "description", '"Swears."'),
    )
    assert reworded.version != default.version
    with Store.open(tmp_path / "r.duckdb") as store:
        import_part(store, tmp_path, 0)
        flag_posts(store, default, workers=1)

        def no_engine(*args: object, **kwargs: object) -> None:
            raise AssertionError("no rule should run")

        monkeypatch.setattr(workflow, "FlagEngine", no_engine)
        summary = flag_posts(store, reworded, workers=1)
        assert summary.rerun_posts == 0
        assert summary.changes[0].describe().startswith("policy changed, no rule affected")
        monkeypatch.undo()
        assert snapshot(store) == rescanned(tmp_path, reworded)


class Interrupted(Exception):
    """Stands for a run stopped half-way (Ctrl-C, a crash)."""


def flag_interrupted(
    store: Store, policy: Policy, writes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``flag_posts`` stopped when it is about to write batch ``writes + 1``."""
    real = Store.write_flags
    calls = {"n": 0}

    def failing(self: Store, *args: object, **kwargs: object) -> tuple[int, int]:
        calls["n"] += 1
        if calls["n"] > writes:
            raise Interrupted
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "write_flags", failing)
    try:
        with pytest.raises(Interrupted):
            flag_posts(store, policy, workers=1)
    finally:
        monkeypatch.setattr(Store, "write_flags", real)


def test_posts_scanned_under_different_versions_each_get_their_own_diff(
    store_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Three generations of posts, two old versions and new posts, in both store modes."""
    v1 = policy_with(tmp_path, "v1", NO_HATE, CONFIDENTIAL_TERM)
    v2 = policy_with(tmp_path, "v2", PROFANITY_HIGH)
    v3 = policy_with(tmp_path, "v3", NO_PERSONAL_DATA, GERMAN_LEXICON)
    with Store.open(store_target) as store:
        import_part(store, tmp_path, 0)
        flag_posts(store, v1, workers=1)
        flagged = store.con.execute(
            "SELECT post_id, min(rule) FROM flags GROUP BY 1 ORDER BY 1 LIMIT 3"
        ).fetchall()
        review = ReviewService(store, "alice")
        review.decide(flagged[0][0], "resolved", disposition="false_positive", note="not ours")
        review.flag_feedback(flagged[1][0], flagged[1][1])
        review.decide(flagged[2][0], "escalated", escalate_to="legal")
        import_part(store, tmp_path, 1)
        # The new posts (one batch, written first) reach v2, part 0 stays at v1.
        flag_interrupted(store, v2, 1, monkeypatch)
        import_part(store, tmp_path, 2)
        log = review_log(store)
        groups = dict(store.scan_groups(v3.version))
        assert set(groups) == {None, v1.version, v2.version}

        summary = flag_posts(store, v3, workers=1)
        by_kind = {(c.kind, c.posts): c for c in summary.changes}
        new = by_kind[("new", groups[None])]
        assert new.rerun == ()
        from_v1 = by_kind[("changed", groups[v1.version])]
        from_v2 = by_kind[("changed", groups[v2.version])]
        # v1 -> v3: hate enabled, the confidential term back, the German lexicon changed;
        # profanity's severity is the same in v1 and v3.
        assert set(from_v1.rerun) == {
            "confidential",
            "brand_negativity",
            "competitor_negativity",
            "hate",
        }
        assert (from_v1.regraded, from_v1.dropped) == ((), ("personal_data",))
        assert set(from_v2.rerun) == {"brand_negativity", "competitor_negativity"}
        assert (from_v2.regraded, from_v2.dropped) == (("profanity",), ("personal_data",))
        assert summary.scanned == sum(groups.values())

        assert no_duplicates(store)
        assert snapshot(store) == rescanned(tmp_path, v3, parts=3)
        assert review_log(store) == log
        state = store.con.execute(
            "SELECT post_id, status, disposition, escalated_to FROM review_state "
            "WHERE post_id IN (?, ?, ?) ORDER BY 1",
            [p for p, _ in flagged],
        ).fetchall()
        assert [s[1] for s in state] == ["resolved", "in_review", "escalated"]


def test_an_interrupted_reflag_resumes_to_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    v1 = policy_with(tmp_path, "v1", NO_HATE)
    v2 = policy_with(tmp_path, "v2", PROFANITY_HIGH, NO_PERSONAL_DATA, CONFIDENTIAL_TERM)
    v3 = policy_with(tmp_path, "v3", GERMAN_LEXICON)
    monkeypatch.setattr(workflow, "BATCH_SIZE", 97)
    monkeypatch.setattr(workflow, "WRITE_BATCHES", 1)
    monkeypatch.setattr(workflow, "CARRY_BATCH_SIZE", 97)
    with Store.open(tmp_path / "r.duckdb") as store:
        import_part(store, tmp_path, 0)
        flag_posts(store, v1, workers=1)
        import_part(store, tmp_path, 1)
        flag_interrupted(store, v2, 3, monkeypatch)
        groups = dict(store.scan_groups(v2.version))
        assert groups and v2.version not in groups
        # Some posts made it to v2 before the interruption, the rest resume from v1 or new.
        assert sum(groups.values()) < store.con.execute("SELECT count(*) FROM posts").fetchone()[0]
        # Interrupted again, on the way to yet another version: every post still ends right.
        flag_interrupted(store, v3, 3, monkeypatch)
        assert len(store.scan_groups(v3.version)) >= 2
        flag_posts(store, v3, workers=1)
        assert no_duplicates(store)
        assert snapshot(store) == rescanned(tmp_path, v3, parts=2)


def test_a_version_recorded_without_fingerprints_reruns_every_rule(tmp_path: Path) -> None:
    default = load_policy(None)
    changed = policy_with(tmp_path, "changed", PROFANITY_HIGH)
    with Store.open(tmp_path / "r.duckdb") as store:
        import_part(store, tmp_path, 0)
        total = flag_posts(store, default, workers=1).scanned
        store.con.execute("UPDATE policy_versions SET rules = NULL")  # as schema 6 left it
        summary = flag_posts(store, changed, workers=1)
        assert [(c.kind, c.posts) for c in summary.changes] == [("unknown", total)]
        assert snapshot(store) == rescanned(tmp_path, changed)
        # Using the old version again records its fingerprints after all.
        flag_posts(store, default, workers=1)
        assert store.policy_rules(default.version) is not None


def test_the_summary_says_what_was_rerun() -> None:
    change = workflow.FlagChange(
        "changed", 1204, ("confidential", "personal_data"), ("profanity",), ("hate",)
    )
    assert change.describe() == (
        "policy changed: confidential, personal_data re-run on 1,204 posts; "
        "severity of profanity re-graded; flags of hate removed (rule disabled)"
    )
    regrade = workflow.FlagChange("changed", 3, (), ("profanity",), ())
    assert regrade.describe() == "policy changed: severity of profanity re-graded on 3 posts"
    assert workflow.FlagChange("new", 1).describe() == "every rule run on 1 new post"


def test_a_new_ruleset_revision_reruns_every_rule_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reviewer.flags.policy as policy_module

    default = load_policy(None)
    with Store.open(tmp_path / "r.duckdb") as store:
        import_part(store, tmp_path, 0)
        total = flag_posts(store, default, workers=1).scanned
        monkeypatch.setattr(policy_module, "RULESET_REVISION", "new-code")
        summary = flag_posts(store, default, workers=1)  # same version: nothing to do
        assert summary.scanned == 0
        revised = policy_with(tmp_path, "revised", PROFANITY_HIGH)
        summary = flag_posts(store, revised, workers=1)
        [change] = summary.changes
        assert (change.kind, change.posts) == ("every", total)
        assert change.describe() == f"policy changed: every rule re-run on {total:,} posts"
        assert snapshot(store) == rescanned(tmp_path, revised)
