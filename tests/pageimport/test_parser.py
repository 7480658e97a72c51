"""Tests for the page parser: the golden seed page, then one behaviour per test.

Plain pytest functions: the parser is pure Python and needs no Django.
"""

from pathlib import Path

import pytest

from articles.demo.loader import SEED_PAGE
from articles.pageimport.parser import (
    COLUMN_SEPARATOR,
    PageParseError,
    ParsedCredit,
    parse_page,
)

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"


UNION_NAMES = {
    "怀柔区总工会": "怀柔区总工会",
    "龙山街道总工会": "龙山街道总工会",
    "怀柔区龙山街道总工会": "龙山街道总工会",
    "庙城镇总工会": "庙城镇总工会",
    "中关村科技园区怀柔园管理委员会工会联合会": "中关村科技园区怀柔园管理委员会工会联合会",
    "中关村怀柔园工会": "中关村科技园区怀柔园管理委员会工会联合会",
    "昌平区总工会": "昌平区总工会",
    "北京建工一建水电分公司工会": "北京建工一建水电分公司工会",
    "建工一建工会": "北京建工一建水电分公司工会",
    "通州多源公司工会": "通州多源公司工会",
    "西城区天桥街道总工会": "西城区天桥街道总工会",
    "天桥街道总工会": "西城区天桥街道总工会",
    "平谷区滨河街道北小区社区联合工会": "平谷区滨河街道北小区社区联合工会",
    "滨河街道北小区社区联合工会": "平谷区滨河街道北小区社区联合工会",
    "滨河街道北小区社区工会": "平谷区滨河街道北小区社区联合工会",
}


@pytest.fixture(scope="module")
def seed():
    return parse_page(SEED_PAGE.read_text(encoding="utf-8"), union_names=UNION_NAMES)


def only_article(text: str, **kwargs):
    page = parse_page(text, **kwargs)
    assert len(page.articles) == 1, [a.title for a in page.articles]
    return page.articles[0]


def credits_of(article) -> list[tuple[str, str, str]]:
    return [(c.role, c.name, c.label) for c in article.credits]


# --------------------------------------------------------------------------- the seed page

