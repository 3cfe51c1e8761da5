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
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


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
