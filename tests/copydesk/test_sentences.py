"""The copy desk on real sentences of union papers (issue 23): each sentence of the table
`tests/fixtures/copydesk/sentences.tsv` raises exactly the findings written beside it,
most of them none; the seed page's six reports, as the demo stores them, raise nothing at
all; and each real page as a whole raises only the findings listed here.

The table's rules are the demo's union tree (`articles/demo/loader.py`) and the starter
term list (migration 0002); `test_the_table_rules_are_what_the_database_gives` shows the
services build the same from the rows.
"""

import importlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from articles.copydesk.checks.unionnames import UnionDirectory
from articles.copydesk.engine import Rules, check_text
from articles.copydesk.findings import ERROR
from articles.copydesk.models import Term
from articles.copydesk.services import article_fields, check_fields, current_rules
from articles.copydesk.terms import TermEntry, TermList
from articles.demo.loader import SEED_PAGE, UNIONS, load_demo
from articles.models import Article

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
TABLE = FIXTURES / "copydesk" / "sentences.tsv"
EDITED = "edited from "
starter = importlib.import_module("articles.copydesk.migrations.0002_starter_terms")


@dataclass(frozen=True)
class Row:
    line: int  # in the table file, for the test's id
    source: str
    sentence: str
    expected: tuple[tuple[str, str, str], ...]  # (level, check, excerpt)

    @property
    def edited(self) -> bool:
        return self.source.startswith(EDITED)

    @property
    def source_path(self) -> Path:
        name = self.source.removeprefix(EDITED)
        return SEED_PAGE if name == "seed" else FIXTURES / name


def read_finding(field: str) -> tuple[str, str, str]:
    """`error punctuation 「,」` → ("error", "punctuation", ",")."""
    level, check, quoted = field.split(" ", 2)
    assert quoted.startswith("「") and quoted.endswith("」"), field
    return level, check, quoted[1:-1]


def read_table() -> list[Row]:
    rows = []
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        source, sentence, *findings = line.split("\t")
        rows.append(Row(number, source, sentence, tuple(read_finding(f) for f in findings)))
    return rows


ROWS = read_table()


def starter_entries() -> list[TermEntry]:
    """The starter list as the migration writes its rows (the note carries the source)."""
    return [
        TermEntry(term, kind, replacement, rule + starter.SOURCE)
        for term, kind, replacement, rule in starter.STARTER_TERMS
    ]


def demo_directory() -> UnionDirectory:
    return UnionDirectory.build(
        (name, short_name, aliases, str(level)) for name, short_name, aliases, level, _ in UNIONS
    )


RULES = Rules(directory=demo_directory(), terms=TermList(starter_entries()))


def found(text: str, rules: Rules = RULES) -> list[tuple[str, str, str]]:
    return [(f.level, f.check, text[f.start : f.end]) for f in check_text(text, rules)]


def test_the_table_holds_many_real_sentences_most_of_them_clean():
    assert len(ROWS) >= 150
    clean = [row for row in ROWS if not row.expected]
    assert len(clean) >= 100
    assert len({row.sentence for row in ROWS}) == len(ROWS), "a sentence is in the table twice"
    checks = {check for row in ROWS for _level, check, _excerpt in row.expected}
    assert checks == {"dateline", "punctuation", "numbers", "union_names", "terms"}
    assert {row.source.removeprefix(EDITED) for row in ROWS} >= {
        "seed",
        "corpus/201_grrb_news.txt",
        "corpus/202_grrb_features.txt",
        "corpus/203_regional_datelines.txt",
        "corpus/204_briefs.txt",
    }


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"line {row.line}")
def test_each_row_names_a_source_that_exists(row):
    assert row.source_path.is_file(), row.source


@pytest.mark.parametrize(
    "row", [row for row in ROWS if not row.edited], ids=lambda r: f"line {r.line}"
)
def test_unedited_rows_are_printed_as_they_stand(row):
    """A sentence not marked as edited stands in its source as printed (a column break,
    a line ending inside the sentence, joined up)."""
    printed = row.source_path.read_text(encoding="utf-8").replace("\n", "")
    assert row.sentence in printed


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"line {row.line}")
def test_each_sentence_raises_what_the_table_says(row):
    assert found(row.sentence) == list(row.expected)


@pytest.mark.parametrize(
    "row",
    [row for row in ROWS if any(level == ERROR for level, _, _ in row.expected)],
    ids=lambda row: f"line {row.line}",
)
def test_the_fixes_offered_leave_no_error_they_could_fix(row):
    """Applying every replacement offered (the change form's one-click fixes) leaves no
    error that has a fix: the house form a check offers passes the checks."""
    text = row.sentence
    for finding in sorted(check_text(text, RULES), key=lambda f: f.start, reverse=True):
        if finding.replacement is not None:
            text = text[: finding.start] + finding.replacement + text[finding.end :]
    left = [f for f in check_text(text, RULES) if f.level == ERROR and f.replacement is not None]
    assert left == [], text


# Real pages as a whole, with every finding they raise. The corpus prints its reporters'
# datelines without the house form's space (工人日报: 本报讯（记者邢生祥）), a warning; the
# fixture page 103 spaces a two-character name to the width of three. Page 101 is the
# import's page of ASCII punctuation: its errors are rows of the table.
PAGES = {
    "seed": [],
    "corpus/201_grrb_news.txt": [("warning", "dateline", "本报讯（记者邢生祥）")],
    "corpus/202_grrb_features.txt": [],
    "corpus/203_regional_datelines.txt": [],
    "corpus/204_briefs.txt": [],
    "pages/102_photo_reports.txt": [],
    "pages/103_features_and_crossheads.txt": [
        ("warning", "dateline", "本报讯（见习记者 王 伟 特约记者 张三 李四）")
    ],
}


@pytest.mark.parametrize("page", PAGES)
def test_each_real_page_raises_only_its_known_findings(page):
    path = SEED_PAGE if page == "seed" else FIXTURES / page
    assert found(path.read_text(encoding="utf-8")) == PAGES[page]


def test_every_corpus_page_is_checked():
    corpus = {f"corpus/{path.name}" for path in (FIXTURES / "corpus").glob("*.txt")}
    assert corpus <= set(PAGES)


def starter_rows() -> None:
    """The starter list's rows, as migration 0002 makes them (a live-server test before
    this one may have flushed every table)."""
    for entry in starter_entries():
        Term.objects.get_or_create(
            term=entry.term,
            defaults={"kind": entry.kind, "replacement": entry.replacement, "note": entry.note},
        )


@pytest.mark.django_db
def test_the_table_rules_are_what_the_database_gives():
    load_demo()
    starter_rows()
    rules = current_rules()
    directory = rules.directory
    assert directory.names == RULES.directory.names
    assert set(directory.full_names) == set(RULES.directory.full_names)
    assert directory.city_name == RULES.directory.city_name == "北京市总工会"
    assert set(directory.places) == set(RULES.directory.places)
    assert set(rules.terms.entries) == set(RULES.terms.entries)


@pytest.mark.django_db
def test_the_demo_reports_as_stored_raise_no_finding_at_all():
    """The seed page's six reports are correct as printed: every copy field of every
    story the demo stores (kicker, title, subtitle, dateline, lead, body) passes."""
    load_demo()
    starter_rows()
    rules = current_rules()
    stories = list(Article.objects.order_by("pk"))
    assert len(stories) == 6
    for story in stories:
        fields = article_fields(story)
        assert fields["body"], story.title
        assert check_fields(fields, rules) == [], story.title