# Each paragraph is written as the printed lines it is made of: a column break is where
# one string ends and the next begins. The dateline and credit are not part of paragraph 1.
REPORT_1_PARAGRAPHS = [
    "中关村科技园区怀柔园管理委员会工会联合会主打的工作方法是“加减乘除法”；龙山街道总工会在做好“娘家人”“贴心人”等方面频出新招；庙城镇总工会根据自身特色，在建家建站方面颇有心得……在学习贯彻落实中国工会十八大精神的过程中，怀柔区总工会以大抓基层为导向，着力打造“一工会一亮点、一区域一特色”工作格局，加速健全服务职工工作体系，基层工会工作正在呈现百舸争流、百花齐放的喜人局面。",
    (
        "“在消除职工后顾之忧、减轻职工职场压力方面，我们探索多做‘减法’。在提升职工职业"
        "技能、建设学习型班组方面，我们探索多做‘加法’。”中关村怀柔园工会副主席杨艳介绍道，“在坚持思想政治引领，弘扬劳模精神、劳动精神和工匠精神方面，我们倡导多用‘乘法’；在着力化解矛盾纠纷、维护劳动关系和谐稳定、防患于未然方面，我们更多的采用‘除法’。”"
    ),
    (
        "“我们街道地处怀柔城区中心地带，职工来源多样化，职工需求也有所不同。新就业形态劳动者占比较大，新业态和零散用工小微企业较多。在深入研究的基础上，我们决定将工会工作的重心紧紧聚焦在精准对接职工群众的需求上，工会组织需要更加明晰自己的身份和职责，在"
        "服务好职工群众方面需要主动担当作为。”怀柔区龙山街道总工会负责人告诉记者，“我们推出的特色工作思路是——做实区域性工资集体协商，做推动职工共享发展成果的‘娘家人’；做精多元化维权服务载体，做提升职工生产生活条件的‘贴心人’；做大社会化志愿服务体系，做引领职工参与社会治理的‘带头人’。”"
    ),
    (
        "“抓好基层建设就抓住了工会工作的生命线，做好调查研究就能把准工会工作的着力点。”怀柔区总工会党组书记、工会主席樊晓娟介绍，“在贯彻落实中国工会十八大精神的过程中，我们坚持大抓基层导向，号召各基层工会在深入调查研究的基础"
        "上，结合中国工会十八大工作报告的新要求，大胆探索，精准施策，着力进行工会工作品牌建设，力争打造‘一工会一亮点、一区域一特色’工作格局。”"
    ),
    (
        "据了解，为推动怀柔区工会干部沉下去抓调查研究，该区总工会牵头建立了工作经验交流群，鼓励各级工会干部在“怀柔职工”微信公众号上晒新招、亮绝招，相互借鉴经验，互帮互学互促，引导乡镇街道工会干部开拓思路，集思广益，为服务职工"
        "工作体系建设献计献策。"
    ),
    "樊晓娟指出，下一步，怀柔区总工会将坚持学以致用、坚持问题导向，引入“赛马机制”，加强督促指导，完善体制机制，进一步动员组织乡镇街道总工会及直属基层工会，深入研究各自领域的经济、社会、产业发展重点及职工特点，打造适合地域特色和职工需求的特色工会工作，将基层工会组织串连起来织成网络，成为精准高效服务职工的智慧型工会体系。",
]
REPORT_2_PARAGRAPHS = [
    "近日，昌平区总工会启动“两节”送温暖系列活动，将党和政府的关怀以及工会组织的温暖送到职工心坎上。",
    (
        "活动中，昌平区人大常委会党组副书记、副主任，区总工会主席刘长永带队，先后来到昌平区市场监督管理局、区"
        "直机关工委、北京市公安局昌平分局、延寿镇，向一线职工送上温暖与祝福，感谢他们一年来的辛勤付出，叮嘱他们工作中要注意防寒保暖。昌平区总工会还对4家基层工会2023年工会组织建设、活动开展、服务职工等工作情况进行了交流，并送去了慰问金，支持基"
        "层工会开展好“送温暖”活动。"
    ),
    "昌平区总工会相关负责人表示，下一步，区总工会将继续深化“两节”送温暖活动，组织各级工会积极行动，通过多种形式的慰问、服务，为广大职工送温暖、送祝福，做好职工的“娘家人”。",
]
REPORT_3_PARAGRAPHS = [
    "记者近日从北京建工一建水电分公司工会了解到，该公司工会积极探索工学融合、协同育人机制，以职工书屋为平台，开展创建学习型企业工作，助力职工获得职业技能提升。",
    (
        "在“好书荐读”活动中，北京建工一建水电分公司工会征集和推荐后购置图书70余册，充实进职工书屋。据了解，新购置书籍主要涵盖两类，一类为在建筑机电安装领域有着较大影响、对现场施工和企业管理具有较大参考作用，对各系统职工发展有参考价值的专业书籍；另一类为有助于开阔职工视野、丰富知识"
        "广度、陶冶职工情操、增强创新意识、提高职工人文素养等方面的书籍。充实后的职工书屋，成为职工学习成长的平台。“一到这里就能静下心来，收获满满的能量。”每天下班后，该公司青年职工都会结伴而来学习“充电”。"
    ),
    "据北京建工一建水电分公司工会相关负责人介绍，下一步，公司工会将继续发挥职工书屋功能，组织开展读书学习分享会、年度系统业务知识考核等活动，鼓励职工培养读书学习习惯，持续丰富知识的广度和深度，在全公司营造“读书文化”，助力企业实现高质量发展。",
]
REPORT_4_PARAGRAPHS = [
    "近日，通州多源公司工会开展春节前走访慰问一线职工工作，该公司领导班子分别前往职工家中，为他们送上米、面、油等慰问品。同时，与职工深入交流，了解他们的实际需求和困难，并提供力所能及的帮助。",
]
REPORT_5_PARAGRAPHS = [
    "近日，西城区天桥街道总工会“两节”送温暖活动开启，为广大职工送上了一份来自“娘家人”的贴心问候。",
    (
        "此次活动，天桥街道总工会搭载“北京工会12351”APP，精心准备了1030份包括焖泡壶在内的“温暖礼包”，辖区职工线上预订成功后，到天桥街道工会服务站扫码领取提货券。领到礼包的职工们纷"
        "纷表示：“一直以来，街道总工会的各项慰问活动总能带给我们很多惊喜，工会站在职工的需求角度，送上职工真正需要的贴心好物，让我们感受到全身心的暖意。”"
    ),
    (
        "“我们希望职工们不仅能够感受到新意，更能够感受到心意。”天桥街道总工会相关负责人表示，“送温暖”活动虽然是工会一项常规性工作，但如何把它做出新意是街道总工会"
        "全体工作人员一直用心研究的事。今年经过多次调研比价，最终选择了焖泡壶作为慰问品，主要看中了它的实用性。“广大职工每天辛苦工作，忙起来常常没有时间喝水，这款焖泡壶容量大、保温性好，壶顶部还有温度显示器，职工们早起上班泡上一壶，全天都能喝上热茶，不仅解决了职工的喝水问题，更为职工节省了时间成本。”该负责人说。"
    ),
]
REPORT_6_PARAGRAPHS = [
    "近日，平谷区滨河街道北小区社区联合工会举办了“巧手剪窗花 共话幸福年”亲子剪纸活动。",
    (
        "活动中，滨河街道北小区社区联合工会邀请剪纸老师现场指导。老师向职工们介绍了剪纸的历史和文化背景，让职工对剪纸有了深入的了解。随后，老师向职工展示了精美的剪纸作品，并详细讲解了剪纸的基本技巧，如"
        "折纸、剪纸、裁剪等。在老师的指导下，职工一起动手，剪出了各种精美的窗花作品。同时，孩子们也发挥着想象力和创造力，剪出了各种各样的图案。活动最后，工作人员将职工的作品进行了展览。"
    ),
    "“通过参加亲子活动，不仅了解了剪纸这一传统文化，也加强了与孩子间的沟通和交流。”职工们纷纷表示。",
]

