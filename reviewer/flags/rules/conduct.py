"""Rules ``defamation`` and ``unlawful_activity`` (guide, minimum content).

``defamation``: a damaging factual accusation ("is a fraud", "lügt", "hat die
Bilanzen gefälscht", "took bribes") in a sentence that names its target: one of
the organisation's names or competitors, an @handle, a title and a name ("Herr
Müller", "Dr. Hansen"), a first and last name ("Thomas Berger"), or a
capitalised first word right before the accusation ("Hansen is a con artist",
"Müller lügt"). @handles that open a post address the people replied to and
are the target only when the accusation follows them.
Questions, a negation shortly before the accusation ("I'm not saying … is a
fraud", "nie behaupten, dass … lügt") and reporting or fiction cues
("convicted", "verurteilt", "documentary", "Krimi", "beware") do not count.

``unlawful_activity``: conjunction entries (``"bribe*|bestochen & inspector|
Bauamt"``) that must all be found in one sentence, so that a verb alone ("I
bribed my team with donuts", "Gras gemäht") does not fire; sentences about
prevention, training or the news ("compliance training", "Zoll kontrolliert",
"police seized") do not count.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.flags.phrases import Anchors
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.flags.rules.claims import negated
from reviewer.flags.rules.cues import Conjunctions, Cues, evidence, quoted, sentences
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.normalize import View
    from reviewer.flags.policy import Policy

# Capitalised words that are function words, not names (EN and DE).
_FUNCTION_WORDS = """
    the this that these those a an my our your his her their he she it we they you i me us
    is are was were be been if and or but so not no yes never nobody everyone someone why how
    what when where who today yesterday tomorrow oh ok lol haha wow also just please hey hi
    beware warning achtung vorsicht
    der die das den dem des ein eine einen einem einer mein meine meinen unser unsere dein
    deine sein seine ihr ihre er sie es wir man wer was im in am an auf bei mit von vom zum zur
    und aber oder doch ja nein nicht kein keine keiner niemand jeder alle ich dass weil warum
    wie wann wo heute gestern morgen hier dort da dann auch nur schon noch ist sind war hat
    diese dieser dieses diesen jene jener solche alle viele manche rt lbr
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
_CAP_WORD = r"[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)?"
_FULL_NAME_RE = re.compile(rf"(?<![\w@])({_CAP_WORD})\s+({_CAP_WORD})(?![\w@])")
_HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_][\w.]*")
_LEADING_HANDLES_RE = re.compile(r"\s*(?:RT\s+)?(?:@[A-Za-z0-9_][\w.]*[\s,:]*)+")
_TOKEN_RE = re.compile(r"[\w@][\w.'’-]*")
DEFAMATION_NEGATION_WINDOW = 6


