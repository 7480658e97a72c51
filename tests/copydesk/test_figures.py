"""Figures from the copy (articles/copydesk/figures.py): amounts and counts read into
numbers with their qualifier and unit, from real sentences of union papers; the seed's
figures equal the activities the demo holds; the activity's form offers them
(稿件中的数字), and a click in Chromium fills a 慰问品明细 row the editor saves."""

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.copydesk.figures import (
    GOODS_UNITS,
    MONEY_UNITS,
    ORGANIZATION_UNITS,
    PEOPLE_UNITS,
    is_minimum,
    read_figures,
    sentence_parts,
)
from articles.demo.loader import SEED_PAGE, load_demo
from articles.models import Activity, Article, GiftLine
from tests.e2e.test_photos import AXE

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
SEED = Path("/work/shared/seeds/000_d4ee9057b028e5d6.txt")
SOURCES = [*CORPUS, SEED if SEED.exists() else SEED_PAGE]

# Real sentences of the corpus (tests/fixtures/corpus/, see its SOURCES.md) and the seed,
# as printed, with the figures read from each: (text, value, unit, qualifier).
PRINTED = [
    # 201: 工人日报
    (
        "为帮助解决户外劳动者吃上热饭、歇脚取暖等问题，青海省西宁市城东区总工会、城东区委宣传部"
        "携手西宁市总工会宣教部、基层部以及青海闪电智能科技有限公司工会启动暖冬专项行动，"
        "为300余名户外劳动者送去温暖与能量补给。",
        [("300余名", 300, "名", "余")],
    ),
    ("本报讯（记者邢生祥）连日来，古城西宁气温持续跌破冰点。", []),
    (
        "日前，山东省聊城市总工会购置了1000双护膝、手套，以及口罩等物资发放给快递小哥，"
        "让他们在寒冬中感受“娘家人”的温暖。",
        [("1000双", 1000, "双", "")],
    ),
    (
        "今年以来，聊城市在新业态领域新建工会组织427家，新发展农民工会员50029人。",
        [("427家", 427, "家", ""), ("50029人", 50029, "人", "")],
    ),
    ("12月20日，在天津市河北区望海楼街道党群服务中心，环卫工人与快递小哥一起分享饺子。", []),
    (
        "1月7日晚上，福建省人大常委会副主任、省总工会主席张广敏走进福州市鼓楼区大街小巷"
        "夜访城市工人休息室。",
        [],
    ),
    (
        "8月23日下午，浙江省金华市职工服务中心门口，工作人员给环卫工人、行政执法人员等户外劳动者"
        "送上清凉饮品。",
        [],
    ),
    ("7月中旬以来，金华市职工服务中心每天为户外劳动者提供绿豆汤、银耳汤等免费冷饮。", []),
    (
        "截至目前，市县两级工会筹集570多万元，为7万多名职工送去药品、饮料和速食品等防暑降温物资。",
        [("570多万元", 5_700_000, "元", "多"), ("7万多名", 70_000, "名", "多")],
    ),
    (
        "10月7日，在田陈煤矿王立国劳模创新工作室，来自一线的创客曹昌龙（右四）正在讲解"
        "高防开关故障实例，工友们听得津津有味。",
        [],
    ),
    (
        "11月29日，北京市总工会以“凝聚职工心，谱写新篇章”为主题开展2023年第二次“市级职工沟通会”，"
        "全市16个区和北京经济技术开发区的350个街道乡镇、园区楼宇工会利用职工午休时间，"
        "在属地职工相对密集的公共场所同步开展职工沟通会。",
        [("16个", 16, "个", ""), ("350个", 350, "个", "")],
    ),
    (
        "活动现场，近两万名职工参加咨询，吸纳包括新就业形态劳动者在内的6000多名职工现场入会。",
        [("近两万名", 20_000, "名", "近"), ("6000多名", 6000, "名", "多")],
    ),
    # 202: 工人日报, 三秦都市报
    ("1月18日，山东威海，寒风裹挟着低温，带来阵阵寒意。", []),
    (
        "活动当天，共有100余名新就业形态劳动者领取“暖冬礼包”，60余名外卖配送员现场加入工会。",
        [("100余名", 100, "名", "余"), ("60余名", 60, "名", "余")],
    ),
    (
        "由于道路施工大多处于深山之中，中铁十一局三公司为遍布全国的70多个施工项目部设立了职工书屋，"
        "内容包括文学艺术、社会生活、工程机械等方面。",
        [("70多个", 70, "个", "多")],
    ),
    ("图为两位青年职工在湖北麻竹高速公路项目部的职工书屋里边看书边交流（12月6日摄）。", []),
    (
        "三秦都市报讯（记者 石喻涵 实习生 袁汝玉）12月21日一早，在新城区东五路59号餐饮店内，"
        "省总工会举办的“情暖冬至 工会相伴”工会驿站关爱户外劳动者专项活动，让30名来自环卫、"
        "快递、外卖、出租车、交警等行业的户外劳动者感受到别样温暖。",
        [("30名", 30, "名", "")],
    ),
    (
        "此次活动作为省总工会2025年双节送温暖活动的重要组成部分，旨在增强户外劳动者的归属感与幸福感。",
        [],
    ),
    ("在交流座谈环节，两位户外工作者代表表达了自己的心声。", []),
    ("快递小哥李明哲则感慨万分：“这么多年了，还是头一次和这么多人一起过冬至、吃饺子。", []),
    # 203: regional papers and sites
    (
        "1月4日至5日，“我市‘平阳工匠’宣传报道记者行”在基层一线深入采访，聚焦工匠身影，"
        "记录工匠事迹，弘扬工匠精神，在全市营造“学工匠、做工匠”的浓厚氛围。",
        [],
    ),
    (
        "来自人民网、新华网、央视网、中国网、国际在线等全国重点主流媒体近30名记者组成的采风团，"
        "将在历时4天的行程中，赴南京、扬州、淮安、宿迁、连云港、徐州等地，深入采访工作在第一线的"
        "工匠代表，深度报道大国工匠的江苏故事。",
        [("近30名", 30, "名", "近")],
    ),
    (
        "中国江苏网5月25日讯 24日上午，“‘我’与工匠走一线”——2017全国重点主流媒体"
        "“走近身边的大国工匠”大型采访活动启动仪式在新华报业传媒集团启动。",
        [],
    ),
    (
        "昨日，“工享年味”百场职工大联欢暨“庙趣横生·其乐龙龙”职工新春趣味庙会在下埔社区举行，"
        "职工们龙龙齐舞，共庆佳节。",
        [],
    ),
    (
        "从4月14日开始，工会组织全局11个文化宫成员陆续走进金州等13个站区，组织职工开展"
        "趣味娱乐活动，受到职工欢迎。",
        [("11个", 11, "个", ""), ("13个", 13, "个", "")],
    ),
    ("该活动将持续到6月底。", []),
    (
        "1月11日，鳌头镇总工会在工会职工服务站开展慰问活动，向20名困难职工和27名防疫一线工作人员"
        "送上节日的祝福和问候，并送上春节慰问品，让职工们感受到镇党委和工会组织的关怀与温暖。",
        [("20名", 20, "名", ""), ("27名", 27, "名", "")],
    ),
    (
        "为进一步关心关爱劳模（先进），在春节来临之际，青山湖街道总工会主席陈校法带领一行人"
        "对辖区内8名市级以上劳模（先进）进行了走访慰问，为他们送上了鲜花和慰问信，送去了祝福和问候。",
        [("8名", 8, "名", "")],
    ),
    (
        "今年已经90多岁高寿的浙江省先进张树根激动地说：“真的谢谢你们啊，还这么记得我们，"
        "这么关心我们，现在生活越来越好了，真的要谢谢国家谢谢组织。",
        [],
    ),
    (
        "4月5日，兴隆县县委常委、县政府常务副县长李雪原，县人大党组副书记、总工会主席王立群等"
        "慰问雾灵山保护区护林防火一线工作人员。",
        [],
    ),
    ("1月9日，汉寿县总工会举行2023年“送温暖”活动暨万达广场爱心驿站启动仪式。", []),
    (
        "此次“送温暖”活动，旨在为职工排忧解难，及时把党和政府的关心以及工会组织的关爱送到千家万户。",
        [],
    ),
    (
        "万达广场爱心驿站是县总工会为户外劳动者建设的第四个“爱心驿站”，旨在服务环卫工人、"
        "出租车司机、快递员、送餐员等户外劳动者，为其提供防暑降温、避寒取暖、饮水休息、手机充电、"
        "饮食加热、遮风挡雨的场所。",
        [],
    ),
    (
        "在端午佳节来临之际，为弘扬中华优秀传统文化，传递对户外劳动者群体的深切关怀，529日，"
        "青川县总工会精心策划并开展了进驿站送温暖活动，为辖区户外劳动者送上节日祝福与暖心问候。",
        [],
    ),
    (
        "此次活动以传统节日为契机，向100余名户外劳动者送去了端午慰问礼包和节日的祝福不仅营造出"
        "浓厚的端午文化氛围，更让户外劳动者切实感受到的温暖。",
        [("100余名", 100, "名", "余")],
    ),
    (
        "活动现场设置了欢乐运篮球、迷你保龄球、原地踏步走、开心钓纸杯、灯谜猜猜猜、创文问答题"
        "6项活动，准备了丰富的小礼品和包汤圆活动环节，",
        [("6项", 6, "项", "")],
    ),
    ("2月24日上午，广元经开区下西坝街道树仁社区的运动场内人头攒动、热闹非凡。", []),
    # 204: briefs
    (
        "雷甸镇总工会联合百德纺织园开展“情暖职工 乐享生活”腊八公益活动，共有40名职工参与。",
        [("40名", 40, "名", "")],
    ),
    (
        "新市镇总工会在各工会驿站慰问环卫工人、外卖员、快递员，暖胃暖心，"
        "用“粥”到温暖一份新年的美好期待！",
        [],
    ),
    (
        "获奖及入选的50个手工灯笼将在元宵节期间于市文化宫展示，优秀灯谜作品将整理成册，用于现场互动。",
        [("50个", 50, "个", "")],
    ),
    ("2月4日，晋城市总工会召开2025年度述职测评大会。", []),
    (
        "会上，16名机关部室、中心及产业工会（委）负责人依次登台述职，围绕年度目标任务完成情况、"
        "履职成效、存在不足及努力方向进行详细汇报，以“晒答卷”的形式亮成绩、找差距、明思路。",
        [("16名", 16, "名", "")],
    ),
    (
        "近日，丹东市总工会组织克隆儿童会托管班40名萌娃走进抗美援朝纪念馆，开展红色教育研学实践活动。",
        [("40名", 40, "名", "")],
    ),
    (
        "2月4日上午，由河北省总工会主办的致敬劳动者——2026年“送万福 进万家”书法公益活动举办。",
        [],
    ),
    (
        "活动以笔墨为媒，为园区及周边企业的劳模工匠、产业工人、新业态劳动者等100余名职工代表"
        "送上“文化年货”。",
        [("100余名", 100, "名", "余")],
    ),
    (
        "1月16日，天津市宝坻区总工会联合区委社工部等多个部门共同开展暖“新”同行·“驿”路有家"
        "服务户外劳动者主题活动。",
        [],
    ),
    # The seed: 2024-01-23, page 3 (工会新闻)
    (
        "在学习贯彻落实中国工会十八大精神的过程中，怀柔区总工会以大抓基层为导向，着力打造"
        "“一工会一亮点、一区域一特色”工作格局，加速健全服务职工工作体系，基层工会工作正在呈现"
        "百舸争流、百花齐放的喜人局面。",
        [],
    ),
    (
        "昌平区总工会还对4家基层工会2023年工会组织建设、活动开展、服务职工等工作情况进行了交流，"
        "并送去了慰问金，支持基层工会开展好“送温暖”活动。",
        [("4家", 4, "家", "")],
    ),
    ("向一线职工送上温暖与祝福，感谢他们一年来的辛勤付出，叮嘱他们工作中要注意防寒保暖。", []),
    (
        "在“好书荐读”活动中，北京建工一建水电分公司工会征集和推荐后购置图书70余册，充实进职工书屋。",
        [("70余册", 70, "册", "余")],
    ),
    (
        "据了解，新购置书籍主要涵盖两类，一类为在建筑机电安装领域有着较大影响、对现场施工和企业管理"
        "具有较大参考作用，对各系统职工发展有参考价值的专业书籍；",
        [],
    ),
    (
        "近日，西城区天桥街道总工会“两节”送温暖活动开启，为广大职工送上了一份来自“娘家人”的贴心问候。",
        [],
    ),
    (
        "此次活动，天桥街道总工会搭载“北京工会12351”APP，精心准备了1030份包括焖泡壶在内的"
        "“温暖礼包”，辖区职工线上预订成功后，到天桥街道工会服务站扫码领取提货券。",
        [("1030份", 1030, "份", "")],
    ),
    (
        "“送温暖”活动虽然是工会一项常规性工作，但如何把它做出新意是街道总工会全体工作人员"
        "一直用心研究的事。",
        [],
    ),
    (
        "近日，通州多源公司工会开展春节前走访慰问一线职工工作，该公司领导班子分别前往职工家中，"
        "为他们送上米、面、油等慰问品。",
        [],
    ),
]

