"""Who speaks for the company: the rules on personal accounts and replies.

Rules ``missing_disclaimer``, ``unauthorized_spokesperson`` and ``complaint_reply``.

All three look at the author: an account in ``[organization] official_accounts``
may speak for the company and is never flagged; a post whose author is unknown
is not judged (nothing says whose account it is).

- ``missing_disclaimer`` (guide, 3. personal accounts): a personal account
  names the company or a brand and the post carries no "views are my own" /
  "meine eigene Meinung" disclaimer. "Nordwind" alone is also a north wind:
  after an article or adjective ("der Nordwind", "eisiger Nordwind") or in a
  sentence about the weather ("bläst", "Beaufort") it is not the company.
- ``unauthorized_spokesperson`` (guide, 1. who may speak): a personal account
  speaks for the company: "on behalf of", "im Namen von", "official statement"
  or a role taken on ("as spokesperson", "als Sprecherin") in a sentence that
  names us or says "we", "we at Nordwind", or the company or "we" announcing an action on a company
  matter ("Nordwind will refund every customer", "ab März führen wir einen
  neuen Tarif ein"). Questions, hedges ("should", "hoffentlich", "if") and
  hearsay ("I heard", "laut Pressemitteilung") do not count, nor does a post
  that cites the official source (our domain, an official account).
- ``complaint_reply`` (guide, 1., the Walmart example): a reply by a personal
  account that answers a customer complaint: an apology, a help offer or a fix
  ("sorry, DM me your customer number", "ich leite das an die Abrechnung
  weiter"), when the post replied to (``parent_text``, from the thread) names
  us (a complaint or question to the company), or is a complaint answered in
  our name; without the parent, when the reply itself handles a customer matter
  (customer number, refund, hotline).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer.flags.normalize import folded_view
from reviewer.flags.phrases import Anchors
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.flags.rules.cues import (
    Conjunctions,
    Cues,
    WordAnchors,
    evidence,
    quoted,
    sentences,
)
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.normalize import View
    from reviewer.flags.policy import Policy


def handle_key(author: str) -> str:
    """An author or account as a comparable handle: no "@", no "@host", no URL, casefolded."""
    a = author.strip().casefold()
    if "/" in a:
        a = a.rstrip("/").rsplit("/", 1)[-1]
    a = a.lstrip("@")
    return a.split("@", 1)[0]


class Speakers:
    """Official accounts and company mentions, shared by the speaking rules."""

    def __init__(self, policy: Policy) -> None:
        org = policy.organization
        cfg = policy.effective["speaking"]
        self.official = {handle_key(a) for a in org.official_accounts}
        self._personal: dict[str, bool] = {}  # author -> not official (cache)
        names = [n.lstrip("@#") for n in (org.name, *org.brands) if n]
        self.names = Cues(names, after_sigil=True)
        self.self_words = Cues(cfg["self_words"])
        self.competitors = Cues(list(org.competitors), after_sigil=True)
        self.weather_before = Cues(cfg["weather_before"])
        self.weather = Cues(cfg["weather_words"])
        # A bare one-word name ("nordwind") is the one that can be a common word.
        self.bare = {n.casefold() for n in names if " " not in n and "_" not in n}
        self.domains = [d.casefold() for d in org.domains]
        self.official_mention = re.compile(
            "|".join(rf"@{re.escape(h)}(?![\w])" for h in sorted(self.official)) or r"(?!)"
        )

    def is_personal(self, post: PreparedPost) -> bool:
        """A known author that is not an official account, in words of their own (no repost)."""
        author = post.author
        if not author or post.kind == "repost":
            return False
        personal = self._personal.get(author)
        if personal is None:
            if len(self._personal) > 100_000:
                self._personal.clear()
            personal = self._personal[author] = handle_key(author) not in self.official
        return personal

    def company_mentions(self, text: str) -> list[tuple[int, int]]:
        """Spans of company mentions in folded ``text``, without the weather's north wind."""
        out = []
        for base, s in sentences(text):
            for m in self.names.finditer(s):
                at = base + m.start()
                if _in_address(text, at, base + m.end()):
                    continue  # our domain in a link or an e-mail address is no mention
                sigil = text[at - 1] if at > 0 else ""
                if m.group() in self.bare and sigil not in "#@" and self._is_wind(s, m):
                    continue
                out.append((at, base + m.end()))
        return out

    def _is_wind(self, s: str, m: re.Match[str]) -> bool:
        before = s[: m.start()].split()
        if before and self.weather_before.search(before[-1]):
            return True
        return self.weather.search(s) is not None

    def cites_official(self, folded: str) -> bool:
        """Whether the post points to an official source: our domain or an official account."""
        return any(d in folded for d in self.domains) or bool(self.official_mention.search(folded))


