"""The term list (articles/copydesk/terms.py): terms found exactly, on word boundaries,
in real sentences of union papers; the longest at each place; each kind's level, message
and replacement; the starter list (Xinhua's) shipped by a migration; the admin where
editors keep the list."""

import importlib
from itertools import accumulate
from pathlib import Path

import pytest
import rjieba
from django.apps import apps
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.copydesk import terms
from articles.copydesk.engine import Rules, check_text
from articles.copydesk.findings import ERROR, WARNING
from articles.copydesk.models import Term, TermKind
from articles.copydesk.terms import CAUTION, FORBIDDEN, REPLACE, TermEntry, TermList

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
starter = importlib.import_module("articles.copydesk.migrations.0002_starter_terms")

# Real sentences of the corpus (tests/fixtures/corpus/, sources in SOURCES.md there).
LIAOCHENG = "今年以来，聊城市在新业态领域新建工会组织427家，新发展农民工会员50029人。"
KNEE_PADS = (
    "“现在骑车时腿特别冷，工会给我们送来了护膝，真的太实用了。”日前，山东省聊城市总工会"
    "购置了1000双护膝、手套，以及口罩等物资发放给快递小哥，让他们在寒冬中感受“娘家人”的温暖。"
)
FUZHOU = (
    "1月7日晚上，福建省人大常委会副主任、省总工会主席张广敏走进福州市鼓楼区大街小巷"
    "夜访城市工人休息室。"
)
OUTDOOR = (
    "在这冰天雪地之中，环卫工人、快递员、外卖骑手以及货车司机等户外劳动者，"
    "宛如城市运转的“齿轮”坚守在各自岗位上。"
)
CORPUS_SENTENCES = [LIAOCHENG, KNEE_PADS, FUZHOU, OUTDOOR]

# The list's own sentence (新华社《禁用词和慎用词》, 社会生活类 1).
DISABILITY = (
    "对有身体伤疾的人士不使用“残废人”、“独眼龙”、“瞎子”、“聋子”、“傻子”、“呆子”、“弱智”"
    "等蔑称，而应使用“残疾人”、“盲人”、“聋人”、“智力障碍者”等词语。"
)


def caution(*words: str) -> TermList:
    return TermList(TermEntry(word, CAUTION) for word in words)


def found(term_list: TermList, text: str) -> list[tuple[str, int]]:
    """Each hit as (the text it covers, where it starts)."""
    return [(text[f.start : f.end], f.start) for f in term_list.find(text)]


def test_the_sentences_are_the_corpus_own():
    corpus = "".join(path.read_text(encoding="utf-8") for path in CORPUS).replace("\n", "")
    for sentence in CORPUS_SENTENCES:
        assert sentence in corpus


HITS = [
    # (text, terms, hits as (text, start))
    pytest.param(KNEE_PADS, ["工会"], [("工会", 11)], id="工会 on its own"),
    pytest.param(
        KNEE_PADS, ["工会", "总工会"], [("工会", 11), ("总工会", 39)], id="总工会 the longer"
    ),
    pytest.param(
        OUTDOOR, ["劳动者", "户外劳动者"], [("户外劳动者", 29)], id="户外劳动者 not 劳动者"
    ),
    pytest.param(OUTDOOR, ["环卫工人", "快递员"], [("环卫工人", 9), ("快递员", 14)], id="two"),
    pytest.param("工会为职工会员办理了互助保障。", ["工会"], [("工会", 0)], id="not in 职工会员"),
    pytest.param("市长走访了户外劳动者驿站。", ["市长"], [("市长", 0)], id="市长 on its own"),
    pytest.param(DISABILITY, ["弱智"], [("弱智", 45)], id="in quotes"),
    pytest.param("他在网上回帖时写了TMD。", ["TMD"], [("TMD", 9)], id="Latin"),
    pytest.param("TMD！", ["TMD"], [("TMD", 0)], id="Latin at the start"),
]


@pytest.mark.parametrize(("text", "words", "hits"), HITS)
def test_a_term_is_found_where_it_stands_as_a_word(text, words, hits):
    assert found(caution(*words), text) == hits