SEED_REPORTS = [
    {
        "kind": "news",
        "column": "贯彻落实工会十八大精神",
        "kicker": "怀柔区总工会打造“一工会一亮点、一区域一特色”工作格局",
        "title": "以大抓基层为导向健全服务职工工作体系",
        "subtitle": "",
        "dateline": "本报讯",
        "credits": [("reporter", "崔欣", "记者")],
        "paragraphs": REPORT_1_PARAGRAPHS,
        "unions": [
            "怀柔区总工会",
            "中关村科技园区怀柔园管理委员会工会联合会",
            "龙山街道总工会",
            "庙城镇总工会",
        ],
        "topics": ["ji-ceng-jian-she"],
    },
    {
        "kind": "news",
        "column": "寒冬送暖 工会行动",
        "kicker": "",
        "title": "昌平区总工会启动“两节”送温暖活动",
        "subtitle": "",
        "dateline": "本报讯",
        "credits": [("reporter", "周美玉", "记者")],
        "paragraphs": REPORT_2_PARAGRAPHS,
        "unions": ["昌平区总工会"],
        "topics": ["song-wen-nuan"],
    },
    {
        "kind": "news",
        "column": "",
        "kicker": "",
        "title": "建工一建工会以职工书屋为平台打造学习型企业",
        "subtitle": "",
        "dateline": "本报讯",
        "credits": [("reporter", "边磊", "记者"), ("correspondent", "蔡洪玉", "通讯员")],
        "paragraphs": REPORT_3_PARAGRAPHS,
        "unions": ["北京建工一建水电分公司工会"],
        "topics": ["xue-xi-xing-zu-zhi", "zhi-gong-shu-wu", "xue-xi-xing-qi-ye"],
    },
    {
        "kind": "photo",
        "column": "",
        "kicker": "",
        "title": "“娘家人”送来暖心慰问",
        "subtitle": "",
        "dateline": "",
        "credits": [("photographer", "周美玉", "本报记者")],
        "paragraphs": REPORT_4_PARAGRAPHS,
        "unions": ["通州多源公司工会"],
        "topics": ["song-wen-nuan"],
    },
    {
        "kind": "news",
        "column": "",
        "kicker": "",
        "title": "西城区天桥街道总工会为职工送出“温暖礼包”",
        "subtitle": "“希望职工不仅感受新意更能够感受到心意”",
        "dateline": "本报讯",
        "credits": [("reporter", "陈曦", "记者")],
        "paragraphs": REPORT_5_PARAGRAPHS,
        "unions": ["西城区天桥街道总工会"],
        "topics": ["song-wen-nuan"],
    },
    {
        "kind": "news",
        "column": "",
        "kicker": "",
        "title": "平谷滨河街道北小区社区工会开展亲子活动",
        "subtitle": "",
        "dateline": "本报讯",
        "credits": [("reporter", "马超", "记者")],
        "paragraphs": REPORT_6_PARAGRAPHS,
        "unions": ["平谷区滨河街道北小区社区联合工会"],
        "topics": ["qin-zi-huo-dong"],
    },
]


def test_it_reads_the_banner_of_the_seed_page(seed):
    assert seed.banner == "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"


def test_it_finds_exactly_the_six_reports_of_the_seed_page(seed):
    assert [a.title for a in seed.articles] == [r["title"] for r in SEED_REPORTS]


@pytest.mark.parametrize("number", range(1, 7))
def test_it_reads_every_field_of_each_seed_report(seed, number):
    article, expected = seed.articles[number - 1], SEED_REPORTS[number - 1]
    assert {
        "kind": article.kind,
        "column": article.column,
        "kicker": article.kicker,
        "title": article.title,
        "subtitle": article.subtitle,
        "dateline": article.dateline,
        "credits": credits_of(article),
        "paragraphs": article.paragraphs,
        "unions": article.unions,
        "topics": article.topics,
    } == expected


def test_it_counts_the_seed_paragraphs_by_hand(seed):
    assert [len(a.paragraphs) for a in seed.articles] == [6, 3, 3, 1, 3, 3]


def test_it_has_nothing_to_warn_about_or_drop_on_the_seed_page(seed):
    assert seed.warnings == []
    assert seed.dropped == []
    assert [a.warnings for a in seed.articles] == [[]] * 6


def test_it_suggests_no_unknown_unions_on_the_seed_page(seed):
    # 怀柔区工会干部, 天桥街道工会服务站: variants of known unions; 各基层工会, 区总工会:
    # generic words.
    assert [a.union_suggestions for a in seed.articles] == [[]] * 6


def test_it_accounts_for_every_character_of_the_seed_page(seed):
    text = SEED_PAGE.read_text(encoding="utf-8")
    consumed = "".join(seed.consumed_text())
    assert sorted("".join(text.split())) == sorted("".join(consumed.split()))


def test_it_serialises_the_seed_page_to_the_json_contract(seed):
    data = seed.to_json_dict()
    assert set(data) == {"banner", "articles", "warnings"}
    assert data["banner"] == seed.banner
    assert data["warnings"] == []
    first = data["articles"][0]
    assert set(first) == {
        "kind",
        "column",
        "kicker",
        "title",
        "subtitle",
        "credits",
        "paragraphs",
        "unions",
        "topics",
    }
    assert data["articles"][2]["credits"] == [
        {"role": "reporter", "name": "边磊"},
        {"role": "correspondent", "name": "蔡洪玉"},
    ]


def test_it_assigns_the_seed_straps_the_same_way_when_they_are_known_columns(seed):
    page = parse_page(
        SEED_PAGE.read_text(encoding="utf-8"),
        column_names=["寒冬送暖 工会行动", "贯彻落实工会十八大精神", "职工书屋"],
    )
    assert [a.column for a in page.articles] == [a.column for a in seed.articles]
    assert [a.title for a in page.articles] == [a.title for a in seed.articles]


def test_it_parses_the_seed_page_without_union_names(seed):
    page = parse_page(SEED_PAGE.read_text(encoding="utf-8"))
    assert [a.title for a in page.articles] == [a.title for a in seed.articles]
    assert all(a.unions == [] for a in page.articles)


# --------------------------------------------------------------------------- paragraphs


def test_it_rejoins_a_word_broken_across_columns():
    article = only_article(
        "标题\n\n本报讯（记者 周美玉）区总工会送去了慰问金，支持基\n\n层工会开展好“送温暖”活动。"
    )
    assert article.paragraphs == ["区总工会送去了慰问金，支持基层工会开展好“送温暖”活动。"]


def test_it_rejoins_a_sentence_broken_across_columns():
    article = only_article(
        "标题\n本报讯（记者 崔欣）近日开展活动。\n"
        "“在提升职工职业\n技能、建设学习型班组方面，我们探索多做‘加法’。”"
    )
    assert article.paragraphs[1] == "“在提升职工职业技能、建设学习型班组方面，我们探索多做‘加法’。”"


def test_it_ends_a_paragraph_at_a_closing_quote_after_a_full_stop():
    article = only_article(
        "标题\n本报讯（记者 崔欣）他说：“好。”\n“我们感受到了温暖！”\n职工们纷纷表示。"
    )
    assert article.paragraphs == ["他说：“好。”", "“我们感受到了温暖！”", "职工们纷纷表示。"]


