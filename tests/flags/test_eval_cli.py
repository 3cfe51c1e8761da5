"""``reviewer eval`` end to end: the table, JSON, skipped data sets and the exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.flags.evaluate import DEFAULT_DATA

POSITIVE = "Morgen Kick-off für Projekt Polarstern, bitte noch nichts posten!"
NEGATIVE = "Ich bin confident, dass das Wetter hält."


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def write_set(folder: Path, rows: list[tuple[bool, str]]) -> Path:
    folder.mkdir(exist_ok=True)
    data = [{"rule": "confidential", "label": label, "lang": "de", "text": t} for label, t in rows]
    (folder / "mine.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_own_set_passes_and_missing_public_data_is_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labeled = write_set(tmp_path / "labeled", [(True, POSITIVE), (False, NEGATIVE)])
    empty = tmp_path / "no_data"
    empty.mkdir()
    code, out, _ = run(capsys, "eval", "--data", str(empty), "--labeled", str(labeled))
    assert code == 0
    lines = out.splitlines()
    (mine,) = [line for line in lines if line.startswith("mine ")]
    assert "confidential" in mine and "1.000" in mine and "ok" in mine
    skipped = [line for line in lines if "skipped: not found" in line]
    assert {line.split()[0] for line in skipped} >= {
        "vader_tweets",
        "germeval2017",
        "germeval2018",
        "olid",
        "presidio_synth",
    }


def test_a_missed_target_exits_1_and_json_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The near-miss labeled positive: the rule rightly ignores it, so recall is 0.
    labeled = write_set(tmp_path / "labeled", [(True, NEGATIVE), (False, POSITIVE)])
    code, out, err = run(
        capsys, "eval", "--labeled", str(labeled), "--dataset", "own", "--format", "json"
    )
    assert code == 1
    assert err.startswith("error: eval:") and "mine/confidential" in err
    (result,) = json.loads(out)["results"]
    assert result["rule"] == "confidential"
    assert result["passed"] is False
    assert (result["tp"], result["fp"], result["fn"]) == (0, 1, 1)


def test_a_bad_data_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "eval", "--data", str(tmp_path / "nowhere"))
    assert code == 2
    assert err.startswith("error: --data ") and "not a directory" in err
    assert out == ""


@pytest.mark.skipif(not DEFAULT_DATA.exists(), reason=f"shared eval data not at {DEFAULT_DATA}")
def test_public_sets_are_found_beside_the_repository(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "eval", "--dataset", "vader_tweets", "--dataset", "presidio")
    assert code == 0
    assert "pearson_r 0." in out
    assert "presidio_synth" in out and "skipped" not in out
