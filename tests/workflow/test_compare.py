"""The comparison of two 稿: the words that changed are marked inside a paragraph, every
part of a story is compared (headlines, body, credits, photos, unions, topics), people
are named as the newsroom names them, and a revision is a 稿, never a 版."""

import copy
import re

import pytest
from django.urls import reverse

from articles.models import CreditRole
from articles.workflow import snapshots
from articles.workflow.models import Revision, person_name
from tests.factories import make_article, make_topic, make_union

pytestmark = pytest.mark.django_db


# --- the words that changed ---------------------------------------------------------------


def test_numbers_and_latin_words_are_one_token_and_hanzi_one_each():
    assert snapshots.tokens("共300名职工，1.2万元、3,000份 COVID疫苗") == [
        "共",
        "300",
        "名",
        "职",
        "工",
        "，",
        "1.2",
        "万",
        "元",
        "、",
        "3,000",
        "份",
        " ",
        "COVID",
        "疫",
        "苗",
    ]


def test_a_figure_that_changed_is_marked_whole_and_nothing_else():
    old, new = snapshots.inline_diff(
        "全市共有300名职工参加了春节送温暖活动。", "全市共有320名职工参加了春节送温暖活动。"
    )
    assert old == "全市共有<del>300</del>名职工参加了春节送温暖活动。"
    assert new == "全市共有<ins>320</ins>名职工参加了春节送温暖活动。"


def test_decimals_and_thousands_are_marked_whole():
    old, new = snapshots.inline_diff("发放慰问金1.2万元，3,000份", "发放慰问金1.5万元，3,200份")
    assert re.findall(r"<del>(.*?)</del>", old) == ["1.2", "3,000"]
    assert re.findall(r"<ins>(.*?)</ins>", new) == ["1.5", "3,200"]


def test_a_word_left_between_two_longer_changes_is_folded_into_one_change():
    old, new = snapshots.inline_diff("今天的会议很成功", "明天的活动很热闹")
    assert old == "<del>今</del>天的<del>会议很成功</del>"
    assert new == "<ins>明</ins>天的<ins>活动很热闹</ins>"
    # Not between changes as short as itself: each figure is marked alone.
    old, new = snapshots.inline_diff("共300名，500人", "共320名，600人")
    assert old == "共<del>300</del>名，<del>500</del>人"


def test_every_word_is_escaped_and_only_the_marks_are_markup():
    old, new = snapshots.inline_diff('<b>旧</b> & "引号"', '<b>新</b> & "引号"')
    assert old == "&lt;b&gt;<del>旧</del>&lt;/b&gt; &amp; &quot;引号&quot;"
    assert new == "&lt;b&gt;<ins>新</ins>&lt;/b&gt; &amp; &quot;引号&quot;"


# --- the sections of a comparison ---------------------------------------------------------


@pytest.fixture
def snapshot():
    union, topic = make_union("甲公司工会"), make_topic("送温暖")
    article = make_article(
        "春节送温暖",
        body="## 走访困难职工\n全市共有300名职工参加。\n慰问品已送到。\n## 下一步\n继续做好服务。",
        credits=[(CreditRole.REPORTER, "边磊")],
        unions=[union],
        topics=[topic],
    )
    data = snapshots.take(article)
    data["photos"] = [
        {
            "id": 7,
            "image": "photos/2024/01/a1b2.jpg",
            "caption": "工会干部为职工送去慰问品",
            "credit": "周美玉 摄",
            "alt_text": "",
            "order": 0,
            "focal_x": 50,
            "focal_y": 50,
        }
    ]
    return data


def changed(data: dict, **fields) -> dict:
    new = copy.deepcopy(data)
    new["fields"].update(fields)
    return new