# The forms the issue names and the readings decided in figures.py, in short phrases.
FORMS = [
    ("筹集慰问金5万余元", [("5万余元", 50_000, "元", "余")]),
    ("惠及近2万名职工", [("近2万名", 20_000, "名", "近")]),
    ("投入1.2亿元", [("1.2亿元", 120_000_000, "元", "")]),
    ("补贴3000元/人", [("3000元/人", 3000, "元/人", "")]),
    ("发放慰问金3.5万元", [("3.5万元", 35_000, "元", "")]),
    ("每份价值88.5元", [("88.5元", 88.5, "元", "")]),
    ("三十余名职工参加", [("三十余名", 30, "名", "余")]),
    ("一千零三十份礼包", [("一千零三十份", 1030, "份", "")]),
    ("百余名职工", [("百余名", 100, "名", "余")]),
    ("约500名职工", [("约500名", 500, "名", "约")]),
    ("逾300户家庭", [("逾300户", 300, "户", "逾")]),
    ("超过2000人次", [("超过2000人次", 2000, "人次", "超过")]),
    ("将近40家企业", [("将近40家", 40, "家", "将近")]),
    ("300名以上职工", [("300名以上", 300, "名", "以上")]),
    ("共计发放1500袋大米", [("1500袋", 1500, "袋", "")]),
    ("大米500公斤", [("500公斤", 500, "公斤", "")]),
    ("１０３０份", [("１０３０份", 1030, "份", "")]),
    ("1,030份", [("1,030份", 1030, "份", "")]),
    ("附近2家超市", [("2家", 2, "家", "")]),
    ("线上预约300名", [("300名", 300, "名", "")]),
    ("2023年12月20日上午9时", []),
    ("见本报第3版", []),
    ("拨打12351热线", []),
    ("占比30%", []),
    ("百分之三十的职工", []),
    ("三成职工", []),
    ("第十八次代表大会", []),
    ("几十名职工", []),
    ("数百名职工", []),
    ("二三十名职工", []),
    ("20至30名职工", []),
    ("3-5名职工", []),
    ("每100名职工", []),
    ("G20峰会5G网络", []),
    ("持续3个月", []),
    ("历时5个多小时", []),
    ("两节一线一年来一份", []),
    ("千家万户", []),
    ("90多岁", []),
    ("2024元旦", []),
    ("12月20日本报讯", []),
]


