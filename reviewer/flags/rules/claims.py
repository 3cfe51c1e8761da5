"""Rules ``regulated_claim`` and ``unsourced_claim``: claims a post should not make, or not alone.

``regulated_claim`` (guide, 4. legal risks: regulated industries): a sentence
that promises a financial result ("garantierte Rendite", "risk-free
investment", "verdienen Sie garantiert 300 €"), claims a health effect ("heilt
Rheuma", "cured my asthma") or claims a government endorsement ("officially
approved by the Federal Network Agency", "Förderung garantiert"). Each needs
two cue lists in one sentence: a promise and a financial object, an effect and
a condition, an authority and an endorsement of us. A negation just before the
promise ("no guarantee", "keine Garantie", "won't cure") or a disclaimer in the
sentence ("past performance", "results may vary") cancels it.

``unsourced_claim`` (guide, 3. check your facts; 4. credit sources): a
sentence that appeals to studies or experts ("studies show", "laut einer
Studie") or states a statistic about a population ("90% of Germans", "jeder
zweite Haushalt", "3 von 4 Verbrauchern"), in a post that names no source: no
link, no "Quelle:"/"source:", no "via @…", no "laut <Name>"/"according to
<Name>".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.flags.normalize import View, fold_term
from reviewer.flags.phrases import Anchors
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.flags.rules.cues import Cues, evidence, quoted, sentences
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

# Money amounts on folded text: "€500", "300 €", "50 euro".
MONEY_RE = re.compile(r"€\s?\d|\d[\d.,]*\s?(?:€|eur\b|euro)")
_WORD_RE = re.compile(r"[\w'’]+")
# Words after "laut"/"according to" that name no source ("laut Studien", "according to experts").
_GENERIC_SOURCES = (
    r"(?i:studien|studie|studies|study|experten|experts|forscher\w*|research\w*|umfrage\w*|"
    r"surveys?|statisti\w*|wissenschaftler\w*|scientists?|forschung\w*)\b"
)
# Every statistic the rule knows has one of these (see UnsourcedClaimRule.stat_re).
QUANTITY_ANCHORS = (
    "%",
    "prozent",
    "percent",
    "per cent",
    "out of",
    " von ",
    " aus ",
    "every",
    "jede",
    "half",
    "haelfte",
    "third",
    "drittel",
)
NEGATION_WINDOW = 3  # words before a cue in which a negation cancels it


def negated(sentence: str, start: int, negations: Cues, window: int = NEGATION_WINDOW) -> bool:
    """Whether one of the ``window`` words before ``start`` is a negation."""
    before = _WORD_RE.findall(sentence[:start])[-window:]
    return bool(before) and negations.search(" ".join(before)) is not None


class RegulatedClaimRule:
    """Financial promises, health claims and claimed government endorsements."""

    name = "regulated_claim"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["regulated_claim"]
        org = policy.organization
        self.promises = Cues(cfg["finance_promises"])
        self.finance = Cues(cfg["finance_terms"])
        self.effects = Cues(cfg["health_effects"])
        self.conditions = Cues(cfg["health_conditions"])
        self.authorities = Cues(cfg["authorities"])
        self.endorsements = Cues(cfg["endorsements"])
        self.subsidies = Cues(cfg["subsidies"])
        self.negations = Cues(cfg["negations"])
        self.blockers = Cues(cfg["not_claim"])
        names = [n.lstrip("@#") for n in (org.name, *org.brands) if n]
        self.ours = Cues([*names, *policy.effective["speaking"]["self_words"]], after_sigil=True)
        # A claim needs a promise, an effect or an authority: their anchors are the prefilter.
        self.anchors = Anchors(
            self.promises.anchors | self.effects.anchors | self.authorities.anchors
        )
        self.triggers = self.anchors.needles  # for the engine's cascade

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every regulated claim, or None."""
        if not self.anchors.any_in(post.folded_fast):
            return None
        view = post.folded
        found: list[Evidence] = []
        for base, s in sentences(view.text):
            if self.blockers.search(s):
                continue
            found.extend(self._finance(view, base, s))
            found.extend(self._health(view, base, s))
            found.extend(self._government(view, base, s))
        return RuleResult(0.8, found) if found else None

    def _promise(self, s: str) -> re.Match[str] | None:
        for m in self.promises.finditer(s):
            if not negated(s, m.start(), self.negations):
                return m
        return None

    def _finance(self, view: View, base: int, s: str) -> list[Evidence]:
        promise = self._promise(s)
        if promise is None:
            return []
        what = self.finance.search(s) or MONEY_RE.search(s)
        if what is None:
            return []
        p, w = quoted(view, base, promise), quoted(view, base, what)
        why = f'financial promise "{p}" about "{w}"'
        return [evidence(view, base, promise, why), evidence(view, base, what, why)]

    def _health(self, view: View, base: int, s: str) -> list[Evidence]:
        for effect in self.effects.finditer(s):
            if negated(s, effect.start(), self.negations):
                continue
            condition = self.conditions.search(s)
            if condition is None:
                return []
            e, c = quoted(view, base, effect), quoted(view, base, condition)
            why = f'health claim: "{e}" … "{c}"'
            return [evidence(view, base, effect, why), evidence(view, base, condition, why)]
        return []

    def _government(self, view: View, base: int, s: str) -> list[Evidence]:
        authority = self.authorities.search(s)
        if authority is not None:
            endorsed = self.endorsements.search(s)
            if (
                endorsed is not None
                and not negated(s, endorsed.start(), self.negations)
                and self.ours.search(s)
            ):
                a, e = quoted(view, base, authority), quoted(view, base, endorsed)
                why = f'claimed government endorsement: "{a}" … "{e}"'
                return [evidence(view, base, authority, why), evidence(view, base, endorsed, why)]
        subsidy = self.subsidies.search(s)
        promise = self._promise(s) if subsidy is not None else None
        if subsidy is not None and promise is not None:
            sub, pro = quoted(view, base, subsidy), quoted(view, base, promise)
            why = f'subsidy promised: "{sub}" … "{pro}"'
            return [evidence(view, base, subsidy, why), evidence(view, base, promise, why)]
        return []


