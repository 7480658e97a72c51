"""The parser's second round (issue 15): dateline forms, credits, headline roles, report
boundaries without datelines, briefs, raw chrome, and the unions a report names.

The report text here is written for the test (one behaviour each); the real pages are in
tests/fixtures/corpus/ and scored by tests/pageimport/test_corpus.py.
"""

import pytest

from articles.pageimport.parser import guess_level, parse_page

KNOWN = {
    "北京市总工会": "北京市总工会",
    "市总工会": "北京市总工会",
    "昌平区总工会": "昌平区总工会",
    "西城区天桥街道总工会": "西城区天桥街道总工会",
    "天桥街道总工会": "西城区天桥街道总工会",
}


def only_article(text: str, **kwargs):
    page = parse_page(text, **kwargs)
    assert len(page.articles) == 1, [a.title for a in page.articles]
    return page.articles[0]


def credits_of(article) -> list[tuple[str, str]]:
    return [(c.role, c.name) for c in article.credits]


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize(
    ("line", "dateline", "credits"),
    [
        ("本网讯（记者 张三）近日，开展活动。", "本网讯", [("reporter", "张三")]),
        (
            "临汾新闻网讯（记者 张三 通讯员 李四）近日，开展活动。",
            "临汾新闻网讯",
            [("reporter", "张三"), ("correspondent", "李四")],
        ),
        ("2025年3月8日讯 近日，开展活动。", "2025年3月8日讯", []),
        ("本报讯 王小明报道 近日，开展活动。", "本报讯", [("reporter", "王小明")]),
        ("本报北京讯（记者 张三）近日，开展活动。", "本报北京讯", [("reporter", "张三")]),
        (
            "本报北京7月27日讯 记者赵妍报道：近日，开展活动。",
            "本报北京7月27日讯",
            [("reporter", "赵妍")],
        ),
        (
            "东南网1月28日讯（本网记者 陈诗婷）近日，开展活动。",
            "东南网1月28日讯",
            [("reporter", "陈诗婷")],
        ),
        (
            "三秦都市报讯（记者 张三 实习生 李四）近日。",
            "三秦都市报讯",
            [("reporter", "张三"), ("intern", "李四")],
        ),
    ],
)
def test_it_reads_every_dateline_form_and_keeps_its_place(line, dateline, credits):
    article = only_article(f"标题\n{line}")
    assert article.dateline == dateline
    assert credits_of(article) == credits
    assert article.paragraphs[0].startswith("近日")
    assert article.kind in {"brief", "news"}


def test_a_sentence_that_quotes_a_paper_is_not_a_dateline():
    article = only_article("标题\n本报讯（记者 张三）近日。\n据本报讯，活动很成功。")
    assert article.paragraphs == ["近日。", "据本报讯，活动很成功。"]


# --------------------------------------------------------------------------- end credits


def test_an_own_line_credit_with_several_roles_and_the_editor_line_close_the_report():
    page = parse_page(
        "第一篇标题\n本报讯 近日，开展活动。\n记者 甲乙 丙丁 实习生 戊己 通讯员 庚辛\n"
        "责任编辑 王五\n第二篇标题\n近日，又开展活动。"
    )
    first, second = page.articles
    assert credits_of(first) == [
        ("reporter", "甲乙"),
        ("reporter", "丙丁"),
        ("intern", "戊己"),
        ("correspondent", "庚辛"),
        ("editor", "王五"),
    ]
    assert second.title == "第二篇标题"


def test_a_credit_glued_to_the_text_goes_before_the_editor_line():
    article = only_article("标题\n本报讯 近日，开展活动。（王千榕）\n责任编辑：苗津伟")
    assert credits_of(article) == [("other", "王千榕"), ("editor", "苗津伟")]
    assert article.paragraphs == ["近日，开展活动。"]


def test_a_headline_over_an_own_line_byline_starts_a_signed_feature():
    page = parse_page(
        "第一篇\n本报讯（记者 张三）正文。\n冬日里的暖心关爱\n本报记者 张嫱 本报通讯员 夏丽萍\n"
        "1月18日，山东威海，寒风裹挟着低温。"
    )
    feature = page.articles[1]
    assert (feature.title, feature.kind) == ("冬日里的暖心关爱", "feature")
    assert credits_of(feature) == [("reporter", "张嫱"), ("correspondent", "夏丽萍")]


# --------------------------------------------------------------------------- boundaries


def test_a_headline_after_a_finished_paragraph_starts_a_report_without_a_dateline():
    page = parse_page(
        "鳌头镇总工会开展送温暖慰问活动\n1月11日，鳌头镇总工会开展慰问活动。\n"
        "青山湖街道总工会开展春节劳模慰问活动\n为进一步关心关爱劳模，街道总工会走访慰问。\n"
        "汉寿县总工会举行送温暖活动\n1月9日，汉寿县总工会举行活动。"
    )
    assert [a.title for a in page.articles] == [
        "鳌头镇总工会开展送温暖慰问活动",
        "青山湖街道总工会开展春节劳模慰问活动",
        "汉寿县总工会举行送温暖活动",
    ]
    assert {a.kind for a in page.articles} == {"news"}


def test_a_crosshead_stays_inside_its_report():
    article = only_article(
        "标题\n本报讯（记者 张三）近日，开展活动。\n打造职工之家\n今年以来，区总工会建家建站。"
    )
    assert article.paragraphs[1] == "打造职工之家"


