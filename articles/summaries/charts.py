"""Bar charts for the summary page, laid out in Python and drawn as inline SVG by a template.

No JavaScript and nothing fetched from the internet: the admin runs on office networks
that may not reach a CDN, and a chart must print as it shows. Python does all the
arithmetic (scales, ticks, every coordinate) so the template only places shapes and text.
"""

import math
from dataclasses import dataclass, field

from articles.summaries.figures import Summary

# Blue for stories, amber for activities: distinct in colour and in greyscale print.
SERIES_CLASSES = ["series-stories", "series-activities"]
# A hanzi at 13 px is about 13 px wide.
CHAR_WIDTH = 13
MAX_LABEL_CHARS = 12
LEGEND_SPACING = 160


@dataclass
class Tick:
    position: float  # x of a gridline in a horizontal chart, y in a vertical one
    label: str
    label_x: float
    label_y: float


@dataclass
class Bar:
    series: int
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float

    @property
    def css_class(self) -> str:
        return SERIES_CLASSES[self.series % len(SERIES_CLASSES)]


@dataclass
class Group:
    label: str  # as drawn, shortened if long
    tooltip: str  # the full label and every value
    label_x: float
    label_y: float
    bars: list[Bar] = field(default_factory=list)
    sublabel: str = ""  # vertical charts: the year under the first month and each January
    sublabel_y: float = 0


@dataclass
class LegendItem:
    name: str
    css_class: str
    x: float
    y: float  # the text's baseline

    @property
    def swatch_y(self) -> float:
        return self.y - 11

    @property
    def text_x(self) -> float:
        return self.x + 18


@dataclass
class Chart:
    orientation: str  # "horizontal": bars grow rightwards; "vertical": upwards
    chart_id: str
    title: str
    description: str  # every figure in words, for screen readers
    width: int
    height: int
    plot_left: float
    plot_top: float
    plot_right: float
    plot_bottom: float
    legend: list[LegendItem]
    groups: list[Group]
    ticks: list[Tick]

    @property
    def is_empty(self) -> bool:
        return not any(bar.value for group in self.groups for bar in group.bars)


def nice_ceiling(value: float) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50 ... not below `value`."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def axis_ticks(maximum: int, count: int = 5) -> list[int]:
    """0 up to a round number at or above `maximum`, in round steps: 0, 2, 4 ... 10."""
    top = nice_ceiling(maximum)
    step = nice_ceiling(top / count)
    return list(range(0, top + 1, step))


