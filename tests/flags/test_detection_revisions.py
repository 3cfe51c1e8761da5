"""A change to detection code comes with a revision bump, so stored flags are re-made.

``reviewer flag`` re-runs a rule on stored posts only when its fingerprint
moves: its policy values or its code revision (``RULE_REVISIONS``, or
``RULESET_REVISION`` for code every rule shares). Nothing notices a code
change by itself, so this test does: it keeps a hash of each detection
module's syntax tree (comments and layout do not count) next to the
revisions in force when the hash was taken. When a module changes:

* detection changed: bump the rule's ``RULE_REVISIONS`` entry (or
  ``RULESET_REVISION`` for a shared module), then record the new hash and
  revision below;
* detection did not change (a speed-up, a rename), as
  ``python -m bench.flag_digest`` before and after proves: record the new
  hash alone.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import reviewer.flags as flags_package
from reviewer.flags.engine import FlagEngine
from reviewer.flags.fingerprint import RULE_REVISIONS
from reviewer.flags.policy import RULESET_REVISION, load_policy

FLAGS = Path(flags_package.__file__).parent
# Modules every rule's detection runs through: a change here is RULESET_REVISION's.
SHARED = (
    "engine.py",
    "prepared.py",
    "normalize.py",
    "lexicon.py",
    "phrases.py",
    "scan.py",
    "rules/cues.py",
)

# module: (hash of its syntax tree, the revision(s) in force when it was recorded)
RECORDED: dict[str, tuple[str, str]] = {
    "engine.py": (
        "f50c8a5481372c13",
        "ruleset 3",
    ),
    "lexicon.py": (
        "fabb4e8065714d2f",
        "ruleset 3",
    ),
    "normalize.py": (
        "9554fa28145732d8",
        "ruleset 3",
    ),
    "phrases.py": (
        "13b3dca1c8ce4779",
        "ruleset 3",
    ),
    "prepared.py": (
        "6f14d8364c83168a",
        "ruleset 3",
    ),
    "scan.py": (
        "fd0ce528c1684992",
        "ruleset 3",
    ),
    "rules/claims.py": (
        "25f71794ae59b399",
        "regulated_claim 1, unsourced_claim 1",
    ),
    "rules/conduct.py": (
        "babddae18709439c",
        "defamation 1, unlawful_activity 1",
    ),
    "rules/confidential.py": (
        "46d438e4fd09931f",
        "confidential 1",
    ),
    "rules/credential_leak.py": (
        "cb903897560d61d8",
        "credential_leak 1",
    ),
    "rules/credit.py": (
        "6deff7e001227aa8",
        "missing_credit 1",
    ),
    "rules/cues.py": (
        "25ccd2d396f6154e",
        "ruleset 3",
    ),
    "rules/negativity.py": (
        "ef481ef723ee1b2f",
        "brand_negativity 2, competitor_negativity 2",
    ),
    "rules/offensive.py": (
        "24524f38279dc330",
        "hate 1, profanity 1",
    ),
    "rules/personal_data.py": (
        "7b5e7fd11cce5c4f",
        "personal_data 1",
    ),
    "rules/security_incident.py": (
        "701a41dc0a3b1d5d",
        "security_incident 1",
    ),
    "rules/speaking.py": (
        "2bc243874b30d702",
        "complaint_reply 1, missing_disclaimer 1, unauthorized_spokesperson 1",
    ),
    "rules/suspicious_link.py": (
        "99fbfdea408ee161",
        "suspicious_link 1",
    ),
}


def _tree_hash(path: Path) -> str:
    # The code re-printed from its syntax tree: no comments, one layout.
    code = ast.unparse(ast.parse(path.read_text(encoding="utf-8")))
    return hashlib.sha256(code.encode("utf-8")).hexdigest()[:16]


def _rule_modules() -> dict[str, list[str]]:
    """Each rule module (relative path) and the rules it implements."""
    modules: dict[str, list[str]] = {}
    for rule in FlagEngine(load_policy()).rules:
        module = type(rule).__module__.removeprefix("reviewer.flags.").replace(".", "/") + ".py"
        modules.setdefault(module, []).append(rule.name)
    return modules


def _current() -> dict[str, tuple[str, str]]:
    now = {name: (_tree_hash(FLAGS / name), f"ruleset {RULESET_REVISION}") for name in SHARED}
    for module, rules in _rule_modules().items():
        revisions = ", ".join(f"{r} {RULE_REVISIONS.get(r, 1)}" for r in sorted(rules))
        now[module] = (_tree_hash(FLAGS / module), revisions)
    return now


def test_every_detection_module_is_recorded_with_its_revision() -> None:
    now = _current()
    assert set(RECORDED) == set(now), "record every detection module below"
    stale = []
    for module, (digest, revision) in sorted(now.items()):
        old_digest, old_revision = RECORDED[module]
        if digest == old_digest and revision == old_revision:
            continue
        bumped = "revision bumped" if revision != old_revision else "revision NOT bumped"
        stale.append(f"{module}: code {old_digest} -> {digest}, {bumped} ({revision})")
    assert not stale, (
        "detection code changed; bump its revision if detection changed (see the module "
        "docstring), then record:\n" + "\n".join(stale)
    )


def test_a_change_to_a_rule_module_is_noticed(tmp_path: Path) -> None:
    source = (FLAGS / "rules" / "credit.py").read_text(encoding="utf-8")
    changed = tmp_path / "credit.py"
    changed.write_text(source.replace("return None", "return None  # same", 1), encoding="utf-8")
    assert _tree_hash(changed) == _tree_hash(FLAGS / "rules" / "credit.py")  # comments: same
    changed.write_text(source.replace("len(media) > 3", "len(media) > 4"), encoding="utf-8")
    assert _tree_hash(changed) != _tree_hash(FLAGS / "rules" / "credit.py")
