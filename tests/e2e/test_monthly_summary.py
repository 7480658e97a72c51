"""Staff open the demo month's summary, see the charts and take the workbook home."""

import openpyxl
import pytest
from django.contrib.auth.models import Permission

from articles.demo.loader import load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def staff(django_user_model):
    load_demo()
    user = django_user_model.objects.create_user("tongji", password="pw-tongji-123", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_monthly_summary"))
    return user


def test_staff_open_the_demo_month_and_download_the_workbook(page, live_server, staff, tmp_path):
    page.goto(f"{live_server.url}/admin/")
    page.fill("#id_username", "tongji")
    page.fill("#id_password", "pw-tongji-123")
    page.click("input[type=submit]")

    page.click("text=选择其他时段或单位")  # on the statistics desk
    page.fill("#id_month", "2024-01")
    page.click("input[type=submit][value=查看]")

    page.wait_for_selector("text=2024年1月（全市）")
    for chart in ("#chart-districts", "#chart-topics", "#chart-trend"):
        svg = page.locator(f"{chart} svg")
        assert svg.is_visible()
        box = svg.bounding_box()
        assert box["width"] > 300 and box["height"] > 100
    assert page.locator("#chart-districts g.category rect.series-stories").count() == 6
    assert "西城区总工会" in page.inner_text("#chart-districts")
    assert page.inner_text("#summary-headline").count("6") >= 2

    with page.expect_download() as download_info:
        page.click("text=下载 Excel（.xlsx）")
    download = download_info.value
    assert download.suggested_filename == "月度统计_2024-01_全市.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)

    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames[:2] == ["汇总", "分区统计"]
    titles = [row[2] for row in workbook["稿件清单"].iter_rows(min_row=2, values_only=True)]
    assert "昌平区总工会启动“两节”送温暖活动" in titles
