"""Union pages: the union, its place in the tree, the stories about it and everything
below it, and the figures its reported activities add up to."""

from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Activity, Article
from articles.views import NearestPageMixin, activity_figures
from unions.models import Union


class UnionIndexView(ListView):
    """The top of the tree: the city federation and the unions directly under it."""

    template_name = "unions/union_index.html"
    context_object_name = "roots"

    def get_queryset(self):
        return Union.objects.filter(parent__isnull=True).prefetch_related("children")


class UnionDetailView(NearestPageMixin, ListView):
    template_name = "unions/union_detail.html"
    context_object_name = "stories"

    def get_queryset(self):
        self.union = get_object_or_404(Union, slug=self.kwargs["slug"])
        return Article.objects.published().for_list().about_union(self.union)

    def get_context_data(self, **kwargs):
        union = self.union
        # Only activities told in a published story count: the same rule as the stories.
        activities = Activity.objects.reported().in_subtree(union)
        return super().get_context_data(
            union=union,
            ancestors=Union.objects.ancestors_of(union),
            children=union.children.all(),
            officials=union.officials.all(),
            facilities=union.facilities.all(),
            **activity_figures(activities),
            **kwargs,
        )