NOT_HITS = [
    # (text, terms): the text holds the term's characters, but not as a word.
    pytest.param(LIAOCHENG, ["市长", "工会会员"], id="聊城市在, 农民工会员"),
    pytest.param("工会为职工会员办理了互助保障。", ["工会会员"], id="工会会员 across 为"),
    pytest.param("这座城市长期坚持为户外劳动者送温暖。", ["市长"], id="城市长期"),
    pytest.param("新发展农民工会员50029人。", ["工会"], id="农民工会员"),
    pytest.param("工会为职工会员办理了互助保障。", ["工会员"], id="职工会员"),
    pytest.param(FUZHOU, ["人大常委", "市长"], id="人大常委会, 福州市鼓楼区"),
    pytest.param("数据来自TMDB网站。", ["TMD"], id="TMD in TMDB"),
    pytest.param("用USB接口充电。", ["SB"], id="SB in USB"),
    pytest.param("他回帖写了tmd。", ["TMD"], id="case-sensitive"),
    # A longer word of jieba's dictionary holds the term: 工会组织 is one word, and
    # the term is not found inside it. To catch such a compound, list it as a term.
    pytest.param(LIAOCHENG, ["工会"], id="工会组织 is one word"),
]


@pytest.mark.parametrize(("text", "words"), NOT_HITS)
def test_no_hit_across_words_the_list_does_not_name(text, words):
    assert found(caution(*words), text) == []


def test_a_compound_listed_as_a_term_is_found():
    assert found(caution("工会组织"), LIAOCHENG) == [("工会组织", 16)]


def test_the_longest_term_at_a_place_and_no_overlaps():
    # jieba never joins words across quotes: “一带一路”战略 stays four (“|一带一路|”|战略), and both
    # “一带一路” and “一带一路”战略 start and end on boundaries.
    text = "推进“一带一路”战略，不说“一带一路”战略。"
    shorter = caution("“一带一路”", "战略")
    assert found(shorter, text) == [
        ("“一带一路”", 2),
        ("战略", 8),
        ("“一带一路”", 13),
        ("战略", 19),
    ]
    longer = caution("“一带一路”", "“一带一路”战略", "战略")
    assert found(longer, text) == [("“一带一路”战略", 2), ("“一带一路”战略", 13)]


KINDS = [
    # (entry, text, level, message, replacement)
    pytest.param(
        TermEntry("瞎子", FORBIDDEN, "盲人", "对有身体伤疾的人士不使用蔑称"),
        "人们都叫他瞎子。",
        ERROR,
        "禁用词“瞎子”：对有身体伤疾的人士不使用蔑称",
        "盲人",
        id="forbidden, with its replacement",
    ),
    pytest.param(
        TermEntry("傻子", FORBIDDEN),
        "人们都叫他傻子。",
        ERROR,
        "禁用词“傻子”",
        None,
        id="forbidden, nothing to put instead",
    ),
    pytest.param(
        TermEntry("村长", REPLACE, "村主任", "“村民委员会主任”简称“村主任”"),
        "他当了十年村长。",
        ERROR,
        "应写作“村主任”：“村民委员会主任”简称“村主任”",
        "村主任",
        id="one right form",
    ),
    pytest.param(
        TermEntry("老板", CAUTION, note="对国内领导干部和国有企业负责人不使用“老板”"),
        "他是饭店老板。",
        WARNING,
        "慎用词“老板”：对国内领导干部和国有企业负责人不使用“老板”",
        None,
        id="with care",
    ),
    pytest.param(
        TermEntry("罪犯", CAUTION, "犯罪嫌疑人"),
        "在法院宣判之前，报道不能称他为罪犯。",
        WARNING,
        "慎用词“罪犯”",
        "犯罪嫌疑人",
        id="with care, with a replacement",
    ),
]


@pytest.mark.parametrize(("entry", "text", "level", "message", "replacement"), KINDS)
def test_each_kind_says_its_level_message_and_replacement(entry, text, level, message, replacement):
    [finding] = TermList([entry]).find(text)
    assert finding.check == "terms"
    assert (finding.level, finding.message, finding.replacement) == (level, message, replacement)
    assert text[finding.start : finding.end] == entry.term


def test_offsets_are_characters_of_the_text():
    term_list = starter_list()
    text = "第一段。\n" + DISABILITY + "\n😀" + DISABILITY
    findings = term_list.find(text)
    words = ["残废人", "独眼龙", "瞎子", "聋子", "傻子", "呆子", "弱智"]
    assert [text[f.start : f.end] for f in findings] == words * 2
    assert [f.replacement for f in findings[:7]] == [
        "残疾人",
        None,
        "盲人",
        "聋人",
        None,
        None,
        "智力障碍者",
    ]
    assert findings[7].start - findings[0].start == len(DISABILITY) + 2


def test_a_lone_surrogate_keeps_the_offsets():
    text = "工会\ud800工会"
    assert found(caution("工会"), text) == [("工会", 0), ("工会", 3)]


def test_the_first_entry_of_a_term_wins():
    term_list = TermList([TermEntry("瞎子", FORBIDDEN, "盲人"), TermEntry("瞎子", CAUTION)])
    [finding] = term_list.find("人们都叫他瞎子。")
    assert finding.level == ERROR