def test_it_rejoins_a_closing_quote_broken_onto_the_next_column():
    article = only_article(
        "标题\n本报讯（记者 崔欣）近日开展活动。\n“我们感受到了温暖。\n”\n职工们纷纷表示。"
    )
    assert article.paragraphs == [
        "近日开展活动。",
        "“我们感受到了温暖。”",
        "职工们纷纷表示。",
    ]


def test_it_treats_an_ellipsis_as_the_end_of_a_paragraph():
    article = only_article("标题\n本报讯（记者 崔欣）颇有心得……\n下一步继续努力。")
    assert article.paragraphs == ["颇有心得……", "下一步继续努力。"]


def test_it_keeps_crossheads_inside_their_report():
    article = only_article(
        "门头沟区总工会推进职工之家建设\n"
        "本报讯（记者 张三）近日，门头沟区总工会召开基层建设推进会。\n"
        "打造职工之家\n"
        "今年以来，区总工会把建家建站作为大抓基层的重要抓手。\n"
        "延伸服务触角\n"
        "区总工会还在商圈、楼宇建起了户外劳动者驿站。"
    )
    assert article.paragraphs == [
        "近日，门头沟区总工会召开基层建设推进会。",
        "打造职工之家",
        "今年以来，区总工会把建家建站作为大抓基层的重要抓手。",
        "延伸服务触角",
        "区总工会还在商圈、楼宇建起了户外劳动者驿站。",
    ]


def test_it_keeps_a_crosshead_and_an_end_credit_in_the_same_report():
    page = parse_page((PAGES / "103_features_and_crossheads.txt").read_text(encoding="utf-8"))
    news = page.articles[0]
    assert len(page.articles) == 2
    assert "延伸服务触角" in news.paragraphs
    assert credits_of(news)[-1] == ("other", "张恩刚", "")


def test_it_starts_a_new_report_at_a_short_headline_followed_by_a_dateline():
    page = parse_page(
        "第一篇\n本报讯（记者 张三）第一段没有写完，\n第二篇\n本报讯（记者 李四）第二篇正文。"
    )
    assert [a.title for a in page.articles] == ["第一篇", "第二篇"]
    assert "最后一段未以句末标点结束，可能有缺漏" in page.articles[0].warnings


def test_it_joins_latin_words_broken_across_columns_with_a_space():
    article = only_article("标题\n本报讯（记者 张三）职工使用 Beijing\nUnion 应用程序预约。")
    assert article.paragraphs == ["职工使用 Beijing Union 应用程序预约。"]


# --------------------------------------------------------------------------- headlines


def test_it_reads_one_headline_line_as_the_title():
    article = only_article("昌平区总工会启动送温暖活动\n本报讯（记者 周美玉）近日启动活动。")
    assert (article.kicker, article.title, article.subtitle) == (
        "",
        "昌平区总工会启动送温暖活动",
        "",
    )


def test_it_reads_two_plain_headline_lines_as_kicker_and_title():
    article = only_article(
        "怀柔区总工会打造工作格局\n以大抓基层为导向健全服务职工工作体系\n本报讯（记者 崔欣）近日。"
    )
    assert article.kicker == "怀柔区总工会打造工作格局"
    assert article.title == "以大抓基层为导向健全服务职工工作体系"


@pytest.mark.parametrize(
    ("second_line", "subtitle", "mark"),
    [
        ("——记北京市劳动模范李师傅", "记北京市劳动模范李师傅", "——"),
        ("—记北京市劳动模范李师傅", "记北京市劳动模范李师傅", "—"),
        ("－－记北京市劳动模范李师傅", "记北京市劳动模范李师傅", "－－"),
        ("“希望职工感受到心意”", "“希望职工感受到心意”", ""),
        ('"希望职工感受到心意"', '"希望职工感受到心意"', ""),
        ("负责人：“希望职工感受到心意”", "负责人：“希望职工感受到心意”", ""),
    ],
)
def test_it_reads_a_marked_second_headline_line_as_the_subtitle(second_line, subtitle, mark):
    article = only_article(f"一位老劳模的三十年\n{second_line}\n本报讯（记者 张三）近日。")
    assert (article.kicker, article.title) == ("", "一位老劳模的三十年")
    assert (article.subtitle_mark, article.subtitle) == (mark, subtitle)


def test_it_reads_three_headline_lines_as_kicker_title_and_subtitle():
    article = only_article(
        "深入贯彻工会十八大精神的怀柔实践\n以大抓基层为导向健全服务体系\n"
        "——怀柔区总工会打造工作新格局\n本报讯（记者 崔欣）近日。"
    )
    assert article.kicker == "深入贯彻工会十八大精神的怀柔实践"
    assert article.title == "以大抓基层为导向健全服务体系"
    assert article.subtitle == "怀柔区总工会打造工作新格局"


def test_it_does_not_mistake_a_title_that_starts_with_a_quotation_for_a_subtitle():
    article = only_article("“娘家人”送来暖心慰问\n本报讯（记者 张三）近日。")
    assert article.title == "“娘家人”送来暖心慰问"


def test_it_reads_a_headline_ending_in_an_exclamation_mark():
    article = only_article("冬日送暖，工会在行动！\n本报讯（记者 张三）近日，活动开展。")
    assert article.title == "冬日送暖，工会在行动！"


def test_it_warns_about_a_very_long_headline():
    title = "北京市总工会联合各区总工会在全市范围内开展两节送温暖系列活动并取得积极成效"
    article = only_article(f"{title}\n本报讯（记者 张三）近日。")
    assert article.title == title
    assert article.warnings == [f"标题较长（{len(title)}字），请核对是否混入了正文"]


# --------------------------------------------------------------------------- banner and straps