def readings(text: str) -> list[tuple]:
    return [(f.text, f.value, f.unit, f.qualifier) for f in read_figures(text)]


@pytest.mark.parametrize(("sentence", "expected"), PRINTED)
def test_figures_read_from_printed_sentences(sentence, expected):
    assert readings(sentence) == expected


@pytest.mark.parametrize(("phrase", "expected"), FORMS)
def test_figures_in_the_forms_the_copy_prints(phrase, expected):
    assert readings(phrase) == expected


def test_the_table_holds_printed_copy_many_sentences_without_a_figure():
    printed = "".join(path.read_text(encoding="utf-8") for path in SOURCES).replace("\n", "")
    missing = [sentence for sentence, _ in PRINTED if sentence not in printed]
    assert not missing
    assert len(PRINTED) >= 40
    assert sum(1 for _, expected in PRINTED if not expected) >= 20


def test_values_are_ints_when_whole():
    assert type(read_figures("5万余元")[0].value) is int
    assert type(read_figures("1.2亿元")[0].value) is int
    assert type(read_figures("88.5元")[0].value) is float


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_offsets_and_sentences_in_whole_pages(path):
    text = path.read_text(encoding="utf-8")
    figures = read_figures(text)
    assert figures
    assert [f.start for f in figures] == sorted(f.start for f in figures)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
        before, printed, after = sentence_parts(text, figure)
        assert printed == figure.text
        assert before + printed + after == figure.sentence
        assert figure.sentence in text


