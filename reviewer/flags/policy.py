"""The policy pack: loading, strict validation and versioning of the policy TOML file.

The default pack ships beside this module (``default_policy.toml``); a user
file replaces it. Company-specific lists (``[organization]`` and
``[confidential] terms``) are never inherited from the default pack, so a
policy for another company does not catch Nordwind's code names. Generic
settings (every ``[rules.<name>]`` key, ``[review] tags``, confidentiality
markings, near-misses, personal-data settings) fall back to the default pack
key by key when a user file leaves them out.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.errors import InputError
from reviewer.flags.fingerprint import RULE_REVISIONS
from reviewer.flags.policy_check import Checker
from reviewer.flags.responses import Response, build_responses
from reviewer.flags.rules import IMPLEMENTED_RULES
from reviewer.model import RULES, Role, Severity

DEFAULT_POLICY_PATH: Path = Path(__file__).with_name("default_policy.toml")

# Part of the version hash: bump it whenever a rule's detection changes, so
# that `reviewer flag` recomputes flags made by the older code.
RULESET_REVISION = "3"


@dataclass(slots=True)
class Organization:
    """Who the policy protects: ``[organization]`` of the policy file."""

    name: str = ""
    brands: list[str] = field(default_factory=list)
    competitors: list[str] = field(default_factory=list)
    official_accounts: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RuleConfig:
    """One rule's settings: ``[rules.<name>]`` of the policy file."""

    name: str
    severity: Severity
    policy_ref: str
    enabled: bool
    description: str
    escalate_to: Role | None = None

    @property
    def implemented(self) -> bool:
        """Whether the engine can run this rule today."""
        return self.name in IMPLEMENTED_RULES

    @property
    def active(self) -> bool:
        """Enabled in the policy and implemented: the engine runs it."""
        return self.enabled and self.implemented


@dataclass(slots=True)
class PersonalDataSettings:
    """``[personal_data]``: what the personal-data rule leaves alone."""

    role_mailboxes: list[str] = field(default_factory=list)
    phone_regions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Policy:
    """A validated policy. ``version`` identifies its effective content."""

    organization: Organization
    confidential_terms: list[str]
    confidential_markings: list[str]
    near_misses: list[str]
    personal_data: PersonalDataSettings
    tags: list[str]
    rules: dict[str, RuleConfig]
    version: str
    path: Path | None
    raw: dict[str, Any]
    effective: dict[str, Any]
    responses: list[Response] = field(default_factory=list)
    """Pre-approved public responses (``[[responses]]``), in file order."""

    def rule(self, name: str) -> RuleConfig:
        """The settings of rule ``name`` (one of the contract's rule names)."""
        try:
            return self.rules[name]
        except KeyError:
            raise KeyError(f"unknown rule {name!r}; known rules: {', '.join(RULES)}") from None


def load_policy(path: Path | str | None = None) -> Policy:
    """Load and validate a policy file; ``None`` loads the packaged default pack.

    Raises :class:`InputError` naming the file and the line for a missing or
    unreadable file, a TOML syntax error, or a value that fails validation.
    """
    target = DEFAULT_POLICY_PATH if path is None else Path(path)
    try:
        data = target.read_bytes()
    except OSError as exc:
        raise InputError(str(target), f"cannot read policy file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(target), f"not UTF-8 (byte {exc.start})") from None
    defaults = None if target.resolve() == DEFAULT_POLICY_PATH.resolve() else _default_effective()
    return parse_policy(text, path=target, defaults=defaults)


def parse_policy(
    text: str, path: Path | None = None, defaults: dict[str, Any] | None = None
) -> Policy:
    """Parse policy TOML ``text``; missing generic keys come from ``defaults``.

    ``defaults`` is the default pack's effective policy; pass ``None`` only for
    a file that must be complete on its own (the default pack itself).
    """
    where = str(path) if path is not None else "<policy>"
    raw = _parse_toml(text, where)
    effective = Checker(raw, text, where, defaults).effective()
    return _build(raw, effective, path)


def _parse_toml(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
        if m:
            line, detail = m.group(1), f"{message[: m.start()]} (column {m.group(2)})"
        elif "end of document" in message:
            last = text.count("\n") + (0 if text.endswith("\n") else 1)
            line, detail = str(max(last, 1)), re.sub(r"\s*\(at end of document\)", "", message)
        else:
            line, detail = "1", message
        raise InputError(where, f"line {line}: TOML syntax error: {detail}") from None


def _build(raw: dict[str, Any], eff: dict[str, Any], path: Path | None) -> Policy:
    org = eff["organization"]
    rules = {
        name: RuleConfig(
            name=name,
            severity=Severity(cfg["severity"]),
            policy_ref=cfg["policy_ref"],
            enabled=cfg["enabled"],
            description=cfg["description"],
            escalate_to=Role(cfg["escalate_to"]) if cfg["escalate_to"] else None,
        )
        for name, cfg in eff["rules"].items()
    }
    return Policy(
        organization=Organization(**org),
        confidential_terms=list(eff["confidential"]["terms"]),
        confidential_markings=list(eff["confidential"]["markings"]),
        near_misses=list(eff["confidential"]["near_misses"]),
        personal_data=PersonalDataSettings(**eff["personal_data"]),
        tags=list(eff["review"]["tags"]),
        rules=rules,
        version=policy_version(eff),
        path=path,
        raw=raw,
        effective=eff,
        responses=build_responses(eff["responses"]),
    )


def policy_version(effective: dict[str, Any]) -> str:
    """First 16 hex digits of the SHA-256 of the effective policy as canonical JSON.

    Formatting and comments do not count; the rule-set revision and the list
    of implemented rules do, so new detection code gets a new version, and so
    do per-rule revisions (:data:`~reviewer.flags.fingerprint.RULE_REVISIONS`).
    The pre-approved responses do not: they change no flag.
    """
    document: dict[str, Any] = {
        "policy": {k: v for k, v in effective.items() if k != "responses"},
        "ruleset": RULESET_REVISION,
        "implemented": sorted(IMPLEMENTED_RULES),
    }
    if RULE_REVISIONS:  # absent while every rule is at revision 1: versions stay as they were
        document["rule_revisions"] = dict(sorted(RULE_REVISIONS.items()))
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def _default_effective() -> dict[str, Any]:
    text = DEFAULT_POLICY_PATH.read_text(encoding="utf-8")
    where = str(DEFAULT_POLICY_PATH)
    return Checker(_parse_toml(text, where), text, where, None).effective()
