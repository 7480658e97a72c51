"""Who else has a story open in the admin: "王编辑 也在编辑这篇稿件" on the change form.

Kept in Django's cache (Redis in production, shared by every app server), one key per
story holding {user id: [name, last seen]}. The change form marks its user present when
it is shown, and its script (static/admin/article-form.js) posts a heartbeat every
`HEARTBEAT_SECONDS` and a "leave" when the page goes away; an entry not heard from for
`PRESENCE_SECONDS` (a closed laptop, a crashed tab) no longer counts.

This is advice for colleagues, not a lock: the version check (`locking.py`) is what
keeps a save from overwriting another's. Two heartbeats of one story at the same instant
may each write the story's key without the other's entry; the lost one is back with its
next heartbeat, so a name can be missing for one interval at worst.
"""

from django.core.cache import cache
from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import path, reverse
from django.utils import timezone

from articles.workflow.models import person_name

HEARTBEAT_SECONDS = 20
# Three missed heartbeats: the editor has left (or lost the connection).
PRESENCE_SECONDS = 60


def _key(article_id) -> str:
    return f"workflow:presence:{article_id}"


def _now(now: float | None) -> float:
    return timezone.now().timestamp() if now is None else now


def _current(article_id, now: float) -> dict[str, list]:
    """The story's entries heard from within PRESENCE_SECONDS."""
    entries = cache.get(_key(article_id)) or {}
    return {
        user_id: entry for user_id, entry in entries.items() if now - entry[1] < PRESENCE_SECONDS
    }


def mark_present(article_id, user, *, now: float | None = None) -> None:
    """The user has the story open (now)."""
    now = _now(now)
    entries = _current(article_id, now)
    entries[str(user.pk)] = [person_name(user), now]
    cache.set(_key(article_id), entries, timeout=PRESENCE_SECONDS * 2)


def mark_left(article_id, user, *, now: float | None = None) -> None:
    """The user closed the story or went to another page."""
    entries = _current(article_id, _now(now))
    if entries.pop(str(user.pk), None) is not None:
        cache.set(_key(article_id), entries, timeout=PRESENCE_SECONDS * 2)


def others_present(article_id, user, *, now: float | None = None) -> list[str]:
    """The names of the others who have the story open, the longest there first."""
    entries = _current(article_id, _now(now))
    entries.pop(str(user.pk), None)
    return [name for name, _ in sorted(entries.values(), key=lambda entry: entry[1])]


class PresenceAdminMixin:
    """For the Article admin: `<id>/presence/` answers who else has the story open (GET)
    and takes the form's heartbeat or its leaving (POST, with the CSRF token); the change
    form shows the names from its first rendering, without JavaScript too."""

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
        ]
        return own + super().get_urls()

    def presence_view(self, request, object_id):
        # Only who may see the story may learn who has it open (`_article_for`: the
        # admin's own queryset and permissions, 404 or 403 otherwise).
        article = self._article_for(request, object_id)
        if request.method == "POST":
            if request.POST.get("leave"):
                mark_left(article.pk, request.user)
            else:
                mark_present(article.pk, request.user)
        elif request.method != "GET":
            return HttpResponseNotAllowed(["GET", "POST"])
        return JsonResponse({"others": others_present(article.pk, request.user)})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            mark_present(obj.pk, request.user)
            context["presence_others"] = others_present(obj.pk, request.user)
            context["presence_url"] = reverse(
                f"{self.admin_site.name}:articles_article_presence", args=[obj.pk]
            )
            context["presence_heartbeat"] = HEARTBEAT_SECONDS
        return super().render_change_form(request, context, add, change, form_url, obj)