def test_the_marked_figure_is_its_own_place_when_the_words_repeat():
    text = "向20名职工和20名家属送上慰问品。"
    first, second = read_figures(text)
    assert first.text == second.text == "20名"
    assert sentence_parts(text, first) == ("向", "20名", "职工和20名家属送上慰问品。")
    assert sentence_parts(text, second) == ("向20名职工和", "20名", "家属送上慰问品。")


def test_minimum_qualifiers():
    assert [
        is_minimum(f) for f in read_figures("70余册、6000多名、逾300户、近2万名、约500名、30名")
    ] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]


# The seed's figures and the demo's activities ----------------------------------------


def expected_from_activities(activities) -> dict[str, list]:
    """What the activities say the story printed, in the figures' terms."""
    gift_lines = GiftLine.objects.filter(activity__in=activities, quantity__isnull=False)
    return {
        "goods": sorted((g.quantity, g.unit, g.quantity_is_minimum) for g in gift_lines),
        "unions": sorted(a.unions_reached for a in activities if a.unions_reached is not None),
        "money": sorted(a.relief_money for a in activities if a.relief_money is not None),
        "people": sorted(
            value
            for a in activities
            for value in (a.beneficiaries, a.participants)
            if value is not None
        ),
    }


def read_from_story(body: str) -> dict[str, list]:
    figures = read_figures(body)
    return {
        "goods": sorted((f.value, f.unit, is_minimum(f)) for f in figures if f.unit in GOODS_UNITS),
        "unions": sorted(f.value for f in figures if f.unit in ORGANIZATION_UNITS),
        "money": sorted(Decimal(str(f.value)) for f in figures if f.unit in MONEY_UNITS),
        "people": sorted(f.value for f in figures if f.unit in PEOPLE_UNITS),
    }


