"""What base.html needs from the readers' site, given to every template rendered with a
request (settings.TEMPLATES), so the shared base loads no tag library of this room."""

from articles.public.navigation import nav_topics


def navigation(request) -> dict:
    """The featured topics the header links to (送温暖, 学习型组织).

    The function itself, not its result: a template calls it only where it prints the
    header, so the admin's pages make no query and touch no cache for it.
    """
    return {"nav_topics": nav_topics}
