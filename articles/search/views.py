"""The readers' search page `/search/?q=` and the OpenSearch description.

Readers only ever search `Article.objects.published()`, called per request (the rule
reads the clock). The page is `noindex`: result lists are not pages for search engines.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.generic import TemplateView

from articles.models import Article, Topic
from articles.search.documents import plain_text
from articles.search.forms import SORT_DATE, SearchForm
from articles.search.highlight import highlight, snippet
from articles.search.query import parse_query, ranked_page

RESULTS_PER_PAGE = 20
MAX_PAGE = 500


def page_number(value) -> int:
    """?page= as a number from 1 to MAX_PAGE; anything else is the first page."""
    try:
        return min(max(int(value), 1), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


class SearchView(TemplateView):
    template_name = "search/results.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_context_data(self, **kwargs):
        form = SearchForm(self.request.GET)
        form.is_valid()  # invalid filters are ignored, one by one
        query = form.value("q") or ""
        terms = parse_query(query)
        stories = self.filtered(form)
        context = super().get_context_data(form=form, query=query, terms=terms, **kwargs)
        if not terms:
            return context
        page = ranked_page(
            stories,
            terms,
            number=page_number(self.request.GET.get("page")),
            per_page=RESULTS_PER_PAGE,
            by_date=form.value("sort") == SORT_DATE,
        )
        for story in page.stories:
            story.marked_title = highlight(story.title, terms)
            story.snippet = snippet(plain_text(f"{story.lead}\n{story.body}"), terms)
        context.update(
            page=page,
            count=page.shown_count,
            count_capped=page.count_capped,
            suggested_topics=[] if page.count else list(Topic.objects.public().filter(parent=None)),
            query_string=self.query_string_without_page(),
        )
        return context

    @staticmethod
    def filtered(form: SearchForm):
        stories = Article.objects.published().for_list()
        if topic := form.value("topic"):
            stories = stories.in_topic(topic)
        if union := form.value("union"):
            stories = stories.about_union(union)
        if kind := form.value("kind"):
            stories = stories.filter(kind=kind)
        if start := form.value("start"):
            stories = stories.filter(published_at__date__gte=start)
        if end := form.value("end"):
            stories = stories.filter(published_at__date__lte=end)
        return stories

    def query_string_without_page(self) -> str:
        params = self.request.GET.copy()
        params.pop("page", None)
        return params.urlencode()


def opensearch(request) -> HttpResponse:
    """Lets browsers offer the site's search from their address bar."""
    body = render_to_string("search/opensearch.xml", request=request)
    return HttpResponse(body, content_type="application/opensearchdescription+xml")
