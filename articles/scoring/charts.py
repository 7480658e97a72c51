"""Bar charts of the ranking page (top unions, top correspondents), laid out in Python and
drawn as inline SVG by a template: no script, nothing fetched, prints as it shows.

A one-series copy of `articles.summaries.charts.horizontal_bars` (the wings do not import
each other): the bar chart is shared knowledge and belongs one layer down.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from articles.scoring.ranking import Ranking

CHAR_WIDTH = 13  # a hanzi at 13 px
MAX_LABEL_CHARS = 14
TOP = 10


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Bar:
    label: str  # as drawn, shortened if long
    tooltip: str
    value: str
    label_y: float
    y: float
    width: float


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str  # every figure in words, for screen readers
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    bar_height: int
    bars: list[Bar]
    ticks: list[Tick]

    @property
    def tick_y(self) -> float:
        return self.plot_bottom + 16

    @property
    def value_x(self) -> float:
        return self.plot_left + 4  # shifted by each bar's width (dx)

    @property
    def label_x(self) -> float:
        return self.plot_left - 8


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5, 10, 20, 50 ... not below `value`."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _number(value: Decimal) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def horizontal_bars(chart_id: str, title: str, items: list[tuple[str, Decimal]]) -> Chart:
    """One bar per (label, value), longest first as given."""
    width = 640
    labels = [
        label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"
        for label, _ in items
    ]
    plot_left = max([len(label) for label in labels] + [4]) * CHAR_WIDTH + 16
    plot_right = width - 56
    bar_height, gap, plot_top = 16, 10, 8
    plot_bottom = plot_top + max(1, len(items)) * (bar_height + gap)
    top = nice_ceiling(float(max([value for _, value in items] + [Decimal(0)])))
    step = nice_ceiling(top / 5)
    scale = (plot_right - plot_left) / top
    bars = []
    for index, ((full, value), label) in enumerate(zip(items, labels, strict=True)):
        y = plot_top + index * (bar_height + gap) + gap / 2
        bars.append(
            Bar(
                label=label,
                tooltip=f"{full}：{_number(value)}分",
                value=_number(value),
                label_y=round(y + bar_height - 3, 1),
                y=round(y, 1),
                width=round(float(value) * scale, 1),
            )
        )
    ticks, tick = [], 0.0
    while tick <= top + 1e-9:
        ticks.append(Tick(round(plot_left + tick * scale, 1), _number(Decimal(str(tick)))))
        tick += step
    return Chart(
        chart_id=chart_id,
        title=title,
        description="；".join(bar.tooltip for bar in bars) + "。",
        width=width,
        height=int(plot_bottom + 28),
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        plot_bottom=plot_bottom,
        bar_height=bar_height,
        bars=bars,
        ticks=ticks,
    )


def ranking_charts(ranking: Ranking) -> list[Chart]:
    """The first level's top unions (districts in the city's ranking) and the top
    correspondents, by points."""
    charts = []
    if ranking.levels:
        level = ranking.levels[0]
        top = [row for row in level.rows[:TOP] if row.points > 0]
        if top:
            charts.append(
                horizontal_bars(
                    "chart-unions",
                    f"{level.label}积分前{len(top)}名（{ranking.period.label}）",
                    [(row.name, row.points) for row in top],
                )
            )
    top = [row for row in ranking.correspondents[:TOP] if row.points > 0]
    if top:
        charts.append(
            horizontal_bars(
                "chart-correspondents",
                f"通讯员积分前{len(top)}名（{ranking.period.label}）",
                [
                    (f"{row.name}（{row.union_name}）" if row.union_name else row.name, row.points)
                    for row in top
                ],
            )
        )
    return charts
