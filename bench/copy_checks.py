"""How long the copy desk takes over a long story, with a long term list.

    .venv/bin/python bench/copy_checks.py [--runs 200]

Times `articles.copydesk.engine.check_text` (every check: dateline, punctuation, numbers,
union names, terms) on a story of 5,000 characters made of the real paragraphs of
`tests/fixtures/corpus/`, with a term list of 2,000 entries: the starter list (migration
0002, Xinhua's) and the words of the corpus, the fixture pages and the seed page as jieba
cuts them (every dictionary word found, `cut_all`, and its ordinary cut), so nearly every
word of the story is a term and hits are as dense as they can be; then with the starter
list alone. Each list is built once before timing, as the services build it once per
check. The union names are the demo's (the seed page's nine unions), then a city-sized
tree of 2,000 unions (6,000 names).

Prints the median and p95 of `--runs` runs of the whole, and of each check alone, in ms.
Goal: the whole under 20 ms. Pure Python: no database is touched.
"""

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path

import rjieba

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.copydesk.checks.unionnames import UnionDirectory  # noqa: E402
from articles.copydesk.engine import CHECKS, Rules, check_text  # noqa: E402
from articles.copydesk.terms import CAUTION, TermEntry, TermList  # noqa: E402

GOAL_MS = 20
STORY_CHARS = 5000
TERM_COUNT = 2000
BENCH_NOTE = "基准测试的词"  # the words added to the starter list
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
WORD_SOURCES = [
    *CORPUS,
    *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt")),
    ROOT / "articles" / "demo" / "seed" / "000_d4ee9057b028e5d6.txt",
]
SEED_UNIONS = [
    ("怀柔区总工会", "district"),
    ("龙山街道总工会", "street"),
    ("庙城镇总工会", "town"),
    ("中关村科技园区怀柔园管理委员会工会联合会", "park"),
    ("昌平区总工会", "district"),
    ("北京建工一建水电分公司工会", "enterprise"),
    ("通州多源公司工会", "enterprise"),
    ("西城区天桥街道总工会", "street"),
    ("平谷区滨河街道北小区社区联合工会", "community"),
]
DISTRICTS = ["东城", "西城", "朝阳", "海淀", "丰台", "石景山", "门头沟", "房山"]


def story() -> str:
    """Whole paragraphs of the corpus, one a line, cut at STORY_CHARS."""
    paragraphs = []
    length = 0
    for path in CORPUS:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and length < STORY_CHARS:
                paragraphs.append(line)
                length += len(line) + 1
    text = "\n".join(paragraphs)
    if len(text) < STORY_CHARS:
        raise SystemExit(f"the corpus holds only {len(text)} characters")
    return text[:STORY_CHARS]


def term_list() -> TermList:
    """The starter list, then distinct words of the sources, TERM_COUNT in all."""
    starter = importlib.import_module("articles.copydesk.migrations.0002_starter_terms")
    entries = {
        term: TermEntry(term, kind, replacement, note)
        for term, kind, replacement, note in starter.STARTER_TERMS
    }
    segmenter = rjieba.Jieba()
    for path in WORD_SOURCES:
        text = path.read_text(encoding="utf-8")
        for word in [*segmenter.cut_all(text), *segmenter.cut(text, True)]:
            if len(entries) == TERM_COUNT:
                return TermList(entries.values())
            if len(word) > 1 and word.isalnum() and not word.isascii() and word not in entries:
                entries[word] = TermEntry(word, CAUTION, note=BENCH_NOTE)
    raise SystemExit(f"the sources hold only {len(entries)} distinct words")


def directory(size: int) -> UnionDirectory:
    """The seed page's unions, and `size` generated street unions with two more names."""
    rows = [(name, "", [], level) for name, level in SEED_UNIONS]
    for n in range(size):
        district = DISTRICTS[n % len(DISTRICTS)]
        full, short, alias = (
            f"{district}区第{n}街道总工会",
            f"第{n}街道总工会",
            f"{district}第{n}街道工会",
        )
        rows.append((full, short, [alias], "street"))
    return UnionDirectory.build(rows)


def timings(function, runs: int) -> tuple[float, float]:
    """Median and p95 of `runs` calls, in ms."""
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    return statistics.median(spent), spent[int(len(spent) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    text = story()
    started = time.perf_counter()
    terms = term_list()
    built = time.perf_counter() - started
    starter = TermList(entry for entry in terms.entries if entry.note != BENCH_NOTE)
    print(f"story: {len(text):,} characters; term list: {len(terms):,} entries ({built:.2f} s)")

    scenarios = [
        ("2,000 terms, demo unions", Rules(directory=directory(0), terms=terms)),
        ("2,000 terms, 2,000 unions", Rules(directory=directory(2000), terms=terms)),
        (f"starter list ({len(starter)}), demo unions", Rules(directory(0), starter)),
        (f"starter list ({len(starter)}), 2,000 unions", Rules(directory(2000), starter)),
    ]
    print(f"\n{'check_text':<36}{'findings':>9}{'terms':>7}{'median ms':>11}{'p95 ms':>9}")
    for label, rules in scenarios:
        findings = len(check_text(text, rules))
        hits = len(rules.terms.find(text))
        median, p95 = timings(lambda rules=rules: check_text(text, rules), args.runs)
        print(f"{label:<36}{findings:>9,}{hits:>7,}{median:>11.2f}{p95:>9.2f}")
    print(f"goal: under {GOAL_MS} ms")

    print(f"\n{'each check alone':<36}{'2,000 terms, 2,000 unions':>29}")
    rules = scenarios[1][1]
    for name, check in CHECKS:
        median, p95 = timings(lambda check=check: check(text, rules), args.runs)
        print(f"{name:<36}{'':>16}{median:>11.2f}{p95:>9.2f}")


if __name__ == "__main__":
    main()