def test_a_paragraph_edited_in_place_marks_only_its_changed_words(snapshot):
    new = changed(snapshot, body=snapshot["fields"]["body"].replace("300", "320"))
    rows = {row.label: row for row in snapshots.diff(snapshot, new)["body"]}

    row = rows["第1段"]
    assert row.change == "changed"
    assert (row.old_html, row.new_html) == (
        "全市共有<del>300</del>名职工参加。",
        "全市共有<ins>320</ins>名职工参加。",
    )
    assert rows["第2段"].change == "same" and "<" not in rows["第2段"].new_html


def test_crossheads_are_labelled_and_paragraphs_counted_without_them(snapshot):
    rows = snapshots.diff(snapshot, snapshot)["body"]
    assert [row.label for row in rows] == ["小标题", "第1段", "第2段", "小标题", "第3段"]
    assert rows[0].old == "走访困难职工"  # without its "## "

    new = changed(snapshot, body=snapshot["fields"]["body"].replace("## 下一步", "## 下一阶段"))
    assert snapshots.changed_labels(snapshot, new) == ["正文小标题"]


def test_a_paragraph_added_or_removed_whole_is_shown_as_added_or_removed(snapshot):
    body = "## 走访困难职工\n新写的一段。\n全市共有320名职工参加。\n## 下一步\n继续做好服务。"
    rows = snapshots.diff(snapshot, changed(snapshot, body=body))["body"]
    assert [(row.label, row.change) for row in rows] == [
        ("小标题", "same"),
        ("第1段", "added"),
        # The edited paragraph stands beside its older wording, not beside the new one.
        ("第2段", "changed"),
        ("第2段", "removed"),
        ("小标题", "same"),
        ("第3段", "same"),
    ]
    added, edited, removed = rows[1], rows[2], rows[3]
    assert (added.old_html, added.new_html) == ("", "<ins>新写的一段。</ins>")
    assert edited.new_html == "全市共有<ins>320</ins>名职工参加。"
    assert (removed.old_html, removed.new_html) == ("<del>慰问品已送到。</del>", "")


def test_headline_fields_are_compared_word_by_word(snapshot):
    new = changed(snapshot, title="春节送温暖到万家", kicker="市总工会")
    rows = {row.label: row for row in snapshots.diff(snapshot, new)["headline"]}
    assert rows["主题"].new_html == "春节送温暖<ins>到万家</ins>"
    assert (rows["引题"].change, rows["引题"].new_html) == ("changed", "<ins>市总工会</ins>")
    assert rows["副题"].change == "same"


def test_credits_unions_topics_and_photos_are_compared(snapshot):
    new = copy.deepcopy(snapshot)
    new["credits"][0]["role"] = CreditRole.CORRESPONDENT
    new["credits"].append(
        {"contributor_id": None, "name": "蔡洪玉", "role": "reporter", "label": "", "order": 1}
    )
    new["unions"] = [[999, "乙公司工会"]]
    new["tags"] = ["困难职工"]
    new["photos"][0].update(caption="工会干部为困难职工送去慰问品", credit="边磊 摄")
    new["photos"].append({**new["photos"][0], "id": 8, "image": "photos/2024/01/c3d4.jpg"})

    rows = snapshots.diff(snapshot, new)

    assert [(r.change, r.old, r.new) for r in rows["credits"]] == [
        ("changed", "记者 边磊", "通讯员 边磊"),
        ("added", "", "记者 蔡洪玉"),
    ]
    assert [(r.change, r.old, r.new) for r in rows["unions"]] == [
        ("changed", "甲公司工会", "乙公司工会")
    ]
    assert [(r.change, r.new) for r in rows["topics"]] == [
        ("same", "送温暖"),
        ("added", "#困难职工"),
    ]
    first, second = rows["photos"]
    assert (first.label, first.change, second.label, second.change) == (
        "第1张",
        "changed",
        "第2张",
        "added",
    )
    assert "图片说明：工会干部为<ins>困难</ins>职工送去慰问品" in first.new_html
    assert "<del>周美玉</del> 摄" in first.old_html and "<ins>边磊</ins> 摄" in first.new_html
    assert snapshots.changed_labels(snapshot, new) == ["署名", "涉及工会", "专题与标签", "图片"]


