import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from articles.demo.loader import SEED_PAGE
from articles.models import Article, ArticleStatus, PageImport, PrintPage

# Most tests load the whole demo content (~0.7 s each).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

ARGS = ["--date", "2024-01-23", "--page", "3", "--page-name", "工会新闻"]


def run(*args) -> tuple[str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    call_command("import_page", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_follows_the_contract(unions_and_topics):
    out, _ = run(str(SEED_PAGE), *ARGS, "--dry-run", "--json")
    data = json.loads(out)
    assert set(data) == {"banner", "articles", "warnings"}
    assert data["banner"] == "深入学习贯彻党的二十大精神 奋力开拓首都工会工作新局面"
    assert len(data["articles"]) == 6
    keys = {
        "kind",
        "column",
        "kicker",
        "title",
        "subtitle",
        "credits",
        "paragraphs",
        "unions",
        "topics",
        "new_unions",
    }
    assert all(set(a) == keys for a in data["articles"])
    assert all(a["new_unions"] == [] for a in data["articles"])
    third = data["articles"][2]
    assert third["credits"] == [
        {"role": "reporter", "name": "边磊"},
        {"role": "correspondent", "name": "蔡洪玉"},
    ]
    assert third["unions"] == ["北京建工一建水电分公司工会"]
    assert "zhi-gong-shu-wu" in third["topics"]
    assert data["articles"][3]["kind"] == "photo"


NEW_UNION_PAGE = (
    "昌平区城北街道总工会走访慰问环卫职工\n"
    "本报讯（记者 周美玉）近日，昌平区城北街道总工会走访慰问辖区环卫职工，送去米、面、油。\n"
    "昌平区总工会相关负责人表示，将继续做好送温暖工作。"
)


def test_json_output_proposes_the_unions_the_tree_does_not_know(unions_and_topics, tmp_path):
    dump = tmp_path / "page.txt"
    dump.write_text(NEW_UNION_PAGE, encoding="utf-8")
    out, _ = run(str(dump), *ARGS, "--dry-run", "--json")
    (article,) = json.loads(out)["articles"]
    # Known unions by official name, new ones by the fullest name the copy gives.
    assert article["unions"] == ["昌平区城北街道总工会", "昌平区总工会"]
    assert article["new_unions"] == [
        {"name": "昌平区城北街道总工会", "level": "street", "parent": "昌平区总工会"}
    ]
    assert all(set(u) == {"name", "level", "parent"} for u in article["new_unions"])


def test_the_command_never_creates_a_proposed_union(unions_and_topics, tmp_path):
    from unions.models import Union

    dump = tmp_path / "page.txt"
    dump.write_text(NEW_UNION_PAGE, encoding="utf-8")
    before = Union.objects.count()
    run(str(dump), *ARGS)
    assert Union.objects.count() == before
    assert list(Article.objects.get().unions.values_list("name", flat=True)) == ["昌平区总工会"]


def test_dry_run_saves_nothing(unions_and_topics):
    run(str(SEED_PAGE), *ARGS, "--dry-run")
    assert not Article.objects.exists()
    assert not PageImport.objects.exists()


def test_it_imports_six_drafts_with_placement(unions_and_topics):
    out, _ = run(str(SEED_PAGE), *ARGS)
    assert "已导入 6 篇草稿" in out
    articles = Article.objects.order_by("print_order")
    assert [a.print_order for a in articles] == [1, 2, 3, 4, 5, 6]
    assert {a.status for a in articles} == {ArticleStatus.DRAFT}
    assert {a.page_import_id for a in articles} == {PageImport.objects.get().pk}
    assert str(articles[0].print_page) == "2024年1月23日 第3版 工会新闻"


def test_importing_the_same_page_twice_warns_and_saves_nothing(unions_and_topics):
    run(str(SEED_PAGE), *ARGS)
    with pytest.raises(CommandError, match="未重复导入"):
        run(str(SEED_PAGE), *ARGS)
    assert Article.objects.count() == 6
    assert PageImport.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空"),
        (b"   \n\n  ", "空"),
        (b"\x00\x01\x02binary\x00\xff", "UTF-8"),
        ("深入学习\n".encode("gbk"), "UTF-8"),
        (b"\x00\x00\x00\x00", ""),
        ("只有一行没有稿件的文字".encode(), ""),
    ],
)
def test_bad_files_get_a_clear_message_and_save_nothing(
    unions_and_topics, tmp_path, content, message
):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError) as excinfo:
        run(str(path), *ARGS)
    assert message in str(excinfo.value)
    assert not Article.objects.exists()
    assert not PageImport.objects.exists()


def test_a_missing_file_gets_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="无法读取文件"):
        run(str(tmp_path / "nope.txt"), *ARGS)


@pytest.mark.parametrize(
    "bad", [["--date", "2024-13-01", "--page", "3"], ["--date", "2024-01-23", "--page", "0"]]
)
def test_bad_arguments_are_refused(tmp_path, bad):
    with pytest.raises(CommandError):
        run(str(SEED_PAGE), *bad)


def fail_on_fifth(exception):
    """A replacement for Article.save that fails on the page's fifth report."""
    original = Article.save

    def save(self, *args, **kwargs):
        if self.print_order == 5:
            raise exception
        return original(self, *args, **kwargs)

    return save


def test_a_failure_mid_import_leaves_no_partial_articles(unions_and_topics, monkeypatch):
    monkeypatch.setattr(Article, "save", fail_on_fifth(DatabaseError("disk full")))
    with pytest.raises(DatabaseError):
        run(str(SEED_PAGE), *ARGS)
    assert not Article.objects.exists()
    assert not PageImport.objects.exists()
    assert not PrintPage.objects.exists()


def test_an_invalid_report_stops_the_import_with_a_message(unions_and_topics, monkeypatch):
    original = Article.full_clean

    def full_clean(self, *args, **kwargs):
        if self.print_order == 5:
            raise ValidationError({"title": "标题过长。"})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Article, "full_clean", full_clean)
    with pytest.raises(CommandError, match=r"第 5 篇.*无法保存：标题过长"):
        run(str(SEED_PAGE), *ARGS)
    assert not Article.objects.exists()
    assert not PageImport.objects.exists()
