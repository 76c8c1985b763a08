"""The 30-day trend as a server-rendered SVG: columns of views with visits inside them. No
JavaScript, no chart library, no inline styles (presentation attributes only). The report puts
the same numbers in a table beside it, so the drawing needs no per-bar text."""

from collections.abc import Sequence
from html import escape

from .selectors import DayCount

WIDTH = 720
HEIGHT = 280
LEFT = 64  # room for the axis labels
BOTTOM = 40
TOP = 28
VIEWS_COLOUR = "#9cc3e6"
VISITS_COLOUR = "#1d5f9b"
TEXT_COLOUR = "#1b1f24"
GRID_COLOUR = "#d5dbe2"


def format_count(count: int) -> str:
    """1234 -> "1.234" (Vietnamese thousands separator)."""
    return f"{count:,}".replace(",", ".")


def nice_ceiling(value: int) -> int:
    """The axis maximum: 1, 2, 3, 4, 5, 6 or 8 times a power of ten, at least `value` (its half,
    the middle grid line, stays a round number)."""
    if value <= 0:
        return 1
    power = 1
    while True:
        for step in (1, 2, 3, 4, 5, 6, 8):
            if step * power >= value:
                return step * power
        power *= 10


def trend_svg(days: Sequence[DayCount], title: str, chart_id: str = "xu-huong") -> str:
    top = nice_ceiling(max((d.views for d in days), default=0))
    plot_width = WIDTH - LEFT - 8
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(days), 1)
    bar = max(slot * 0.72, 1)
    total_views = sum(d.views for d in days)
    total_visits = sum(d.visits for d in days)
    description = (
        f"Từ {days[0].day:%d/%m/%Y} đến {days[-1].day:%d/%m/%Y}: {format_count(total_views)} lượt xem, "
        f"{format_count(total_visits)} lượt truy cập. Số liệu từng ngày ở bảng bên dưới."
        if days
        else "Chưa có số liệu."
    )
    parts = [
        f'<svg class="stats-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for fraction in (0, 0.5, 1):  # grid lines and their values
        y = TOP + plot_height * (1 - fraction)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID_COLOUR}"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 5:.1f}" text-anchor="end" font-size="14" fill="{TEXT_COLOUR}">'
            f"{format_count(round(top * fraction))}</text>"
        )
    for index, entry in enumerate(days):
        x = LEFT + index * slot + (slot - bar) / 2
        for value, colour in ((entry.views, VIEWS_COLOUR), (entry.visits, VISITS_COLOUR)):
            height = plot_height * value / top
            if height > 0:
                y = TOP + plot_height - height
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{colour}"/>')
        if index % 5 == 0 or index == len(days) - 1:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="13" '
                f'fill="{TEXT_COLOUR}">{entry.day:%d/%m}</text>'
            )
    legend_y = 16
    parts.append(f'<rect x="{LEFT}" y="{legend_y - 11}" width="14" height="14" fill="{VIEWS_COLOUR}"/>')
    parts.append(f'<text x="{LEFT + 20}" y="{legend_y + 1}" font-size="14" fill="{TEXT_COLOUR}">Lượt xem trang</text>')
    parts.append(f'<rect x="{LEFT + 160}" y="{legend_y - 11}" width="14" height="14" fill="{VISITS_COLOUR}"/>')
    parts.append(f'<text x="{LEFT + 180}" y="{legend_y + 1}" font-size="14" fill="{TEXT_COLOUR}">Lượt truy cập</text>')
    parts.append("</svg>")
    return "".join(parts)
