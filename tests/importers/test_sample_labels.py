"""The sample exports hold what sample_labels.json says, so other tests can rely on it."""

from __future__ import annotations

import json
from pathlib import Path

from reviewer.importers import open_exports
from reviewer.model import PLATFORMS, RULES

LABELS = Path(__file__).with_name("sample_labels.json")


def test_every_labelled_post_exists_and_holds_its_evidence(samples: Path) -> None:
    posts = {p.post_id: p for e in open_exports(samples) for p in e.posts()}
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["posts"]
    assert len({label["post_id"] for label in labels}) == len(labels)
    for label in labels:
        post = posts[label["post_id"]]
        assert label["evidence"] in post.text, label["post_id"]
        assert set(label["rules"]) <= set(RULES)
        assert not (label["rules"] and label["hard_negative"])


def test_the_samples_stay_small(samples: Path) -> None:
    mine = [samples / "x", samples / "generic"]
    size = sum(f.stat().st_size for d in mine for f in d.rglob("*") if f.is_file())
    assert size < 200 * 1024
    for folder in samples.iterdir():
        if folder.is_dir() and folder.name not in ("x", "generic"):
            assert sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) < 30 * 1024


def test_every_platform_has_planted_violations_and_hard_negatives() -> None:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["posts"]
    for platform in PLATFORMS:
        mine = [label for label in labels if label["post_id"].startswith(f"{platform}:")]
        assert any(label["rules"] for label in mine), platform
        if platform != "generic":
            assert any(label["hard_negative"] for label in mine), platform