def test_a_photo_removed_is_listed_as_removed(snapshot):
    new = copy.deepcopy(snapshot)
    new["photos"] = []
    (row,) = snapshots.diff(snapshot, new)["photos"]
    assert (row.label, row.change, row.new_html) == ("原第1张", "removed", "")
    assert row.old_html.startswith("<del>图片说明：工会干部为职工送去慰问品")


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def three_revisions(snapshot, newsroom):
    """第1稿 and 第2稿 by the editor (边磊 in her account), 第3稿 by the chief editor."""
    editor, chief = newsroom["editor"], newsroom["chief"]
    editor.last_name, editor.first_name = "边", "磊"
    editor.save()
    chief.first_name, chief.last_name = "Ann", "Lee"
    chief.save()
    article = make_article("春节送温暖", created_by=newsroom["reporter"])
    second = changed(snapshot, body=snapshot["fields"]["body"].replace("300", "320"))
    third = copy.deepcopy(second)
    third["photos"][0]["caption"] = "工会干部为困难职工送去慰问品"
    third["credits"][0]["name"] = "蔡洪玉"
    third["unions"] = [[999, "乙公司工会"]]
    for number, (data, user) in enumerate(
        [(snapshot, editor), (second, editor), (third, chief)], 1
    ):
        Revision.objects.create(
            article=article, number=number, created_by=user, note="修改", data=data
        )
    return article


def content(html: str) -> str:
    return html[html.index('<div id="content-main">') :]


def test_the_compare_page_names_the_two_drafts_and_marks_the_changes(
    three_revisions, login, newsroom
):
    client = login(newsroom["chief"])
    url = reverse("admin:articles_article_compare", args=[three_revisions.pk])

    response = client.get(url, {"a": 3, "b": 2})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>修改比较：第2稿与第3稿" in html
    main = content(html)
    assert "版" not in main
    assert "第2稿（" in main and "边磊）" in main and "Ann Lee）" in main
    assert "text-transform: none" in html  # the admin's capitals do not apply to names
    assert "<del>边磊</del>" in main and "<ins>蔡洪玉</ins>" in main  # credits
    assert "<del>甲</del>公司工会" in main and "<ins>乙</ins>公司工会" in main  # unions
    assert "工会干部为<ins>困难</ins>职工送去慰问品" in main  # the photo's caption
    assert 'src="/media/photos/2024/01/a1b2.jpg"' in main  # its master, as no renditions

    first_and_second = content(client.get(url, {"a": 1, "b": 2}).content.decode())
    assert "全市共有<del>300</del>名职工参加。" in first_and_second
    assert "全市共有<ins>320</ins>名职工参加。" in first_and_second


def test_the_history_page_speaks_of_drafts_and_names_people(three_revisions, login, newsroom):
    client = login(newsroom["chief"])
    response = client.get(reverse("admin:articles_article_history", args=[three_revisions.pk]))

    assert response.status_code == 200
    main = content(response.content.decode())
    assert "<title>修改记录：春节送温暖" in response.content.decode()
    assert "第3稿" in main and "恢复此稿" in main and "比较所选的两稿" in main
    assert "版" not in main
    assert "<td>边磊</td>" in main and "<td>Ann Lee</td>" in main
    assert "chief_editor" not in main


def test_people_are_named_by_their_name_or_else_their_login(newsroom):
    reporter = newsroom["reporter"]
    assert person_name(reporter) == "reporter"
    reporter.last_name, reporter.first_name = "崔", "欣"
    assert person_name(reporter) == "崔欣"  # 姓 before 名
    reporter.last_name, reporter.first_name = "", "Ann"
    assert person_name(reporter) == "Ann"
    assert person_name(None) == ""


def test_a_revision_is_a_draft_in_words(three_revisions):
    revision = three_revisions.revisions.get(number=2)
    assert str(revision) == f"{three_revisions.pk} 第2稿"
    assert Revision._meta.verbose_name == "修改记录"
    assert Revision._meta.get_field("number").verbose_name == "稿次"