def test_it_takes_a_spaced_slogan_at_the_top_as_the_banner():
    page = parse_page(
        "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面\n标题\n本报讯（记者 张三）近日。"
    )
    assert page.banner == "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"
    assert page.articles[0].title == "标题"


def test_it_has_no_banner_when_the_page_starts_with_a_report():
    page = parse_page("坚持以人民为中心 全力做好送温暖工作\n本报讯（记者 张三）近日。")
    assert page.banner is None
    assert page.articles[0].title == "坚持以人民为中心 全力做好送温暖工作"


def test_it_gives_a_strap_block_to_the_reports_it_stands_over():
    # As on the seed page: a strap about the report above, then the strap of the next one.
    page = parse_page(
        "怀柔区深入学习宣传工会十八大精神\n"
        "本报讯（记者 崔欣）怀柔区总工会在学习贯彻落实中国工会十八大精神的过程中大抓基层。\n"
        "贯彻落实工会十八大精神\n"
        "寒冬送暖 工会行动\n"
        "昌平区总工会启动送温暖活动\n"
        "本报讯（记者 周美玉）近日启动活动。"
    )
    assert [a.column for a in page.articles] == ["贯彻落实工会十八大精神", "寒冬送暖 工会行动"]


def test_it_gives_an_unrelated_earlier_strap_to_the_following_report_too():
    page = parse_page(
        "职工书屋开进工地\n本报讯（记者 张三）丰台区总工会把书屋开进工地。\n"
        "职工维权在身边\n寒冬送暖 工会行动\n昌平区总工会启动送温暖活动\n"
        "本报讯（记者 周美玉）近日启动活动。",
        column_names=["职工维权在身边"],
    )
    first, second = page.articles
    assert first.column == ""
    assert second.column == f"职工维权在身边{COLUMN_SEPARATOR}寒冬送暖 工会行动"


def test_it_gives_a_single_strap_to_the_following_report():
    page = parse_page(
        "第一篇\n本报讯（记者 张三）第一篇正文。\n"
        "贯彻落实工会十八大精神\n工会工作新局面\n第二篇标题在这里\n本报讯（记者 李四）正文。"
    )
    assert [a.column for a in page.articles] == ["", "贯彻落实工会十八大精神"]
    assert page.articles[1].kicker == "工会工作新局面"


def test_it_always_takes_a_known_column_name_as_a_strap():
    article = only_article(
        "寒冬送暖\n昌平区总工会启动送温暖活动\n本报讯（记者 周美玉）近日。",
        column_names=["寒冬送暖"],
    )
    assert (article.column, article.kicker, article.title) == (
        "寒冬送暖",
        "",
        "昌平区总工会启动送温暖活动",
    )


def test_it_reads_an_unknown_short_first_line_as_a_kicker():
    article = only_article("寒冬送暖\n昌平区总工会启动送温暖活动\n本报讯（记者 周美玉）近日。")
    assert (article.column, article.kicker) == ("", "寒冬送暖")


# --------------------------------------------------------------------------- datelines and credits


@pytest.mark.parametrize(
    ("line", "dateline", "credits"),
    [
        ("本报讯（记者 崔欣）近日。", "本报讯", [("reporter", "崔欣", "记者")]),
        ("本报讯 (记者 马春燕) 近日。", "本报讯", [("reporter", "马春燕", "记者")]),
        ("本报讯(记者王路曼)近日。", "本报讯", [("reporter", "王路曼", "记者")]),
        ("本报1月5日讯（记者 崔欣）近日。", "本报1月5日讯", [("reporter", "崔欣", "记者")]),
        ("本报12月25日讯（记者 崔欣）近日。", "本报12月25日讯", [("reporter", "崔欣", "记者")]),
        ("本网讯（记者 崔欣）近日。", "本网讯", [("reporter", "崔欣", "记者")]),
        (
            "本报讯（记者 张三 李四）近日。",
            "本报讯",
            [("reporter", "张三", "记者"), ("reporter", "李四", "记者")],
        ),
        (
            "本报讯（记者 边磊 通讯员 蔡洪玉）近日。",
            "本报讯",
            [("reporter", "边磊", "记者"), ("correspondent", "蔡洪玉", "通讯员")],
        ),
        ("本报讯（记者 王 伟）近日。", "本报讯", [("reporter", "王伟", "记者")]),
        ("本报讯（记者 王　伟）近日。", "本报讯", [("reporter", "王伟", "记者")]),
        (
            "本报讯（记者 王 伟 李 娜）近日。",
            "本报讯",
            [("reporter", "王伟", "记者"), ("reporter", "李娜", "记者")],
        ),
        ("本报讯（见习记者 刘洋）近日。", "本报讯", [("reporter", "刘洋", "见习记者")]),
        ("本报讯（特约记者 刘洋）近日。", "本报讯", [("reporter", "刘洋", "特约记者")]),
        (
            "本报讯（记者 崔欣 实习生 赵琳）近日。",
            "本报讯",
            [("reporter", "崔欣", "记者"), ("intern", "赵琳", "实习生")],
        ),
        ("本报讯（张恩刚）近日。", "本报讯", [("other", "张恩刚", "")]),
        (
            "本报讯（张恩刚 李娜）近日。",
            "本报讯",
            [("other", "张恩刚", ""), ("other", "李娜", "")],
        ),
        ("本报讯 记者 张三 近日，开展活动。", "本报讯", [("reporter", "张三", "记者")]),
        (
            "本报讯 记者 张三 通讯员 李四 近日，开展活动。",
            "本报讯",
            [("reporter", "张三", "记者"), ("correspondent", "李四", "通讯员")],
        ),
    ],
)
def test_it_reads_the_dateline_and_its_credits(line, dateline, credits):
    article = only_article(f"标题\n{line}")
    assert article.dateline == dateline
    assert credits_of(article) == credits
    assert article.paragraphs[0].startswith("近日")


