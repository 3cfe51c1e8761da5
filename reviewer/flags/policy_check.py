"""Strict validation of a parsed policy file, with errors that name the line.

tomllib gives no positions for values, so the line of a bad key is found by
searching the file text for its table header and key. Every failure is an
:class:`InputError` of the form ``line N: [section] key: what is wrong``.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from reviewer.errors import InputError
from reviewer.flags.responses import check_responses
from reviewer.model import RULES, Role, Severity

_STR = "a string"
_BOOL = "true or false"
_LIST = "a list of strings"
_FLOAT = "a number"

# Allowed keys per section and their kind. Kinds: "str", "bool", "list", "float".
SECTIONS: dict[str, dict[str, str]] = {
    "organization": {
        "name": "str",
        "brands": "list",
        "competitors": "list",
        "official_accounts": "list",
        "domains": "list",
    },
    "confidential": {"terms": "list", "markings": "list", "near_misses": "list"},
    "personal_data": {"role_mailboxes": "list", "phone_regions": "list"},
    "review": {"tags": "list", "repeat_offenders": "bool"},
    "credential_leak": {"secret_words": "list", "otp_words": "list", "placeholders": "list"},
    "suspicious_link": {
        "shorteners": "list",
        "lure_phrases": "list",
        "trusted_domains": "list",
        "max_lookalike_distance": "float",
    },
    "security_incident": {"terms": "list", "self_words": "list", "not_incident": "list"},
    "offensive": {
        "profanity": "list",
        "not_profanity": "list",
        "groups": "list",
        "attacks": "list",
        "slurs": "list",
    },
    "negativity": {
        "en_threshold": "float",
        "en_lexicon": "list",
        "de_threshold": "float",
        "de_positive": "list",
        "de_negative": "list",
        "de_negations": "list",
        "de_boosters": "list",
        "de_contrast": "list",
        "de_irony": "list",
    },
    "regulated_claim": {
        "finance_promises": "list",
        "finance_terms": "list",
        "health_effects": "list",
        "health_conditions": "list",
        "authorities": "list",
        "endorsements": "list",
        "subsidies": "list",
        "negations": "list",
        "not_claim": "list",
    },
    "unsourced_claim": {
        "claim_phrases": "list",
        "populations": "list",
        "source_cues": "list",
        "negations": "list",
    },
    "defamation": {
        "accusations": "list",
        "person_titles": "list",
        "negations": "list",
        "not_defamation": "list",
    },
    "unlawful_activity": {"terms": "list", "not_unlawful": "list"},
    "missing_credit": {
        "credit_words": "list",
        "credit_phrases": "list",
        "ignore_media_types": "list",
    },
    "speaking": {
        "self_words": "list",
        "disclaimers": "list",
        "weather_before": "list",
        "weather_words": "list",
        "spokesperson_cues": "list",
        "spokesperson_roles": "list",
        "company_we": "list",
        "announcements": "list",
        "company_topics": "list",
        "hedges": "list",
    },
    "complaint_reply": {
        "complaint_words": "list",
        "answer_cues": "list",
        "service_words": "list",
    },
}
# List keys whose entries may be conjunctions "a|b & c|d" (see reviewer/flags/rules/cues.py).
CONJUNCTION_KEYS = {("unlawful_activity", "terms"), ("speaking", "announcements")}
RULE_KEYS: dict[str, str] = {
    "severity": "str",
    "policy_ref": "str",
    "enabled": "bool",
    "description": "str",
    "escalate_to": "str",
}
# Keys a user file may omit because they are company-specific: they default to
# empty, never to the default pack's values.
_COMPANY_KEYS = {("organization", k) for k in SECTIONS["organization"]} | {
    ("confidential", "terms")
}
_MAX_TAGS = 9  # the TUI offers tags on keys 1-9
_DOMAIN_RE = re.compile(r"^(?!-)[^\s/@:.]+(?:\.[^\s/@:.]+)+$")
_HEADER_RE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


class Checker:
    """Validates one parsed policy and produces its effective form."""

    def __init__(
        self, raw: dict[str, Any], text: str, where: str, defaults: dict[str, Any] | None
    ) -> None:
        self.raw = raw
        self.lines = text.splitlines()
        self.where = where
        self.defaults = copy.deepcopy(defaults) if defaults is not None else None

    # -- errors ---------------------------------------------------------------

    def fail(self, table: tuple[str, ...], key: str | None, problem: str) -> InputError:
        """An error for ``[table] key`` at the line where it is written."""
        line = self.line_of(table, key)
        label = f"[{'.'.join(table)}]" + (f" {key}" if key else "")
        return InputError(self.where, f"line {line}: {label}: {problem}")

    def line_of(self, table: tuple[str, ...], key: str | None) -> int:
        """The 1-based line of ``key`` in table ``table`` (best effort)."""
        header = None
        for i, line in enumerate(self.lines):
            m = _HEADER_RE.match(line)
            if m and _split_dotted(m.group(1)) == table:
                header = i
                break
        if header is not None:
            if key is None:
                return header + 1
            key_re = re.compile(rf"^\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
            for i in range(header + 1, len(self.lines)):
                if _HEADER_RE.match(self.lines[i]):
                    break
                if key_re.match(self.lines[i]):
                    return i + 1
            return header + 1
        # Dotted keys or inline tables: the first line naming the key, else the table.
        for needle in ([key] if key else []) + list(reversed(table)):
            word = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])")
            for i, line in enumerate(self.lines):
                if word.search(line.split("#", 1)[0]):
                    return i + 1
        return 1

    # -- values ---------------------------------------------------------------

    def value(self, table: tuple[str, ...], key: str, value: Any, kind: str) -> Any:
        """Check ``value`` against ``kind``; lists are stripped and deduplicated strictly."""
        if kind == "str":
            if not isinstance(value, str):
                raise self.fail(table, key, f"must be {_STR}")
            return value.strip()
        if kind == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise self.fail(table, key, f"must be {_FLOAT}")
            return float(value)
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(table, key, f"must be {_BOOL}")
            return value
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(table, key, f"must be {_LIST}")
        items: list[str] = []
        seen: set[str] = set()
        for v in value:
            item = v.strip()
            if not item:
                raise self.fail(table, key, "entries must not be empty")
            if item.casefold() in seen:
                raise self.fail(table, key, f'duplicate entry "{item}"')
            seen.add(item.casefold())
            items.append(item)
        return items

    # -- sections -------------------------------------------------------------

    def effective(self) -> dict[str, Any]:
        """The validated policy with defaults applied, as plain JSON-able data."""
        for name, section in self.raw.items():
            if name == "responses":  # an array of tables, checked on its own
                continue
            if name not in SECTIONS and name != "rules":
                known = ", ".join([*SECTIONS, "rules", "responses"])
                raise self.fail((name,), None, f"unknown section (known: {known})")
            if not isinstance(section, dict):
                raise self.fail((name,), None, "must be a table, e.g. [" + name + "]")
        eff: dict[str, Any] = {name: self.section(name) for name in SECTIONS}
        eff["rules"] = self.rules()
        # Company-specific like [organization]: never inherited from the default pack.
        eff["responses"] = check_responses(self.raw.get("responses", []), self.lines, self.where)
        self.refine(eff)
        return eff

    def section(self, name: str) -> dict[str, Any]:
        given = self.raw.get(name, {})
        spec = SECTIONS[name]
        for key in given:
            if key not in spec:
                raise self.fail((name,), key, f"unknown key (known: {', '.join(spec)})")
        out: dict[str, Any] = {}
        for key, kind in spec.items():
            if key in given:
                out[key] = self.value((name,), key, given[key], kind)
            elif (name, key) in _COMPANY_KEYS:
                out[key] = "" if kind == "str" else []
            elif self.defaults is not None:
                out[key] = self.defaults[name][key]
            else:
                raise self.fail((name,), None, f"missing key {key}")
        return out

    def rules(self) -> dict[str, dict[str, Any]]:
        given = self.raw.get("rules", {})
        for name, table in given.items():
            if name not in RULES:
                raise self.fail(("rules", name), None, f"unknown rule (known: {', '.join(RULES)})")
            if not isinstance(table, dict):
                raise self.fail(("rules", name), None, "must be a table")
            for key in table:
                if key not in RULE_KEYS:
                    raise self.fail(
                        ("rules", name), key, f"unknown key (known: {', '.join(RULE_KEYS)})"
                    )
        out: dict[str, dict[str, Any]] = {}
        for name in RULES:
            table = given.get(name, {})
            base = self.defaults["rules"][name] if self.defaults is not None else None
            cfg: dict[str, Any] = {}
            for key, kind in RULE_KEYS.items():
                if key in table:
                    cfg[key] = self.value(("rules", name), key, table[key], kind)
                elif base is not None:
                    cfg[key] = base[key]
                elif key == "enabled":
                    cfg[key] = True
                elif key == "escalate_to":
                    cfg[key] = None
                else:
                    raise self.fail(("rules", name), None, f"missing key {key}")
            self.rule_values(name, cfg)
            out[name] = cfg
        return out

    def rule_values(self, name: str, cfg: dict[str, Any]) -> None:
        table = ("rules", name)
        severities = [s.value for s in Severity]
        if cfg["severity"] not in severities:
            raise self.fail(table, "severity", f"must be one of {', '.join(severities)}")
        roles = [r.value for r in Role]
        if cfg["escalate_to"] is not None and cfg["escalate_to"] not in roles:
            raise self.fail(table, "escalate_to", f"must be one of {', '.join(roles)}")
        if not cfg["policy_ref"]:
            raise self.fail(table, "policy_ref", "must name the policy section the rule enforces")

    def refine(self, eff: dict[str, Any]) -> None:
        """Checks and normalisations that depend on what a value means."""
        org = eff["organization"]
        domains = []
        for d in org["domains"]:
            d = d.lower().rstrip(".")
            if not _DOMAIN_RE.match(d):
                raise self.fail(
                    ("organization",), "domains", f'"{d}" must be a bare domain like example.com'
                )
            domains.append(d)
        org["domains"] = domains
        # Handles are written with or without "@"; keep them without.
        org["official_accounts"] = [a.lstrip("@") for a in org["official_accounts"]]
        tags = eff["review"]["tags"]
        if len(tags) > _MAX_TAGS:
            raise self.fail(("review",), "tags", f"at most {_MAX_TAGS} tags (keys 1-9)")
        for tag in tags:
            if any(c.isspace() for c in tag):
                raise self.fail(("review",), "tags", f'tag "{tag}" must not contain spaces')
        pd = eff["personal_data"]
        pd["role_mailboxes"] = [m.lower() for m in pd["role_mailboxes"]]
        for region in pd["phone_regions"]:
            if not re.fullmatch(r"[A-Z]{2}", region):
                raise self.fail(
                    ("personal_data",),
                    "phone_regions",
                    f'"{region}" must be a two-letter region code such as DE',
                )
        self.refine_phrases(eff)
        for key in ("terms", "markings"):
            for entry in eff["confidential"][key]:
                if not any(c.isalnum() for c in entry):
                    raise self.fail(
                        ("confidential",), key, f'"{entry}" has no letters or digits to match'
                    )

    def refine_phrases(self, eff: dict[str, Any]) -> None:
        """Every phrase needs a letter or digit; conjunctions need every part filled."""
        for section in _PHRASE_SECTIONS:
            for key, entries in eff[section].items():
                if not isinstance(entries, list):
                    continue
                for entry in entries:
                    if (section, key) in CONJUNCTION_KEYS:
                        parts = [p.split("|") for p in entry.split("&")]
                    else:
                        parts = [[entry]]
                    for alternatives in parts:
                        for alt in alternatives:
                            if not any(c.isalnum() for c in alt):
                                raise self.fail(
                                    (section,),
                                    key,
                                    f'"{entry}": every part of "a|b & c" needs a letter or digit'
                                    if (section, key) in CONJUNCTION_KEYS
                                    else f'"{entry}" has no letters or digits to match',
                                )


_PHRASE_SECTIONS = (
    "regulated_claim",
    "unsourced_claim",
    "defamation",
    "unlawful_activity",
    "missing_credit",
    "speaking",
    "complaint_reply",
)


def _split_dotted(header: str) -> tuple[str, ...]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', header)
    return tuple(a or b or c for a, b, c in parts)
