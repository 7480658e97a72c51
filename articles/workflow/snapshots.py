"""An article as plain data: taken for every revision, put back on restore, compared in
the history's side-by-side diff.

A snapshot keeps ids to restore links exactly and names to read them after the linked
union, topic or contributor is gone or renamed.
"""

import difflib
from dataclasses import dataclass

from django.db import transaction

from articles.models import Article, Column, Contributor, Credit, Photo, PrintPage, Topic
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


@dataclass(frozen=True)
class DiffRow:
    """One line of the side-by-side diff: what the older and the newer revision say."""

    label: str
    old: str
    new: str
    change: str  # "same", "changed", "added", "removed"

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


def credit_lines(data: dict) -> list[str]:
    """记者 边磊, 通讯员 蔡洪玉: a credit per line, with its printed word."""
    return [
        f"{c['label'] or DEFAULT_ROLE_WORDS.get(c['role'], '')} {c['name']}".strip()
        for c in data["credits"]
    ]


def _paragraphs(data: dict) -> list[str]:
    return [line.strip() for line in data["fields"]["body"].splitlines() if line.strip()]


def _value(data: dict, key: str) -> str:
    return data["column"] if key == "column" else (data["fields"].get(key) or "")


def diff(old: dict, new: dict) -> dict:
    """Rows per section, older on the left: the headline stack, the body paragraph by
    paragraph (a paragraph edited in place shows as changed), credits, unions, topics."""
    headline = []
    for key, label in HEADLINE_LABELS:
        before, after = _value(old, key), _value(new, key)
        headline.append(DiffRow(label, before, after, "same" if before == after else "changed"))
    return {
        "headline": headline,
        "body": _sequence_rows("第{}段", _paragraphs(old), _paragraphs(new)),
        "credits": _sequence_rows("署名", credit_lines(old), credit_lines(new)),
        "unions": _sequence_rows(
            "工会", [n for _, n in old["unions"]], [n for _, n in new["unions"]]
        ),
        "topics": _sequence_rows(
            "专题",
            [n for _, n in old["topics"]] + [f"#{t}" for t in old["tags"]],
            [n for _, n in new["topics"]] + [f"#{t}" for t in new["tags"]],
        ),
    }


def changed_labels(old: dict, new: dict) -> list[str]:
    """What changed between two snapshots, in words: 主题、正文第2段、署名."""
    rows = diff(old, new)
    labels = [row.label for row in rows["headline"] if row.changed]
    labels += [f"正文{row.label}" for row in rows["body"] if row.changed]
    for section, name in (("credits", "署名"), ("unions", "涉及工会"), ("topics", "专题与标签")):
        if any(row.changed for row in rows[section]):
            labels.append(name)
    return labels


def _sequence_rows(label: str, old: list[str], new: list[str]) -> list[DiffRow]:
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffRow(_numbered(label, j1 + k), old[i1 + k], new[j1 + k], "same")
                for k in range(i2 - i1)
            ]
            continue
        left, right = old[i1:i2], new[j1:j2]
        for k in range(max(len(left), len(right))):
            before = left[k] if k < len(left) else ""
            after = right[k] if k < len(right) else ""
            change = "changed" if before and after else ("removed" if before else "added")
            position = j1 + k if after else i1 + k
            rows.append(DiffRow(_numbered(label, position), before, after, change))
    return rows


def _numbered(label: str, index: int) -> str:
    return label.format(index + 1) if "{}" in label else label
