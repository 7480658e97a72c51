"""The workflow's facts about every story of a list, as annotations: who sent it and when,
who returned it and why, who saved it last. A list of any length stays one SQL query
(the editors' desk, the admin's 送审人 and 送审时间 columns).

Who took a step is annotated as the three fields of their account that `person_name`
reads, and named in Python by that one rule (`taken_by`), not by a second one in SQL.
"""

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery

from articles.workflow.models import Revision, Transition, person_name

PERSON_FIELDS = ("username", "first_name", "last_name")


def latest_transition(prefix: str, *actions: str, comment: bool = False) -> dict:
    """Annotations for a story's latest transition of these actions: `<prefix>_at`, who
    took it (`taken_by(story, prefix)`) and, with `comment`, `<prefix>_comment` (the
    reason of a 退回 or 撤稿). All are None for a story that never took one."""
    latest = Transition.objects.filter(article=OuterRef("pk"), action__in=actions).order_by(
        "-at", "-id"
    )
    fields = {"at": "at", **{field: f"user__{field}" for field in PERSON_FIELDS}}
    if comment:
        fields["comment"] = "comment"
    return {f"{prefix}_{name}": Subquery(latest.values(path)[:1]) for name, path in fields.items()}


def latest_revision(prefix: str) -> dict:
    """Annotations for a story's latest revision (the last save of its content):
    `<prefix>_at`, `<prefix>_by_id` (to filter on) and who saved it (`taken_by`)."""
    latest = Revision.objects.filter(article=OuterRef("pk")).order_by("-number")
    fields = {
        "at": "created_at",
        "by_id": "created_by",
        **{field: f"created_by__{field}" for field in PERSON_FIELDS},
    }
    return {f"{prefix}_{name}": Subquery(latest.values(path)[:1]) for name, path in fields.items()}


def taken_by(story, prefix: str) -> str:
    """The name of who took the annotated step, as the newsroom names them; "" when
    nobody did (or their account is gone)."""
    values = {field: getattr(story, f"{prefix}_{field}", None) for field in PERSON_FIELDS}
    if values["username"] is None:
        return ""
    # An unsaved account holding just the fields the naming rule reads.
    return person_name(get_user_model()(**{key: value or "" for key, value in values.items()}))
