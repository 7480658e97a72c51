"""The 月度统计 page in the admin: who may see it, what it shows, what it refuses."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.demo.loader import load_demo
from articles.models import GiftLine
from articles.summaries.periods import Period
from articles.summaries.scope import default_period
from tests.factories import (
    SHANGHAI,
    CreditRole,
    make_activity,
    make_article,
    make_topic,
    make_union,
)
from unions.models import UnionLevel

pytestmark = pytest.mark.django_db

PAGE = reverse("summaries:monthly")
EXPORT = reverse("summaries:export")


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("editor", password="pw-editor-123", is_staff=True)


@pytest.fixture
def summary_client(client, staff):
    staff.user_permissions.add(Permission.objects.get(codename="view_monthly_summary"))
    client.force_login(staff)
    return client


@pytest.fixture
def demo(db):
    load_demo()


def test_anonymous_users_are_sent_to_log_in(client):
    for url in (PAGE, f"{EXPORT}?month=2024-01"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_the_permission_are_refused(client, staff, demo):
    client.force_login(staff)
    assert client.get(f"{PAGE}?month=2024-01").status_code == 403
    assert client.get(f"{EXPORT}?month=2024-01&format=xlsx").status_code == 403
    assert client.get(f"{EXPORT}?month=2024-01&format=csv&list=stories").status_code == 403


def test_staff_with_the_permission_see_the_demo_month(summary_client, demo):
    response = summary_client.get(f"{PAGE}?month=2024-01")
    assert response.status_code == 200
    content = response.content.decode()
    assert "2024年1月（全市）" in content
    assert 'id="chart-districts"' in content
    assert 'id="chart-topics"' in content
    assert 'id="chart-trend"' in content
    assert "<svg" in content and "西城区总工会" in content
    assert "1030份" in content
    assert "http://" not in content.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )  # nothing fetched by a chart
    summary = response.context["summary"]
    assert summary.story_totals["stories"][0] == 6


def test_the_superuser_sees_it_too(superuser_client, demo):
    assert superuser_client.get(f"{PAGE}?month=2024-01").status_code == 200


def test_without_a_period_the_page_shows_last_month(summary_client):
    response = summary_client.get(PAGE)
    assert response.status_code == 200
    assert response.context["summary"].period == default_period()
    assert default_period(datetime.date(2026, 11, 24)) == Period.month(2026, 10)


def test_without_a_period_an_empty_last_month_gives_way_to_the_latest_with_stories(
    summary_client, demo
):
    response = summary_client.get(PAGE)
    assert response.context["summary"].period == Period.month(2024, 1)
    assert "2024年1月" in response.content.decode()


def test_a_union_narrows_the_summary(summary_client, demo):
    response = summary_client.get(PAGE, {"month": "2024-01", "union": "天桥街道工会"})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.scope.union.name == "西城区天桥街道总工会"
    assert summary.story_totals["stories"][0] == 1


def test_a_union_is_found_by_part_of_its_name(summary_client, demo):
    response = summary_client.get(PAGE, {"month": "2024-01", "union": "西城"})
    assert response.status_code == 200
    assert response.context["summary"].scope.union.name == "西城区总工会"
    assert "2024年1月（西城区总工会及下属工会）" in response.content.decode()
    # The download links name the union by its id, whatever was typed.
    assert f"union={response.context['summary'].scope.union.pk}" in response.context["export_query"]


def test_a_name_that_fits_several_unions_lists_them_on_the_form(summary_client, demo):
    for url in (PAGE, EXPORT):
        response = summary_client.get(url, {"month": "2024-01", "union": "街道", "format": "xlsx"})
        assert response.status_code == 400
        content = response.content.decode()
        assert 'class="errornote"' in content
        assert "“街道”可以指多个工会：" in content and "龙山街道总工会" in content
        assert 'value="街道"' in content  # the form keeps what was typed


def test_the_period_radio_picks_the_fields_that_count(summary_client, demo):
    # The form sends every field; only the chosen kind of period is read.
    response = summary_client.get(
        PAGE, {"period": "season", "month": "2024-05", "season": "2023", "start": "", "end": ""}
    )
    assert response.status_code == 200
    assert response.context["summary"].period.label == "2023—2024年度送温暖季"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "2024-13"}, "不是有效的月份"),
        ({"month": "2099-01"}, "还没有开始"),
        ({"month": "2024-01", "union": "不存在的工会"}, "找不到名为“不存在的工会”的工会"),
        ({"start": "2024-01-31", "end": "2024-01-01"}, "结束日期不能早于开始日期"),
        ({"season": "明年"}, "起始年份"),
    ],
)
def test_bad_parameters_give_a_message_not_an_error(summary_client, params, message):
    response = summary_client.get(PAGE, params)
    assert response.status_code == 400
    assert message in response.content.decode()
    export = summary_client.get(EXPORT, {**params, "format": "xlsx"})
    assert export.status_code == 400
    assert message in export.content.decode()


def test_an_empty_month_says_so(summary_client, demo):
    response = summary_client.get(PAGE, {"month": "2023-06"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "2023年6月（全市）没有已发布的稿件，也没有已报道的工会活动。" in content
    assert "下载 Excel" not in content
    export = summary_client.get(EXPORT, {"month": "2023-06", "format": "xlsx"})
    assert export.status_code == 404
    assert "未生成文件" in export.content.decode()


def test_unknown_formats_and_lists_are_refused(summary_client, demo):
    assert summary_client.get(EXPORT, {"month": "2024-01", "format": "pdf"}).status_code == 400
    response = summary_client.get(EXPORT, {"month": "2024-01", "format": "csv", "list": "x"})
    assert response.status_code == 400
    assert "没有名为“x”的清单" in response.content.decode()


def test_the_xlsx_download(summary_client, demo):
    response = summary_client.get(EXPORT, {"month": "2024-01", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert "2024-01" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames[0] == "汇总"
    assert workbook["稿件清单"].max_row == 8  # header, six stories, totals


def test_one_csv_list_streams(summary_client, demo):
    response = summary_client.get(
        EXPORT, {"month": "2024-01", "format": "csv", "list": "activities"}
    )
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    assert "温暖礼包（含焖泡壶） 1030份" in body.decode("utf-8-sig")
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_the_csv_zip_download(summary_client, demo):
    response = summary_client.get(EXPORT, {"month": "2024-01", "format": "csv"})
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "稿件清单.csv" in archive.namelist()


def test_the_admin_home_links_the_summary_for_permitted_staff_only(client, staff):
    client.force_login(staff)
    assert "月度统计" not in client.get(reverse("admin:index")).content.decode()
    staff.user_permissions.add(Permission.objects.get(codename="view_monthly_summary"))
    content = client.get(reverse("admin:index")).content.decode()
    assert "月度统计" in content
    assert PAGE in content


def add_month_of_content(count: int) -> None:
    """`count` stories and activities spread over districts, topics, people and gifts."""
    city = make_union(level=UnionLevel.CITY)
    topic = make_topic()
    sub_topic = make_topic(parent=topic)
    for n in range(count):
        district = make_union(level=UnionLevel.DISTRICT, parent=city)
        street = make_union(level=UnionLevel.STREET, parent=district)
        story = make_article(
            published_at=datetime.datetime(2024, 1, 1 + n % 28, 8, tzinfo=SHANGHAI),
            unions=[district, street],
            topics=[topic, sub_topic],
            credits=[(CreditRole.REPORTER, f"记者{n}"), (CreditRole.CORRESPONDENT, f"通讯员{n}")],
        )
        activity = make_activity(
            union=street, beneficiaries=n, start_date=datetime.date(2024, 1, 2)
        )
        activity.articles.add(story)
        GiftLine.objects.create(activity=activity, item=f"礼包{n % 3}", quantity=n, unit="份")


# Session, user, the user's and groups' permissions (4); the summary's 17 GROUP BY
# aggregates and lookups; the union picker (1). The page does not grow a query per story,
# union, district or contributor.
PAGE_QUERIES = 22


@pytest.mark.parametrize("count", [1, 25])
def test_the_page_runs_the_same_queries_however_much_was_published(
    summary_client, django_assert_num_queries, count
):
    add_month_of_content(count)
    with django_assert_num_queries(PAGE_QUERIES):
        response = summary_client.get(PAGE, {"month": "2024-01"})
    assert response.status_code == 200
    assert response.context["summary"].story_totals["stories"][0] == count