def test_it_leaves_a_name_glued_to_the_body_in_the_text():
    # Without a bracket or a space there is no telling where the name ends.
    article = only_article("标题\n本报讯 记者 张三近日在丰台区开展活动。")
    assert article.credits == []
    assert article.paragraphs == ["记者 张三近日在丰台区开展活动。"]
    assert article.warnings == ["未识别到署名"]


def test_it_keeps_a_bracket_after_the_dateline_that_is_not_a_credit():
    article = only_article("标题\n本报讯（2024年1月5日）近日，开展活动。")
    assert article.credits == []
    assert article.paragraphs == ["（2024年1月5日）近日，开展活动。"]
    assert "电头后的括号内容未能识别为署名" in article.warnings


def test_it_mends_a_dateline_broken_across_columns():
    article = only_article("标题\n本报讯（记者\n崔欣）近日，开展活动。")
    assert (article.dateline, credits_of(article)) == ("本报讯", [("reporter", "崔欣", "记者")])


@pytest.mark.parametrize(
    ("ending", "credits"),
    [
        ("活动。（张恩刚）", [("other", "张恩刚", "")]),
        ("活动。\n（张恩刚）", [("other", "张恩刚", "")]),
        ("活动。”（记者 张三）", [("reporter", "张三", "记者")]),
        ("活动。\n(本报记者 张三)", [("reporter", "张三", "本报记者")]),
        (
            "活动。\n记者 张三 通讯员 李四",
            [("reporter", "张三", "记者"), ("correspondent", "李四", "通讯员")],
        ),
    ],
)
def test_it_reads_a_credit_at_the_end_of_the_report(ending, credits):
    page = parse_page(f"一篇没有电头的稿件\n近日，某某公司工会举办了{ending}")
    article = page.articles[0]
    assert credits_of(article) == credits
    assert article.paragraphs[-1].endswith(("活动。", "活动。”"))
    assert article.kind == "feature"


def test_it_does_not_take_a_parenthesis_inside_a_sentence_for_a_credit():
    article = only_article("标题\n本报讯（记者 张三）北京市总工会（以下简称市总）开展活动。")
    assert credits_of(article) == [("reporter", "张三", "记者")]
    assert article.paragraphs == ["北京市总工会（以下简称市总）开展活动。"]


# --------------------------------------------------------------------------- photo reports


@pytest.mark.parametrize(
    ("credit_line", "credits"),
    [
        ("本报记者 周美玉 摄影报道", [("photographer", "周美玉", "本报记者")]),
        ("本报记者周美玉摄影报道", [("photographer", "周美玉", "本报记者")]),
        ("本报记者 周美玉 摄", [("photographer", "周美玉", "本报记者")]),
        ("通讯员 张三 摄", [("photographer", "张三", "通讯员")]),
        ("张三 摄", [("photographer", "张三", "")]),
        ("王 伟 摄", [("photographer", "王伟", "")]),
        ("（张三 摄）", [("photographer", "张三", "")]),
        ("新华社发", [("other", "新华社", "")]),
    ],
)
def test_it_reads_a_photo_credit_after_the_caption(credit_line, credits):
    page = parse_page(
        f"“娘家人”送来暖心慰问\n近日，通州多源公司工会走访慰问一线职工。\n{credit_line}"
    )
    article = page.articles[0]
    assert article.kind == "photo"
    assert credits_of(article) == credits
    assert article.credit_text == [credit_line]
    assert article.paragraphs == ["近日，通州多源公司工会走访慰问一线职工。"]
    assert article.warnings == []


def test_it_reads_a_photo_credit_glued_to_the_caption():
    article = only_article(
        "冰雪运动进企业\n近日，顺义区总工会举办冰雪运动体验活动。本报记者 周美玉 摄影报道"
    )
    assert article.kind == "photo"
    assert credits_of(article) == [("photographer", "周美玉", "本报记者")]
    assert article.paragraphs == ["近日，顺义区总工会举办冰雪运动体验活动。"]


def test_it_does_not_mistake_a_shooting_date_in_a_caption_for_a_credit():
    page = parse_page((PAGES / "102_photo_reports.txt").read_text(encoding="utf-8"))
    caption = page.articles[0]
    assert caption.paragraphs == [
        "近日，通州区总工会走访慰问一线环卫职工，为他们送上米、面、油等慰问品（12月6日摄）。"
    ]
    assert credits_of(caption) == [("photographer", "刘洋", "通讯员")]


def test_it_reads_a_page_of_photo_reports():
    page = parse_page((PAGES / "102_photo_reports.txt").read_text(encoding="utf-8"))
    assert [(a.kind, a.title) for a in page.articles] == [
        ("photo", "“娘家人”送来年货"),
        ("photo", "冰雪运动进企业"),
        ("photo", "劳模工匠进校园"),
    ]
    assert [a.credits[0].name for a in page.articles] == ["刘洋", "周美玉", "新华社"]


def test_it_starts_a_photo_report_right_after_a_news_report():
    page = parse_page(SEED_PAGE.read_text(encoding="utf-8"))
    photo = page.articles[3]
    assert photo.title == "“娘家人”送来暖心慰问"
    assert page.articles[2].paragraphs[-1].endswith("助力企业实现高质量发展。")


def test_it_reads_a_feature_signed_text_and_pictures():
    page = parse_page((PAGES / "103_features_and_crossheads.txt").read_text(encoding="utf-8"))
    feature = page.articles[1]
    assert (feature.kind, feature.title, feature.subtitle) == (
        "feature",
        "一位老劳模的三十年",
        "记北京市劳动模范、公交司机李师傅",
    )
    assert credits_of(feature) == [("photographer", "赵六", "文/图")]
    assert len(feature.paragraphs) == 3
    assert feature.warnings == []


