"""The monthly summary in the admin (月度统计): tables, charts and the downloads.

Both views sit behind `admin.site.admin_view` (see `articles/summaries/urls.py`): anonymous
users and non-staff are sent to the admin login. Staff without the dedicated permission
get a 403. Every figure comes from `articles.summaries`; files from `articles.summaries.exports`.
"""

import tempfile

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header

from articles.summaries import exports
from articles.summaries.charts import summary_charts
from articles.summaries.figures import build_summary
from articles.summaries.notes import (
    COUNTING_NOTE,
    DISTRICTS_NOTE,
    GIFTS_NOTE,
    LEVELS_NOTE,
    NOT_PUBLISHED_NOTE,
    TOPICS_NOTE,
)
from articles.summaries.periods import Period, SummaryError, period_from_params
from articles.summaries.scope import Scope, default_period, scope_for
from unions.models import Union, UnionLevel

PERMISSION = "summaries.view_monthly_summary"
TEMPLATE = "admin/summaries/monthly.html"
# The notes under the page's tables: the exported files print the same words.
NOTES = {
    "counting": COUNTING_NOTE,
    "not_published": NOT_PUBLISHED_NOTE,
    "districts": DISTRICTS_NOTE,
    "topics": TOPICS_NOTE,
    "levels": LEVELS_NOTE,
    "gifts": GIFTS_NOTE,
}
# Units a report is usually made for; enterprises are found by typing their name.
PICKER_LEVELS = [
    UnionLevel.CITY,
    UnionLevel.DISTRICT,
    UnionLevel.STREET,
    UnionLevel.TOWN,
    UnionLevel.PARK,
    UnionLevel.INDUSTRY,
]


def _require_permission(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


# The page's form sends every period field; its radio button says which one counts.
PERIOD_FIELDS = {"month": ["month"], "season": ["season"], "range": ["start", "end"]}


def _period_and_scope(params) -> tuple[Period, Scope]:
    """The period and scope a query string asks for; no period given means last month."""
    names = PERIOD_FIELDS.get(params.get("period", ""), ["month", "start", "end", "season"])
    given = {name: params.get(name) for name in names if params.get(name)}
    period = period_from_params(**given) if given else default_period()
    return period, scope_for(params.get("union"))


def _context(request, **extra) -> dict:
    params = request.GET
    return {
        **admin.site.each_context(request),
        "title": "月度统计",
        "params": {
            name: params.get(name, "")
            for name in ("period", "month", "start", "end", "season", "union")
        },
        "union_choices": Union.objects.filter(level__in=PICKER_LEVELS)
        .order_by("path")
        .values_list("name", flat=True),
        **extra,
    }


def _error_page(request, message: str, status: int = 400) -> TemplateResponse:
    return TemplateResponse(request, TEMPLATE, _context(request, error=message), status=status)


def monthly_summary(request):
    _require_permission(request)
    try:
        period, scope = _period_and_scope(request.GET)
    except SummaryError as exc:
        return _error_page(request, str(exc))
    summary = build_summary(period, scope)
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(
            request,
            summary=summary,
            charts=[] if summary.is_empty else summary_charts(summary),
            export_query=_export_query(period, scope),
            period_mode=period.kind,
            notes=NOTES,
        ),
    )


def _export_query(period: Period, scope: Scope) -> str:
    """The query string naming exactly this period and scope, for the download links."""
    if period.kind == "month":
        query = f"month={period.start:%Y-%m}"
    elif period.kind == "season":
        query = f"season={period.start.year}"
    else:
        query = f"start={period.start.isoformat()}&end={period.end.isoformat()}"
    if scope.union is not None:
        query += f"&union={scope.union.pk}"
    return query


def export_summary(request):
    """`?format=xlsx` (default), `?format=csv` (a zip of every list) or
    `?format=csv&list=stories` (one CSV, streamed as it is read from the database)."""
    _require_permission(request)
    try:
        period, scope = _period_and_scope(request.GET)
    except SummaryError as exc:
        return _error_page(request, str(exc))
    file_format = request.GET.get("format", "xlsx")
    list_name = request.GET.get("list", "")
    if file_format not in {"xlsx", "csv"}:
        return _error_page(request, f"不支持的文件格式“{file_format}”：请选择 xlsx 或 csv。")
    if list_name and (file_format != "csv" or list_name not in exports.CSV_LISTS):
        names = "、".join(exports.CSV_LISTS)
        return _error_page(request, f"没有名为“{list_name}”的清单，可选：{names}（仅 CSV）。")
    summary = build_summary(period, scope)
    if summary.is_empty:
        return _error_page(request, f"{summary.empty_message}未生成文件。", status=404)

    if list_name:
        _, rows = exports.CSV_LISTS[list_name]
        response = StreamingHttpResponse(
            exports.iter_csv(rows(summary)), content_type=exports.CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(
            True, exports.csv_filename(summary, list_name)
        )
        return response
    # Written to a temporary file first: a workbook and a zip are only readable whole.
    # FileResponse then streams it out in blocks and closes (and so deletes) it.
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    if file_format == "xlsx":
        exports.write_xlsx(summary, handle)
        content_type, filename = exports.XLSX_CONTENT_TYPE, exports.export_filename(summary, "xlsx")
    else:
        exports.write_csv_zip(summary, handle)
        content_type, filename = exports.ZIP_CONTENT_TYPE, exports.export_filename(summary, "zip")
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
