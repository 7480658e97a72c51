"""The copy desk in the import (issue 23): imported drafts arrive checked (a StoryCheck
each, with the findings and the figures of their copy), the preview shows each report's
findings and the figures in its body, and the message after saving, the import record
and the console commands say how many stories have copy errors."""

import html
import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.copydesk.models import StoryCheck
from articles.demo.loader import SEED_PAGE, SEED_PDF
from articles.models import Article, PageImport
from articles.pageimport.copy_checks import CopyCounts
from articles.pageimport.services import parse_docx, save_docx

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_pageimport_add")
CHANGELIST = reverse("admin:articles_article_changelist")
PLACEMENT = {"edition_date": "2024-01-23", "page_number": "3", "page_name": "工会新闻"}
ROOT = Path(__file__).resolve().parent.parent
# A page with the copy errors a dump brings: half-width punctuation and straight quotes.
ERRORS_PAGE = ROOT / "fixtures" / "pages" / "101_ascii_punctuation_and_chrome.txt"
DOCX = ROOT / "fixtures" / "docx"

# The amounts and counts each report of the seed page prints in its body, as printed,
# read as (value, unit, qualifier); the other three print none.
SEED_FIGURES = {
    "昌平区总工会启动“两节”送温暖活动": [("4家", 4, "家", "")],
    "建工一建工会以职工书屋为平台打造学习型企业": [("70余册", 70, "册", "余")],
    "西城区天桥街道总工会为职工送出“温暖礼包”": [("1030份", 1030, "份", "")],
}
SEED_TITLES = [
    "以大抓基层为导向健全服务职工工作体系",
    "昌平区总工会启动“两节”送温暖活动",
    "建工一建工会以职工书屋为平台打造学习型企业",
    "“娘家人”送来暖心慰问",
    "西城区天桥街道总工会为职工送出“温暖礼包”",
    "平谷滨河街道北小区社区工会开展亲子活动",
]
PAGE = "2024年1月23日 第3版 工会新闻"
BOOKS_TITLE = "职工书屋开进工地"
QUOTES_TITLE = '"冬日暖阳"行动启动'


def preview(client, **data):
    return client.post(URL, {**PLACEMENT, "preview": "1", **data})


def confirm_data(response) -> dict:
    """The preview's forms as the browser would post them back unchanged."""
    data = {}
    formset = response.context["formset"]
    for form in [response.context["form"], formset.management_form, *formset]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    data["confirm"] = "1"
    return data


