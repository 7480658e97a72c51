"""How long anything kept for readers may live: never past the next scheduled publication.

A story scheduled for 08:00 must be on every page at 08:00 with nothing run; so a page or
a roll-up stored at 07:59:30 lives 30 seconds at most, whatever its usual lifetime.
"""

from django.utils import timezone

from articles.models import Article, ArticleStatus


def seconds_to_next_publication() -> float | None:
    """Seconds until the next scheduled story becomes public, or None."""
    upcoming = (
        Article.objects.filter(status=ArticleStatus.PUBLISHED, published_at__gt=timezone.now())
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return (upcoming - timezone.now()).total_seconds() if upcoming else None


def lifetime(longest: int) -> int:
    """At most `longest` seconds, and never past the next scheduled publication."""
    upcoming = seconds_to_next_publication()
    if upcoming is not None:
        return min(longest, max(1, int(upcoming)))
    return longest