@pytest.mark.django_db
def test_the_seeds_figures_read_from_its_copy_equal_the_activities_the_demo_holds():
    load_demo()
    stories = Article.objects.order_by("print_order")
    assert stories.count() == 6
    for story in stories:
        activities = list(Activity.objects.filter(articles=story))
        assert read_from_story(story.body) == expected_from_activities(activities), story.title
    # What the comparison covered: the goods with a printed count, the unions reached, and
    # the 慰问金 never printed (relief_money stays empty).
    assert GiftLine.objects.filter(quantity__isnull=False).count() == 2
    assert Activity.objects.filter(unions_reached__isnull=False).count() == 1
    assert not Activity.objects.filter(relief_money__isnull=False).exists()


# The activity's form: 稿件中的数字 -------------------------------------------------------


def tianqiao():
    return Activity.objects.get(title__startswith="天桥街道总工会")


@pytest.mark.django_db
def test_the_change_page_lists_the_story_figures_with_their_sentences(superuser_client):
    load_demo()
    activity = tianqiao()
    response = superuser_client.get(reverse("admin:articles_activity_change", args=[activity.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "稿件中的数字" in html
    assert '<mark id="story-figure-1-1">1030份</mark>包括焖泡壶在内的“温暖礼包”' in html
    assert "精心准备了<mark" in html
    assert "填入“慰问品明细”" in html
    assert 'data-figure-value="1030" data-figure-unit="份"' in html
    assert 'data-figure-minimum="false"' in html
    assert html.split("稿件中的数字")[1].count("<mark") == 1  # not 12351, not 一份
    assert "admin/copydesk/figures.js" in html
    assert "<script>" not in html  # the policy runs no inline script


@pytest.mark.django_db
def test_the_add_page_lists_the_figures_of_the_stories_given(superuser_client):
    load_demo()
    books = Article.objects.get(title__startswith="建工一建工会")
    changping = Article.objects.get(title__startswith="昌平区总工会")
    url = reverse("admin:articles_activity_add")
    response = superuser_client.get(url, {"articles": f"{books.pk},{changping.pk}"})
    assert response.status_code == 200
    panel = response.content.decode().split("稿件中的数字")[1]
    assert "购置图书<mark" in panel
    assert ">70余册</mark>，充实进职工书屋。" in panel
    assert 'data-figure-minimum="true"' in panel
    assert "4家</mark>基层工会" in panel
    assert "填入“慰问基层工会数”" in panel
    assert panel.index("70余册") < panel.index("4家")


@pytest.mark.django_db
def test_money_and_people_get_their_fields(superuser_client, django_user_model):
    load_demo()
    story = Article.objects.get(title__startswith="建工一建工会")
    story.body += "\n工会筹集慰问金5万余元，惠及近2万名职工。"
    story.save()
    url = reverse("admin:articles_activity_add")
    panel = superuser_client.get(url, {"articles": str(story.pk)}).content.decode()
    assert 'data-figure-field="relief_money" data-figure-label="慰问金"' in panel
    assert 'data-figure-value="50000"' in panel
    assert "填入“惠及职工人数”" in panel
    assert "填入“参与人数”" in panel
    assert "读作：20000 名（近）" in panel


@pytest.mark.django_db
def test_forged_story_ids_are_dropped(superuser_client):
    load_demo()
    url = reverse("admin:articles_activity_add")
    response = superuser_client.get(url, {"articles": "abc,99999999999999999999,-1,424242"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "还没有相关报道" in html
    assert "无权查看" not in html


def activity_keeper(django_user_model, username: str, *codenames: str):
    user = django_user_model.objects.create_user(username, password="pw-figures-123", is_staff=True)
    names = ["view_activity", "change_activity", "add_activity", "view_giftline"]
    names += ["add_giftline", "change_giftline", *codenames]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="articles", codename__in=names)
    )
    return user


@pytest.mark.django_db
def test_no_figures_for_a_user_who_may_not_view_stories(client, django_user_model):
    load_demo()
    client.force_login(activity_keeper(django_user_model, "tongji"))
    response = client.get(reverse("admin:articles_activity_change", args=[tianqiao().pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "稿件中的数字" not in html
    assert "精心准备了" not in html


@pytest.mark.django_db
def test_a_view_only_form_lists_the_figures_without_buttons(client, django_user_model):
    load_demo()
    user = django_user_model.objects.create_user("duzhe", password="pw-figures-123", is_staff=True)
    names = ["view_activity", "view_giftline", "view_article", "change_any_article"]
    user.user_permissions.set(Permission.objects.filter(codename__in=names))
    client.force_login(user)
    html = client.get(reverse("admin:articles_activity_change", args=[tianqiao().pk])).content
    html = html.decode()
    assert ">1030份</mark>" in html
    assert "填入“" not in html


@pytest.mark.django_db
def test_a_reporter_sees_figures_of_their_own_copy_only(client, django_user_model):
    load_demo()
    reporter = activity_keeper(django_user_model, "jizhe", "view_article", "change_article")
    client.force_login(reporter)
    activity = tianqiao()
    url = reverse("admin:articles_activity_change", args=[activity.pk])
    html = client.get(url).content.decode()
    assert "另有 1 篇相关报道你无权查看" in html
    assert "精心准备了" not in html
    activity.articles.update(created_by=reporter)
    html = client.get(url).content.decode()
    assert ">1030份</mark>" in html


# In Chromium ---------------------------------------------------------------------------

SCREENSHOTS = Path(tempfile.gettempdir())  # looked at by hand, not compared


def log_in(page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_editor_fills_a_gift_line_from_the_story_and_saves(
    new_context, live_server, django_user_model
):
    load_demo()
    django_user_model.objects.create_superuser("bianji", password="pw-bianji-12345")
    activity = Activity.objects.get(title__startswith="建工一建水电分公司工会")
    GiftLine.objects.filter(activity=activity).delete()
    change_url = f"{live_server.url}/admin/articles/activity/{activity.pk}/change/"
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if m.type == "error" else None)
    log_in(page, live_server.url, "bianji", "pw-bianji-12345")
    page.goto(change_url)

    panel = page.get_by_role("region", name="稿件中的数字")
    panel.get_by_text("70余册").scroll_into_view_if_needed()
    panel.get_by_role("button", name="填入“慰问品明细”").click()
    assert "数量 70" in panel.get_by_role("status").inner_text()
    assert page.input_value("#id_gift_lines-0-quantity") == "70"
    assert page.input_value("#id_gift_lines-0-unit") == "册"
    assert page.is_checked("#id_gift_lines-0-quantity_is_minimum")
    # The cursor waits in 物品 for the editor.
    assert page.evaluate("document.activeElement.id") == "id_gift_lines-0-item"
    page.keyboard.type("图书")
    page.screenshot(path=SCREENSHOTS / "figures-filled.png", full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    line = GiftLine.objects.get(activity=activity)
    assert (line.item, line.quantity, line.unit, line.quantity_is_minimum) == (
        "图书",
        70,
        "册",
        True,
    )
    assert not [text for text in refused if "Content Security Policy" in text], refused

    # axe-core finds no serious violation in the panel (bypass_csp: axe is injected as a
    # script of the test's own).
    checker = new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    log_in(checker, live_server.url, "bianji", "pw-bianji-12345")
    checker.goto(change_url)
    checker.evaluate(AXE.read_text(encoding="utf-8"))
    result = checker.evaluate(
        "axe.run({include: ['[data-story-figures]']}, {resultTypes: ['violations']})"
    )
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
