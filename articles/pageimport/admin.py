"""The import screen (导入版面) and the kept records of page imports, in the admin."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join

from articles.models import PageImport
from articles.pageimport.forms import (
    ImportPageForm,
    NewUnionForm,
    NewUnionFormSet,
    ReportForm,
    ReportFormSet,
)
from articles.pageimport.services import (
    PageImportError,
    PageParseError,
    find_duplicate,
    parse_dump,
    save_page,
    union_name_index,
)
from articles.safety.admin import SafeChangelistMixin


@admin.register(PageImport)
class PageImportAdmin(SafeChangelistMixin, admin.ModelAdmin):
    """Kept records of page imports, and the import screen itself (导入版面)."""

    list_display = ["print_page", "imported_by", "imported_at", "article_count"]
    list_select_related = ["print_page", "imported_by"]
    readonly_fields = ["print_page", "imported_by", "imported_at", "raw_text", "article_links"]
    fields = readonly_fields
    date_hierarchy = "imported_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_articles=Count("articles"))

    def add_view(self, request, form_url="", extra_context=None):
        # A record is made by importing a page: "add" is the import screen.
        return self.import_view(request)

    @admin.display(description="稿件数", ordering="num_articles")
    def article_count(self, obj: PageImport) -> int:
        return obj.num_articles

    @admin.display(description="导入的稿件")
    def article_links(self, obj: PageImport) -> str:
        return format_html_join(
            "",
            '<div><a href="{}">{}</a></div>',
            (
                (reverse("admin:articles_article_change", args=[a.pk]), a.title)
                for a in obj.articles.order_by("print_order")
            ),
        )

    def import_view(self, request):
        """Paste or upload a page dump, preview the reports found, then confirm."""
        if not (self.has_add_permission(request) and request.user.has_perm("articles.add_article")):
            raise PermissionDenied
        form = ImportPageForm(request.POST or None, request.FILES or None)
        formset, new_unions, parsed, duplicate = None, None, None, ""
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            duplicate = find_duplicate(
                data["text"], edition_date=data["edition_date"], page_number=data["page_number"]
            )
            if "confirm" in request.POST:
                # The editor's corrected reports are saved; the dump is not parsed again
                # unless the page comes back with errors and needs the parser's notes.
                formset = ReportFormSet(request.POST, prefix="reports")
                # A page posted without the new-union forms (a client of the first
                # version of this screen) confirms no new union.
                if "new_unions-TOTAL_FORMS" in request.POST:
                    new_unions = NewUnionFormSet(request.POST, prefix="new_unions")
                valid = formset.is_valid() and (new_unions is None or new_unions.is_valid())
                if valid and (not duplicate or data["allow_duplicate"]):
                    response = self._save_import(request, data, formset, new_unions)
                    if response is not None:
                        return response
                parsed = self._parse_or_error(form, data["text"])
            elif parsed := self._parse_or_error(form, data["text"]):
                # The preview carries the text on (an uploaded file is now in the textarea).
                form = ImportPageForm(initial={**data, "banner": parsed.banner or ""})
                formset = ReportFormSet(
                    initial=[ReportForm.initial_from(a) for a in parsed.articles],
                    prefix="reports",
                )
                new_unions = NewUnionFormSet(
                    initial=NewUnionForm.initial_for(parsed, union_name_index()),
                    prefix="new_unions",
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "导入版面",
            "opts": self.model._meta,
            "form": form,
            "formset": formset,
            "new_unions": new_unions,
            "parsed": parsed,
            "duplicate": duplicate,
        }
        return TemplateResponse(request, "admin/articles/pageimport/import.html", context)

    @staticmethod
    def _parse_or_error(form, text: str):
        """The parsed page, or None with the parser's message as the text field's error."""
        try:
            return parse_dump(text)
        except PageParseError as exc:
            form.add_error("text", str(exc))
            return None

    def _save_import(self, request, data, formset, new_unions):
        try:
            result = save_page(
                parsed=formset.to_page(data["banner"], new_unions),
                new_unions=new_unions.to_new_unions() if new_unions is not None else [],
                raw_text=data["text"],
                edition_date=data["edition_date"],
                page_number=data["page_number"],
                page_name=data["page_name"],
                user=request.user,
            )
        except PageImportError as exc:
            messages.error(request, str(exc))
            return None
        page_import = result.page_import
        messages.success(
            request, f"已导入 {len(result.articles)} 篇草稿到 {page_import.print_page}。"
        )
        changelist = reverse("admin:articles_article_changelist")
        return redirect(f"{changelist}?page_import__id__exact={page_import.pk}")
