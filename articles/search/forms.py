"""The readers' search form. Every field is optional and a bad value is ignored, never
an error page: a query string mangled in a chat still shows results."""

from django import forms

from articles.models import ArticleKind, Topic
from unions.models import Union, UnionLevel

SORT_RELEVANCE = ""
SORT_DATE = "date"


class SearchForm(forms.Form):
    q = forms.CharField(label="关键词", required=False, strip=True)
    topic = forms.ModelChoiceField(
        label="专题",
        queryset=Topic.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label="全部专题",
    )
    union = forms.CharField(label="工会", required=False, widget=forms.Select)
    kind = forms.ChoiceField(
        label="体裁", choices=[("", "全部体裁"), *ArticleKind.choices], required=False
    )
    start = forms.DateField(
        label="起始日期", required=False, widget=forms.DateInput({"type": "date"})
    )
    end = forms.DateField(
        label="截止日期", required=False, widget=forms.DateInput({"type": "date"})
    )
    sort = forms.ChoiceField(
        label="排序",
        choices=[(SORT_RELEVANCE, "相关度"), (SORT_DATE, "最新发布")],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Per request: the rule reads the clock, and a topic only drafts are filed under
        # must not be named to readers.
        self.fields["topic"].queryset = Topic.objects.public()
        # The city federation and the districts to choose from; any union's slug in the
        # address works too (a union page can link to a search within it).
        choices = Union.objects.filter(
            level__in=[UnionLevel.CITY, UnionLevel.DISTRICT]
        ).values_list("slug", "name")
        self.fields["union"].widget.choices = [("", "全部工会"), *choices]

    def clean_union(self) -> Union | None:
        slug = self.cleaned_data.get("union")
        if not slug:
            return None
        union = Union.objects.filter(slug=slug).first()
        if union is None:
            raise forms.ValidationError("没有这个工会。")
        return union

    def value(self, name: str):
        """The cleaned value of a field, or None if it was missing or invalid."""
        return getattr(self, "cleaned_data", {}).get(name)
