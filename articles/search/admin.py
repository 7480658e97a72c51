"""What search adds to the editors' admin, as mixins the admin puts on its classes
(`articles/admin.py`; search registers nothing itself):

- `NameSearchMixin`: the union and contributor autocompletes (and their lists) read a
  query the way the site search does.

Renaming or deleting a union, topic, tag, strap or contributor indexes again every story
naming it wherever it happens, the admin included (`articles.search.receivers`).

The admin's article search itself is `articles.search.query.search` over every state.
"""

from django.db.models import Case, IntegerField, Q, Value, When

from articles.search.analyzer import parse_query


class NameSearchMixin:
    """Search over short names (the `search_fields`) with the site search's reading of a
    query: NFKC and case alike, terms separated by spaces all required, each a substring
    of one of the fields (工会 finds 总工会, 朝阳 finds 朝阳区总工会), punctuation a break.
    Names equal to the first term come first, then names starting with it.

    A substring match rather than the article index: these tables hold a few thousand
    short rows, which `LIKE` reads whole cheaply, and it stays exact with no index to keep
    current."""

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        terms = parse_query(search_term)
        if not terms:
            return queryset.none(), False
        for term in terms:
            for units in term.segments:
                piece = "".join(units)
                queryset = queryset.filter(self._any_field("icontains", piece))
        first = "".join(terms[0].segments[0])
        closeness = Case(
            When(self._any_field("iexact", first), then=0),
            When(self._any_field("istartswith", first), then=1),
            default=Value(2),
            output_field=IntegerField(),
        )
        then = queryset.query.order_by or queryset.model._meta.ordering or ["pk"]
        return queryset.order_by(closeness, *then), False

    def _any_field(self, lookup: str, value: str) -> Q:
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__{lookup}": value})
        return condition
