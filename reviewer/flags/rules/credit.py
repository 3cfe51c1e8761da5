"""Rule ``missing_credit`` (guide, 3. copyright; 4. credit the sources of images).

A post with media (``posts.media``, filled by the importers) and no credit
line. A credit line is a credit word followed by a colon, "by" or "von" and a
name ("Foto: Jan Peters", "photo by @lena", "Fotos von Anna Keller",
"Quelle: DWD"), a copyright sign ("©", "(c) Jan Peters"), "via @handle", a
camera emoji with a name or handle ("📷 @lena", "📸: Kai Brandt"), an
@handle in a sentence that names the pictures ("Danke an @max für die
Bilder"), or one of the policy's ``credit_phrases`` ("selbst fotografiert",
"taken by me"). The alt texts of the media count as well as the post text.
Media of an ignored type (``link``: a link preview) need no credit.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from reviewer.flags.prepared import Batch, PreparedPost, RuleResult
from reviewer.flags.rules.cues import Cues
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

_NAME = r"\s*[@\w(\"'„“]"


class MissingCreditRule:
    """Media without a credit line."""

    name = "missing_credit"

    def __init__(self, policy: Policy) -> None:
        cfg = policy.effective["missing_credit"]
        words = "|".join(
            re.escape(w) for w in sorted({w.strip() for w in cfg["credit_words"]}, key=len)[::-1]
        )
        self.credit_re = re.compile(
            rf"(?<!\w)(?:{words})(?:\s*:|\s+(?:by|von)\b){_NAME}"
            rf"|©|\(c\)\s*\w|(?<!\w)via\s+@\w|[📷📸]\s*:?\s*(?:@\w|[A-ZÄÖÜ])",
            re.IGNORECASE,
        )
        self.picture_re = re.compile(rf"(?<!\w)(?:{words})", re.IGNORECASE) if words else None
        self.phrases = Cues(cfg["credit_phrases"])
        self.ignored = {t.casefold() for t in cfg["ignore_media_types"]}

    def select(self, batch: Batch) -> list[int]:
        """The posts of a batch that may carry media (the others cannot be flagged)."""
        # As Batch.has_media, inline: None, "" and "[]" mean no media.
        return [k for k, m in enumerate(batch.media) if m and m != "[]"]

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """A flag naming the uncredited media, or None."""
        media = [m for m in post.media if self._counts(m)]
        if not media:
            return None
        texts = [post.clean_fast, *(str(m["alt"]) for m in media if m.get("alt"))]
        if any(self._credited(t) for t in texts):
            return None
        names = ", ".join(_media_name(m) for m in media[:3]) + (" …" if len(media) > 3 else "")
        why = f"{len(media)} media item(s) and no credit line (Foto:, Quelle:, ©, photo by, via @…)"
        # No span of the text made the rule fire: the evidence names the media instead.
        return RuleResult(0.5, [Evidence(0, 0, names, why)])

    def _counts(self, item: Any) -> bool:
        if not isinstance(item, dict):
            return isinstance(item, str) and bool(item)
        kind = str(item.get("type") or "").casefold()
        return kind not in self.ignored

    def _credited(self, text: str) -> bool:
        if self.credit_re.search(text):
            return True
        if self.phrases.search(text.casefold()):
            return True
        # "Danke an @max für die Bilder": a handle in a sentence that names the pictures.
        if self.picture_re is not None and "@" in text:
            for sentence in re.split(r"[.!?]+(?:\s|$)|\n", text):
                if re.search(r"(?<![\w@])@\w", sentence) and self.picture_re.search(sentence):
                    return True
        return False


def _media_name(item: Any) -> str:
    if isinstance(item, dict):
        return str(item.get("path") or item.get("url") or item.get("type") or "media")
    return str(item)
