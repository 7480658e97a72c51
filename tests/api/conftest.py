"""A newsroom for the content API's tests: unions, topics, straps, printed pages (one with
its image and zones), stories with credits and photos, a correction, figures, and copy in
every state readers must never see."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.contribute.models import Correspondent
from articles.copydesk.models import StoryCheck
from articles.models import (
    Article,
    ArticleKind,
    ArticleStatus,
    Contributor,
    CreditRole,
    GiftLine,
    PageFile,
    PageZone,
    Photo,
    PrintPage,
)
from articles.pageimport.pdf import images
from articles.photos import renditions
from articles.workflow.models import Revision, Transition, TransitionAction
from tests.factories import (
    make_activity,
    make_article,
    make_column,
    make_print_page,
    make_topic,
    make_union,
)
from tests.photos.conftest import make_photo
from unions.models import UnionLevel

JAN_23 = datetime.date(2024, 1, 23)

# Words that stand for what must never reach a reader: each is written into one
# internal field or one story readers cannot see, and looked for in every answer.
INTERNAL_NOTE = "内部备注绝密甲"
WITHDRAW_REASON = "撤稿理由绝密乙"
DECLINE_REASON = "不采用理由绝密丙"
EDITOR_NAME = "责编绝密丁"
CONTRIBUTOR_NOTE = "作者备注绝密戊"
UNION_ALIAS = "工会别名绝密己"
REVISION_COMMENT = "修改备注绝密庚"
COPY_FINDING = "校对问题绝密辛"
CORRESPONDENT_LOGIN = "tongxunyuan-secret-login"
CORRESPONDENT_PHONE = "13900000017"
STAFF_LOGIN = "luruyuan-secret-login"
SECRETS = [
    INTERNAL_NOTE,
    WITHDRAW_REASON,
    DECLINE_REASON,
    EDITOR_NAME,
    CONTRIBUTOR_NOTE,
    UNION_ALIAS,
    REVISION_COMMENT,
    COPY_FINDING,
    CORRESPONDENT_LOGIN,
    CORRESPONDENT_PHONE,
    STAFF_LOGIN,
]


@dataclass
class Newsroom:
    city: object = None
    district: object = None
    street: object = None
    other_district: object = None
    warmth: object = None
    relief: object = None
    learning: object = None
    hidden_topic: object = None
    column: object = None
    hidden_column: object = None
    front_page: object = None
    news_page: object = None
    tomorrow_page: object = None
    lead: object = None
    photo_report: object = None
    brief: object = None
    corrected: object = None
    correction: object = None
    public: list = field(default_factory=list)
    hidden: dict = field(default_factory=dict)
    withdrawn: object = None
    correction_of_withdrawn: object = None


def give_page_image(page: PrintPage, width: int = 320) -> PageFile:
    """A page image in the photo desk's renditions and a (tiny) PDF, as the import leaves."""
    picture = Image.new("RGB", (width, round(width * 1191 / 842)), "white")
    page_file = PageFile(
        print_page=page,
        pdf_sha256="0" * 64,
        width_pt=842.0,
        height_pt=1191.0,
        renditions=renditions.render(picture, images.FOCUS, squares=False, speed=9),
    )
    page_file.pdf.save("page.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    page_file.save()
    return page_file


def build_newsroom(*, photos: bool = True) -> Newsroom:
    now = timezone.now()
    room = Newsroom()
    room.city = make_union("北京市总工会", level=UnionLevel.CITY, short_name="市总工会")
    room.district = make_union(
        "西城区总工会", level=UnionLevel.DISTRICT, parent=room.city, aliases=UNION_ALIAS
    )
    room.street = make_union("天桥街道总工会", level=UnionLevel.STREET, parent=room.district)
    room.other_district = make_union("昌平区总工会", level=UnionLevel.DISTRICT, parent=room.city)
    room.warmth = make_topic("送温暖", is_featured=True, intro="两节前后走访慰问一线职工。")
    room.relief = make_topic("困难职工帮扶", parent=room.warmth)
    room.learning = make_topic("学习型组织")
    room.hidden_topic = make_topic("尚未公开的专题")
    room.column = make_column("寒冬送暖 工会行动")
    room.hidden_column = make_column("尚未公开的栏目")
    room.front_page = make_print_page(JAN_23, 1, name="要闻", banner="寒冬送暖")
    room.news_page = make_print_page(JAN_23, 3, name="工会新闻")
    room.tomorrow_page = make_print_page(JAN_23 + datetime.timedelta(days=1), 1, name="要闻")
    credits = [
        (CreditRole.REPORTER, "边磊"),
        (CreditRole.CORRESPONDENT, "蔡洪玉"),
        (CreditRole.EDITOR, EDITOR_NAME),
    ]

    room.lead = make_article(
        "西城区总工会开展两节送温暖活动",
        kicker="情系职工 温暖同行",
        subtitle="走访慰问一线职工1030人次",
        lead="西城区总工会近日走访慰问一线职工。",
        body="区总工会走访慰问一线职工。\n## 精准帮扶\n为困难职工送去慰问金。",
        published_at=now - datetime.timedelta(hours=5),
        credits=credits,
        unions=[room.street],
        topics=[room.warmth],
        column=room.column,
        print_page=room.front_page,
        print_order=1,
    )
    room.lead.tags.add("送温暖", "一线职工")
    room.photo_report = make_article(
        "天桥街道工会慰问环卫工人",
        kind=ArticleKind.PHOTO,
        dateline="",
        published_at=now - datetime.timedelta(hours=4),
        credits=[(CreditRole.PHOTOGRAPHER, "周美玉")],
        unions=[room.street],
        topics=[room.relief],
        print_page=room.news_page,
        print_order=1,
    )
    room.brief = make_article(
        "昌平区职工书屋揭牌",
        kind=ArticleKind.BRIEF,
        published_at=now - datetime.timedelta(hours=3),
        unions=[room.other_district],
        topics=[room.learning],
        print_page=room.news_page,
        print_order=2,
    )
    room.corrected = make_article(
        "西城区举办职工技能大赛",
        published_at=now - datetime.timedelta(hours=2),
        unions=[room.district],
    )
    room.correction = make_article(
        "更正",
        kind=ArticleKind.CORRECTION,
        lead="本报1月22日报道中参赛人数应为300人。",
        published_at=now - datetime.timedelta(hours=1),
        corrects=room.corrected,
    )
    room.public = [room.lead, room.photo_report, room.brief, room.corrected, room.correction]

    if photos:
        # Small pictures: two widths to list, rendered fast.
        make_photo(
            room.photo_report,
            size=(480, 320),
            caption="工会干部为环卫工人送上慰问品。",
            credit="周美玉 摄",
            alt_text="两名工会干部把棉衣递给环卫工人",
            focal_x=30,
            focal_y=40,
        )
        make_photo(room.photo_report, order=1, size=(480, 320), caption="环卫工人试穿棉衣。")
    give_page_image(room.news_page)
    PageZone.objects.create(
        print_page=room.news_page, article=room.photo_report, x0=0.05, y0=0.1, x1=0.5, y1=0.4
    )
    PageZone.objects.create(
        print_page=room.news_page, article=room.brief, x0=0.5, y0=0.1, x1=0.95, y1=0.3, order=0
    )

    # Copy readers must never see, each carrying the hidden topic, strap and tag, about
    # the district, and on a page (tomorrow's, or today's news page).
    def hidden(name, status, **fields):
        story = make_article(
            f"不可见稿件：{name}",
            status=status,
            unions=[room.district],
            topics=[room.hidden_topic, room.warmth],
            column=room.hidden_column,
            credits=credits,
            **fields,
        )
        story.tags.add("尚未公开的标签", "送温暖")
        room.hidden[name] = story
        return story

    hidden("draft", ArticleStatus.DRAFT)
    hidden("returned", ArticleStatus.RETURNED)
    hidden("review", ArticleStatus.REVIEW, print_page=room.news_page, print_order=5)
    hidden("signoff", ArticleStatus.SIGNOFF)
    declined = hidden("declined", ArticleStatus.DECLINED)
    Transition.objects.create(
        article=declined,
        action=TransitionAction.DECLINE,
        from_status=ArticleStatus.REVIEW,
        to_status=ArticleStatus.DECLINED,
        comment=DECLINE_REASON,
    )
    hidden(
        "scheduled",
        ArticleStatus.PUBLISHED,
        published_at=now + datetime.timedelta(days=1),
        print_page=room.tomorrow_page,
        print_order=1,
    )
    room.withdrawn = hidden(
        "withdrawn",
        ArticleStatus.WITHDRAWN,
        published_at=now - datetime.timedelta(days=2),
        print_page=room.news_page,
        print_order=6,
    )
    Transition.objects.create(
        article=room.withdrawn,
        action=TransitionAction.WITHDRAW,
        from_status=ArticleStatus.PUBLISHED,
        to_status=ArticleStatus.WITHDRAWN,
        comment=WITHDRAW_REASON,
    )
    # A correction of a withdrawn story: it names nothing readers cannot open.
    room.correction_of_withdrawn = make_article(
        "说明",
        kind=ArticleKind.CORRECTION,
        lead="本报撤回一篇稿件。",
        published_at=now - datetime.timedelta(minutes=30),
        corrects=room.withdrawn,
    )
    room.public.append(room.correction_of_withdrawn)
    PageZone.objects.create(
        print_page=room.news_page,
        article=room.hidden["review"],
        x0=0.1,
        y0=0.5,
        x1=0.9,
        y1=0.9,
    )

    # Figures: one activity told in a published story (with an internal note), one told
    # only in a draft (not counted).
    told = make_activity(
        union=room.street,
        beneficiaries=1030,
        relief_money="8500.00",
        unions_reached=4,
        internal_note=INTERNAL_NOTE,
    )
    told.articles.add(room.lead)
    GiftLine.objects.create(activity=told, item="温暖礼包", quantity=1030, unit="份")
    GiftLine.objects.create(
        activity=told, item="图书", quantity=70, unit="册", quantity_is_minimum=True, order=1
    )
    GiftLine.objects.create(activity=told, item="米、面、油", order=2)
    untold = make_activity(
        union=room.district, beneficiaries=999999, internal_note=INTERNAL_NOTE + "二"
    )
    untold.articles.add(room.hidden["draft"])

    # The newsroom's own records about public copy: who typed it, its revisions, the copy
    # desk's findings, the correspondent's account and the contributor's note.
    staff = User.objects.create_user(STAFF_LOGIN, first_name="录入员")
    Article.objects.filter(pk__in=[s.pk for s in room.public]).update(created_by=staff)
    Revision.objects.create(
        article=room.lead, number=1, created_by=staff, comment=REVISION_COMMENT, data={}
    )
    StoryCheck.objects.create(
        article=room.lead,
        errors=1,
        findings=[{"message": COPY_FINDING}],
        figures=[],
        checked_at=now,
    )
    correspondent = Contributor.objects.get(name="蔡洪玉")
    Correspondent.objects.create(
        user=User.objects.create_user(CORRESPONDENT_LOGIN),
        contributor=correspondent,
        phone=CORRESPONDENT_PHONE,
    )
    Contributor.objects.filter(name="边磊").update(note=CONTRIBUTOR_NOTE)
    return room


@pytest.fixture
def newsroom(db) -> Newsroom:
    return build_newsroom()


@pytest.fixture
def newsroom_without_photos(db) -> Newsroom:
    return build_newsroom(photos=False)


FAKE_MANIFEST = {
    "v": renditions.VERSION,
    "key": "0123456789abcdef01234567",
    "size": [900, 600],
    "alpha": False,
    "widths": [[320, 213], [640, 427], [900, 600]],
    "focus": [50, 50],
    "squares": [160, 320],
    "og": [1200, 630],
}


def add_full_story(room: Newsroom, n: int, **fields):
    """One more public story printing every part (strap, page, credits, two photos,
    unions, topics, tags), for query counts: photos listed as made, nothing rendered."""
    story = make_article(
        f"第{n}篇完整报道",
        credits=[(CreditRole.REPORTER, f"记者{n}"), (CreditRole.CORRESPONDENT, "蔡洪玉")],
        unions=[room.street, room.other_district],
        topics=[room.warmth, room.learning],
        column=room.column,
        print_page=room.news_page,
        print_order=100 + n,
        **fields,
    )
    story.tags.add("送温暖", f"标签{n}")
    for order in range(2):
        Photo.objects.create(
            article=story,
            image=f"photos/2024/01/fake-{n}-{order}.jpg",
            width=900,
            height=600,
            order=order,
            caption=f"第{n}篇的图{order}",
            renditions=FAKE_MANIFEST,
        )
    return story
