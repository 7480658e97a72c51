"""The parser on the real-text corpus (tests/fixtures/corpus/, sources in SOURCES.md):
the suite fails if report F1 or any field's accuracy drops below what it reaches today.

    .venv/bin/python bench/score_import.py --verbose   # the same figures, and the misses
"""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"

# Reached on 31 reports in 4 pages; the one miss is the 临汾 report's 市总工会, which the
# copy never completes with a city name (see SOURCES.md).
REPORT_F1 = 1.0
FIELD_ACCURACY = {
    "kind": 1.0,
    "column": 1.0,
    "kicker": 1.0,
    "title": 1.0,
    "subtitle": 1.0,
    "dateline": 1.0,
    "credits": 1.0,
    "paragraphs": 1.0,
    "unions": 30 / 31,
    "new_unions": 30 / 31,
}


def load_scorer():
    path = ROOT / "bench" / "score_import.py"
    spec = importlib.util.spec_from_file_location("score_import", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result():
    return load_scorer().score_corpus(CORPUS)


def test_the_corpus_has_at_least_thirty_reports_each_with_its_expected_json(result):
    pages = sorted(CORPUS.glob("*.txt"))
    assert all(page.with_suffix(".json").exists() for page in pages)
    assert result["expected"] >= 30


def test_report_f1_does_not_drop(result):
    assert result["report_f1"] >= REPORT_F1 - 1e-9, result["wrong"]


@pytest.mark.parametrize("field", sorted(FIELD_ACCURACY))
def test_field_accuracy_does_not_drop(result, field):
    assert result["accuracy"][field] >= FIELD_ACCURACY[field] - 1e-9, result["wrong"]
    assert result["accuracy"][field] >= 0.95
