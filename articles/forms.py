"""The editors' article form in the admin."""

from django import forms

from articles.models import Article

WIDE = {"style": "width: min(100%, 48em)"}


class ArticleAdminForm(forms.ModelForm):
    """Headlines wide enough to read whole, a body box tall enough to proofread in."""

    class Meta:
        model = Article
        fields = [
            "kicker",
            "title",
            "subtitle",
            "column",
            "kind",
            "dateline",
            "lead",
            "body",
            "topics",
            "tags",
            "unions",
            "print_page",
            "print_order",
            "status",
            "published_at",
            "slug",
        ]
        widgets = {
            "kicker": forms.TextInput(attrs=WIDE),
            "title": forms.TextInput(attrs=WIDE),
            "subtitle": forms.TextInput(attrs=WIDE),
            "lead": forms.Textarea(attrs={**WIDE, "rows": 3}),
            "body": forms.Textarea(attrs={**WIDE, "rows": 24}),
        }
