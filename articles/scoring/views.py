"""The 宣传信息考核 in the admin: the ranking page, its files, and the printable 通报.

Every view sits behind `admin.site.admin_view` (see `urls.py`): anonymous users and
non-staff are sent to the admin login; staff without `scoring.view_ranking` get a 403. A
period or union that cannot be read answers 400 with the reason; an empty ranking has no
file (404).
"""

import tempfile

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header

from articles.scoring import exports
from articles.scoring.charts import ranking_charts
from articles.scoring.periods import (
    Period,
    ScoringError,
    default_period,
    format_date,
    parse_period,
    today,
)
from articles.scoring.ranking import Ranking, build_ranking
from articles.scoring.scope import Scope, scope_for
from unions.models import Union, UnionLevel

PERMISSION = "scoring.view_ranking"
TEMPLATE = "admin/scoring/ranking.html"
NOTICE_TEMPLATE = "admin/scoring/notice.html"
# Rows per table on the page and in the 通报; the files hold every row.
SCREEN_ROWS = 50
NOTICE_ROWS = 30
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


def _period_and_scope(params) -> tuple[Period, Scope]:
    text = params.get("period", "").strip()
    period = parse_period(text) if text else default_period()
    return period, scope_for(params.get("union"))


def period_choices() -> list[tuple[str, str]]:
    """The last eight quarters and three years, newest first, for the picker."""
    current = today()
    year, quarter = current.year, (current.month - 1) // 3 + 1
    choices = []
    for _ in range(8):
        period = Period(year, quarter)
        choices.append((period.slug, period.label))
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
    choices += [(str(y), Period(y).label) for y in range(current.year, current.year - 3, -1)]
    return choices


def _context(request, **extra) -> dict:
    return {
        **admin.site.each_context(request),
        "title": "宣传信息考核",
        "params": {name: request.GET.get(name, "") for name in ("period", "union")},
        "period_choices": period_choices(),
        "union_choices": Union.objects.filter(level__in=PICKER_LEVELS)
        .order_by("path")
        .values_list("name", flat=True),
        **extra,
    }


def _error_page(request, message: str, status: int = 400) -> TemplateResponse:
    return TemplateResponse(request, TEMPLATE, _context(request, error=message), status=status)


def _query(ranking: Ranking) -> str:
    """The query string naming exactly this period and scope, for links and downloads."""
    query = f"period={ranking.period.slug}"
    if ranking.scope.union is not None:
        query += f"&union={ranking.scope.union.pk}"
    return query


def ranking_page(request):
    _require_permission(request)
    try:
        period, scope = _period_and_scope(request.GET)
    except ScoringError as exc:
        return _error_page(request, str(exc))
    ranking = build_ranking(period, scope)
    return TemplateResponse(
        request,
        TEMPLATE,
        _context(
            request,
            ranking=ranking,
            charts=[] if ranking.is_empty else ranking_charts(ranking),
            query=_query(ranking),
            screen_rows=SCREEN_ROWS,
            rate_note=exports.RATE_NOTE,
            rollup_note=exports.ROLLUP_NOTE,
        ),
    )


def export_ranking(request):
    """`?format=xlsx` (default), `?format=csv` (a zip of every table) or
    `?format=csv&list=fees` (one CSV, streamed as it is read from the database)."""
    _require_permission(request)
    try:
        period, scope = _period_and_scope(request.GET)
    except ScoringError as exc:
        return _error_page(request, str(exc))
    file_format = request.GET.get("format", "xlsx")
    list_name = request.GET.get("list", "")
    if file_format not in {"xlsx", "csv"}:
        return _error_page(request, f"不支持的文件格式“{file_format[:20]}”：请选择 xlsx 或 csv。")
    if list_name and (file_format != "csv" or list_name not in exports.TABLES):
        names = "、".join(exports.TABLES)
        return _error_page(request, f"没有名为“{list_name[:20]}”的清单，可选：{names}（仅 CSV）。")
    # A workbook and a zip are only readable whole: written to a temporary file first,
    # which FileResponse streams out and closes (and so deletes).
    if file_format == "xlsx":
        handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
        ranking = exports.write_xlsx(period, scope, handle)  # ranked as it is written
        if ranking.is_empty:
            handle.close()
            return _no_file(request, ranking)
        handle.seek(0)
        filename = exports.export_filename(ranking, "xlsx")
        return FileResponse(
            handle, as_attachment=True, filename=filename, content_type=exports.XLSX_CONTENT_TYPE
        )
    ranking = build_ranking(period, scope)
    if ranking.is_empty:
        return _no_file(request, ranking)
    if list_name:
        table = exports.TABLES[list_name](ranking)
        response = StreamingHttpResponse(
            exports.iter_csv(exports.table_rows(table)), content_type=exports.CSV_CONTENT_TYPE
        )
        response["Content-Disposition"] = content_disposition_header(
            True, exports.csv_filename(ranking, list_name)
        )
        return response
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    exports.write_csv_zip(ranking, handle)
    handle.seek(0)
    filename = exports.export_filename(ranking, "zip")
    return FileResponse(
        handle, as_attachment=True, filename=filename, content_type=exports.ZIP_CONTENT_TYPE
    )


def _no_file(request, ranking: Ranking) -> TemplateResponse:
    return _error_page(request, f"{ranking.empty_message}未生成文件。", status=404)


def _issuer(ranking: Ranking) -> str:
    """Who signs the 通报: the policy's 落款, else the union whose ranking it is."""
    if ranking.rules.policy.issuer:
        return ranking.rules.policy.issuer
    if ranking.scope.union is not None:
        return ranking.scope.union.name
    city = Union.objects.filter(parent=None, level=UnionLevel.CITY).order_by("pk").first()
    return city.name if city else "市总工会"


def honours_text(ranking: Ranking) -> str:
    """决定授予……“2024年度优秀通讯员”称号；授予……“2024年度宣传信息工作先进单位”称号."""
    honours = ranking.honours
    if honours is None:
        return ""
    year = ranking.period.year
    parts = []
    if honours.correspondents:
        names = "、".join(
            f"{row.name}（{row.union_name}）" if row.union_name else row.name
            for row in honours.correspondents
        )
        parts.append(f"授予{names}等{len(honours.correspondents)}名同志“{year}年度优秀通讯员”称号")
    units = [row.name for table in honours.units for row in table.rows]
    if units:
        parts.append(f"授予{'、'.join(units)}“{year}年度宣传信息工作先进单位”称号")
    return ("决定" + "；".join(parts)) if parts else ""


def ranking_notice(request):
    """The 通报, print-ready: the federation's wording, the rankings, the year's honours."""
    _require_permission(request)
    try:
        period, scope = _period_and_scope(request.GET)
    except ScoringError as exc:
        return _error_page(request, str(exc))
    ranking = build_ranking(period, scope)
    if ranking.is_empty:
        return _error_page(request, f"{ranking.empty_message}无法生成通报。", status=404)
    return TemplateResponse(
        request,
        NOTICE_TEMPLATE,
        {
            "ranking": ranking,
            "honours": ranking.honours,
            "honours_text": honours_text(ranking),
            "title": f"关于{period.label}宣传信息工作情况的通报",
            "addressees": (
                "各区总工会、各产业（系统）工会、各直属基层工会："
                if scope.is_city
                else f"{scope.union.name}各下属工会："
            ),
            "issuer": _issuer(ranking),
            "issued_on": format_date(today()),
            "notice_rows": NOTICE_ROWS,
            "back": f"?{_query(ranking)}",
        },
    )
