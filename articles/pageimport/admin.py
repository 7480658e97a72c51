"""The import screen (导入版面) and the kept records of page imports, in the admin.

A page comes as pasted text, a text file or the 版's PDF. From a PDF the preview also
shows the page with each report's zones; the PDF is staged between the preview and the
confirm (`articles.pageimport.forms`), and a page with no usable text (a scan) can be
kept as its image alone, its zones to be drawn by hand on the page's admin page. Each
report in the preview shows what the copy desk finds in it and the figures in its body
(`copy_checks`); the message after saving says how many stories have copy errors.
"""

import base64
import io
import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from articles.models import PageImport, PrintPage
from articles.pageimport.copy_checks import STORY_FIELDS, check_stories, copy_counts
from articles.pageimport.forms import (
    AttachPdfForm,
    ImportPageForm,
    NewUnionForm,
    NewUnionFormSet,
    ReportForm,
    ReportFormSet,
    discard_staged_pdf,
    stage_pdf,
)
from articles.pageimport.pdf import images
from articles.pageimport.pdf.document import TEXT_LAYER_MESSAGES
from articles.pageimport.services import (
    PageImportError,
    PageParseError,
    attach_pdf,
    find_duplicate,
    parse_dump,
    parse_pdf,
    pdf_text,
    read_page_pdf,
    save_page,
    save_page_image,
    union_name_index,
)
from articles.safety.admin import SafeChangelistMixin

logger = logging.getLogger("articles.pageimport")

