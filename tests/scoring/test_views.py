"""/admin/scoring/: who may see it, the page, the 通报, the files, what it refuses."""

import datetime
import io
import zipfile
from urllib.parse import unquote

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.scoring.models import ScoringPolicy
from articles.workflow.roles import CHIEF_EDITOR, CORRESPONDENT, REPORTER, STATISTICS
from tests.factories import SHANGHAI, make_union
from tests.scoring.pieces import JAN_23, correspondent, piece

pytestmark = pytest.mark.django_db

PAGE = reverse("scoring:ranking")
EXPORT = reverse("scoring:export")
NOTICE = reverse("scoring:notice")


def member(django_user_model, group: str, *, staff: bool = True):
    user = django_user_model.objects.create_user(
        f"user-{group}", password="pw-123456789", is_staff=staff
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def statistics_client(client, django_user_model):
    client.force_login(member(django_user_model, STATISTICS))
    return client


@pytest.fixture
def quarter(tree):
    a, b = correspondent("蔡洪玉", tree["company"]), correspondent("王芳", tree["changping"])
    piece(a, title="龙山街道送温暖", page=(1, 1))
    piece(a, b, title="=两区工会联合开展职工技能比赛", page=(3, 1))
    return a, b


def test_anonymous_users_are_sent_to_log_in(client):
    for url in (PAGE, f"{EXPORT}?period=2024Q1", f"{NOTICE}?period=2024Q1"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("group", [REPORTER, "编辑"])
def test_newsroom_staff_without_the_permission_are_refused(client, django_user_model, group):
    client.force_login(member(django_user_model, group))
    for url in (f"{PAGE}?period=2024Q1", f"{EXPORT}?period=2024Q1", f"{NOTICE}?period=2024Q1"):
        assert client.get(url).status_code == 403


def test_a_correspondent_is_sent_to_log_in(client, django_user_model):
    client.force_login(member(django_user_model, CORRESPONDENT, staff=False))
    response = client.get(f"{PAGE}?period=2024Q1")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("group", [STATISTICS, CHIEF_EDITOR])
def test_statistics_staff_and_the_chief_editor_see_the_ranking(
    client, django_user_model, quarter, group
):
    client.force_login(member(django_user_model, group))
    response = client.get(f"{PAGE}?period=2024Q1")
    assert response.status_code == 200
    content = response.content.decode()
    assert "2024年第一季度宣传信息考核（全市）" in content
    assert 'id="chart-unions"' in content and 'id="chart-correspondents"' in content
    assert "<svg" in content and "怀柔区总工会" in content and "蔡洪玉" in content
    assert response.context["ranking"].totals.adopted == 2


def test_the_page_opens_on_the_last_complete_quarter(statistics_client, clock):
    clock.now = datetime.datetime(2024, 5, 10, 9, tzinfo=SHANGHAI)
    response = statistics_client.get(PAGE)
    assert response.status_code == 200
    assert response.context["ranking"].period.slug == "2024Q1"
    assert "没有通讯员来稿" in response.content.decode()


def test_the_page_ranks_within_a_union_typed_by_part_of_its_name(statistics_client, quarter):
    response = statistics_client.get(PAGE, {"period": "2024Q1", "union": "怀柔"})
    assert response.status_code == 200
    ranking = response.context["ranking"]
    assert ranking.scope.union.name == "怀柔区总工会"
    assert [row.name for row in ranking.correspondents] == ["蔡洪玉"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"period": "2024Q5"}, "格式不对"),
        ({"period": "二〇二四"}, "格式不对"),
        ({"period": "x" * 300}, "格式不对"),
        ({"period": "1800"}, "超出范围"),
        ({"period": "2099Q1"}, "还没有开始"),
        ({"period": "2024Q1", "union": "不存在的工会"}, "找不到"),
        ({"period": "2024Q1", "union": "99999999999999999999999"}, "没有编号"),
    ],
)
def test_bad_parameters_answer_400_with_the_reason(statistics_client, tree, params, message):
    for url in (PAGE, EXPORT, NOTICE):
        response = statistics_client.get(url, params)
        assert response.status_code == 400
        assert message in response.content.decode()


def test_bad_formats_and_lists_answer_400(statistics_client, quarter):
    assert statistics_client.get(EXPORT, {"period": "2024Q1", "format": "pdf"}).status_code == 400
    response = statistics_client.get(EXPORT, {"period": "2024Q1", "format": "csv", "list": "x"})
    assert response.status_code == 400
    response = statistics_client.get(EXPORT, {"period": "2024Q1", "list": "fees"})
    assert response.status_code == 400  # a single list is CSV only