class UnsourcedClaimRule:
    """Appeals to studies and population statistics in a post that names no source."""

    name = "unsourced_claim"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["unsourced_claim"]
        self.claims = Cues(cfg["claim_phrases"])
        self.negations = Cues(cfg["negations"])
        pops = "|".join(
            sorted({re.escape(p.lower().rstrip("*")) for p in cfg["populations"]}, key=len)[::-1]
        )
        quantity = (
            r"(?:\d+(?:[.,]\d+)?\s?(?:%|prozent\b|percent\b|per cent\b)\s+(?:of\s+|der\s+|aller\s+)"
            r"(?:all\s+|the\s+)?"
            r"|\d+\s+(?:out\s+of|von|aus)\s+\d+\s+"
            r"|(?:every|jede[rsn]?)\s+(?:second|third|fourth|zweite[nr]?|dritte[nr]?|vierte[nr]?)\s+"
            r"|(?:half|a\s+third|two\s+thirds|die\s+haelfte|ein\s+drittel|zwei\s+drittel)\s+"
            r"(?:of\s+)?(?:all\s+|aller\s+|der\s+)?)"
        )
        self.stat_re = re.compile(rf"(?<!\w){quantity}(?:{pops})\w*") if pops else None
        self.source_re = re.compile(
            r"https?://|www\.|\b[\w-]+\.(?:de|com|org|net|eu|gov|int|edu)\b"
            r"|" + "|".join(_source_cue(c) for c in cfg["source_cues"]),
            re.IGNORECASE,
        )
        # "laut Umweltbundesamt", "according to the Federal Statistical Office",
        # "Studie des Fraunhofer ISE": a named source (capitalised), not "laut einer Studie".
        self.named_source_re = re.compile(
            r"\b(?i:laut|according\s+to|zufolge|study\s+by|report\s+by|data\s+from|"
            r"(?:studie|bericht|daten|umfrage|analyse)\s+(?:des|der|von|vom))\s+"
            r"(?:(?i:dem|der|des|the)\s+)?(?!" + _GENERIC_SOURCES + r")[A-ZÄÖÜ][\w-]+",
        )
        # Prefilter: a study phrase, or a population word and a quantity cue.
        self.anchors = Anchors(self.claims.anchors)
        pop_anchors = set()
        for p in cfg["populations"]:
            word = fold_term(p).rstrip("*")
            pop_anchors.add(word[:6] if len(word) > 6 else word)
        self.population_anchors = Anchors(pop_anchors)
        self.quantity_anchors = Anchors(QUANTITY_ANCHORS)
        self.triggers = self.anchors.needles | self.quantity_anchors.needles

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for each unsourced claim, or None when the post names a source."""
        folded = post.folded_fast
        if not self.anchors.any_in(folded) and not (
            self.quantity_anchors.any_in(folded) and self.population_anchors.any_in(folded)
        ):
            return None
        view = post.folded
        found: list[Evidence] = []
        for base, s in sentences(view.text):
            if s.rstrip().endswith("?"):
                continue
            for m in self.claims.finditer(s):
                if not negated(s, m.start(), self.negations):
                    cue = quoted(view, base, m)
                    why = f'appeal to studies or experts ("{cue}") without a source'
                    found.append(evidence(view, base, m, why))
            if self.stat_re is not None:
                for m in self.stat_re.finditer(s):
                    why = f'statistic "{quoted(view, base, m)}" without a source'
                    found.append(evidence(view, base, m, why))
        if not found:
            return None
        clean = post.clean_fast
        if self.source_re.search(clean) or self.named_source_re.search(clean):
            return None
        return RuleResult(0.6, found)


def _source_cue(cue: str) -> str:
    """A source cue as regex: "Quelle:" must start a word; "via @" needs a handle after it."""
    body = re.escape(cue.strip())
    return rf"(?<!\w){body}" + (r"\w" if cue.strip().endswith("@") else "")