# The preview's picture of the page: small, inline (a data: URL; nothing is stored
# before the editor confirms).
PICTURE_WIDTH = 480
NO_REPORTS_MESSAGE = (
    "PDF 里没有识别到稿件（可能整版是图片或广告）：可以只保存版面图，稍后在版面图上手工划定区域。"
)


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

    def get_urls(self):
        attach = path(
            "attach/<int:page_id>/",
            self.admin_site.admin_view(self.attach_view),
            name="articles_pageimport_attach",
        )
        return [attach, *super().get_urls()]

    def attach_view(self, request, page_id: int):
        """The 版's PDF for a page whose stories are in already (typed in, or imported
        from a dump): its image, and each story's zones where the PDF has its title."""
        if not (
            self.has_add_permission(request) and request.user.has_perm("articles.change_printpage")
        ):
            raise PermissionDenied
        print_page = get_object_or_404(PrintPage, pk=page_id)
        form = AttachPdfForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                result = attach_pdf(print_page=print_page, pdf=form.cleaned_data["pdf"])
            except (PageParseError, PageImportError) as exc:
                form.add_error("pdf", str(exc))
            else:
                layer = result.page_file.text_layer
                note = TEXT_LAYER_MESSAGES.get(layer, "")
                messages.success(
                    request,
                    f"已保存 {print_page} 的 PDF 和版面图，"
                    f"{len(result.zoned)} 篇稿件划定了区域。{note}",
                )
                if result.unmatched:
                    messages.warning(
                        request,
                        "PDF 上这些稿件在本版找不到同标题的稿件，请在版面上手工划定："
                        + "、".join(result.unmatched),
                    )
                return redirect(reverse("admin:articles_printpage_change", args=[print_page.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"上传 {print_page} 的 PDF",
            "opts": self.model._meta,
            "form": form,
            "print_page": print_page,
        }
        return TemplateResponse(request, "admin/articles/pageimport/attach.html", context)

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
            '<div><a href="{}">{}</a>（{}）</div>',
            (
                (reverse("admin:articles_article_change", args=[a.pk]), a.title, check_note(a))
                for a in obj.articles.select_related("copy_check").order_by("print_order")
            ),
        )

    def import_view(self, request):
        """Paste or upload a page dump, or upload the page's PDF; preview the reports
        found, then confirm."""
        if not (self.has_add_permission(request) and request.user.has_perm("articles.add_article")):
            raise PermissionDenied
        form = ImportPageForm(request.POST or None, request.FILES or None)
        formset, new_unions, parsed, duplicate, pdf = None, None, None, "", None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            if "save_image" in request.POST and form.pdf_data is not None:
                response = self._save_page_image(request, form)
                if response is not None:
                    return response
            elif "confirm" in request.POST:
                duplicate = find_duplicate(
                    data["text"], edition_date=data["edition_date"], page_number=data["page_number"]
                )
                # The editor's corrected reports are saved; the dump is not parsed again
                # unless the page comes back with errors and needs the parser's notes.
                formset = ReportFormSet(request.POST, prefix="reports")
                # A page posted without the new-union forms (a client of the first
                # version of this screen) confirms no new union.
                if "new_unions-TOTAL_FORMS" in request.POST:
                    new_unions = NewUnionFormSet(request.POST, prefix="new_unions")
                valid = formset.is_valid() and (new_unions is None or new_unions.is_valid())
                if valid and (not duplicate or data["allow_duplicate"]):
                    response = self._save_import(request, form, formset, new_unions)
                    if response is not None:
                        return response
                parsed, pdf = self._read(form)
            else:
                parsed, pdf = self._read(form)
                placement = {
                    name: data[name] for name in ("edition_date", "page_number", "page_name")
                }
                if parsed is not None:
                    text = pdf_text(parsed) if pdf else data["text"]
                    duplicate = find_duplicate(
                        text, edition_date=data["edition_date"], page_number=data["page_number"]
                    )
                    # The preview carries the text on (an uploaded file is now in the
                    # textarea; a PDF's text is the import record's) and the staged PDF.
                    form = ImportPageForm(
                        initial={
                            **placement,
                            "text": text,
                            "banner": parsed.banner or "",
                            "staged_pdf": pdf["token"] if pdf else "",
                        }
                    )
                    formset = ReportFormSet(
                        initial=[ReportForm.initial_from(a) for a in parsed.articles],
                        prefix="reports",
                    )
                    new_unions = NewUnionFormSet(
                        initial=NewUnionForm.initial_for(parsed, union_name_index()),
                        prefix="new_unions",
                    )
                elif pdf is not None:
                    # No drafts from this PDF: the placement and the staged PDF stay for
                    # "只保存版面图".
                    form = ImportPageForm(initial={**placement, "staged_pdf": pdf["token"]})
        context = {
            **self.admin_site.each_context(request),
            "title": "导入版面",
            "opts": self.model._meta,
            "form": form,
            "formset": formset,
            "new_unions": new_unions,
            "parsed": parsed,
            "reports": checked_reports(formset) if formset is not None else [],
            "duplicate": duplicate,
            "pdf": pdf,
        }
        return TemplateResponse(request, "admin/articles/pageimport/import.html", context)

    def _read(self, form):
        """(the parsed page or None, what the preview shows of the PDF or None); a
        page that cannot be read is the text's or the PDF field's error."""
        if form.pdf_data is None:
            return self._parse_or_error(form, form.cleaned_data["text"]), None
        try:
            page = read_page_pdf(form.pdf_data)
        except PageParseError as exc:
            form.add_error("pdf", str(exc))
            return None, None
        pdf = {
            "token": stage_pdf(form.pdf_data),
            "aspect": f"{page.width:.2f} / {page.height:.2f}",
            "picture": page_picture(form.pdf_data),
            "message": page.text_layer_message,
            "zones": [],
        }
        if page.text_layer != "usable":
            return None, pdf
        try:
            parsed = parse_pdf(page)
        except PageParseError as exc:
            form.add_error("pdf", str(exc))
            return None, pdf
        if not parsed.articles:
            pdf["message"] = NO_REPORTS_MESSAGE
            return None, pdf
        pdf["zones"] = [
            {
                "number": number,
                "style": (
                    f"left:{x0 * 100:.2f}%;top:{y0 * 100:.2f}%;"
                    f"width:{(x1 - x0) * 100:.2f}%;height:{(y1 - y0) * 100:.2f}%"
                ),
            }
            for number, article in enumerate(parsed.articles, start=1)
            for x0, y0, x1, y1 in article.zones
        ]
        return parsed, pdf

    @staticmethod
    def _parse_or_error(form, text: str):
        """The parsed page, or None with the parser's message as the text field's error."""
        try:
            return parse_dump(text)
        except PageParseError as exc:
            form.add_error("text", str(exc))
            return None

    def _save_import(self, request, form, formset, new_unions):
        data = form.cleaned_data
        try:
            result = save_page(
                parsed=formset.to_page(data["banner"], new_unions),
                new_unions=new_unions.to_new_unions() if new_unions is not None else [],
                raw_text=data["text"],
                edition_date=data["edition_date"],
                page_number=data["page_number"],
                page_name=data["page_name"],
                user=request.user,
                pdf=form.pdf_data,
            )
        except PageImportError as exc:
            messages.error(request, str(exc))
            return None
        if form.pdf_data is not None:
            discard_staged_pdf(form.pdf_sha256)
        page_import = result.page_import
        changelist = reverse("admin:articles_article_changelist")
        counts = copy_counts(result.articles)
        drafts = f"已导入 {len(result.articles)} 篇草稿到 {page_import.print_page}"
        done = f"{drafts}，{counts.sentence()}。"
        if counts.with_findings:
            # The story list of just those stories (a filter on the list's own ids).
            shown = ",".join(str(pk) for pk in counts.with_findings)
            link = format_html(
                '{} <a href="{}?id__in={}">只看这 {} 篇</a>',
                done,
                changelist,
                shown,
                len(counts.with_findings),
            )
            level = messages.warning if counts.with_errors else messages.success
            level(request, link)
        else:
            messages.success(request, done)
        return redirect(f"{changelist}?page_import__id__exact={page_import.pk}")

    def _save_page_image(self, request, form):
        """Keep a page's PDF and image alone (a scan): its zones are drawn by hand on
        the page's admin page, where this goes."""
        data = form.cleaned_data
        try:
            page = read_page_pdf(form.pdf_data)
        except PageParseError as exc:
            form.add_error("pdf", str(exc))
            return None
        print_page = save_page_image(
            page=page,
            pdf=form.pdf_data,
            edition_date=data["edition_date"],
            page_number=data["page_number"],
            page_name=data["page_name"],
        )
        discard_staged_pdf(form.pdf_sha256)
        messages.success(request, f"已保存{print_page}的版面图：请在版面图上为每篇稿件划定区域。")
        return redirect(reverse("admin:articles_printpage_change", args=[print_page.pk]))


def checked_reports(formset) -> list[tuple]:
    """Each report form with what the copy desk finds in its copy as the form holds it:
    as parsed in a preview, as the editor corrected it in a confirm shown again."""
    stories = [{name: form[name].value() or "" for name in STORY_FIELDS} for form in formset]
    return list(zip(formset, check_stories(stories), strict=True))


def check_note(article) -> str:
    """A saved story's last check in a few words: 校对：2 处错误、1 处提示."""
    check = getattr(article, "copy_check", None)
    if check is None:
        return "未校对"
    if not check.errors and not check.warnings:
        return "校对未发现问题"
    return f"校对：{check.errors} 处错误、{check.warnings} 处提示"


def page_picture(data: bytes) -> str:
    """A small picture of the PDF's page as a data: URL, or "" if it cannot be drawn
    (the preview goes on without it)."""
    try:
        image = images.page_image(data, 0)
    except Exception:
        logger.warning("page picture could not be drawn", exc_info=True)
        return ""
    image.thumbnail((PICTURE_WIDTH, PICTURE_WIDTH * 4))
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=70)
    return "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