@pytest.mark.parametrize(
    ("term", "kind", "replacement"),
    [("", FORBIDDEN, ""), (" 瞎子", FORBIDDEN, ""), ("瞎子", "other", ""), ("村长", REPLACE, "")],
)
def test_an_entry_the_matcher_cannot_use_is_refused(term, kind, replacement):
    with pytest.raises(ValueError):
        TermEntry(term, kind, replacement)


@pytest.fixture
def jieba_builds(monkeypatch):
    """How many segmenters are built (each loads jieba's dictionary, ~0.12 s)."""
    builds = []
    real = rjieba.Jieba

    def counted():
        builds.append(1)
        return real()

    terms._segmenter.cache_clear()
    monkeypatch.setattr(terms.rjieba, "Jieba", counted)
    yield builds
    terms._segmenter.cache_clear()


def test_an_empty_list_finds_nothing_without_a_segmenter(jieba_builds):
    assert TermList().find(KNEE_PADS) == []
    assert TermList([]).find(KNEE_PADS) == []
    assert jieba_builds == []


def test_a_list_of_the_same_terms_is_rebuilt_without_a_new_segmenter(jieba_builds):
    entries = [TermEntry("工会", CAUTION), TermEntry("瞎子", FORBIDDEN, "盲人")]
    TermList(entries).find(KNEE_PADS)
    TermList(reversed(entries)).find(KNEE_PADS)
    edited = [TermEntry("工会", CAUTION, note="改了说明"), entries[1]]
    assert found(TermList(edited), KNEE_PADS) == [("工会", 11)]
    assert len(jieba_builds) == 1
    TermList([*entries, TermEntry("总工会", CAUTION)]).find(KNEE_PADS)
    assert len(jieba_builds) == 2


def test_check_text_reports_the_terms():
    rules = Rules(terms=caution("快递小哥"))
    findings = [f for f in check_text(KNEE_PADS, rules) if f.check == "terms"]
    assert [KNEE_PADS[f.start : f.end] for f in findings] == ["快递小哥"]


# The rule as the issue states it, written the slow way for comparison: every boundary of
# the segmentation, every term length, the longest first, left to right, no overlaps.
PROPERTY_TERMS = ["工会", "总工会", "会员", "工会会员", "市长", "长期", "劳动者", "户外劳动者"]
PROPERTY_TERMS += ["人大常委", "工匠", "TMD", "SB", "A1"]
PIECES = [*PROPERTY_TERMS, "农民工", "职工", "城市", "工", "会", "市", "长", "户外", "B", "U", "1"]
PIECES += ["tmd", "劳模", "人大常委会", "，", "。", " ", "\n", "“", "”"]


def reference_hits(text: str) -> list[tuple[int, int]]:
    words = terms._segmenter(tuple(sorted(PROPERTY_TERMS))).cut(text, False)
    boundaries = set(accumulate(map(len, words), initial=0))
    lengths = sorted({len(term) for term in PROPERTY_TERMS}, reverse=True)

    def inside_latin(offset: int) -> bool:
        pair = text[offset - 1 : offset + 1]
        return 0 < offset < len(text) and pair.isascii() and pair.isalnum()

    hits, covered = [], 0
    for start in sorted(boundaries):
        if start < covered:
            continue
        for length in lengths:
            end = start + length
            if (
                end in boundaries
                and text[start:end] in PROPERTY_TERMS
                and not inside_latin(start)
                and not inside_latin(end)
            ):
                hits.append((start, end))
                covered = end
                break
    return hits


