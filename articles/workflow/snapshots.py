"""An article as plain data: taken for every revision, put back on restore, compared in
the history's side-by-side diff (and in the conflict page's, `inline_diff`).

A snapshot keeps ids to restore links exactly and names to read them after the linked
union, topic or contributor is gone or renamed.
"""

import difflib
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.html import escape, format_html, format_html_join

from articles.models import (
    CROSSHEAD,
    Article,
    Column,
    Contributor,
    Credit,
    Photo,
    PrintPage,
    Topic,
    body_blocks,
)
from articles.photos import renditions
from articles.photos import services as photo_services
from unions.models import Union
from unions.vocabulary import DEFAULT_ROLE_WORDS

# The article's own fields a revision keeps; state and publication time belong to the
# workflow's transitions and are not rolled back by a restore.
CONTENT_FIELDS = [
    "kicker",
    "title",
    "subtitle",
    "column_id",
    "kind",
    "dateline",
    "lead",
    "body",
    "print_page_id",
    "print_order",
    "slug",
    "corrects_id",
]


def take(article: Article) -> dict:
    """The article's content with its credits, photos, unions, topics and tags."""
    fields = {name: getattr(article, name) for name in CONTENT_FIELDS}
    return {
        "fields": fields,
        "column": article.column.name if article.column_id else "",
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "credits": [
            {
                "contributor_id": credit.contributor_id,
                "name": credit.contributor.name,
                "role": credit.role,
                "label": credit.label,
                "order": credit.order,
            }
            for credit in article.credits.select_related("contributor").order_by("order", "pk")
        ],
        "photos": [
            {
                "id": photo.pk,
                "image": photo.image.name,
                "caption": photo.caption,
                "credit": photo.credit,
                "alt_text": photo.alt_text,
                "order": photo.order,
                "focal_x": photo.focal_x,
                "focal_y": photo.focal_y,
            }
            for photo in article.photos.order_by("order", "pk")
        ],
        "unions": [[u.pk, u.name] for u in article.unions.order_by("path")],
        "topics": [[t.pk, t.name] for t in article.topics.order_by("order", "name")],
        "tags": sorted(tag.name for tag in article.tags.all()),
    }


@transaction.atomic
def put_back(article: Article, data: dict) -> None:
    """Make the article's content, credits, photos, unions, topics and tags those of the
    snapshot. Links to rows deleted since are left out; the caller saves the article."""
    fields = dict(data["fields"])
    if fields.get("column_id") and not Column.objects.filter(pk=fields["column_id"]).exists():
        fields["column_id"] = None
    if (
        fields.get("print_page_id")
        and not PrintPage.objects.filter(pk=fields["print_page_id"]).exists()
    ):
        fields["print_page_id"] = fields["print_order"] = None
    if fields.get("corrects_id") and not Article.objects.filter(pk=fields["corrects_id"]).exists():
        fields["corrects_id"] = None
    for name, value in fields.items():
        setattr(article, name, value)
    article.save()

    article.credits.all().delete()
    for credit in data["credits"]:
        contributor = (
            Contributor.objects.filter(pk=credit["contributor_id"]).first()
            or Contributor.objects.filter(name=credit["name"]).order_by("pk").first()
            or Contributor.objects.create(name=credit["name"])
        )
        Credit.objects.create(
            article=article,
            contributor=contributor,
            role=credit["role"],
            label=credit["label"],
            order=credit["order"],
        )

    kept = {photo["id"] for photo in data["photos"]}
    article.photos.exclude(pk__in=kept).delete()  # renditions go on commit; masters stay
    existing = {photo.pk: photo for photo in article.photos.all()}
    for item in data["photos"]:
        photo = existing.get(item["id"]) or Photo(article=article, image=item["image"])
        for name in ("caption", "credit", "alt_text", "order"):
            setattr(photo, name, item[name])
        # Snapshots from before the photo desk have no focal point: keep the current one.
        photo.focal_x = item.get("focal_x", photo.focal_x)
        photo.focal_y = item.get("focal_y", photo.focal_y)
        # A photo deleted since lost its renditions with its row; a moved focal point
        # needs new crops. The master is still in storage: make them again now.
        photo_services.prepare(photo)
        photo.save()

    article.unions.set(Union.objects.filter(pk__in=[pk for pk, _ in data["unions"]]))
    article.topics.set(Topic.objects.filter(pk__in=[pk for pk, _ in data["topics"]]))
    article.tags.set(data["tags"], clear=True)