class DefamationRule:
    """Damaging factual accusations against a named person or company."""

    name = "defamation"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["defamation"]
        org = policy.organization
        self.accusations = Cues(cfg["accusations"])
        self.negations = Cues(cfg["negations"])
        self.blockers = Cues(cfg["not_defamation"])
        names = [n.lstrip("@#") for n in (org.name, *org.brands, *org.competitors) if n]
        self.companies = Cues(names, after_sigil=True)
        titles = "|".join(re.escape(t) for t in sorted(cfg["person_titles"], key=len, reverse=True))
        self.title_re = (
            re.compile(rf"(?<!\w)(?:{titles})\.?\s+{_CAP_WORD}", re.IGNORECASE) if titles else None
        )
        self.anchors = Anchors(self.accusations.anchors)
        self.triggers = self.anchors.needles  # for the engine's cascade

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence (target and accusation) for each defamatory sentence, or None."""
        if not self.anchors.any_in(post.folded_fast):
            return None
        view = post.folded
        found: list[Evidence] = []
        for base, s in sentences(view.text):
            if s.rstrip().endswith("?") or self.blockers.search(s):
                continue
            for m in self.accusations.finditer(s):
                if negated(s, m.start(), self.negations, DEFAMATION_NEGATION_WINDOW):
                    continue
                target = self._target(view, base, s, m)
                if target is None:
                    continue
                why = f'accusation "{quoted(view, base, m)}" against {target[2]}'
                found.append(evidence(view, base, m, why))
                found.append(evidence(view, base, (target[0], target[1]), why))
                break
        return RuleResult(0.8, found) if found else None

    def _target(
        self, view: View, base: int, s: str, accusation: re.Match[str]
    ) -> tuple[int, int, str] | None:
        """(start, end, description) of the named target in sentence ``s``; offsets in ``s``."""
        company = self.companies.search(s)
        if company is not None:
            return company.start(), company.end(), f'"{quoted(view, base, company)}"'
        # Names need the original case: map the sentence back and search there.
        a, b = view.span(base, base + len(s))
        original = view.original[a:b]
        acc_start = view.span(base + accusation.start(), base + accusation.end())[0] - a
        acc_end = view.span(base + accusation.start(), base + accusation.end())[1] - a
        candidates: list[tuple[int, int, str]] = []
        # Handles that open a post address the people replied to; they are the
        # target only when the accusation follows them ("@solaris_ceo is a criminal").
        lead = _LEADING_HANDLES_RE.match(original) if a == 0 else None
        lead_end = lead.end() if lead is not None else 0
        for m in _HANDLE_RE.finditer(original):
            if m.end() <= lead_end and original[lead_end:acc_start].strip():
                continue
            candidates.append((m.start(), m.end(), "handle"))
        if self.title_re is not None:
            for m in self.title_re.finditer(original):
                candidates.append((m.start(), m.end(), "name"))
        for m in _FULL_NAME_RE.finditer(original):
            first, last = m.group(1), m.group(2)
            if first.lower() in FUNCTION_WORDS or last.lower() in FUNCTION_WORDS:
                continue
            if m.start() < acc_end and acc_start < m.end():
                continue  # the accusation itself ("Achtung Betrug")
            candidates.append((m.start(), m.end(), "name"))
        if not candidates:
            # A capitalised first word right before the accusation is its subject
            # ("Hansen is a con artist", "Müller lügt"); not any capitalised word,
            # which in German is every noun.
            first = _TOKEN_RE.search(original[:acc_start])
            if first is not None and not original[first.end() : acc_start].strip():
                word = first.group()
                if word[0].isupper() and word.lower() not in FUNCTION_WORDS:
                    candidates.append((first.start(), first.end(), "name"))
        if not candidates:
            return None
        start, end, kind = candidates[0]
        # Back into folded-view offsets relative to the sentence.
        fs = _folded_offset(view, a + start, base) - base
        fe = _folded_offset(view, a + end, base) - base
        return max(fs, 0), max(fe, fs), f'{kind} "{original[start:end]}"'


def _folded_offset(view: View, original_pos: int, base: int) -> int:
    """The first folded-view offset from ``base`` whose original start is ``original_pos``."""
    i = base
    n = len(view.text)
    while i < n and view.span(i, i + 1)[0] < original_pos:
        i += 1
    return i


class UnlawfulActivityRule:
    """Descriptions of unlawful behaviour: drugs, bribery, tax evasion, insider trading, theft."""

    name = "unlawful_activity"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["unlawful_activity"]
        self.terms = Conjunctions(cfg["terms"])
        self.blockers = Cues(cfg["not_unlawful"])
        self.triggers = self.terms.triggers  # for the engine's cascade

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for each matched entry, or None."""
        candidates = self.terms.candidates(post.folded_fast)
        if not candidates:
            return None
        view = post.folded
        found: list[Evidence] = []
        for base, s in sentences(view.text):
            if self.blockers.search(s):
                continue
            for entry, matches in self.terms.find(s, candidates):
                words = " … ".join(f'"{quoted(view, base, m)}"' for m in matches)
                why = f"unlawful activity: {words} (entry {entry!r})"
                found.extend(evidence(view, base, m, why) for m in matches)
                break
        return RuleResult(0.8, found) if found else None