# No deadline: the first example builds the list's segmenter (~0.12 s, more on a busy
# machine); the rest take a few milliseconds.
@settings(deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_the_walk_finds_what_the_rule_says(text):
    term_list = caution(*PROPERTY_TERMS)
    assert [(f.start, f.end) for f in term_list.find(text)] == reference_hits(text)


# The starter list (migration 0002). Tests make its rows themselves: a live server's test
# elsewhere flushes every table, data migrations' rows included.


def add_starter_terms() -> None:
    starter.add_starter_terms(apps, None)


def starter_list() -> TermList:
    return TermList(TermEntry(*row[:3], row[3] + starter.SOURCE) for row in starter.STARTER_TERMS)


def test_the_starter_list_is_xinhuas():
    assert 20 <= len(starter.STARTER_TERMS) <= 40
    assert len({row[0] for row in starter.STARTER_TERMS}) == len(starter.STARTER_TERMS)
    assert "新华社" in starter.SOURCE
    for term, kind, replacement, rule in starter.STARTER_TERMS:
        entry = TermEntry(term, kind, replacement, rule + starter.SOURCE)
        assert len(entry.note) <= 200 and len(term) <= 40 and len(replacement) <= 40
        assert replacement != term


@pytest.mark.django_db
def test_the_starter_rows_are_added_once_and_edits_survive():
    Term.objects.all().delete()
    add_starter_terms()
    assert Term.objects.count() == len(starter.STARTER_TERMS)
    Term.objects.filter(term="老板").update(active=False, note="本报：私营企业主可用")
    add_starter_terms()
    assert Term.objects.count() == len(starter.STARTER_TERMS)
    assert Term.objects.get(term="老板").note == "本报：私营企业主可用"
    blind = Term.objects.get(term="瞎子")
    assert (blind.kind, blind.replacement) == (TermKind.FORBIDDEN, "盲人")
    assert blind.note.endswith("（新华社《禁用词和慎用词》）")


@pytest.mark.django_db
def test_the_starter_rows_find_the_lists_own_examples():
    Term.objects.all().delete()
    add_starter_terms()
    rows = Term.objects.filter(active=True)
    term_list = TermList(TermEntry(t.term, t.kind, t.replacement, t.note) for t in rows)
    text = "各级人大常委会的委员，不要称作“人大常委”。“村民委员会主任”简称“村主任”，不得称“村长”。"
    assert [(text[f.start : f.end], f.replacement) for f in term_list.find(text)] == [
        ("人大常委", "人大常委会委员"),
        ("村长", "村主任"),
    ]
    assert term_list.find(FUZHOU) == []  # 人大常委会副主任 is no 人大常委


# The admin, where editors keep the list; it starts empty, whatever the migration or a
# flush left.


@pytest.fixture
def no_terms(db):
    Term.objects.all().delete()


def term_form(**changes) -> dict:
    return {
        "term": "瞎子",
        "kind": FORBIDDEN,
        "replacement": "盲人",
        "note": "",
        "active": "on",
    } | changes


@pytest.mark.django_db
def test_an_editor_adds_a_term(superuser_client, no_terms):
    response = superuser_client.post(reverse("admin:copydesk_term_add"), term_form())
    assert response.status_code == 302
    term = Term.objects.get(term="瞎子")
    assert (term.kind, term.replacement, term.active) == (FORBIDDEN, "盲人", True)


@pytest.mark.django_db
def test_an_editor_changes_a_term(superuser_client, no_terms):
    term = Term.objects.create(term="村长", kind=REPLACE, replacement="村主任")
    url = reverse("admin:copydesk_term_change", args=[term.pk])
    assert superuser_client.get(url).status_code == 200
    data = term_form(term="村长", kind=CAUTION, replacement="", note="本报：引语中可用", active="")
    assert superuser_client.post(url, data).status_code == 302
    term.refresh_from_db()
    assert (term.kind, term.replacement, term.note, term.active) == (
        CAUTION,
        "",
        "本报：引语中可用",
        False,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": REPLACE, "replacement": ""}, "规范写法须填写“应写作”。"),
        ({"replacement": "瞎子"}, "“应写作”不能与词语相同。"),
        ({"term": " 瞎子"}, "词语前后不能有空格。"),
        ({"term": "瞎子　"}, "词语前后不能有空格。"),
        ({"term": "   "}, "请填写词语。"),
    ],
)
def test_a_term_the_matcher_cannot_use_is_refused_in_chinese(
    superuser_client, no_terms, changes, message
):
    response = superuser_client.post(reverse("admin:copydesk_term_add"), term_form(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Term.objects.exists()


@pytest.mark.django_db
def test_a_term_is_unique(superuser_client, no_terms):
    Term.objects.create(term="瞎子", kind=FORBIDDEN, replacement="盲人")
    response = superuser_client.post(reverse("admin:copydesk_term_add"), term_form())
    assert response.status_code == 200
    assert "已存在" in response.content.decode()


@pytest.mark.django_db
def test_the_list_is_filtered_and_searched(superuser_client, no_terms):
    add_starter_terms()
    url = reverse("admin:copydesk_term_changelist")
    response = superuser_client.get(url, {"kind__exact": REPLACE, "active__exact": "1"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "村主任" in content and "盲人" not in content
    response = superuser_client.get(url, {"q": "残疾"})
    assert "残废人" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"updated_at__year": "99999999999999999999"},
        {"id__exact": "99999999999999999999"},
        {"term__startswith": "瞎"},
    ],
)
def test_a_hand_edited_lookup_is_a_bad_request(superuser_client, no_terms, params):
    Term.objects.create(term="瞎子", kind=FORBIDDEN, replacement="盲人")
    response = superuser_client.get(reverse("admin:copydesk_term_changelist"), params)
    assert response.status_code == 400