def test_an_empty_ranking_has_no_file_and_no_notice(statistics_client, tree):
    assert statistics_client.get(EXPORT, {"period": "2023Q4"}).status_code == 404
    assert statistics_client.get(NOTICE, {"period": "2023Q4"}).status_code == 404


def test_the_workbook_reads_back(statistics_client, quarter):
    response = statistics_client.get(EXPORT, {"period": "2024Q1", "format": "xlsx"})
    assert response.status_code == 200
    assert "宣传信息考核_2024Q1_全市.xlsx" in unquote(response["Content-Disposition"])
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["汇总", "单位排名", "通讯员排名", "稿费清单", "积分标准"]
    summary = [row for row in book["汇总"].iter_rows(values_only=True) if row[0]]
    assert summary[0][0] == "宣传信息考核：2024年第一季度（全市）"
    assert ("本期采用（篇）", 2) in [row[:2] for row in summary]
    units = list(book["单位排名"].iter_rows(values_only=True))
    assert units[0][:3] == ("层级", "名次", "单位")
    assert ("区总工会", 1, "怀柔区总工会", 2, 2, 100, 2, 12, 240) in [row[:9] for row in units]
    fees = list(book["稿费清单"].iter_rows(values_only=True))
    titles = [row[2] for row in fees[1:] if isinstance(row[0], datetime.datetime)]
    assert titles == [
        "龙山街道送温暖",
        "=两区工会联合开展职工技能比赛",
        "=两区工会联合开展职工技能比赛",
    ]
    assert fees[1][0] == datetime.datetime(2024, 1, 23)
    assert fees[1][7:9] == (10, 200)
    assert fees[4][:2] == ("合计", "共3行") and fees[4][7:9] == (14, 280)


def test_one_csv_list_streams_with_a_bom(statistics_client, quarter):
    response = statistics_client.get(EXPORT, {"period": "2024Q1", "format": "csv", "list": "fees"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff日期,版次,标题")
    assert (
        "2024年1月23日,第1版,龙山街道送温暖,消息,头版头条,蔡洪玉,龙山建工公司工会,10,200.00" in text
    )
    assert "'=两区工会联合开展职工技能比赛" in text  # never a formula in Excel
    assert "合计,共3行,,,,,,14,280.00" in text


def test_every_csv_in_a_zip(statistics_client, quarter):
    response = statistics_client.get(EXPORT, {"period": "2024Q1", "format": "csv"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted(
        ["汇总.csv", "单位排名.csv", "通讯员排名.csv", "稿费清单.csv", "积分标准.csv"]
    )
    people = archive.read("通讯员排名.csv").decode("utf-8-sig")
    assert "1,蔡洪玉,龙山建工公司工会,2,2,100,2,12,240.00" in people


def test_the_quarterly_notice_prints_the_federations_wording(statistics_client, quarter):
    response = statistics_client.get(NOTICE, {"period": "2024Q1"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "关于2024年第一季度宣传信息工作情况的通报" in content
    assert "各区总工会、各产业（系统）工会、各直属基层工会：" in content
    assert "本期共采用通讯员稿件2篇，其中头版头条1篇、头版0篇、其他版1篇、网站0篇" in content
    assert "合计积分14分，稿费280.00元" in content
    assert "@media print" in content and "@page" in content
    assert "优秀通讯员" not in content  # honours are the year's
    assert "北京市总工会" in content  # the signature


def test_the_yearly_notice_names_the_honours(statistics_client, quarter, tree):
    ScoringPolicy.objects.filter(pk=1).update(issuer="北京市总工会宣传部", advanced_units=1)
    response = statistics_client.get(NOTICE, {"period": "2024"})
    content = response.content.decode()
    assert "关于2024年度宣传信息工作情况的通报" in content
    assert (
        "授予蔡洪玉（龙山建工公司工会）、王芳（昌平区总工会）等2名同志“2024年度优秀通讯员”称号"
        in content
    )
    assert (
        "授予怀柔区总工会、龙山街道总工会、龙山建工公司工会“2024年度宣传信息工作先进单位”称号"
        in content
    )
    assert "北京市总工会宣传部" in content


def test_the_page_reads_as_many_queries_for_many_pieces(
    statistics_client, quarter, tree, django_assert_num_queries
):
    url = f"{PAGE}?period=2024Q1"
    statistics_client.get(url)
    with django_assert_num_queries(10) as few:
        statistics_client.get(url)
    for n in range(12):
        union = make_union(f"昌平第{n}公司工会", parent=tree["changping"])
        piece(correspondent(f"通讯员{n}", union), at=JAN_23 + datetime.timedelta(days=n + 1))
    with django_assert_num_queries(len(few)):
        response = statistics_client.get(url)
    assert response.context["ranking"].totals.adopted == 14
