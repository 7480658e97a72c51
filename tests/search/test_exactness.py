"""The index answers exactly what a substring match over the same text answers.

The ground truth here is written independently of the analyzer: the story's searchable
texts, NFKC and case folded, every character that is not a letter or digit read as a
break, the term found as a substring, and a term starting or ending with an ASCII letter
or digit not continuing a longer Latin word or number (Latin and digits are whole words).
Runs on whichever database DATABASE_URL names: the suite is run on PostgreSQL and SQLite.
"""

import datetime
import random
import re
import unicodedata

import pytest
from django.utils import timezone

from articles.models import Article, ArticleStatus
from articles.search import query as search_query
from articles.search.documents import document_of, documents_queryset
from articles.search.query import match, parse_query, ranked_page, search
from tests.factories import make_article, make_topic, make_union

# The tests index an archive of 160 generated stories each (~1.5 s to build).
pytestmark = [pytest.mark.slow, pytest.mark.both_databases]

WORDS = [
    "工会", "总工会", "送温暖", "温暖", "职工", "书屋", "职工书屋", "托管", "暑期托管", "劳模",
    "工匠", "服务站", "慰问", "困难职工", "街道", "社区", "学习型", "班组", "亲子", "维权",
    "法律", "援助", "春节", "两节", "热线", "下载", "会员", "健康", "体检", "温泉",
]  # fmt: skip
TOKENS = ["12351", "2024", "3", "100", "APP", "app", "ＡＰＰ", "WiFi", "AI", "apple", "Email"]
BREAKS = ["，", "。", "、", "“", "”", "（", "）", "：", "！", " ", "\n", "——", "😀", "\x07"]

QUERIES = [
    # one character
    "工", "会", "暖", "屋", "泉", "3", "ai",
    # two
    "工会", "温暖", "书屋", "托管", "职工", "劳模", "慰问", "会送", "暖职", "作者", "区工",
    # three, four
    "总工会", "送温暖", "服务站", "工书屋", "职工书屋", "暑期托管", "困难职工", "温暖职工",
    # five to eight
    "工会送温暖", "困难职工慰问", "学习型班组", "职工书屋托管", "春节送温暖慰问",
    "总工会送温暖慰问",
    # digits and Latin, full width too
    "12351", "2024", "100", "123", "app", "ＡＰＰ", "wifi", "apple", "appl", "email",
    # mixed
    "工会app", "12351热线", "app下载", "热线12351", "下载ＡＰＰ",
    # several terms, phrases, breaks
    "工会 温暖", "书屋 12351", '"送温暖"', "温暖，职工", '"职工 书屋"', "朝阳 温暖",
]  # fmt: skip


def _folded(text: str) -> str:
    return "".join(
        c if c.isalnum() else "\n" for c in unicodedata.normalize("NFKC", text).casefold()
    )


def _term_pattern(term: str) -> str:
    term = _folded(term).strip("\n")
    pattern = re.sub(r"\n+", r"\\n+", re.escape(term).replace("\\\n", "\n"))
    if term[0].isascii():
        pattern = "(?<![0-9a-z])" + pattern
    if term[-1].isascii():
        pattern += "(?![0-9a-z])"
    return pattern


def _terms(query: str) -> list[str]:
    if query.startswith('"'):
        return [query.strip('"')]
    return query.split()


def ground_truth(texts: dict[int, str], query: str) -> set[int]:
    patterns = [_term_pattern(term) for term in _terms(query)]
    return {pk for pk, text in texts.items() if all(re.search(p, text) for p in patterns)}


