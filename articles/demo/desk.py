"""Copy in flight for the quick start's desks: a reporter's draft, a story waiting in
待审, one returned with the editor's reason, one waiting for 签发 and one scheduled for
tomorrow morning, each moved there through the workflow's services by the demo users,
so every desk (and the notices) has something to show on the first click.

The demo correspondent (通讯员, of 西城区天桥街道总工会) has a piece in every state of
their desk at /contribute/: 已收到, 编辑中, 已采用, 未采用 with the editor's reason and
已撤回, filed through the contribution desk's services and moved by the demo editors.

Made once: a database that already has copy in flight is left as it is, and a
correspondent who has filed anything keeps what they have.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from articles.contribute import services as contribute
from articles.contribute.models import Correspondent
from articles.contribute.services import Piece
from articles.models import Article, ArticleStatus
from articles.pageimport.services import parse_dump
from articles.workflow import services
from unions.models import Union

# (title, body, where it ends up)
IN_FLIGHT = [
    (
        "西城区总工会开展“两节”送温暖活动",
        "近日，西城区总工会走访慰问一线职工300名，送出慰问金15万元。\n"
        "## 走进一线\n"
        "慰问组先后来到环卫、公交、快递等行业的一线班组。",
        "draft",
    ),
    (
        "天桥街道职工书屋新添图书500册",
        "天桥街道总工会职工书屋日前新添图书500册，涵盖技能提升、文学、法律等类别。",
        "review",
    ),
    (
        "丰台区职工技能大赛落幕",
        "丰台区第十届职工技能大赛日前落幕，120名选手参加7个工种的比赛。",
        "returned",
    ),
    (
        "平谷区总工会为新就业形态劳动者建驿站",
        "平谷区总工会在城区建成10个户外劳动者服务驿站，提供饮水、休息、充电等服务。",
        "signoff",
    ),
    (
        "朝阳区总工会发布职工疗休养新线路",
        "朝阳区总工会近日发布2025年职工疗休养线路12条。",
        "scheduled",
    ),
]


def load_desk(now: datetime.datetime | None = None) -> int:
    """Put the demo copy in flight and the demo correspondent's pieces on their desk;
    returns how many stories were made (0 if both were there already or the demo users
    are missing)."""
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["reporter", "editor", "chief"])
    }
    if len(users) < 3:
        return 0
    reporter, editor, chief = users["reporter"], users["editor"], users["chief"]
    in_flight = Article.objects.exclude(
        status__in=[ArticleStatus.PUBLISHED, ArticleStatus.WITHDRAWN]
    ).exists()
    made = 0 if in_flight else _load_in_flight(reporter, editor, chief, now or timezone.now())
    return made + load_filed(editor, chief)


def _load_in_flight(reporter, editor, chief, now: datetime.datetime) -> int:
    for title, body, state in IN_FLIGHT:
        story = Article.objects.create(title=title, body=body, created_by=reporter)
        services.record_revision(story, user=reporter, note="新建")
        if state == "draft":
            continue
        services.submit(story, user=reporter)
        if state == "returned":
            services.return_to_reporter(story, user=editor, comment="请补充获奖选手的单位和名次")
        elif state in ("signoff", "scheduled"):
            services.pass_on(story, user=editor)
        if state == "scheduled":
            morning = timezone.localtime(now).replace(hour=8, minute=0, second=0, microsecond=0)
            services.schedule(story, user=chief, at=morning + datetime.timedelta(days=1))
    return len(IN_FLIGHT)


CORRESPONDENT_USERNAME = "tongxunyuan"
CORRESPONDENT_NAME = "张小红"
CORRESPONDENT_UNION = "西城区天桥街道总工会"

# (title, text after the dateline, where it ends up, the editor's reason)
FILED = [
    (
        "天桥街道总工会开展职工健步走活动",
        "近日，天桥街道总工会组织辖区80余名职工开展健步走活动，倡导健康生活方式。",
        "received",
        "",
    ),
    (
        "天桥街道新建3个户外劳动者服务站",
        "天桥街道总工会日前在辖区新建3个户外劳动者服务站，为快递员、环卫工提供歇脚、饮水等服务。",
        "editing",
        "",
    ),
    (
        "天桥街道总工会为300名一线职工送温暖",
        "近日，天桥街道总工会走访慰问辖区一线职工300名，送出温暖礼包300份。\n"
        "职工们表示，娘家人的关心让他们倍感温暖。",
        "adopted",
        "",
    ),
    (
        "天桥街道举办职工象棋比赛",
        "天桥街道总工会日前举办职工象棋比赛，30名职工参赛。",
        "declined",
        "本报近期已刊发同类文体活动报道，暂不采用；欢迎多报道职工身边的新变化",
    ),
    (
        "天桥街道职工书屋开展读书分享会",
        "天桥街道职工书屋日前开展读书分享会，20余名职工分享读书心得。",
        "recalled",
        "",
    ),
]


def demo_correspondent(password: str):
    """The demo correspondent's login (not staff, group 通讯员), made once, its password
    reset every time; None if the demo's unions are not loaded."""
    union = Union.objects.filter(name=CORRESPONDENT_UNION).first()
    if union is None:
        return None
    found = Correspondent.objects.filter(user__username=CORRESPONDENT_USERNAME).first()
    if found is None:
        found = contribute.create_correspondent(
            username=CORRESPONDENT_USERNAME,
            password=password,
            name=CORRESPONDENT_NAME,
            unions=[union],
            phone="13800138000",
            note="演示通讯员",
        )
    user = found.user
    user.set_password(password)
    user.is_staff = user.is_superuser = False
    user.save()
    return user


def load_filed(editor, chief) -> int:
    """The demo correspondent's pieces, one in each state of their desk; 0 if they have
    filed before (or are missing)."""
    correspondent = Correspondent.objects.filter(user__username=CORRESPONDENT_USERNAME).first()
    if correspondent is None or Article.objects.filter(created_by=correspondent.user).exists():
        return 0
    union = correspondent.unions.order_by("pk").first()
    for title, text, state, reason in FILED:
        dump = f"{title}\n本报讯（通讯员 {CORRESPONDENT_NAME}）{text}"
        piece = Piece(article=parse_dump(dump).articles[0])
        story = contribute.file_piece(
            correspondent=correspondent, union=union, topic=None, piece=piece
        )
        if state == "editing":
            # An editor takes it up (saves a change), then sends it on for 签发.
            services.record_revision(story, user=editor, note="编辑修改")
            services.pass_on(story, user=editor)
        elif state == "adopted":
            services.pass_on(story, user=editor)
            services.publish(story, user=chief)
        elif state == "declined":
            services.decline(story, user=editor, comment=reason)
        elif state == "recalled":
            contribute.recall_piece(story, user=correspondent.user)
    return len(FILED)