def _shorten(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _tooltip(label: str, series: list[tuple[str, list[int]]], index: int) -> str:
    return f"{label}：" + "，".join(f"{name} {values[index]}" for name, values in series)


def _legend(series: list[tuple[str, list[int]]], left: float, y: float) -> list[LegendItem]:
    return [
        LegendItem(name, SERIES_CLASSES[i % len(SERIES_CLASSES)], left + i * LEGEND_SPACING, y)
        for i, (name, _) in enumerate(series)
    ]


def _describe(categories: list[str], series: list[tuple[str, list[int]]]) -> str:
    return "；".join(_tooltip(c, series, i) for i, c in enumerate(categories)) + "。"


def horizontal_bars(
    chart_id: str,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    *,
    width: int = 640,
) -> Chart:
    """One row per category, one bar per series: room for long Chinese labels."""
    labels = [_shorten(c) for c in categories]
    plot_left = max([len(label) for label in labels] + [4]) * CHAR_WIDTH + 16
    plot_right = width - 48  # room for the value after the longest bar
    bar_height, bar_gap, group_gap = 14, 2, 12
    group_height = len(series) * (bar_height + bar_gap) - bar_gap
    plot_top = 8
    plot_bottom = plot_top + max(1, len(categories)) * (group_height + group_gap)
    ticks = axis_ticks(max([v for _, values in series for v in values] + [0]))
    scale = (plot_right - plot_left) / ticks[-1]

    groups = []
    for index, label in enumerate(labels):
        top = plot_top + index * (group_height + group_gap) + group_gap / 2
        group = Group(
            label=label,
            tooltip=_tooltip(categories[index], series, index),
            label_x=plot_left - 8,
            label_y=round(top + group_height / 2 + 5, 1),
        )
        for number, (_, values) in enumerate(series):
            length = round(values[index] * scale, 1)
            y = round(top + number * (bar_height + bar_gap), 1)
            group.bars.append(
                Bar(
                    series=number,
                    value=values[index],
                    x=plot_left,
                    y=y,
                    width=length,
                    height=bar_height,
                    label_x=round(plot_left + length + 4, 1),
                    label_y=y + bar_height - 3,
                )
            )
        groups.append(group)
    return Chart(
        orientation="horizontal",
        chart_id=chart_id,
        title=title,
        description=_describe(categories, series),
        width=width,
        height=int(plot_bottom + 52),
        plot_left=plot_left,
        plot_top=plot_top,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        legend=_legend(series, plot_left, plot_bottom + 44),
        groups=groups,
        ticks=[
            Tick(x, str(t), x, plot_bottom + 16)
            for t in ticks
            for x in [round(plot_left + t * scale, 1)]
        ],
    )


def vertical_bars(
    chart_id: str,
    title: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    *,
    sublabels: list[str] | None = None,
    width: int = 760,
    height: int = 300,
) -> Chart:
    """Categories (months) along the bottom, one bar per series."""
    plot_left, plot_top, plot_right = 48, 16, width - 12
    plot_bottom = height - 76  # month, year and legend below the axis
    ticks = axis_ticks(max([v for _, values in series for v in values] + [0]))
    scale = (plot_bottom - plot_top) / ticks[-1]
    slot = (plot_right - plot_left) / max(1, len(categories))
    bar_width = min(18, (slot - 8) / len(series))
    sublabels = sublabels or [""] * len(categories)

    groups = []
    for index, label in enumerate(categories):
        centre = round(plot_left + slot * index + slot / 2, 1)
        group = Group(
            label=label,
            tooltip=_tooltip(label, series, index),
            label_x=centre,
            label_y=plot_bottom + 18,
            sublabel=sublabels[index],
            sublabel_y=plot_bottom + 34,
        )
        for number, (_, values) in enumerate(series):
            length = round(values[index] * scale, 1)
            x = round(centre - bar_width * len(series) / 2 + number * bar_width, 1)
            group.bars.append(
                Bar(
                    series=number,
                    value=values[index],
                    x=x,
                    y=round(plot_bottom - length, 1),
                    width=round(bar_width - 2, 1),
                    height=length,
                    label_x=round(x + (bar_width - 2) / 2, 1),
                    label_y=round(plot_bottom - length - 3, 1),
                )
            )
        groups.append(group)
    return Chart(
        orientation="vertical",
        chart_id=chart_id,
        title=title,
        description=_describe(categories, series),
        width=width,
        height=height,
        plot_left=plot_left,
        plot_top=plot_top,
        plot_right=plot_right,
        plot_bottom=plot_bottom,
        legend=_legend(series, plot_left, plot_bottom + 64),
        groups=groups,
        ticks=[
            Tick(y, str(t), plot_left - 6, y + 4)
            for t in ticks
            for y in [round(plot_bottom - t * scale, 1)]
        ],
    )


def summary_charts(summary: Summary) -> list[Chart]:
    """The summary page's charts: per district, per topic, and the 12-month trend."""
    districts = [row for row in summary.districts if not row.is_unassigned]
    topics = [row for row in summary.by_topic if row.indent == 0 and row.key != "none"]
    trend = summary.trend
    return [
        horizontal_bars(
            "chart-districts",
            f"各区网站发布稿件和工会活动（{summary.period.short_label}）",
            [row.name for row in districts],
            [
                ("网站发布稿件（篇）", [row.stories[0] for row in districts]),
                ("工会活动（项）", [row.activities[0] for row in districts]),
            ],
        ),
        horizontal_bars(
            "chart-topics",
            f"各专题网站发布稿件（{summary.period.short_label}）",
            [row.label for row in topics],
            [("网站发布稿件（篇）", [row.current for row in topics])],
        ),
        vertical_bars(
            "chart-trend",
            f"近{len(trend)}个月走势（{summary.scope.short_label}）",
            [point.label for point in trend],
            [
                ("网站发布稿件（篇）", [point.stories for point in trend]),
                ("工会活动（项）", [point.activities for point in trend]),
            ],
            sublabels=[
                f"{point.period.start.year}年" if i == 0 or point.period.start.month == 1 else ""
                for i, point in enumerate(trend)
            ],
        ),
    ]
