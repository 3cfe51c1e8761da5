"""Rule ``suspicious_link``: lookalike domains, URL shorteners and phishing lures.

Links are found on the ``clean`` view: URLs with a scheme or ``www.``, and
bare domains with a common top-level domain ("nordwind-energle.de/login").
For each host:

- the organisation's own domains (and their subdomains) and the policy's
  trusted domains never fire;
- a **lookalike** is a registrable domain whose label, after punycode decoding
  and mapping homoglyphs (Cyrillic "а", "0" for "o", "rn" for "m" ...), equals
  an own label or is within ``max_lookalike_distance`` edits of it (labels of
  6+ characters), or that contains the own label plus more ("nordwind-energie-
  login.com"), or that carries our domain as a subdomain of a foreign one
  ("nordwind-energie.de.secure-login.ru");
- a **shortener** from the policy's list hides the target;
- a **lure** phrase ("verify your account", "Konto bestätigen") with a
  foreign link in the same post.

No network: the registrable domain is the last two labels, or three under a
small table of two-level public suffixes (co.uk, com.au ...).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rapidfuzz.distance import OSA

from reviewer.flags.phrases import Anchors, phrase_regex
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

_TLDS = (
    "com|de|net|org|info|biz|io|co|me|ly|gl|at|ch|eu|uk|ru|cn|tk|ml|ga|cf|gq|xyz|top|online|site"
    "|app|dev|shop|store|club|live|link|click|support|help|login|cc|ws|su|pw|in|us|fr|nl|it|es|pl"
)
_URL_RE = re.compile(
    r"(?i)(?<![\w@.\-/])(?:(?:https?://|hxxps?://|www\.)[^\s<>\"'«»“”]+"
    rf"|(?:[a-z0-9\-\u00a0-\uffff]+\.)+(?:{_TLDS}|xn--[a-z0-9\-]+)(?![\w\-])(?:/[^\s<>\"'«»“”]*)?)"
)
_SCHEME_RE = re.compile(r"(?i)^(?:https?|hxxps?)://")
# Every link contains one of these (a dot before a TLD, "://" or "www.").
_ANCHORS = Anchors(["://", "www.", ".xn--", *(f".{tld}" for tld in _TLDS.split("|"))])
_TWO_LEVEL = frozenset(
    {
        "co.uk",
        "org.uk",
        "ac.uk",
        "gov.uk",
        "com.au",
        "net.au",
        "co.jp",
        "com.br",
        "co.nz",
        "com.cn",
        "com.tr",
        "co.at",
        "or.at",
        "com.pl",
        "co.in",
        "com.mx",
        "com.ru",
    }
)
# Characters that look like Latin letters, and digit/letter swaps, mapped to the Latin letter.
_HOMOGLYPHS = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "ӏ": "l",
        "ɡ": "g",
        "ο": "o",
        "ν": "v",
        "α": "a",
        "ı": "i",
        "0": "o",
        "1": "l",
        "3": "e",
        "5": "s",
        "|": "l",
    }
)
_MULTI_GLYPHS = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))
_TRAILING = ".,;:!?)]}>…'\""
_MIN_FUZZY = 6

_SCORES = {"lookalike": 0.9, "lure": 0.8, "shortener": 0.5}


class SuspiciousLinkRule:
    """Flags links to lookalikes of our domains, shortened links and phishing lures."""

    name = "suspicious_link"
    triggers = _ANCHORS.needles

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["suspicious_link"]
        self.own = tuple(policy.organization.domains)
        self.trusted = tuple(d.lower() for d in cfg["trusted_domains"])
        self.shorteners = frozenset(d.lower() for d in cfg["shorteners"])
        self.max_distance = int(cfg["max_lookalike_distance"])
        self.lure_re = phrase_regex(cfg["lure_phrases"])
        # Own registrable labels ("nordwind-energie") and their skeletons.
        self.own_labels = {_label(d) for d in self.own}
        self.own_skeletons = {_skeleton(x) for x in self.own_labels}

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every suspicious link (and lure) in the post, or None."""
        if not _ANCHORS.any_in(post.folded_fast):
            return None
        view = post.clean
        evidence: list[Evidence] = []
        kinds: list[str] = []
        foreign: list[tuple[int, int]] = []
        for m in _URL_RE.finditer(view.text):
            url = m.group()
            end = m.end()
            while url and url[-1] in _TRAILING:
                url, end = url[:-1], end - 1
            host = _host(url)
            if not host or self._ours(host) or self._trusted(host):
                continue
            start, stop = view.span(m.start(), end)
            foreign.append((start, stop))
            kind_why = self._judge(host)
            if kind_why is not None:
                kinds.append(kind_why[0])
                evidence.append(Evidence(start, stop, post.text[start:stop], kind_why[1]))
        if foreign and not evidence and self.lure_re is not None:
            folded = post.folded
            lure = self.lure_re.search(folded.text)
            if lure is not None:
                a, b = folded.span(lure.start(), lure.end())
                phrase = post.text[a:b]
                kinds.append("lure")
                evidence.append(Evidence(a, b, phrase, f'phishing lure "{phrase}" next to a link'))
                for start, stop in foreign:
                    text = post.text[start:stop]
                    evidence.append(Evidence(start, stop, text, "foreign link next to a lure"))
        if not evidence:
            return None
        evidence.sort(key=lambda e: e.start)
        return RuleResult(max(_SCORES[k] for k in kinds), evidence)

    def _ours(self, host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in self.own)

    def _trusted(self, host: str) -> bool:
        return any(host == d or host.endswith("." + d) for d in self.trusted)

    def _judge(self, host: str) -> tuple[str, str] | None:
        registrable = _registrable(host)
        if registrable in self.shorteners or host in self.shorteners:
            return "shortener", f"URL shortener {registrable} hides the target"
        label = registrable.split(".", 1)[0]
        decoded = _decode(label)
        skeleton = _skeleton(decoded)
        for own in self.own_labels:
            own_skel = _skeleton(own)
            if skeleton == own_skel:
                how = "punycode/homoglyph" if decoded != own else "same name, other domain"
                return "lookalike", f'lookalike of our domain "{own}" ({how}: {registrable})'
            if len(own) >= _MIN_FUZZY:
                dist = OSA.distance(skeleton, own_skel)
                if dist <= self.max_distance:
                    return "lookalike", (
                        f'lookalike of our domain "{own}" ({dist} edit(s): {registrable})'
                    )
                if own_skel.replace("-", "") in skeleton.replace("-", ""):
                    return "lookalike", f'our name "{own}" inside a foreign domain ({registrable})'
        # Our whole domain used as a subdomain of a foreign one.
        for d in self.own:
            if host.startswith(d + ".") or ("." + d + ".") in host:
                return "lookalike", f"our domain {d} as a subdomain of {registrable}"
        return None


def _host(url: str) -> str:
    rest = _SCHEME_RE.sub("", url)
    host = re.split(r"[/?#:]", rest, maxsplit=1)[0].lower().strip(".")
    if "@" in host:  # user@host
        host = host.rsplit("@", 1)[1]
    return host[4:] if host.startswith("www.") else host


def _registrable(host: str) -> str:
    labels = host.split(".")
    if len(labels) >= 3 and ".".join(labels[-2:]) in _TWO_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _label(domain: str) -> str:
    return _registrable(domain).split(".", 1)[0]


def _decode(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except (UnicodeError, ValueError):
            return label
    return label


def _skeleton(label: str) -> str:
    s = label.casefold().translate(_HOMOGLYPHS)
    for a, b in _MULTI_GLYPHS:
        s = s.replace(a, b)
    return s