# --------------------------------------------------------------------------- kinds and warnings


def test_it_calls_a_short_one_paragraph_dateline_report_a_brief():
    article = only_article("简讯标题\n本报讯（记者 张三）近日，丰台区总工会开展活动。")
    assert article.kind == "brief"


def test_it_calls_a_dateline_report_with_several_paragraphs_news():
    article = only_article("标题\n本报讯（记者 张三）近日，开展活动。\n活动很成功。")
    assert article.kind == "news"


def test_it_calls_a_long_report_without_a_dateline_a_feature():
    body = "清晨五点，李师傅已经站在了车旁，开始一天的检查工作。" * 15
    page = parse_page(f"第一篇\n本报讯（记者 张三）正文。\n记者手记\n一位老劳模的三十年\n{body}")
    feature = page.articles[1]
    assert (feature.kind, feature.kicker, feature.title) == (
        "feature",
        "记者手记",
        "一位老劳模的三十年",
    )
    assert feature.warnings == ["未识别到电头和署名"]


def test_it_warns_when_a_report_has_no_credit():
    article = only_article("标题\n本报讯 近日，丰台区总工会开展活动。")
    assert article.dateline == "本报讯"
    assert article.warnings == ["未识别到署名"]


def test_it_warns_about_text_before_the_first_headline():
    page = parse_page(
        "上接第1版\n这是上一版转来的内容。\n标题\n本报讯（记者 李四）近日，开展活动。"
    )
    assert page.dropped == ["上接第1版"]
    assert page.warnings == ["页面开头有无标题的正文，可能是上接前版的内容"]
    assert page.articles[0].paragraphs == ["这是上一版转来的内容。"]
    assert page.articles[0].title == ""


def test_it_prefixes_article_warnings_with_the_title_in_json():
    page = parse_page("标题\n本报讯 近日，丰台区总工会开展活动。")
    assert page.to_json_dict()["warnings"] == ["标题：未识别到署名"]


# --------------------------------------------------------------------------- chrome


@pytest.mark.parametrize(
    "chrome",
    [
        "第03版：工会",
        "第3版：工会新闻",
        "第3版 工会新闻",
        "上一版 下一版",
        "上一版",
        "下一版",
        "版面导航",
        "放大 缩小 默认",
        "上接第1版",
        "下转第2版",
        "（下转第2版）",
        "3",
        "- 3 -",
        "返回目录",
        "2024年1月23日 星期二",
        "2024-01-23",
    ],
)
def test_it_drops_e_paper_chrome(chrome):
    page = parse_page(f"{chrome}\n标题\n{chrome}\n本报讯（记者 张三）近日，开展活动。\n{chrome}")
    assert page.dropped == [chrome] * 3
    assert page.articles[0].title == "标题"
    assert page.articles[0].paragraphs == ["近日，开展活动。"]


def test_it_drops_a_jump_note_glued_to_the_body_and_keeps_the_paragraph():
    page = parse_page((PAGES / "101_ascii_punctuation_and_chrome.txt").read_text(encoding="utf-8"))
    first = page.articles[0]
    assert "(下转第2版)" in page.dropped
    assert first.paragraphs[-1] == "据介绍,书屋配备图书500余册,涵盖安全生产、职业技能等内容"
    assert first.warnings == ["稿件转版，余下的正文在其他版面"]
    assert page.articles[1].kicker == ""


def test_it_reads_a_page_written_with_ascii_punctuation():
    page = parse_page((PAGES / "101_ascii_punctuation_and_chrome.txt").read_text(encoding="utf-8"))
    first, second = page.articles
    assert first.title == "职工书屋开进工地"
    assert credits_of(first) == [("reporter", "王路曼", "记者")]
    assert first.paragraphs[0].endswith('工人们说:"下班后有地方看书了,真好!"')
    assert (second.title, second.dateline) == ('"冬日暖阳"行动启动', "本报1月5日讯")
    assert credits_of(second) == [("reporter", "马春燕", "记者"), ("intern", "赵琳", "实习生")]
    assert second.paragraphs == [
        '石景山区总工会"冬日暖阳"行动日前启动,为困难职工送去慰问金。'
        "活动将持续到春节前?不,将持续到元宵节。"
    ]
    assert page.dropped == [
        "第3版：工会新闻",
        "上一版 下一版",
        "版面导航",
        "2024年1月23日 星期二",
        "(下转第2版)",
        "放大 缩小 默认",
        "3",
    ]


@pytest.mark.parametrize("name", sorted(PAGES.glob("*.txt")), ids=lambda p: p.name)
def test_it_accounts_for_every_character_of_each_fixture_page(name):
    text = name.read_text(encoding="utf-8")
    page = parse_page(text, union_names=UNION_NAMES)
    consumed = "".join(page.consumed_text())
    assert sorted("".join(text.split())) == sorted("".join(consumed.split()))


# --------------------------------------------------------------------------- unions


def test_it_reports_a_union_alias_by_its_full_name():
    article = only_article(
        "标题\n本报讯（记者 张三）天桥街道总工会开展活动。", union_names=UNION_NAMES
    )
    assert article.unions == ["西城区天桥街道总工会"]


def test_it_matches_the_longest_union_name_first():
    names = {
        "北京建工一建水电分公司工会": "北京建工一建水电分公司工会",
        "水电分公司工会": "某水电分公司工会",
    }
    article = only_article(
        "标题\n本报讯（记者 张三）北京建工一建水电分公司工会开展活动。", union_names=names
    )
    assert article.unions == ["北京建工一建水电分公司工会"]


def test_it_lists_each_union_once_in_order_of_first_mention():
    article = only_article(
        "昌平区总工会送温暖\n本报讯（记者 张三）怀柔区总工会和昌平区总工会、天桥街道总工会"
        "与西城区天桥街道总工会联合开展活动。",
        union_names=UNION_NAMES,
    )
    assert article.unions == ["昌平区总工会", "怀柔区总工会", "西城区天桥街道总工会"]


