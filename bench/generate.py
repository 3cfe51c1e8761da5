"""Generate a synthetic corpus of posts as a generic NDJSON export.

    python -m bench.generate -n 1000000 -o bench/out/corpus.ndjson

The mix is meant to look like an advocacy programme's feed: mostly ordinary
posts in English and German, a few percent with planted violations
(confidential terms, some misspelled; e-mail addresses; valid IBANs and card
numbers) and as many hard negatives (near-miss words, invalid checksums).
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

ORDINARY = [
    "Great day at the {brand} booth at the energy fair! #renewables",
    "Wind is picking up on the North Sea today 🌬️",
    "Heute tolle Gespräche mit Kunden in Hamburg gehabt.",
    "Proud of the team that shipped the new tariff calculator 🎉",
    "Wer kommt morgen zum Meetup über Wärmepumpen?",
    "Reading a long thread about grid storage, very interesting",
    "Unser Solarpark in Brandenburg läuft seit einem Jahr stabil.",
    "Coffee first, then emails ☕",
    "I'm confident the energy transition will speed up this decade.",
    "Die Vertragsbedingungen sind vertraglich geregelt und öffentlich einsehbar.",
    "See you on Sunday at the community run!",
    "Polarstation documentary tonight, highly recommended",
]
CONFIDENTIAL = [
    "Can't say much yet but Projekt Polarstern is going to be huge",
    "Die Q3-Zahlen sehen besser aus als erwartet, psst",
    "Just left the meeting about Projekt Polarsten, wow",
    "Der Nordlicht-Vertrag ist fast unterschrieben!",
    "P0larstern kickoff today, streng vertraulich",
]
PERSONAL = [
    "Refund for the customer goes to IBAN DE89 3704 0044 0532 0130 00",
    "Card on file 4111 1111 1111 1111, please charge it again",
    "Please write to anna.schmidt@example.org about her contract",
    "Kundin erreichbar unter m.mueller@example.net",
]
HARD_NEGATIVES = [
    "Order number 1234 5678 9012 3456 has shipped",
    "Our IBAN format example: DE00 1234 5678 9012 3456 78",
    "Write to presse@nordwind-energie.de for press questions",
]


def generate(n: int, seed: int = 7) -> list[dict[str, object]]:
    """``n`` posts as generic-import records, deterministic for a seed."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    authors = [f"employee_{i:03d}" for i in range(200)] + ["nordwind_official"]
    records: list[dict[str, object]] = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.02:
            text = rng.choice(CONFIDENTIAL)
        elif roll < 0.04:
            text = rng.choice(PERSONAL)
        elif roll < 0.07:
            text = rng.choice(HARD_NEGATIVES)
        else:
            text = rng.choice(ORDINARY).format(brand="Nordwind")
        records.append(
            {
                "id": f"s{i:08d}",
                "author": rng.choice(authors),
                "created_at": (start + timedelta(minutes=i)).isoformat(),
                "text": f"{text} ({i})",
                "lang": "de" if any(c in text for c in "äöüß") else "en",
            }
        )
    return records


def write_ndjson(records: list[dict[str, object]], path: Path) -> None:
    """Write ``records`` as one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _x_time(when: datetime) -> str:
    """X's ``Tue Dec 02 06:23:48 +0000 2025`` (written by hand: no locale)."""
    return f"{_DAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when:%d %H:%M:%S} +0000 {when.year}"


def _tweet(record: dict[str, object], number: int) -> dict[str, object]:
    """A generic record as an archive tweet, with the keys every real tweet has."""
    tweet_id = str(1_900_000_000_000_000_000 + number)
    text = str(record["text"]).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    tweet: dict[str, object] = {
        "edit_info": {
            "initial": {
                "editTweetIds": [tweet_id],
                "editableUntil": "2025-01-01T00:00:00.000Z",
                "editsRemaining": "5",
                "isEditEligible": False,
            }
        },
        "retweeted": False,
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(number % 17),
        "id_str": tweet_id,
        "truncated": False,
        "retweet_count": str(number % 5),
        "id": tweet_id,
        "created_at": _x_time(datetime.fromisoformat(str(record["created_at"]))),
        "favorited": False,
        "full_text": text,
        "lang": record["lang"],
    }
    if number % 10 == 3:
        short = f"https://t.co/{number:010d}"
        tweet["full_text"] = f"{text} {short}"
        tweet["entities"] = {
            "hashtags": [],
            "symbols": [],
            "user_mentions": [],
            "urls": [
                {
                    "url": short,
                    "expanded_url": f"https://www.nordwind-energie.de/news/{number}",
                    "display_url": f"nordwind-energie.de/news/{number}",
                    "indices": [str(len(text) + 1), str(len(text) + 24)],
                }
            ],
        }
    return {"tweet": tweet}


def write_x_archive(records: list[dict[str, object]], folder: Path) -> Path:
    """Write ``records`` as an X archive folder (``data/tweets.js``, manifest, account).

    Pretty-printed with X's ``" : "`` separators, like the real files.
    """
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    with (data / "tweets.js").open("w", encoding="utf-8") as out:
        out.write("window.YTD.tweets.part0 = [\n")
        for number, record in enumerate(records):
            if number:
                out.write(",\n")
            out.write(
                json.dumps(
                    _tweet(record, number), indent=2, separators=(",", " : "), ensure_ascii=False
                )
            )
        out.write("\n]")
    account = [
        {"account": {"username": "nordwind_bench", "accountId": "1", "email": "x@example.org"}}
    ]
    (data / "account.js").write_text(
        "window.YTD.account.part0 = " + json.dumps(account, indent=2), encoding="utf-8"
    )
    manifest = {
        "userInfo": {"accountId": "1", "userName": "nordwind_bench", "displayName": "Bench"},
        "dataTypes": {
            "tweets": {
                "files": [
                    {
                        "fileName": "data/tweets.js",
                        "globalName": "YTD.tweets.part0",
                        "count": str(len(records)),
                    }
                ]
            }
        },
    }
    (data / "manifest.js").write_text(
        "window.__THAR_CONFIG = " + json.dumps(manifest, indent=2), encoding="utf-8"
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000, help="number of posts")
    parser.add_argument("-o", type=Path, default=Path("bench/out/corpus.ndjson"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    write_ndjson(generate(args.n, args.seed), args.o)
    print(f"wrote {args.n} posts to {args.o}")


if __name__ == "__main__":
    main()