# --- Comparing two snapshots ----------------------------------------------------------------
#
# Items (paragraphs, credits, photos) are lined up first, an edited one beside its older
# wording; inside each pair the words that changed are marked, <del> on the older side and
# <ins> on the newer, everything escaped.

# A token of the inline diff: a number with its decimal point or thousands commas (300,
# 1.2, 3,000), a Latin word, a run of whitespace, or any other single character (a hanzi,
# a punctuation mark). So a figure that went from 300 to 320 is marked whole, not as its
# middle digit.
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z\u00c0-\u024f]+|\s+|.", re.DOTALL)
MARKS = {"del": "<del>{}</del>", "ins": "<ins>{}</ins>"}

# Two items of a changed run are shown side by side as one edited item when at least
# half of them is alike; beyond this many pairs to weigh, they are paired in order.
SIMILAR = 0.5
MAX_PAIRINGS = 400


@dataclass(frozen=True)
class DiffRow:
    """One line of the side-by-side diff: what the older and the newer revision say, as
    text and as HTML with the changed words marked, and a thumbnail for a photo."""

    label: str
    old: str
    new: str
    change: str  # "same", "changed", "added", "removed"
    old_html: str = ""
    new_html: str = ""
    old_thumb: str = ""
    new_thumb: str = ""

    @property
    def changed(self) -> bool:
        return self.change != "same"


HEADLINE_LABELS = [
    ("column", "栏目"),
    ("kicker", "引题"),
    ("title", "主题"),
    ("subtitle", "副题"),
    ("dateline", "电头"),
    ("lead", "摘要"),
]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def inline_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as safe HTML: what the newer lost in <del>, what it gained in <ins>."""
    segments = _segments(old, new)
    return (
        _marked("del", [(before, same) for before, _, same in segments]),
        _marked("ins", [(after, same) for _, after, same in segments]),
    )


def text_diff(old: str, new: str) -> tuple[str, str]:
    """`inline_diff` for a text of several lines (a body): lines lined up first, so a line
    added or removed is marked whole and an edited one word by word."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    left, right = [], []
    for i, j in _align(old_lines, new_lines):
        if i is not None and j is not None:
            before, after = inline_diff(old_lines[i], new_lines[j])
            left.append(before)
            right.append(after)
        elif i is not None:
            left.append(_whole("del", old_lines[i]))
        else:
            right.append(_whole("ins", new_lines[j]))
    return _joined(left, "\n"), _joined(right, "\n")


def _segments(old: str, new: str) -> list[tuple[str, str, bool]]:
    """(older text, newer text, same?) runs, in reading order."""
    a, b = tokens(old), tokens(new)
    segments = [
        ("".join(a[i1:i2]), "".join(b[j1:j2]), tag == "equal")
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    ]
    # A word left in common between two longer changes (会议很成功 → 活动很热闹) reads as
    # noise: it is folded into one change, much as diff-match-patch's semantic cleanup
    # does. Counted in tokens and only when shorter than both, so a figure stays marked
    # alone.
    k = 1
    while k < len(segments) - 1:
        (old1, new1, same1), (common, _, same), (old2, new2, same2) = segments[k - 1 : k + 2]
        if (
            same
            and not same1
            and not same2
            and _size(common) < min(_size(old1, new1), _size(old2, new2))
        ):
            segments[k - 1 : k + 2] = [(old1 + common + old2, new1 + common + new2, False)]
            k = max(k - 1, 1)
        else:
            k += 1
    return segments


def _size(*texts: str) -> int:
    return max(len(tokens(text)) for text in texts)


def _marked(tag: str, parts: list[tuple[str, bool]]) -> str:
    return _joined([escape(text) if same else _whole(tag, text) for text, same in parts if text])


def _whole(tag: str, text: str) -> str:
    return format_html(MARKS[tag], text) if text else ""


