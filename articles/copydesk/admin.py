"""The term list in the admin: editors add, change and switch off 禁用词, 规范写法 and 慎用词.

The form refuses what the matcher could not use (`terms.TermEntry` says the same rules):
a term with spaces at its edges (it would never match the copy), a 规范写法 without the
form to write, and a replacement that is the term itself.
"""

from django import forms
from django.contrib import admin

from articles.copydesk.models import Term, TermKind


class TermForm(forms.ModelForm):
    # Not stripped: a term typed with spaces at its edges is refused with a reason, not
    # silently changed into another one.
    term = forms.CharField(
        label="词语",
        max_length=40,
        strip=False,
        help_text=(
            "按词查找：只在词的边界处算命中（“工会”不算在“农民工会员”里）。"
            "词典中的长词不拆开查（“工会组织”里不查“工会”），需要时把长词也列为一条。"
        ),
    )

    class Meta:
        model = Term
        fields = ["term", "kind", "replacement", "note", "active"]

    def clean_term(self) -> str:
        term = self.cleaned_data["term"]
        if not term.strip():
            raise forms.ValidationError("请填写词语。")
        if term != term.strip():
            raise forms.ValidationError("词语前后不能有空格。")
        return term

    def clean(self) -> dict:
        cleaned = super().clean()
        term = cleaned.get("term")
        kind = cleaned.get("kind")
        replacement = cleaned.get("replacement", "")
        if kind == TermKind.REPLACE and not replacement:
            self.add_error("replacement", "规范写法须填写“应写作”。")
        if term and replacement == term:
            self.add_error("replacement", "“应写作”不能与词语相同。")
        return cleaned


# What the changelist's two filters put in its address.
FILTER_LOOKUPS = {"kind__exact", "active__exact"}


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    form = TermForm
    list_display = ["term", "kind", "replacement", "note", "active", "updated_at"]
    list_filter = ["kind", "active"]
    search_fields = ["term", "replacement", "note"]
    fields = ["term", "kind", "replacement", "note", "active"]

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # Only the lookups the list's own filters make. Any other, from a hand-edited
        # address (?updated_at__year=99999999999999999999), would fail inside the query
        # as a 500; refused here, it is a 400. The other admins get their 400 from the
        # safety net's SafeChangelistMixin, which this room may not import: the layers
        # contract puts articles.safety above articles.copydesk.
        return lookup in FILTER_LOOKUPS
