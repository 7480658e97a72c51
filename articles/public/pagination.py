"""Story lists without COUNT(*), and a `?page=` that never 404s.

`Paginator.get_page()` semantics: `?page=abc` shows the first page and `?page=99999` the
last, because a link mangled in a chat should still land somewhere.
"""

from django.core.paginator import Page, Paginator

STORIES_PER_PAGE = 20


class UncountedPage(Page):
    """A page that knows whether another follows without knowing how many there are."""

    def __init__(self, object_list, number, paginator, *, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.paginator.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class UncountedPaginator(Paginator):
    """Story lists without COUNT(*): counting the 20,000 stories of 送温暖 took longer
    than showing twenty of them (bench/public_pages.py).

    A page fetches one story more than it shows to learn whether another page follows.
    The total is counted only to answer a page number past the end (?page=99999) with
    the last page; a page number that is not a number shows the first.
    """

    # Past this, OFFSET would only scan for nothing (or overflow): count instead.
    MAX_PAGE = 10_000

    def get_page(self, number) -> Page:
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        if number <= self.MAX_PAGE:
            bottom = (number - 1) * self.per_page
            rows = list(self.object_list[bottom : bottom + self.per_page + 1])
            if rows or number == 1:
                has_next = len(rows) > self.per_page
                return UncountedPage(rows[: self.per_page], number, self, has_next=has_next)
        return super().get_page(number)  # counts, and answers with the last page


class NearestPageMixin:
    """Pagination that never 404s on a bad `?page=` (abc: the first page, 99999: the
    last), and a canonical path per page."""

    paginate_by = STORIES_PER_PAGE
    paginator_class = UncountedPaginator

    def paginate_queryset(self, queryset, page_size):
        # A view with allow_empty = False has already answered 404 for an empty list; the
        # paginator must not refuse it again when ?page=99999 makes it count.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        # The page actually shown, so ?page=abc and ?page=1 both point search engines home.
        context["canonical_path"] = (
            f"{self.request.path}?page={page.number}" if page.number > 1 else self.request.path
        )
        return context
