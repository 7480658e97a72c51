import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from PIL import Image

from articles.contribute import services
from articles.workflow.roles import CHIEF_EDITOR, EDITOR, sync_roles
from tests.factories import make_union
from unions.models import UnionLevel

PASSWORD = "pw-correspondent-1"


@pytest.fixture
def roles(db):
    # A live-server test before this one may have flushed the groups the migration made.
    sync_roles(apps)


@pytest.fixture
def unions(db):
    district = make_union("西城区总工会", level=UnionLevel.DISTRICT)
    tianqiao = make_union(
        "西城区天桥街道总工会",
        level=UnionLevel.STREET,
        parent=district,
        short_name="天桥街道总工会",
    )
    other = make_union("丰台区总工会", level=UnionLevel.DISTRICT)
    return {"district": district, "tianqiao": tianqiao, "other": other}


@pytest.fixture
def make_correspondent(roles, unions):
    def make(username="tongxunyuan", name="张小红", union_keys=("tianqiao",), **fields):
        fields.setdefault("email", f"{username}@union.example.org")
        return services.create_correspondent(
            username=username,
            password=PASSWORD,
            name=name,
            unions=[unions[key] for key in union_keys],
            **fields,
        )

    return make


@pytest.fixture
def correspondent(make_correspondent):
    return make_correspondent()


@pytest.fixture
def staff(roles, django_user_model):
    def member(username, group, name):
        user = django_user_model.objects.create_user(
            username=username,
            password=PASSWORD,
            is_staff=True,
            first_name=name,
            email=f"{username}@news.example.org",
        )
        user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "editor": member("bianji", EDITOR, "王伟"),
        "chief": member("zongbian", CHIEF_EDITOR, "李明"),
    }


@pytest.fixture
def as_user(client):
    def log_in(user):
        client.force_login(user)
        return client

    return log_in


def png(colour=(200, 30, 30), size=(64, 48), name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    buffer.name = name
    buffer.seek(0)
    return buffer


PIECE = (
    "天桥街道总工会为300名一线职工送温暖\n"
    "本报讯（通讯员 张小红）近日，天桥街道总工会走访慰问辖区一线职工300名，送出温暖礼包300份。\n"
    "活动中，工会干部来到环卫、快递等行业的一线班组，与职工面对面交流。\n"
    "职工们表示，娘家人的关心让他们倍感温暖。"
)


def jpeg_bytes(colour=(176, 58, 46), size=(96, 64)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def word_file(
    title="天桥街道总工会为300名一线职工送温暖",
    opening="本报讯（通讯员 张小红）",
    paragraphs=(
        "近日，天桥街道总工会走访慰问辖区一线职工300名，送出温暖礼包300份。",
        "职工们表示，娘家人的关心让他们倍感温暖。",
    ),
    photos=1,
    name="稿件.docx",
) -> io.BytesIO:
    """A .docx as a correspondent types one: the title large and bold, the dateline and
    credit opening the text, a photo after the first paragraph with its caption."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(title)
    run.bold, run.font.size = True, Pt(22)
    for number, text in enumerate(paragraphs):
        document.add_paragraph().add_run((opening if number == 0 else "") + text).font.size = Pt(12)
        if number == 0:
            for n in range(photos):
                document.add_picture(io.BytesIO(jpeg_bytes((40 * n, 90, 120))), width=Cm(8))
                document.add_paragraph().add_run(f"图为慰问现场{n + 1}。").font.size = Pt(10.5)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer
