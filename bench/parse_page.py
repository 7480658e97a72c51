"""How long the page parser takes on a real page.

    .venv/bin/python bench/parse_page.py

Times `parse_page()` on the variant fixture pages and the real-text corpus pages
(`tests/fixtures/corpus/`), with the demo's
union names and with a city-sized index of 2,000 unions (6,000 names), and prints the
median of repeated runs. Pure Python: no database is touched.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.pageimport.parser import parse_page  # noqa: E402

SEED_PAGE = ROOT / "articles" / "demo" / "seed" / "000_d4ee9057b028e5d6.txt"
PAGES = [
    SEED_PAGE,
    *sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt")),
]
SEED_UNIONS = {
    name: name
    for name in [
        "怀柔区总工会",
        "龙山街道总工会",
        "庙城镇总工会",
        "中关村科技园区怀柔园管理委员会工会联合会",
        "昌平区总工会",
        "北京建工一建水电分公司工会",
        "通州多源公司工会",
        "西城区天桥街道总工会",
        "平谷区滨河街道北小区社区联合工会",
    ]
}
DISTRICTS = [
    "东城",
    "西城",
    "朝阳",
    "海淀",
    "丰台",
    "石景山",
    "门头沟",
    "房山",
    "通州",
    "顺义",
    "昌平",
    "大兴",
    "怀柔",
    "平谷",
    "密云",
    "延庆",
]


def city_index(size: int = 2000) -> dict[str, str]:
    index = dict(SEED_UNIONS)
    for n in range(size):
        district = DISTRICTS[n % len(DISTRICTS)]
        full = f"{district}区第{n}街道总工会"
        index[full] = full
        index[f"第{n}街道总工会"] = full
        index[f"{district}第{n}街道工会"] = full
    return index


def median_ms(text: str, names: dict[str, str], runs: int = 200) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_page(text, union_names=names)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    big = city_index()
    print(f"{'page':45} {'chars':>6} {'demo unions':>12} {'2k unions':>10}")
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        small_ms = median_ms(text, SEED_UNIONS)
        big_ms = median_ms(text, big, runs=50)
        print(f"{path.name:45} {len(text):6d} {small_ms:10.2f}ms {big_ms:8.2f}ms")


if __name__ == "__main__":
    main()