@pytest.fixture
def archive(db, reindex):
    rng = random.Random(13)
    district = make_union("朝阳区总工会", level="district", short_name="朝阳区总工会")
    streets = [
        make_union(f"第{n}街道工会", parent=district, aliases="作者之家\n区工友站")
        for n in range(3)
    ]
    topic = make_topic("送温暖")
    now = timezone.now()

    def text(pieces: int) -> str:
        out = []
        for _ in range(pieces):
            out.append(rng.choice(WORDS if rng.random() < 0.7 else TOKENS))
            if rng.random() < 0.5:
                out.append(rng.choice(BREAKS))
        return "".join(out)

    for n in range(160):
        make_article(
            text(4),
            kicker=text(2) if n % 4 == 0 else "",
            body="\n".join(text(12) for _ in range(3)),
            lead=text(3) if n % 5 == 0 else "",
            status=ArticleStatus.PUBLISHED if n % 7 else ArticleStatus.DRAFT,
            published_at=now - datetime.timedelta(minutes=rng.randrange(5000)) if n % 7 else None,
            unions=[rng.choice(streets)] if n % 3 == 0 else [],
            topics=[topic] if n % 6 == 0 else [],
            credits=[("reporter", rng.choice(["张温暖", "李书屋", "王工"]))] if n % 2 else [],
        )
    # Past PostgreSQL's phrase positions (16,383) and its 256 positions per pair.
    make_article("长篇报道", body="工会" * 9000 + "，职工书屋托管在结尾，温暖职工。")
    reindex()
    return {
        article.pk: _folded("\n".join(document_of(article).texts))
        for article in documents_queryset()
    }


def test_there_are_at_least_forty_queries_of_one_to_eight_characters():
    lengths = {len(q.replace(" ", "").replace('"', "")) for q in QUERIES}
    assert len(QUERIES) >= 40
    assert min(lengths) == 1
    assert max(lengths) >= 8


def test_every_query_finds_exactly_the_substring_ground_truth(archive):
    found_something = 0
    for query in QUERIES:
        expected = ground_truth(archive, query)
        found = set(search(Article.objects.all(), parse_query(query)).values_list("pk", flat=True))
        assert found == expected, query
        found_something += bool(expected)
    # The archive is not a trivial one: most queries have answers, some have none.
    assert found_something >= 35


def test_the_headline_only_match_is_exact_too(archive):
    heads = {
        article.pk: _folded("\n".join(document_of(article).head))
        for article in documents_queryset()
    }
    for query in ["工会", "温暖", "app", "职工书屋", "工会 温暖", "暖"]:
        queryset = Article.objects.all()
        found = set(
            queryset.filter(match(queryset, parse_query(query), head_only=True)).values_list(
                "pk", flat=True
            )
        )
        assert found == ground_truth(heads, query), query


def test_the_end_of_a_story_past_the_position_limits_is_found(archive):
    found = search(Article.objects.all(), parse_query("职工书屋托管在结尾"))
    assert [a.title for a in found] == ["长篇报道"]


@pytest.mark.parametrize(
    ("window", "sparse_limit"),
    [
        (1000, 3000),  # the window holds every story: the small site
        (7, 3000),  # rare terms: the index lists every hit
        (7, 3),  # common terms: one ordinary query walks by date
        (40, 3),  # the window fills some pages and not others
    ],
)
def test_pages_and_counts_are_the_same_whichever_way_they_are_found(
    archive, monkeypatch, window, sparse_limit
):
    monkeypatch.setattr(search_query, "WINDOW", window)
    monkeypatch.setattr(search_query, "SPARSE_LIMIT", sparse_limit)
    monkeypatch.setattr(search_query, "COUNT_CAP", 25)
    published = Article.objects.published()
    newest_first = list(published.order_by("-published_at", "-id").values_list("pk", flat=True))
    heads = {
        article.pk: _folded("\n".join(document_of(article).head))
        for article in documents_queryset()
    }
    for query in ["工会", "温暖", "职工书屋", "app", "工会 温暖", "暖", "12351", "火星"]:
        hits = ground_truth(archive, query)
        in_head = ground_truth(heads, query)
        by_date = [pk for pk in newest_first if pk in hits]
        ranked = [pk for pk in by_date if pk in in_head] + [
            pk for pk in by_date if pk not in in_head
        ]
        for expected, sort_by_date in ((ranked, False), (by_date, True)):
            shown = []
            for number in (1, 2, 3, 4):
                page = ranked_page(
                    published, parse_query(query), number=number, per_page=8, by_date=sort_by_date
                )
                shown += [story.pk for story in page.stories]
                assert page.has_next == (len(expected) > number * 8), (query, number)
                assert page.count == min(len(expected), 26), query
            assert shown == expected[:32], (query, sort_by_date)
