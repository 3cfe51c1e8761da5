"""Rule ``credential_leak``: passwords, one-time codes, API keys, tokens and private keys.

Three finders run on the ``clean`` view (NFKC, invisible characters removed;
case kept, because key prefixes are case-sensitive):

- API keys and tokens by their issuers' well-known prefixes and lengths
  (GitHub ``ghp_``, AWS ``AKIA``, Stripe ``sk_live_``, Slack ``xoxb-``, ...)
  and private key headers. No word is needed.
- A password after a secret word ("password: …", "Passwort ist …", "PIN
  lautet …"): the value must look like a secret (a digit, a symbol or mixed
  case, or quoted), so "Password: reset it in the portal" does not fire.
- A one-time code: 4-8 digits shortly after a 2FA/OTP/TAN word ("Dein
  Bestätigungscode: 482 913"); years are not codes.

A cheap regex of anchors runs first on every post. Evidence is masked: the
secret is replaced by asterisks, only a key's public prefix stays visible.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.flags.normalize import fold_term
from reviewer.flags.phrases import Anchors
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

# (label, pattern, visible prefix length). Lengths follow the issuers' formats.
_KEY_PATTERNS: tuple[tuple[str, str, int], ...] = (
    ("GitHub token", r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b", 4),
    ("GitHub token", r"\bgithub_pat_[A-Za-z0-9_]{60,90}\b", 11),
    ("GitLab token", r"\bglpat-[A-Za-z0-9_\-]{20}\b", 6),
    ("AWS access key", r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b", 4),
    ("Stripe key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,99}\b", 8),
    ("Slack token", r"\bxox[baprs]-[A-Za-z0-9\-]{10,72}\b", 5),
    ("Slack webhook", r"https://hooks\.slack\.com/services/T[A-Za-z0-9_/]{20,}", 31),
    ("Google API key", r"\bAIza[0-9A-Za-z_\-]{35}(?![\w\-])", 4),
    ("OpenAI key", r"\bsk-(?:proj-)?[A-Za-z0-9_\-]{32,}\b", 3),
    ("npm token", r"\bnpm_[A-Za-z0-9]{36}\b", 4),
    ("JSON web token", r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}", 3),
    (
        "private key",
        r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----",
        -1,  # the header is not secret: shown as is
    ),
)
_KEYS_RE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_l, p, _n) in enumerate(_KEY_PATTERNS)))
# Substrings every key match contains (the prefilter looks for them in folded text).
_KEY_ANCHOR_WORDS = (
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "akia",
    "asia",
    "k_live_",
    "k_test_",
    "xox",
    "hooks.slack",
    "aiza",
    "sk-",
    "npm_",
    "eyj",
    "private key",
)
# Between the secret word and its value: up to three words, then ":", "=", "is", "ist" ...
_SEPARATOR = (
    r"(?:[ \t]+[\w\-äöüÄÖÜß]+){0,4}?[ \t]*"
    r"(?:[:=]|->|→|[ \t](?:is|ist|lautet|heißt|heisst|was|war|wäre)(?=[ \t]))[ \t]*"
    r"(?:(?:jetzt|now|neu|new|nun|wieder|still|noch)[ \t]+)?"
)
_VALUE = r"(?P<val>\"[^\"\n]{3,64}\"|'[^'\n]{3,64}'|„[^“\n]{3,64}“|[^\s\"'„]{4,64})"
_OTP_VALUE = r"(?<![#&\w])(?P<val>\d(?:[ \-]?\d){3,7})(?![\d\w])"
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_SYMBOL_RE = re.compile(r"[^\w\s]|_")
_TRAILING = ".,;:!?)]}…"
_URLISH_RE = re.compile(r"(?i)^(?:https?://|www\.)|@")

# Words after which a user name may come before the secret, and how they are separated.
_PAIR_WORDS = frozenset({"zugangsdaten", "credentials", "login", "logindaten", "anmeldedaten"})
_FOLLOW_RE = re.compile(
    r"(?i)[ \t]*(?:/|,|;|\||und|and|pw:?|pwd:?|passwort:?|password:?)[ \t]*(\S{4,64})"
)

_SCORES = {"key": 0.95, "password": 0.85, "otp": 0.75}


class CredentialLeakRule:
    """Flags posts that reveal a password, a one-time code, an API key or a private key."""

    name = "credential_leak"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["credential_leak"]
        secret = _words_re(cfg["secret_words"])
        otp = _words_re(cfg["otp_words"])
        self.placeholders = frozenset(p.casefold() for p in cfg["placeholders"])
        self.pin_words = frozenset({"pin", "tan", "sms-tan", "pushtan"})
        self.password_re = re.compile(rf"(?i)(?P<word>{secret}){_SEPARATOR}{_VALUE}")
        self.otp_re = re.compile(rf"(?i)(?P<word>{otp})[^\n\d]{{0,25}}?{_OTP_VALUE}")
        # Prefilters: key prefixes on the clean text, the words on the folded text
        # (lower case, no case-insensitive matching: several times faster).
        words = {fold_term(w) for w in (*cfg["secret_words"], *cfg["otp_words"])}
        self.anchors = Anchors(words | {a.lower() for a in _KEY_ANCHOR_WORDS})
        self.triggers = self.anchors.needles

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Masked evidence for every secret in the post, or None."""
        if not self.anchors.any_in(post.folded_fast):
            return None
        view = post.clean
        text = view.text
        found: list[tuple[int, int, str, str, str]] = []  # start, end, kind, masked, why
        for item in (*self._keys(text), *self._passwords(text), *self._otps(text)):
            if not any(item[0] < b and a < item[1] for a, b, *_ in found):
                found.append(item)
        if not found:
            return None
        found.sort()
        evidence = []
        for a, b, _kind, masked, why in found:
            start, end = view.span(a, b)
            evidence.append(Evidence(start, end, masked, why))
        return RuleResult(max(_SCORES[f[2]] for f in found), evidence)

    # -- finders: each yields (start, end, kind, masked text, why) on the view --

    def _keys(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = []
        for m in _KEYS_RE.finditer(text):
            i = int(m.lastgroup[1:]) if m.lastgroup else 0
            label, _pattern, visible = _KEY_PATTERNS[i]
            value = m.group()
            masked = value if visible < 0 else value[:visible] + "*" * 8
            out.append((m.start(), m.end(), "key", masked, f"{label} (well-known prefix)"))
        return out

    def _passwords(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = []
        for m in self.password_re.finditer(text):
            word = m.group("word")
            value = m.group("val")
            end = m.end("val")
            while value and value[-1] in _TRAILING and not _quoted(value):
                value, end = value[:-1], end - 1
            if not self._secret_like(value, pin=word.casefold() in self.pin_words):
                # "Zugangsdaten: redaktion / Start123!": user name first, then the secret.
                follow = _FOLLOW_RE.match(text, m.end("val"))
                if word.casefold() not in _PAIR_WORDS or follow is None:
                    continue
                value, end = follow.group(1), follow.end(1)
                while value and value[-1] in _TRAILING:
                    value, end = value[:-1], end - 1
                if not self._secret_like(value, pin=False):
                    continue
            masked = f"{word} {'*' * 8}"
            why = f'secret after "{word}" (value masked)'
            out.append((m.start(), end, "password", masked, why))
        return out

    def _otps(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = []
        for m in self.otp_re.finditer(text):
            word = m.group("word")
            digits = re.sub(r"\D", "", m.group("val"))
            short_ok = word.casefold() in self.pin_words
            if len(digits) < (4 if short_ok else 6) or _YEAR_RE.fullmatch(digits):
                continue
            masked = f"{word} {'*' * len(digits)}"
            why = f'one-time code after "{word}" (digits masked)'
            out.append((m.start(), m.end("val"), "otp", masked, why))
        return out

    def _secret_like(self, value: str, pin: bool) -> bool:
        """Whether a value after a secret word looks like a real secret."""
        if _quoted(value):
            inner = value[1:-1].strip()
            return len(inner) >= 3 and inner.casefold() not in self.placeholders
        if (
            len(value) < 4
            or value.casefold() in self.placeholders
            or _URLISH_RE.search(value)
            or value.startswith(("/", "&#"))
        ):
            return False
        if set(value) <= set("*xX.•"):
            return False
        if value.isdigit():
            return (pin or len(value) >= 6) and not _YEAR_RE.fullmatch(value)
        has_digit = any(c.isdigit() for c in value)
        has_symbol = bool(_SYMBOL_RE.search(value))
        mixed = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
        letters = any(c.isalpha() for c in value)
        return letters and len(value) >= 6 and (has_digit or has_symbol or mixed)


def _quoted(value: str) -> bool:
    return len(value) >= 2 and (value[0], value[-1]) in {('"', '"'), ("'", "'"), ("„", "“")}


def _words_re(words: list[str]) -> str:
    """An alternation of ``words`` as whole words (spaces and hyphens interchangeable)."""
    forms = sorted({w.casefold() for w in words}, key=len, reverse=True)
    alts = [r"[ \-]?".join(re.escape(p) for p in re.split(r"[ \-]", w)) for w in forms]
    return rf"(?<![\w\-])(?:{'|'.join(alts)})(?!\w)" if alts else ""