def _joined(parts: list[str], separator: str = "") -> str:
    return format_html_join(separator, "{}", ((part,) for part in parts))


def _align(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """(i, j) pairs in reading order: the same or an edited item, (i, None) one removed,
    (None, j) one added."""
    pairs: list[tuple[int | None, int | None]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += [(i1 + k, j1 + k) for k in range(i2 - i1)]
        else:
            pairs += _pair_edited(old, new, range(i1, i2), range(j1, j2))
    return pairs


def _pair_edited(old: list[str], new: list[str], left: range, right: range) -> list:
    """Within a run that differs, the most alike items side by side (an edited paragraph
    beside its older wording), recursively on either side of them; the rest added or
    removed."""
    if not left or not right:
        return [(i, None) for i in left] + [(None, j) for j in right]
    best, best_ratio = None, 0.0
    if len(left) * len(right) <= MAX_PAIRINGS:
        for i in left:
            for j in right:
                matcher = difflib.SequenceMatcher(a=old[i], b=new[j], autojunk=False)
                floor = max(SIMILAR, best_ratio)
                # The quick upper bounds first: most pairs are ruled out without a match.
                if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                    continue
                if (ratio := matcher.ratio()) >= floor and ratio > best_ratio:
                    best, best_ratio = (i, j), ratio
    if best is None:
        # Nothing alike: side by side in order, as the editor rewrote them.
        return [
            (left[k] if k < len(left) else None, right[k] if k < len(right) else None)
            for k in range(max(len(left), len(right)))
        ]
    i, j = best
    return [
        *_pair_edited(old, new, range(left.start, i), range(right.start, j)),
        (i, j),
        *_pair_edited(old, new, range(i + 1, left.stop), range(j + 1, right.stop)),
    ]


def _row(
    label: str,
    before: str,
    after: str,
    *,
    in_old: bool = True,
    in_new: bool = True,
    same: bool | None = None,
    **thumbs: str,
) -> DiffRow:
    """A row; `in_old`/`in_new` say whether the item is in either revision at all, `same`
    whether it is unchanged (by default: its text is)."""
    if not in_old:
        return DiffRow(label, "", after, "added", "", _whole("ins", after), **thumbs)
    if not in_new:
        return DiffRow(label, before, "", "removed", _whole("del", before), "", **thumbs)
    if before == after:
        change = "same" if same is None or same else "changed"
        return DiffRow(label, before, after, change, escape(before), escape(after), **thumbs)
    return DiffRow(label, before, after, "changed", *inline_diff(before, after), **thumbs)


def _list_rows(label: str, old: list[str], new: list[str]) -> list[DiffRow]:
    return [
        _row(
            label,
            old[i] if i is not None else "",
            new[j] if j is not None else "",
            in_old=i is not None,
            in_new=j is not None,
        )
        for i, j in _align(old, new)
    ]


def credit_lines(data: dict) -> list[str]:
    """记者 边磊, 通讯员 蔡洪玉: a credit per line, with its printed word."""
    return [
        f"{c['label'] or DEFAULT_ROLE_WORDS.get(c['role'], '')} {c['name']}".strip()
        for c in data["credits"]
    ]


def _body(data: dict) -> list[tuple[str, str, str]]:
    """The body's blocks as (kind, text, label): 第N段 counts paragraphs only, a crosshead
    is a 小标题 (its text without the mark)."""
    blocks, paragraphs = [], 0
    for kind, text in body_blocks(data["fields"]["body"]):
        if kind == CROSSHEAD:
            blocks.append((kind, text, "小标题"))
        else:
            paragraphs += 1
            blocks.append((kind, text, f"第{paragraphs}段"))
    return blocks


def _body_rows(old: dict, new: dict) -> list[DiffRow]:
    before, after = _body(old), _body(new)
    # Lined up by kind and text, so a paragraph turned into a crosshead is a change.
    keys = [[f"{kind}:{text}" for kind, text, _ in blocks] for blocks in (before, after)]
    rows = []
    for i, j in _align(*keys):
        old_kind, old_text, old_label = before[i] if i is not None else ("", "", "")
        new_kind, new_text, new_label = after[j] if j is not None else ("", "", "")
        rows.append(
            _row(
                new_label or old_label,
                old_text,
                new_text,
                in_old=i is not None,
                in_new=j is not None,
                same=old_kind == new_kind,
            )
        )
    return rows


def photo_text(item: dict) -> str:
    """What an editor sets on a photo, a line each."""
    return "\n".join(
        [
            f"图片说明：{item['caption']}",
            f"图片署名：{item['credit']}",
            f"替代文字：{item['alt_text']}",
            f"排序：{item['order']}",
            # Snapshots from before the photo desk have no focal point.
            f"焦点：横{item.get('focal_x', 50)}%，纵{item.get('focal_y', 50)}%",
            f"文件：{PurePosixPath(item['image']).name}",
        ]
    )


def _photo_rows(old: dict, new: dict, thumbs: dict[str, str]) -> list[DiffRow]:
    """A row per photo, matched by id (or, for one restored after its row was deleted,
    by its master file), in the newer order; photos removed come last."""
    before = [(number, item) for number, item in enumerate(old.get("photos", []), 1)]
    rows = []
    for number, item in enumerate(new.get("photos", []), 1):
        match = next((p for p in before if p[1]["id"] == item["id"]), None) or next(
            (p for p in before if p[1]["image"] == item["image"]), None
        )
        if match is not None:
            before.remove(match)
        was = match[1] if match else None
        rows.append(
            _row(
                f"第{number}张",
                photo_text(was) if was else "",
                photo_text(item),
                in_old=was is not None,
                old_thumb=thumbs.get(was["image"], "") if was else "",
                new_thumb=thumbs.get(item["image"], ""),
            )
        )
    for number, item in before:
        rows.append(
            _row(
                f"原第{number}张",
                photo_text(item),
                "",
                in_new=False,
                old_thumb=thumbs.get(item["image"], ""),
            )
        )
    return rows


def photo_thumbs(*snapshots: dict) -> dict[str, str]:
    """Each photo's small picture by its master file: the smallest rendition, or the
    master itself (kept in storage after its row is deleted, for a restore)."""
    names = {item["image"] for data in snapshots for item in data.get("photos", [])}
    thumbs = {name: default_storage.url(name) for name in names if name}
    for photo in Photo.objects.filter(image__in=names):
        if photo.renditions:
            thumbs[photo.image.name] = renditions.thumb_url(photo.renditions)
    return thumbs


def _value(data: dict, key: str) -> str:
    return data["column"] if key == "column" else (data["fields"].get(key) or "")


def diff(old: dict, new: dict, thumbs: dict[str, str] | None = None) -> dict:
    """Rows per section, older on the left: the headline stack, the body block by block
    (a paragraph edited in place shows as changed, its changed words marked), credits,
    unions, topics and tags, photos (`thumbs`: pictures by master file)."""
    return {
        "headline": [
            _row(label, _value(old, key), _value(new, key)) for key, label in HEADLINE_LABELS
        ],
        "body": _body_rows(old, new),
        "credits": _list_rows("署名", credit_lines(old), credit_lines(new)),
        "unions": _list_rows("工会", [n for _, n in old["unions"]], [n for _, n in new["unions"]]),
        "topics": _list_rows(
            "专题",
            [n for _, n in old["topics"]] + [f"#{t}" for t in old["tags"]],
            [n for _, n in new["topics"]] + [f"#{t}" for t in new["tags"]],
        ),
        "photos": _photo_rows(old, new, thumbs or {}),
    }


# The sections of `diff` beside the headline and the body, as the conflict message names
# them.
SECTION_NAMES = [
    ("credits", "署名"),
    ("unions", "涉及工会"),
    ("topics", "专题与标签"),
    ("photos", "图片"),
]


def changed_labels(old: dict, new: dict) -> list[str]:
    """What changed between two snapshots, in words: 主题、正文第2段、正文小标题、署名."""
    rows = diff(old, new)
    labels = [row.label for row in rows["headline"] if row.changed]
    labels += [f"正文{row.label}" for row in rows["body"] if row.changed]
    labels += [name for section, name in SECTION_NAMES if any(r.changed for r in rows[section])]
    return list(dict.fromkeys(labels))