def test_a_row_of_briefs_gives_one_brief_a_paragraph_under_the_strap():
    page = parse_page(
        "简讯\n新市镇总工会慰问环卫工人。\n雷甸镇总工会开展公益活动，共有40名职工参与。\n"
        "武康街道总工会在工会驿站开展活动。"
    )
    assert [(a.kind, a.column) for a in page.articles] == [("brief", "简讯")] * 3
    assert [a.unions for a in page.articles] == [[], [], []]
    assert [a.union_suggestions for a in page.articles] == [
        ["新市镇总工会"],
        ["雷甸镇总工会"],
        ["武康街道总工会"],
    ]
    # The strap is printed once: it is consumed once.
    assert page.consumed_text().count("简讯") == 1


def test_raw_chrome_with_page_numbers_glued_on_is_dropped():
    page = parse_page("5上一版  下一版6\n标题\n本报讯（记者 张三）近日，开展活动。")
    assert page.dropped == ["5上一版  下一版6"]
    assert page.articles[0].column == ""


# --------------------------------------------------------------------------- headline roles


@pytest.mark.parametrize(
    ("lines", "column", "kicker", "title", "subtitle"),
    [
        (
            ["冬日暖心行动·走基层", "昌平区总工会走访一线职工"],
            "冬日暖心行动·走基层",
            "",
            "昌平区总工会走访一线职工",
            "",
        ),
        (
            ["工会微镜头", "昌平区总工会走访一线职工"],
            "工会微镜头",
            "",
            "昌平区总工会走访一线职工",
            "",
        ),
        (["职工风采", "一位老劳模的三十年"], "职工风采", "", "一位老劳模的三十年", ""),
        (
            ["某区职工书屋建设受到好评", "“下了班，书屋就是我的家”"],
            "",
            "某区职工书屋建设受到好评",
            "“下了班，书屋就是我的家”",
            "",
        ),
        (
            [
                "昌平区职工书屋开进工地",
                "区总工会为一线工地配送图书，建成书屋十二家，覆盖职工三千人",
            ],
            "",
            "",
            "昌平区职工书屋开进工地",
            "区总工会为一线工地配送图书，建成书屋十二家，覆盖职工三千人",
        ),
    ],
)
def test_it_decides_headline_roles_from_the_evidence(lines, column, kicker, title, subtitle):
    article = only_article("\n".join([*lines, "本报讯（记者 张三）近日，开展活动。"]))
    assert (article.column, article.kicker, article.title, article.subtitle) == (
        column,
        kicker,
        title,
        subtitle,
    )


# --------------------------------------------------------------------------- unions


def test_a_union_not_in_the_tree_is_proposed_with_level_and_parent():
    article = only_article(
        "标题\n本报讯（记者 张三）近日，昌平区总工会、昌平区城北街道总工会开展活动。",
        union_names=KNOWN,
    )
    assert article.unions == ["昌平区总工会"]
    assert [(u.name, u.level, u.parent) for u in article.new_unions] == [
        ("昌平区城北街道总工会", "street", "昌平区总工会")
    ]


def test_a_short_form_is_completed_from_the_city_the_report_names():
    article = only_article(
        "标题\n本报讯（记者 张三）近日，青海省西宁市城东区总工会联合市总工会开展活动。",
        union_names=KNOWN,
    )
    assert article.unions == []
    assert [(u.name, u.level, u.parent) for u in article.new_unions] == [
        ("青海省西宁市城东区总工会", "district", "西宁市总工会"),
        ("西宁市总工会", "city", ""),
    ]


def test_the_publishers_city_is_not_the_default_when_the_report_names_another():
    article = only_article(
        "标题\n本报讯（记者 张三）近日，山西日报记者采访劳模，市总工会共同组织。",
        union_names=KNOWN,
    )
    assert article.unions == []
    assert article.new_unions == []


def test_the_publishers_city_resolves_a_short_form_when_no_other_city_is_named():
    article = only_article("标题\n本报讯（记者 张三）近日，市总工会开展活动。", union_names=KNOWN)
    assert article.unions == ["北京市总工会"]


def test_a_later_short_form_is_completed_from_a_district_named_earlier():
    article = only_article(
        "标题\n本报讯 近日，昌平区总工会开展活动。区总工会主席带队慰问。", union_names=KNOWN
    )
    assert article.unions == ["昌平区总工会"]


def test_several_unions_in_a_list_are_each_found():
    article = only_article(
        "标题\n本报讯 近日，天津市河北区总工会、望海楼街道总工会、昆云里社区联合工会开展活动。"
    )
    assert [(u.name, u.parent) for u in article.new_unions] == [
        ("天津市河北区总工会", ""),
        ("望海楼街道总工会", "天津市河北区总工会"),
        ("昆云里社区联合工会", "望海楼街道总工会"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "职工到天桥街道工会服务站领取礼包。",
        "户外劳动者在丰台区总工会驿站休息。",
        "工会组织开展活动，工会是职工的娘家人。",
        "在公司职工书屋读书。",
    ],
)
def test_facilities_and_the_word_union_are_not_unions(sentence):
    article = only_article(f"标题\n本报讯 {sentence}", union_names=KNOWN)
    assert article.new_unions == []


def test_an_abbreviation_stands_for_the_fullest_name_the_copy_gives():
    article = only_article("沈铁局工会送欢乐到基层\n本报讯 日前，沈阳铁路局工会开展活动。")
    assert [u.name for u in article.new_unions] == ["沈阳铁路局工会"]


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("陕西省总工会", "city"),
        ("西宁市总工会", "city"),
        ("兴隆县总工会", "district"),
        ("威海高区总工会", "district"),
        ("武康街道总工会", "street"),
        ("新市镇总工会", "town"),
        ("金山工业园区工会联合会", "park"),
        ("昆云里社区联合工会", "community"),
        ("振兴运输行业工会联合会", "industry"),
        ("青海闪电智能科技有限公司工会", "enterprise"),
    ],
)
def test_it_guesses_the_level_from_the_name(name, level):
    assert guess_level(name) == level