@pytest.mark.parametrize(
    ("sentence", "suggestion"),
    [
        ("记者从丰台区总工会获悉，", "丰台区总工会"),
        ("近日，石景山区鲁谷街道总工会开展活动。", "石景山区鲁谷街道总工会"),
        ("朝阳区望京商圈联合工会成立。", "朝阳区望京商圈联合工会"),
        ("海淀园工会联合会举办活动。", "海淀园工会联合会"),
        ("首钢集团工会开展活动。", "首钢集团工会"),
        ("中国工商银行北京分行工会开展活动。", "中国工商银行北京分行工会"),
    ],
)
def test_it_suggests_an_unknown_union_name(sentence, suggestion):
    article = only_article(f"标题\n本报讯（记者 张三）{sentence}", union_names=UNION_NAMES)
    assert article.union_suggestions == [suggestion]


@pytest.mark.parametrize(
    "sentence",
    [
        "工会组织开展活动。",
        "街道总工会的各项慰问活动。",
        "号召各基层工会开展活动。",
        "区总工会主席带队慰问。",
        "该公司工会积极探索。",
        "公司工会将继续发挥作用。",
        "组织各级工会积极行动。",
        "对4家基层工会进行了交流。",
        "学习贯彻中国工会十八大精神。",
        "搭载北京工会12351APP。",
        "成为智慧型工会体系。",
        "着力进行工会工作品牌建设。",
    ],
)
def test_it_does_not_suggest_generic_union_words(sentence):
    article = only_article(f"标题\n本报讯（记者 张三）{sentence}", union_names=UNION_NAMES)
    assert article.union_suggestions == []


def test_it_does_not_suggest_a_variant_of_a_known_union():
    article = only_article(
        "标题\n本报讯（记者 张三）怀柔区工会干部到天桥街道工会服务站。", union_names=UNION_NAMES
    )
    assert article.union_suggestions == []


# --------------------------------------------------------------------------- topics


def test_it_weighs_a_headline_keyword_over_body_mentions():
    article = only_article(
        "工会开展亲子活动\n本报讯（记者 张三）活动中，劳模讲了故事，职工书屋也开放了。"
    )
    assert article.topics == ["qin-zi-huo-dong"]


def test_it_suggests_a_topic_mentioned_often_in_the_body():
    article = only_article(
        "工会开展活动\n本报讯（记者 张三）工会开展维权服务。维权律师到场。职工学习维权知识。"
    )
    assert article.topics == ["wei-quan"]


def test_a_short_caption_about_a_visit_with_gifts_is_a_warmth_story():
    article = only_article(
        "“娘家人”送来年货\n近日，区总工会走访慰问一线环卫职工，送上米、面、油等慰问品。\n"
        "本报记者 刘洋 摄"
    )
    assert article.topics == ["song-wen-nuan"]


def test_it_uses_custom_topic_keywords():
    article = only_article(
        "工会开展冰雪运动\n本报讯（记者 张三）近日，送温暖。",
        topic_keywords={"bing-xue": ["冰雪"], "song-wen-nuan": ["送温暖"]},
    )
    assert article.topics == ["bing-xue"]


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "页面文本为空"),
        ("  \n\t\n\u3000 \n", "页面文本为空"),
        ("标题\n本报讯\x00（记者 张三）", "空字符"),
        ("标题\n" + "\x01\x02\x03" * 5, "控制字符"),
        ("hello world", "未能识别出任何稿件"),
        ("近日，工会开展了活动。\n职工们很高兴。", "未能识别出任何稿件"),
        ("上一版 下一版\n第3版：工会新闻\n", "未能识别出任何稿件"),
    ],
)
def test_it_refuses_text_that_is_not_a_page(text, message):
    with pytest.raises(PageParseError, match=message):
        parse_page(text)


def test_it_raises_a_value_error_subclass():
    assert issubclass(PageParseError, ValueError)


def test_credits_are_plain_dataclasses():
    assert ParsedCredit("reporter", "崔欣", "记者") == ParsedCredit(
        role="reporter", name="崔欣", label="记者"
    )


def test_a_dateline_word_followed_by_punctuation_is_text_not_a_dateline():
    page = parse_page("一一一一\n本报讯（记者 王伟）一一。\n本报讯。")
    assert len(page.articles) == 1
    assert page.articles[0].paragraphs == ["一一。", "本报讯。"]


def test_a_bare_dateline_word_after_a_column_break_continues_the_sentence():
    text = "工会送温暖\n本报讯（记者 王伟）近日，记者获悉，据\n本报讯员统计，惠及职工一千人。"
    page = parse_page(text)
    assert len(page.articles) == 1
    assert page.articles[0].paragraphs == ["近日，记者获悉，据本报讯员统计，惠及职工一千人。"]


def test_a_closing_quote_alone_on_a_line_does_not_swallow_the_next_photo_report():
    # Found by Hypothesis: the look-ahead for a caption took "”" for an open sentence and
    # read the next photo report's headline as the rest of it.
    news = ["一一一一", "本报讯（记者 王伟）一一。", "一一。", "一", "一。", "一一。", "”"]
    text = "\n".join([*news, "一一一一", "一一。", "本报记者 王伟 摄"])
    page = parse_page(text)
    assert [a.kind for a in page.articles] == ["news", "photo"]
    assert page.articles[0].paragraphs[-1] == "一一。”"


def test_a_dateline_with_credits_after_an_open_sentence_still_starts_a_report():
    text = "工会送温暖\n本报讯（记者 王伟）近日，工会开展活动\n本报讯（记者 李明）近日，书屋开放。"
    page = parse_page(text)
    assert [a.credits[0].name for a in page.articles] == ["王伟", "李明"]
