import pytest

from articles.bylines import BylineCredit, render_byline
from articles.models import Article, ArticleKind
from tests.factories import make_article

C = BylineCredit


@pytest.mark.parametrize(
    ("kind", "dateline", "credits", "expected"),
    [
        # The seed page's role mixes.
        ("news", "本报讯", [C("reporter", "崔欣")], "本报讯（记者 崔欣）"),
        (
            "news",
            "本报讯",
            [C("reporter", "边磊"), C("correspondent", "蔡洪玉")],
            "本报讯（记者 边磊 通讯员 蔡洪玉）",
        ),
        ("photo", "", [C("photographer", "周美玉")], "本报记者 周美玉 摄影报道"),
        # Forms met elsewhere in the paper.
        (
            "news",
            "本报讯",
            [C("reporter", "张三"), C("reporter", "李四"), C("correspondent", "王五")],
            "本报讯（记者 张三 李四 通讯员 王五）",
        ),
        (
            "news",
            "本报1月22日讯",
            [C("reporter", "马超"), C("intern", "刘一")],
            "本报1月22日讯（记者 马超 实习生 刘一）",
        ),
        ("news", "本报讯", [C("reporter", "王路曼", "见习记者")], "本报讯（见习记者 王路曼）"),
        ("news", "本报讯", [C("reporter", "崔欣"), C("editor", "赵编")], "本报讯（记者 崔欣）"),
        ("brief", "本网讯", [], "本网讯"),
        (
            "photo",
            "",
            [C("photographer", "周美玉"), C("correspondent", "蔡洪玉")],
            "本报记者 周美玉 通讯员 蔡洪玉 摄影报道",
        ),
        ("feature", "", [C("reporter", "崔欣")], "本报记者 崔欣"),
    ],
)
def test_it_renders_the_house_byline(kind, dateline, credits, expected):
    assert render_byline(kind, dateline, credits) == expected


@pytest.mark.django_db
def test_article_byline_reads_its_credits_in_order():
    make_article(
        "建工一建工会以职工书屋为平台打造学习型企业",
        credits=[("reporter", "边磊"), ("correspondent", "蔡洪玉")],
    )
    make_article(
        "“娘家人”送来暖心慰问",
        kind=ArticleKind.PHOTO,
        dateline="",
        credits=[("photographer", "周美玉")],
    )
    bylines = {a.title: a.byline for a in Article.objects.with_byline()}
    assert bylines == {
        "建工一建工会以职工书屋为平台打造学习型企业": "本报讯（记者 边磊 通讯员 蔡洪玉）",
        "“娘家人”送来暖心慰问": "本报记者 周美玉 摄影报道",
    }


@pytest.mark.django_db
def test_bylines_of_a_list_cost_a_fixed_number_of_queries(django_assert_num_queries):
    for n in range(8):
        make_article(credits=[("reporter", f"记者{n}"), ("correspondent", f"通讯员{n}")])
    with django_assert_num_queries(2):
        bylines = [a.byline for a in Article.objects.with_byline()]
    assert len(bylines) == 8
