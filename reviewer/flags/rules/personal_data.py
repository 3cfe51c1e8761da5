"""Rule ``personal_data``: e-mail addresses, IBANs, payment cards and phone numbers.

Regular expressions find candidates on the ``clean`` view (NFKC, invisible
characters removed, so fullwidth digits or a zero-width space inside a number
do not hide it); validators decide: IBAN mod-97 and Luhn via python-stdnum,
phone numbers via the optional ``phonenumbers`` package. Evidence text is
masked so that flags, reports and exports never repeat the value.

Not personal data here: addresses at the organisation's own domains (company
contacts such as presse@nordwind-energie.de, and employees' business
addresses, which the company publishes itself), role mailboxes at any domain
(info@, support@ ...), and fediverse handles (@anna@mastodon.social).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from stdnum import iban as stdnum_iban
from stdnum import luhn

from reviewer.flags.normalize import View
from reviewer.flags.prepared import PreparedPost, RuleResult
from reviewer.model import Evidence

if TYPE_CHECKING:
    from reviewer.flags.policy import Policy

try:  # optional: not a declared dependency; phones are skipped without it
    import phonenumbers
except ImportError:  # pragma: no cover - depends on the environment
    phonenumbers = None

PHONES_SUPPORTED = phonenumbers is not None

_EMAIL_RE = re.compile(
    r"(?<![\w.%+\-@])([\w.%+\-]+)@([\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,})(?![\w\-]|\.\w)"
)
# Country code, check digits, then 11-30 alphanumerics with optional single spaces.
# Upper case; lower case only after the word "IBAN", because lower-case
# candidates ("user1234abcd...") are everywhere in handles and hashtags.
_IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
_IBAN_LOWER_RE = re.compile(r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]){11,30}\b")
# 12-19 digits with optional single space or dash separators, not glued to a word,
# a sign, a decimal part, a path or an id ("@[298026420216364:274:...").
_CARD_RE = re.compile(r"(?<![\w+\-.,/#@=:\[])\d(?:[ \-]?\d){11,18}(?![\w\-]|[.,/:]\d)")
# Words before a number that say it is a card: then any issuer prefix and
# 12-19 digits count (old JCB, 12-digit Maestro), as long as Luhn holds.
_CARD_CONTEXT_RE = re.compile(
    r"(?i)\b(?:(?:credit |debit )?card|cc|(?:kredit|bank|giro|debit|ec-?|geld)?karte"
    r"|kartennummer|visa|master ?card|amex|maestro|jcb|diners)\b"
)
_CONTEXT_CHARS = 40  # how far before a number its context words are looked for
# Words that announce a phone number as a business line, not a person's.
_BUSINESS_LINE_RE = re.compile(
    r"(?i)\b(?:hotline|helpline|service|support|kundenservice|kundendienst|zentrale"
    r"|call us|ruf(?:en sie)? uns)\b"
)
# Cheap tests on the clean text before any of the above run (two simple
# patterns beat one alternation: the prefilter runs on every post).
_EMAIL_PREFILTER_RE = re.compile(r"[\w.%+\-]@[\w\-]+\.")
# A card-length digit run, or the check digits of an upper-case IBAN.
_NUMBER_PREFILTER_RE = re.compile(r"\d(?:[\d \-]{11,}|(?<=[A-Z]{2}\d)\d ?[A-Z0-9]{4})")
# Seven digits with short separators: the least a phone number has with its area
# code (a bare six-digit number is an order or ticket number far more often, and
# asking phonenumbers about each costs more than every other check together).
# Only numbers written with "+", "(" or a leading 0 count (see _phone_shaped), so
# the seven digits start at one of these ("+49 30 1234567", "(030) 1234567",
# "0171 2345678"), never inside a longer run ("1234 5678 9012 3456"); and
# phonenumbers itself rejects a number glued to a Latin letter ("DE00 1234 ...").
_LATIN = "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0300-\u036f\u1e00-\u1eff"
_PHONE_PREFILTER_RE = re.compile(rf"[+(0](?<![0-9{_LATIN}]0)(?:[\s\-/().]{{0,3}}\d){{6}}")
# The two prefilters as the cascade's Hyperscan pass needs them (reviewer.flags.scan):
# byte patterns without lookbehind, for text whose digits and whitespace are ASCII,
# matching wherever their counterparts match and a little more. A number run is
# found from its first digit (one not preceded by a digit); a phone number
# starting with 0 may follow a digit or letter (check() tests again).
_NUMBER_PREFILTER_ASCII = rb"(?:^|[^0-9])[0-9][0-9 \-]{11}|[A-Z]{2}[0-9][0-9] ?[A-Z0-9]{4}"
_PHONE_PREFILTER_ASCII = rb"[+(0](?:[\t-\r\x1c-\x1f \-/().]{0,3}[0-9]){6}"
_IBAN_MIN = 15  # Norway, the shortest IBAN

_SCORES = {"iban": 0.95, "card": 0.9, "email": 0.6, "phone": 0.6}


class PersonalDataRule:
    """Flags posts that contain personal data, with masked evidence."""

    name = "personal_data"
    # The cascade's cheap tests (see check() for what each finder needs).
    triggers = frozenset({"iban", "@"})

    def __init__(self, policy: Policy) -> None:
        self.own_domains = tuple(policy.organization.domains)
        self.role_mailboxes = frozenset(policy.personal_data.role_mailboxes)
        self.phone_regions = tuple(policy.personal_data.phone_regions)
        phones = PHONES_SUPPORTED and bool(self.phone_regions)
        self.trigger_patterns = (
            _NUMBER_PREFILTER_RE,
            *((_PHONE_PREFILTER_RE,) if phones else ()),
        )
        self.trigger_patterns_ascii = (
            _NUMBER_PREFILTER_ASCII,
            *((_PHONE_PREFILTER_ASCII,) if phones else ()),
        )

    def prepare(self, batch: list[PreparedPost]) -> None:
        """Nothing to warm: every check is per post."""

    def check(self, post: PreparedPost) -> RuleResult | None:
        """Evidence for every validated value in the post, or None."""
        text = post.clean_fast
        # Each finder runs only where its own prefilter found something: asking
        # phonenumbers about every post with a long number costs the most.
        number = bool(_NUMBER_PREFILTER_RE.search(text) or "iban" in post.folded_fast)
        email = bool("@" in text and _EMAIL_PREFILTER_RE.search(text))
        phone = self._maybe_phone(post)
        if not (number or email or phone):
            return None
        finders = [
            finder
            for finder, wanted in (
                (self._ibans, number),
                (self._cards, number),
                (self._emails, email),
                (self._phones, phone),
            )
            if wanted
        ]
        view = post.clean
        found: list[tuple[int, int, str, str, str]] = []  # start, end, kind, masked, why
        for finder in finders:
            if finder == self._phones and found and not _phone_outside(view.text, found):
                continue  # every phone-like run is part of an IBAN or card found already
            for item in finder(view.text):
                if not any(item[0] < b and a < item[1] for a, b, *_ in found):
                    found.append(item)
        if not found:
            return None
        found.sort()
        evidence = [_evidence(view, a, b, masked, why) for a, b, _kind, masked, why in found]
        score = max(_SCORES[kind] for _a, _b, kind, _m, _w in found)
        return RuleResult(score, evidence)

    # -- finders: each yields (start, end, kind, masked text, why) on the view --

    def _emails(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = []
        for m in _EMAIL_RE.finditer(text):
            local, domain = m.group(1), m.group(2).lower()
            if self._own_domain(domain) or local.lower() in self.role_mailboxes:
                continue
            out.append((m.start(), m.end(), "email", mask_email(local, domain), "e-mail address"))
        return out

    def _ibans(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = []
        found = list(_IBAN_RE.finditer(text))
        if "iban" in text.lower():
            found += _IBAN_LOWER_RE.finditer(text)
        for m in found:
            end = _valid_iban_end(m.group())
            if end is None:
                continue
            value = m.group()[:end]
            out.append((m.start(), m.start() + end, "iban", mask_iban(value), "IBAN, mod-97 valid"))
        return out

    def _cards(self, text: str) -> list[tuple[int, int, str, str, str]]:
        out = []
        for m in _CARD_RE.finditer(text):
            value = m.group()
            before = text[max(0, m.start() - _CONTEXT_CHARS) : m.start()]
            if is_card_number(value, context=bool(_CARD_CONTEXT_RE.search(before))):
                out.append(
                    (m.start(), m.end(), "card", mask_card(value), "payment card, Luhn valid")
                )
        return out

    def _phones(self, text: str) -> list[tuple[int, int, str, str, str]]:
        if phonenumbers is None or not self.phone_regions:
            return []
        out = []
        for region in self.phone_regions:
            matcher = phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.VALID
            )
            for m in matcher:
                before = text[max(0, m.start - _CONTEXT_CHARS) : m.start]
                if not _phone_shaped(m.raw_string) or not _personal_phone(m.number, before):
                    continue
                masked = mask_keep(m.raw_string, 3, 2)
                out.append((m.start, m.end, "phone", masked, "phone number, valid for its region"))
        return out

    def _maybe_phone(self, post: PreparedPost) -> bool:
        # Phone numbers can be shorter than the 13-digit prefilter.
        return (
            PHONES_SUPPORTED
            and bool(self.phone_regions)
            and bool(_PHONE_PREFILTER_RE.search(post.clean_fast))
        )

    def _own_domain(self, domain: str) -> bool:
        return any(domain == d or domain.endswith("." + d) for d in self.own_domains)


def _phone_outside(text: str, found: list[tuple[int, int, str, str, str]]) -> bool:
    """Whether the phone prefilter still fires with the values ``found`` blanked out.

    A phone number overlapping a found value is dropped anyway, and asking
    phonenumbers costs milliseconds per post.
    """
    chars = list(text)
    for a, b, *_ in found:
        chars[a:b] = " " * (b - a)
    return bool(_PHONE_PREFILTER_RE.search("".join(chars)))


def _phone_shaped(raw: str) -> bool:
    """Written like a phone number: starts with +, 0 or (, and has no dots.

    phonenumbers' VALID leniency takes dates ("06.11.2016"), amounts
    ("360.000") and bare numbers for phone numbers in German text.
    """
    return raw[:1] in ("+", "0", "(") and "." not in raw


def _personal_phone(number: object, before: str) -> bool:
    """Whether a valid phone number may be a person's.

    Toll-free, premium, shared-cost and universal access numbers belong to
    businesses; so does a number announced as a hotline or service line.
    """
    assert phonenumbers is not None
    kind = phonenumbers.number_type(number)
    business = {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
        phonenumbers.PhoneNumberType.UAN,
    }
    return kind not in business and not _BUSINESS_LINE_RE.search(before)


def _evidence(view: View, start: int, end: int, masked: str, why: str) -> Evidence:
    a, b = view.span(start, end)
    return Evidence(a, b, masked, why)


def _valid_iban_end(candidate: str) -> int | None:
    """Length of the longest valid IBAN at the start of ``candidate``, if any.

    The pattern can run on into a following word or number, so shorter
    prefixes are tried too; country lengths make at most one of them valid.
    """
    compact_positions = [i for i, c in enumerate(candidate) if c != " "]
    full = "".join(candidate[i] for i in compact_positions)
    mods: list[int] | None = None
    for n in range(len(full), _IBAN_MIN - 1, -1):
        # mod-97 first: a cheap necessary condition before python-stdnum's full check;
        # the whole candidate (usually the IBAN itself) alone, shorter ones in one pass.
        if n == len(full):
            mod = _mod97(full)
        else:
            if mods is None:
                mods = _mod97_prefixes(full)
            mod = None if mods is None else mods[n]
        if mod in (1, None) and stdnum_iban.is_valid(full[:n]):
            return compact_positions[n - 1] + 1
    return None


def _mod97_prefixes(full: str) -> list[int] | None:
    """``_mod97(full[:n])`` for every n > 4 at index n (one pass; None where _mod97 is None).

    The number of ``full[:n]`` is the digits of ``full[4:n]`` followed by those
    of ``full[:4]``, so its remainder follows from the running remainder of
    ``full[4:n]``.
    """
    if not (full.isascii() and full.isalnum()) or len(full) < 4:
        return None
    head = "".join(str(int(c, 36)) for c in full[:4])
    shift = pow(10, len(head), 97)
    tail = int(head) % 97
    mods = [0] * (len(full) + 1)
    r = 0
    for n in range(4, len(full)):
        d = int(full[n], 36)
        r = (r * (10 if d < 10 else 100) + d) % 97
        mods[n + 1] = (r * shift + tail) % 97
    return mods


def _mod97(compact: str) -> int | None:
    """ISO 7064 mod 97-10 of an IBAN (country and check digits moved to the end).

    None when the candidate is not plain ASCII letters and digits (then only
    python-stdnum decides).
    """
    if not (compact.isascii() and compact.isalnum()):
        return None
    return int("".join(str(int(c, 36)) for c in compact[4:] + compact[:4])) % 97


def is_card_number(value: str, context: bool = False) -> bool:
    """A plausible payment card number: card-like grouping and length, Luhn valid.

    Without ``context`` (a word such as "card" just before it) the number must
    also fit a card network's prefix and length.
    """
    digits = re.sub(r"[ \-]", "", value)
    if not 12 <= len(digits) <= 19:
        return False
    if not context and not _card_network(digits):
        return False
    if len(set(digits)) == 1:
        return False
    groups = [len(g) for g in re.split(r"[ \-]", value)]
    if len(groups) > 1 and not (
        (all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4)
        or groups in ([4, 6, 5], [4, 6, 4])  # Amex, Diners
    ):
        return False
    return bool(luhn.is_valid(digits))


def _card_network(digits: str) -> bool:
    """Whether the issuer prefix and length fit a card network.

    Luhn alone passes one random number in ten; prefix and length rule out
    most ids, order and tracking numbers that happen to pass it.
    """
    n, p2, p4 = len(digits), int(digits[:2]), int(digits[:4])
    if digits[0] == "4":  # Visa; 13-digit Visa cards are gone, and 13 digits from 40-44 is a GTIN
        return n in (16, 19)
    if n == 15:  # American Express
        return p2 in (34, 37)
    if n == 14:  # Diners Club
        return p2 in (30, 36, 38)
    if 51 <= p2 <= 55 or 2221 <= p4 <= 2720:  # Mastercard
        return n == 16
    # Maestro, Discover, UnionPay (5x, 6x) and JCB (35): 16 to 19 digits.
    return (digits[0] in "56" or p2 == 35) and n >= 16


def mask_keep(value: str, head: int, tail: int) -> str:
    """Mask ``value``, keeping ``head`` leading and ``tail`` trailing alphanumerics.

    Separators (spaces, dashes, "+") stay, so the shape remains recognisable.
    """
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    keep = set(positions[:head]) | set(positions[len(positions) - tail :] if tail else [])
    if len(keep) >= len(positions):  # too short to show anything safely
        keep = set()
    return "".join(c if (i in keep or not c.isalnum()) else "*" for i, c in enumerate(value))


def mask_iban(value: str) -> str:
    """``DE89 **** **** **** **30 00``: country and check digits, and the last 2-4 characters."""
    alnum = sum(c.isalnum() for c in value)
    return mask_keep(value, 4, 4 if alnum >= 20 else 2)


def mask_card(value: str) -> str:
    """``**** **** **** 1111``: only the last four digits."""
    return mask_keep(value, 0, 4)


def mask_email(local: str, domain: str) -> str:
    """``l***@example.com``: the first letter of the mailbox and the domain."""
    shown = local[0] if len(local) > 2 else ""
    return f"{shown}***@{domain}"