_ADDRESS_RE = re.compile(r"https?://|www\.|\w\.[a-z]{2,}(?:/|$)|\w@\w")
# re's \s is str.isspace() character by character.
_LAST_SPACE_RE = re.compile(r"(?s).*\s")
_NON_SPACE_RE = re.compile(r"\S*")


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits in a URL, bare domain or e-mail address."""
    last_space = _LAST_SPACE_RE.match(text, 0, start)  # the word runs back to it
    a = last_space.end() if last_space is not None else 0
    b = _NON_SPACE_RE.match(text, end).end()  # and on to the next space
    return _ADDRESS_RE.search(text[a:b].rstrip(".,;:!?)")) is not None


class MissingDisclaimerRule:
    """A personal account speaks about the company without a "views are my own" disclaimer."""

    name = "missing_disclaimer"

    def __init__(self, policy: Policy) -> None:
        self.speakers = Speakers(policy)
        self.disclaimers = Cues(policy.effective["speaking"]["disclaimers"], after_sigil=True)
        self.anchors = Anchors(self.speakers.names.anchors)
        self.triggers = self.anchors.needles  # for the engine's cascade

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence at the first company mention, or None."""
        if not self.anchors.any_in(post.folded_fast) or not self.speakers.is_personal(post):
            return None
        if self.disclaimers.search(post.folded_fast):
            return None
        view = post.folded
        mentions = self.speakers.company_mentions(view.text)
        if not mentions:
            return None
        m = mentions[0]
        why = (
            f'personal account "{post.author}" speaks about "{quoted(view, 0, m)}" without a '
            '"views are my own" disclaimer'
        )
        return RuleResult(0.5, [evidence(view, 0, m, why)])