def text_of(response) -> str:
    """The page's text as a reader sees it, tags and runs of white space taken out."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())))


def reading(value, unit: str, qualifier: str) -> str:
    """How the preview says a figure reads: 70 册（余）."""
    return f"{value} {unit}（{qualifier}）" if qualifier else f"{value} {unit}"


def stored_figures(article: Article) -> list[tuple]:
    figures = article.copy_check.figures
    return [(f["text"], f["value"], f["unit"], f["qualifier"]) for f in figures]


def assert_the_seed_is_checked_clean(articles) -> None:
    assert sorted(a.title for a in articles) == sorted(SEED_TITLES)
    for article in articles:
        check = StoryCheck.objects.get(article=article)
        assert (check.errors, check.warnings, check.findings) == (0, 0, [])
        assert stored_figures(article) == SEED_FIGURES.get(article.title, [])
        for figure in check.figures:
            assert figure["text"] in figure["sentence"] and figure["sentence"] in article.body


# --- The seed page: checked, its figures kept, no errors -----------------------------------


def test_the_seed_dump_is_previewed_with_its_figures_and_saved_checked(
    superuser_client, unions_and_topics
):
    response = preview(superuser_client, text=SEED_PAGE.read_text(encoding="utf-8"))
    reports = response.context["reports"]
    assert [form["title"].value() for form, _copy in reports] == SEED_TITLES
    for form, copy in reports:
        assert copy.findings == []
        expected = SEED_FIGURES.get(form["title"].value(), [])
        assert [(f.printed, f.reading) for f in copy.figures] == [
            (text, reading(value, unit, qualifier)) for text, value, unit, qualifier in expected
        ]
    page = text_of(response)
    assert page.count("校对：未发现问题") == 6
    assert "70余册 读作 70 册（余）" in page
    assert "1030份 读作 1030 份" in page
    # The figure in its sentence.
    assert "精心准备了1030份包括焖泡壶在内的“温暖礼包”" in page
    assert 'aria-label="第 5 篇的校对"' in response.content.decode()

    response = superuser_client.post(URL, confirm_data(response), follow=True)
    assert_the_seed_is_checked_clean(Article.objects.all())
    message = str(next(iter(response.context["messages"])))
    assert message == f"已导入 6 篇草稿到 {PAGE}，校对未发现问题。"


def test_the_seed_pdf_is_previewed_with_its_figures_and_saved_checked(
    superuser_client, unions_and_topics
):
    upload = SimpleUploadedFile("page03.pdf", SEED_PDF.read_bytes(), "application/pdf")
    response = preview(superuser_client, pdf=upload)
    reports = response.context["reports"]
    assert len(reports) == 6
    figures = {form["title"].value(): [f.printed for f in copy.figures] for form, copy in reports}
    assert figures == {title: [f[0] for f in SEED_FIGURES.get(title, [])] for title in SEED_TITLES}
    assert "70余册 读作 70 册（余）" in text_of(response)

    superuser_client.post(URL, confirm_data(response))
    assert_the_seed_is_checked_clean(Article.objects.all())


def test_the_word_files_stories_are_saved_with_their_figures_and_findings(unions_and_topics):
    stories = []
    for path in sorted(DOCX.glob("*.docx")):
        stories += save_docx(parse_docx(path.read_bytes()), user=None)
    by_title = {article.title: article for article in stories}

    riders = by_title["冬日里的暖“新”关爱"]
    assert stored_figures(riders) == [("100余名", 100, "名", "余"), ("60余名", 60, "名", "余")]
    assert (riders.copy_check.errors, riders.copy_check.warnings) == (0, 0)

    # Another paper's dateline, as the correspondent sent it: a warning, not an error.
    shaanxi = by_title["陕西启动工会驿站关爱户外劳动者专项活动"]
    assert stored_figures(shaanxi) == [("30名", 30, "名", "")]
    check = shaanxi.copy_check
    assert (check.errors, check.warnings) == (0, 1)
    (finding,) = check.findings
    assert (finding["field"], finding["excerpt"], finding["level"]) == (
        "dateline",
        "三秦都市报讯",
        "warning",
    )


# --- A page with errors: the preview shows them, the checks keep them ----------------------


def test_a_page_with_errors_shows_them_and_its_figures_in_the_preview(
    superuser_client, unions_and_topics
):
    response = preview(superuser_client, text=ERRORS_PAGE.read_text(encoding="utf-8"))
    (books_form, books), (quotes_form, quotes) = response.context["reports"]
    assert books_form["title"].value() == BOOKS_TITLE
    assert (books.errors, books.warnings) == (9, 0)
    assert [item.field_label for item in books.findings] == ["正文第1段"] * 7 + ["正文第2段"] * 2
    assert [(f.printed, f.reading) for f in books.figures] == [("500余册", "500 册（余）")]
    assert quotes_form["title"].value() == QUOTES_TITLE
    assert (quotes.errors, quotes.warnings) == (7, 0)
    assert [item.field_label for item in quotes.findings[:2]] == ["主题", "主题"]
    assert quotes.figures == []

    page = text_of(response)
    assert "校对：9 处错误，0 处提示" in page
    assert "校对：7 处错误，0 处提示" in page
    # A finding with the text around it and its message.
    assert "丰台区总工会把职工书屋开进了建筑工地!" in page
    assert '工地!工人们说:"下班后有地方… 中文里的半角 ! 应改为全角 ！ 。' in page
    assert "错误 主题" in page and "错误 正文第2段 据介绍" in page
    # The figure, how it reads and its sentence.
    assert "500余册 读作 500 册（余）" in page
    assert "书屋配备图书500余册" in page
    assert page.count("正文中没有读到金额或数量") == 1
    assert not Article.objects.exists()


def test_the_saved_checks_are_what_the_preview_showed_and_the_message_counts_them(
    superuser_client, unions_and_topics
):
    response = preview(superuser_client, text=ERRORS_PAGE.read_text(encoding="utf-8"))
    shown = {form["title"].value(): copy for form, copy in response.context["reports"]}

    response = superuser_client.post(URL, confirm_data(response))
    assert response.status_code == 302
    stories = list(Article.objects.select_related("copy_check").order_by("print_order"))
    assert [a.title for a in stories] == [BOOKS_TITLE, QUOTES_TITLE]
    for article in stories:
        check, copy = article.copy_check, shown[article.title]
        assert (check.errors, check.warnings) == (copy.errors, copy.warnings)
        assert [(f["excerpt"], f["message"]) for f in check.findings] == [
            (item.excerpt, item.message) for item in copy.findings
        ]
        assert [f["text"] for f in check.figures] == [f.printed for f in copy.figures]
    books = stories[0].copy_check
    assert {(f["field"], f["check"], f["level"]) for f in books.findings} == {
        ("body", "punctuation", "error")
    }
    assert [(f["excerpt"], f["replacement"]) for f in books.findings[:2]] == [
        (",", "，"),
        ("!", "！"),
    ]
    assert stored_figures(stories[0]) == [("500余册", 500, "册", "余")]

    response = superuser_client.get(response["Location"])
    (message,) = response.context["messages"]
    ids = ",".join(str(article.pk) for article in stories)
    assert message.level_tag == "warning"
    assert str(message) == (
        f"已导入 2 篇草稿到 {PAGE}，其中 2 篇有校对错误。 "
        f'<a href="{CHANGELIST}?id__in={ids}">只看这 2 篇</a>'
    )
    # The link lists just those stories.
    listed = superuser_client.get(f"{CHANGELIST}?id__in={ids}")
    assert listed.status_code == 200
    assert {a.pk for a in listed.context["cl"].result_list} == {a.pk for a in stories}


def test_the_message_links_only_the_stories_with_findings(superuser_client, unions_and_topics):
    """The seed page and the page with errors in one paste: 2 of 8 stories have errors."""
    text = SEED_PAGE.read_text(encoding="utf-8") + "\n\n" + ERRORS_PAGE.read_text(encoding="utf-8")
    response = preview(superuser_client, text=text)
    data = confirm_data(response)
    response = superuser_client.post(URL, data, follow=True)
    (message,) = response.context["messages"]
    faulty = Article.objects.filter(copy_check__errors__gt=0).order_by("pk")
    assert [a.title for a in faulty] == [BOOKS_TITLE, QUOTES_TITLE]
    ids = ",".join(str(pk) for pk in faulty.values_list("pk", flat=True))
    assert Article.objects.count() == StoryCheck.objects.count() == 8
    assert f"已导入 8 篇草稿到 {PAGE}，其中 2 篇有校对错误。" in str(message)
    assert f"?id__in={ids}" in str(message)


def test_a_corrected_report_shown_again_is_checked_as_corrected(
    superuser_client, unions_and_topics
):
    response = preview(superuser_client, text=ERRORS_PAGE.read_text(encoding="utf-8"))
    data = confirm_data(response)
    data["reports-1-title"] = "“冬日暖阳”行动启动"
    data["reports-0-unions"] = "不存在的工会"  # the confirm comes back with this error
    response = superuser_client.post(URL, data)
    assert response.status_code == 200 and not Article.objects.exists()
    (_form, books), (_form2, quotes) = response.context["reports"]
    assert (books.errors, quotes.errors) == (9, 5)
    assert "主题" not in {item.field_label for item in quotes.findings}


def test_the_rules_are_read_once_per_preview(superuser_client, unions_and_topics):
    text = SEED_PAGE.read_text(encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        preview(superuser_client, text=text)
    term_queries = [q for q in queries.captured_queries if "copydesk_term" in q["sql"]]
    assert len(term_queries) == 1


def test_the_import_record_names_each_storys_check(superuser_client, unions_and_topics):
    response = preview(superuser_client, text=ERRORS_PAGE.read_text(encoding="utf-8"))
    superuser_client.post(URL, confirm_data(response))
    page_import = PageImport.objects.get()
    url = reverse("admin:articles_pageimport_change", args=[page_import.pk])
    page = text_of(superuser_client.get(url))
    assert f"{BOOKS_TITLE}（校对：9 处错误、0 处提示）" in page
    assert f"{QUOTES_TITLE}（校对：7 处错误、0 处提示）" in page


# --- The console ------------------------------------------------------------------------------


def run(command: str, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_page_prints_the_count(unions_and_topics):
    out, _ = run("import_page", str(ERRORS_PAGE), "--date", "2024-01-23", "--page", "3")
    assert re.search(
        r"已导入 2 篇草稿到 2024年1月23日 第3版（导入记录 #\d+），其中 2 篇有校对错误。", out
    )
    out, _ = run("import_page", str(SEED_PAGE), "--date", "2024-01-23", "--page", "4")
    assert re.search(r"已导入 6 篇草稿到 .+（导入记录 #\d+），校对未发现问题。", out)


def test_import_page_dry_run_prints_each_reports_findings_and_figures(unions_and_topics):
    out, _ = run(
        "import_page", str(ERRORS_PAGE), "--date", "2024-01-23", "--page", "3", "--dry-run"
    )
    lines = out.splitlines()
    assert f"第 1 篇《{BOOKS_TITLE}》：校对 9 处错误、0 处提示" in lines
    assert f"第 2 篇《{QUOTES_TITLE}》：校对 7 处错误、0 处提示" in lines
    straight_quote = '  错误｜主题：【"】冬日暖阳"行动启动——中文里的引号应写作 “ ”，不用直引号 "。'
    assert straight_quote in lines
    assert any(line.startswith("  数字｜500余册 读作 500 册（余）：") for line in lines)
    assert "试运行：识别到 2 篇稿件，未保存。" in lines
    assert not Article.objects.exists()


def test_import_docx_prints_the_findings_before_and_the_count_after(unions_and_topics):
    path = str(DOCX / "shaanxi_winter_solstice.docx")
    out, _ = run("import_docx", path, "--dry-run")
    lines = out.splitlines()
    title = "陕西启动工会驿站关爱户外劳动者专项活动"
    assert f"第 1 篇《{title}》：校对 0 处错误、1 处提示" in lines
    assert any(line.startswith("  提示｜电头：【三秦都市报讯】——电头应写作") for line in lines)
    assert any(line.startswith("  数字｜30名 读作 30 名：") for line in lines)
    assert not Article.objects.exists()

    out, _ = run("import_docx", path)
    assert f"：《{title}》；其中 1 篇有校对提示。" in out


def test_import_edition_prints_the_count_per_page_and_in_all(tmp_path, unions_and_topics):
    folder = tmp_path / "20240123"
    folder.mkdir()
    shutil.copy(SEED_PDF, folder / "03.pdf")
    out, _ = run("import_edition", str(folder), "--date", "2024-01-23")
    assert "第3版：导入，识别并导入 6 篇草稿，校对未发现问题" in out
    assert "共 1 个版面：导入 1 版（6 篇草稿，校对未发现问题）" in out
    assert_the_seed_is_checked_clean(Article.objects.all())


# --- The counts in words ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("errors", "warnings", "sentence"),
    [
        ([], [], "校对未发现问题"),
        ([1, 2], [], "其中 2 篇有校对错误"),
        ([], [3], "其中 1 篇有校对提示"),
        ([1, 2], [3], "其中 2 篇有校对错误，另有 1 篇有校对提示"),
    ],
)
def test_the_counts_in_words(errors, warnings, sentence):
    counts = CopyCounts(stories=6, with_errors=errors, with_warnings=warnings)
    assert counts.sentence() == sentence
    assert CopyCounts.total([counts, CopyCounts(2, [], [])]).sentence() == sentence
