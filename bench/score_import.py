"""How well the page parser reads real pages it was not written on.

    .venv/bin/python bench/score_import.py            # the corpus table
    .venv/bin/python bench/score_import.py --verbose  # and every field it got wrong

The corpus is `tests/fixtures/corpus/`: pages assembled from reports of real union papers
(sources in `SOURCES.md` there), each `NNN_name.txt` beside its hand-checked
`NNN_name.json`. A report found counts when its first paragraph (its title when it has
none) starts like an expected report's; report F1 is over found and expected reports.
A field is right when it equals the expected value exactly; an expected report the parser
did not find counts as wrong in every field. Pure Python: no database is touched; the
union index is the demo tree's, with the short form 市总工会 for the publisher's own
federation.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.pageimport.parser import parse_page  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
FIELDS = (
    "kind",
    "column",
    "kicker",
    "title",
    "subtitle",
    "dateline",
    "credits",
    "paragraphs",
    "unions",
    "new_unions",
)
# The demo tree (articles/demo/loader.py): official names and the short forms in use.
CORPUS_UNIONS = {
    "北京市总工会": "北京市总工会",
    "市总工会": "北京市总工会",
    "怀柔区总工会": "怀柔区总工会",
    "昌平区总工会": "昌平区总工会",
    "通州区总工会": "通州区总工会",
    "西城区总工会": "西城区总工会",
    "平谷区总工会": "平谷区总工会",
    "西城区天桥街道总工会": "西城区天桥街道总工会",
    "天桥街道总工会": "西城区天桥街道总工会",
    "北京建工集团工会": "北京建工集团工会",
}
KEY_CHARS = 20


def report_fields(page) -> list[dict]:
    """The parser's reports in the shape of the expected JSON."""
    data = page.to_json_dict(with_new_unions=True)
    reports = []
    for article, item in zip(page.articles, data["articles"], strict=True):
        reports.append(
            {
                "kind": item["kind"],
                "column": item["column"],
                "kicker": item["kicker"],
                "title": item["title"],
                "subtitle": item["subtitle"],
                "dateline": article.dateline,
                "credits": item["credits"],
                "paragraphs": item["paragraphs"],
                "unions": item["unions"],
                "new_unions": item["new_unions"],
            }
        )
    return reports


def _key(report: dict) -> str:
    text = report["paragraphs"][0] if report["paragraphs"] else report["title"]
    return "".join(text.split())[:KEY_CHARS]


def score_page(text: str, expected: list[dict]) -> tuple[int, int, int, dict, list[str]]:
    """(found, expected, matched, right answers per field, what went wrong)."""
    found = report_fields(parse_page(text, union_names=CORPUS_UNIONS))
    unmatched = list(found)
    right = dict.fromkeys(FIELDS, 0)
    wrong: list[str] = []
    matched = 0
    for want in expected:
        got = next((r for r in unmatched if _key(r) == _key(want)), None)
        if got is None:
            wrong.append(f"未找到：{want['title'] or _key(want)}")
            continue
        unmatched.remove(got)
        matched += 1
        for name in FIELDS:
            if got[name] == want[name]:
                right[name] += 1
            else:
                label = want["title"] or _key(want)
                wrong.append(f"{label} [{name}] {got[name]!r} != {want[name]!r}")
    wrong += [f"多出：{r['title'] or _key(r)}" for r in unmatched]
    return len(found), len(expected), matched, right, wrong


def score_corpus(corpus: Path = CORPUS) -> dict:
    totals = {"found": 0, "expected": 0, "matched": 0, "pages": 0}
    right = dict.fromkeys(FIELDS, 0)
    wrong: list[str] = []
    for path in sorted(corpus.glob("*.txt")):
        expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        found, wanted, matched, page_right, page_wrong = score_page(
            path.read_text(encoding="utf-8"), expected["articles"]
        )
        totals["pages"] += 1
        totals["found"] += found
        totals["expected"] += wanted
        totals["matched"] += matched
        for name in FIELDS:
            right[name] += page_right[name]
        wrong += [f"{path.name}: {line}" for line in page_wrong]
    precision = totals["matched"] / totals["found"] if totals["found"] else 0.0
    recall = totals["matched"] / totals["expected"] if totals["expected"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = {name: right[name] / totals["expected"] for name in FIELDS}
    return {**totals, "report_f1": f1, "accuracy": accuracy, "wrong": wrong}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong field")
    args = parser.parse_args()
    result = score_corpus()
    print(
        f"corpus: {result['pages']} pages, {result['expected']} reports expected, "
        f"{result['found']} found, {result['matched']} matched"
    )
    print(f"{'report F1':12} {result['report_f1']:.3f}")
    for name, value in result["accuracy"].items():
        print(f"{name:12} {value:.3f}")
    if args.verbose:
        for line in result["wrong"]:
            print(line)


if __name__ == "__main__":
    main()