class SpokespersonRule:
    """A personal account makes statements on behalf of the company."""

    name = "unauthorized_spokesperson"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["speaking"]
        self.speakers = Speakers(policy)
        self.explicit = Cues(cfg["spokesperson_cues"])
        self.roles = Cues(cfg["spokesperson_roles"])
        self.as_words = Cues(["as", "als"])
        self.company_we = Cues(cfg["company_we"])
        self.announcements = Conjunctions(cfg["announcements"])
        self.topics = Cues(cfg["company_topics"])
        self.hedges = Cues(cfg["hedges"])
        self.topic_anchors = WordAnchors(cfg["company_topics"])
        # "we at Nordwind" needs one of our names: their anchors stand for company_we.
        self.anchors = Anchors(
            self.explicit.anchors | self.roles.anchors | self.speakers.names.anchors
        )
        # The cascade: an explicit cue, a role or a name, or else a company topic
        # and an announcement together (what check() needs before it reads a sentence).
        self.triggers = self.anchors.needles
        self.trigger_all = (self.topic_anchors.needles, self.announcements.triggers)

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for each sentence that speaks for the company, or None."""
        if not self.speakers.is_personal(post):
            return None
        folded = post.folded_fast
        # An announcement needs a company topic; only then are its entries looked up.
        announcing = (
            self.announcements.candidates(folded) if self.topic_anchors.any_in(folded) else []
        )
        if not announcing and not self.anchors.any_in(folded):
            return None
        if self.speakers.cites_official(folded):
            return None
        view = post.folded
        # Without an announcement only an explicit cue, a role or "we at <name>" in
        # some sentence speaks for the company (see _sentence).
        if not announcing and not (
            self.explicit.may_occur(view.text)
            or self.roles.may_occur(view.text)
            or self.company_we.may_occur(view.text)
        ):
            return None
        found: list[Evidence] = []
        for base, s in sentences(view.text):
            if s.rstrip().endswith("?") or self.hedges.search(s):
                continue
            found.extend(self._sentence(view, base, s, announcing))
        return RuleResult(0.7, found) if found else None

    def _sentence(self, view: View, base: int, s: str, announcing: list[int]) -> list[Evidence]:
        sp = self.speakers
        cue = self.explicit.search(s)
        if cue is None:
            role = self.roles.search(s)
            if role is not None and self.as_words.search(
                s[max(0, role.start() - 30) : role.start()]
            ):
                cue = role
        # Speaking for *our* company: the sentence names us or speaks as "we".
        if cue is not None and (sp.names.search(s) or sp.self_words.search(s)):
            why = f'speaks for the company: "{quoted(view, base, cue)}"'
            return [evidence(view, base, cue, why)]
        for m in self.company_we.finditer(s):
            name = sp.names.search(s[m.end() : m.end() + 40])
            if name is not None and not s[m.end() : m.end() + name.start()].strip(" :-"):
                span = (m.start(), m.end() + name.end())
                why = f'speaks for the company: "{quoted(view, base, span)}"'
                return [evidence(view, base, span, why)]
        subject = sp.names.search(s) or sp.self_words.search(s)
        if subject is None:
            return []
        for _entry, matches in self.announcements.find(s, announcing):
            topic = self.topics.search(s)
            if topic is None:
                continue
            verbs = " … ".join(quoted(view, base, m) for m in matches)
            why = (
                f'announces for the company: "{quoted(view, base, subject)}" … "{verbs}" '
                f'… "{quoted(view, base, topic)}"'
            )
            return [evidence(view, base, m, why) for m in (subject, *matches, topic)]
        return []


class ComplaintReplyRule:
    """A personal account answers a customer complaint about the company."""

    name = "complaint_reply"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["complaint_reply"]
        self.speakers = Speakers(policy)
        self.complaints = Cues(cfg["complaint_words"])
        self.answers = Cues(cfg["answer_cues"])
        self.service = Cues(cfg["service_words"])
        self.anchors = Anchors(self.answers.anchors)
        self.triggers = self.anchors.needles  # for the engine's cascade

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence (the answer, and the complaint it answers) or None."""
        if not post.is_reply or not self.speakers.is_personal(post):
            return None
        if not self.anchors.any_in(post.folded_fast):
            return None
        view = post.folded
        answer = self.answers.search(view.text)
        if answer is None:
            return None
        sp = self.speakers
        ours = sp.self_words.search(view.text) or sp.names.search(view.text)
        service = self.service.search(view.text)
        parent = post.parent_text or None
        if parent is not None:
            pv = folded_view(parent)
            folded_parent = pv.text
            # The guide: no answers to complaints "or questions to the company". A
            # parent that names us is one; one that does not needs complaint words and
            # a reply that speaks for us (and no competitor in the parent).
            about_us = sp.names.search(folded_parent) or sp.official_mention.search(folded_parent)
            complaint = self.complaints.search(folded_parent)
            if about_us is None and (
                complaint is None or sp.competitors.search(folded_parent) or not (ours or service)
            ):
                return None
            cue = about_us if about_us is not None else complaint
            why = (
                f'answers a complaint or question ("{quoted(pv, 0, cue)}" in the '
                f'post replied to): "{quoted(view, 0, answer)}"'
            )
            return RuleResult(0.8, [evidence(view, 0, answer, why)])
        if service is None:
            return None
        why = (
            f'answers a customer matter: "{quoted(view, 0, answer)}" … "{quoted(view, 0, service)}"'
        )
        return RuleResult(0.6, [evidence(view, 0, answer, why), evidence(view, 0, service, why)])
