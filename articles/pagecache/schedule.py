"""How long anything kept for readers may live: never past the next scheduled publication.

A story scheduled for 08:00 must be on every page at 08:00 with nothing run; so a page or
a roll-up stored at 07:59:30 lives 30 seconds at most, whatever its usual lifetime.

The clock is `timezone.now()`, the one the visibility rule reads too. A kept value carries
the time its life ends (`keep`) and is read against that clock (`unexpired`), not only
left to the cache's own expiry, which runs on the cache server's clock: the two agree in
production, and a test that moves the clock sees a kept value end with no sleep.
"""

import datetime

from django.utils import timezone

from articles.models import Article


def seconds_to_next_publication(now: datetime.datetime | None = None) -> float | None:
    """Seconds from `now` (the clock's time) until the next scheduled story is public, or None."""
    now = timezone.now() if now is None else now
    upcoming = (
        Article.objects.scheduled(now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return (upcoming - now).total_seconds() if upcoming else None


def lifetime(longest: int, now: datetime.datetime | None = None) -> int:
    """At most `longest` seconds, and never past the next scheduled publication."""
    upcoming = seconds_to_next_publication(now)
    if upcoming is not None:
        return min(longest, max(1, int(upcoming)))
    return longest


def keep(value, longest: int) -> tuple[dict, int]:
    """`value` as it is kept, with the time its life ends, and that life in seconds (the
    timeout to give the cache, which then frees the room)."""
    now = timezone.now()
    seconds = lifetime(longest, now)
    return {"value": value, "until": now + datetime.timedelta(seconds=seconds)}, seconds


def unexpired(kept: dict | None):
    """The value `keep()` wrapped, or None if nothing was kept or its life has ended."""
    if kept is None or kept["until"] <= timezone.now():
        return None
    return kept["value"]
