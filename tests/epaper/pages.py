"""The pages the test typesetter sets: the seed page and the corpus pages, as the expected
answer (`{"banner": str, "articles": [...]}` in the corpus JSON shape), each article with
its printed wording under "print" (see `wording`).

The expected JSON holds a dateline and credits as fields; the page prints them in words
the fields do not keep (`本报讯（记者 崔欣）` run into the first paragraph, `本报记者 田国垒
本报通讯员 孔国政 摄` after the text, `（王千榕）` glued to the last sentence, `责任编辑 吉政`
on a line of its own). That wording is read back from the page's own text dump, the real
print wording, so the typeset page says exactly what the paper said.
"""

import json
from itertools import pairwise
from pathlib import Path

from articles.bylines import BylineCredit, render_byline

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
SEED_DUMP = ROOT / "articles" / "demo" / "seed" / "000_d4ee9057b028e5d6.txt"
SEED_BANNER = "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"
CORPUS_PAGES = ("201", "202", "203", "204")
SENTENCE_END = tuple("。！？…”’")


def corpus_page(name: str) -> dict:
    """A corpus page's JSON by its number ("201") or file stem, with its banner ("" for
    none) and each article's printed wording."""
    (path,) = sorted(CORPUS.glob(f"{name}*.json"))
    data = json.loads(path.read_text(encoding="utf-8"))
    page = {"banner": data.get("banner") or "", "articles": data["articles"]}
    attach_wording(page, path.with_suffix(".txt").read_text(encoding="utf-8"))
    return page


def seed_page() -> dict:
    """The seed page (`SEED_REPORTS` of the parser's golden test) in the corpus shape."""
    # The parser's test module imports the demo loader, hence Django: import it late.
    from tests.pageimport.test_parser import SEED_REPORTS

    keep = ("kind", "column", "kicker", "title", "subtitle", "dateline", "paragraphs", "unions")
    articles = [
        {
            **{key: report[key] for key in keep},
            "credits": [{"role": role, "name": name} for role, name, _label in report["credits"]],
            "new_unions": [],
        }
        for report in SEED_REPORTS
    ]
    page = {"banner": SEED_BANNER, "articles": articles}
    attach_wording(page, SEED_DUMP.read_text(encoding="utf-8"))
    return page


def expected(page: dict) -> dict:
    """The page as the importer should read it: without the printed wording."""
    articles = [{k: v for k, v in a.items() if k != "print"} for a in page["articles"]]
    return {"banner": page.get("banner") or "", "articles": articles}


def wording(article: dict) -> dict:
    """How the article prints its dateline and credits:

    lead        printed after the headline, before the first paragraph
    lead_runin  the lead runs into the first paragraph (else it is a line of its own)
    tail        glued to the end of the last paragraph
    lines       lines of their own after the text (a photo credit, 责任编辑 X)

    Read from the page dump by `attach_wording`; composed in the house style otherwise.
    """
    if "print" in article:
        return article["print"]
    credits = [BylineCredit(c["role"], c["name"]) for c in article["credits"]]
    editors = [f"责任编辑 {c.name}" for c in credits if c.role == "editor"]
    byline = render_byline(article["kind"], article["dateline"], credits)
    if article["kind"] == "photo":
        return {"lead": "", "lead_runin": True, "tail": "", "lines": [byline, *editors]}
    if article["kind"] == "feature":
        return {"lead": byline, "lead_runin": False, "tail": "", "lines": editors}
    return {"lead": byline, "lead_runin": True, "tail": "", "lines": editors}


def attach_wording(page: dict, dump: str) -> None:
    """Find each article's headline and paragraphs in the dump, in order, and keep what
    lies between them as the article's printed wording (see `wording`)."""
    flat, line_starts = "", set()
    for line in dump.splitlines():
        if line.strip():
            line_starts.add(len(flat))
            flat += line.strip()
    straps = {a["column"] for a in page["articles"]} | {page.get("banner") or ""}
    found, pos = [], 0
    for article in page["articles"]:
        head_start = head_end = None
        for part in (article["kicker"], article["title"], article["subtitle"]):
            if part:
                at = flat.index(part, pos)
                head_start = at if head_start is None else head_start
                pos = head_end = at + len(part)
        starts = []
        for paragraph in article["paragraphs"]:
            starts.append(flat.index(paragraph, pos))
            pos = starts[-1] + len(paragraph)
        if head_start is None:
            head_start = head_end = starts[0]
        found.append((head_start, head_end, starts[0], pos))
    for i, (article, (_, head_end, first, end)) in enumerate(
        zip(page["articles"], found, strict=True)
    ):
        until = found[i + 1][0] if i + 1 < len(found) else len(flat)
        cuts = sorted({end, until, *(p for p in line_starts if end < p < until)})
        pieces = [flat[a:b] for a, b in pairwise(cuts)]
        tail = pieces.pop(0) if pieces and end not in line_starts else ""
        article["print"] = {
            "lead": flat[head_end:first],
            "lead_runin": first not in line_starts,
            "tail": tail,
            "lines": [p for p in pieces if p.strip() not in straps],
        }
