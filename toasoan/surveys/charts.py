"""Server-rendered SVG charts: readable without JavaScript, with an accessible name, text on every
bar (never colour alone) and no inline styles (only presentation attributes, which a strict
Content-Security-Policy allows). Pure Python: no Django, no third-party chart library.

Every chart is drawn from the same `Row` values the page puts in its data table, so the two can
never disagree. Labels sit above their bars, so the drawing stays narrow (360 units) and its text
stays legible when a phone scales it down to its width."""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 360
FONT_SIZE = 15
LINE_HEIGHT = 19
BAR_HEIGHT = 22
ROW_GAP = 14
PADDING = 8
TEXT_COLOUR = "#1b1f24"
TRACK_COLOUR = "#e4e9ef"
# Average advance of a character at FONT_SIZE in a system sans-serif, for wrapping labels.
CHAR_WIDTH = 0.56 * FONT_SIZE
VALUE_SPACE = 112  # room right of the longest bar for its "1.234 (100,0%)"
MIN_SEGMENT_LABEL = 46  # narrower stacked segments carry no text (the legend and table have it)


@dataclass(frozen=True)
class Row:
    """One bar: its label, its count, its share of the total (percent) and its fill colour."""

    label: str
    count: int
    percent: float
    colour: str


@dataclass(frozen=True)
class StackedRow:
    """One stacked bar: a label and one Row per series, in the legend's order."""

    label: str
    segments: Sequence[Row]


def percentages(counts: Sequence[int], decimals: int = 1) -> list[float]:
    """Shares of the total rounded so that they add up to exactly 100 (largest remainder)."""
    total = sum(counts)
    if total <= 0:
        return [0.0 for _ in counts]
    scale = 10**decimals
    exact = [count * 100 * scale / total for count in counts]
    floors = [math.floor(value) for value in exact]
    missing = 100 * scale - sum(floors)
    by_remainder = sorted(range(len(counts)), key=lambda i: (exact[i] - floors[i], counts[i]), reverse=True)
    for index in by_remainder[:missing]:
        floors[index] += 1
    return [value / scale for value in floors]


def format_count(count: int) -> str:
    """1234 -> "1.234" (Vietnamese thousands separator)."""
    return f"{count:,}".replace(",", ".")


def format_percent(percent: float) -> str:
    """40.0 -> "40,0%" (Vietnamese decimal comma)."""
    return f"{percent:.1f}".replace(".", ",") + "%"


def value_text(row: Row) -> str:
    """What a bar says in words, and what its table cells say: count and percent."""
    return f"{format_count(row.count)} ({format_percent(row.percent)})"


def wrap(text: str, max_chars: int) -> list[str]:
    """Split a label into lines of at most `max_chars` characters, at spaces (long words are cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > max_chars:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:max_chars])
            word = word[max_chars:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= max_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(value)}"' for name, value in attrs.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(content)}</text>'


def _svg(chart_id: str, title: str, description: str, height: float, body: list[str]) -> str:
    safe_id = escape(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" viewBox="0 0 {WIDTH} {height:g}" '
        f'width="{WIDTH}" height="{height:g}" role="img" '
        f'aria-labelledby="{safe_id}-title" aria-describedby="{safe_id}-desc" '
        f'font-size="{FONT_SIZE}" fill="{TEXT_COLOUR}">'
        f'<title id="{safe_id}-title">{escape(title)}</title>'
        f'<desc id="{safe_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _label_lines(label: str, x: float, y: float, max_chars: int) -> tuple[list[str], float]:
    parts = []
    for line in wrap(label, max_chars):
        y += LINE_HEIGHT
        parts.append(_text(x, y - 5, line))
    return parts, y


def bar_chart(*, chart_id: str, title: str, description: str, rows: Sequence[Row]) -> str:
    """Horizontal bars, one per row, longest bar = largest count; each says its count and percent."""
    body: list[str] = []
    max_count = max((row.count for row in rows), default=0)
    span = WIDTH - 2 * PADDING - VALUE_SPACE
    y = float(PADDING)
    for row in rows:
        lines, y = _label_lines(row.label, PADDING, y, int((WIDTH - 2 * PADDING) / CHAR_WIDTH))
        body.extend(lines)
        length = span * row.count / max_count if max_count else 0
        body.append(f'<rect x="{PADDING}" y="{y:g}" width="{span:g}" height="{BAR_HEIGHT}" fill="{TRACK_COLOUR}"/>')
        if length:
            body.append(
                f'<rect class="chart__bar" x="{PADDING}" y="{y:g}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{row.colour}"/>'
            )
        body.append(
            _text(PADDING + span + 6, y + BAR_HEIGHT - 6, value_text(row), font_weight="700", class_="chart__value")
        )
        y += BAR_HEIGHT + ROW_GAP
    return _svg(chart_id, title, description, y - ROW_GAP + PADDING, body)


def stacked_bar_chart(
    *, chart_id: str, title: str, description: str, series: Sequence[tuple[str, str]], rows: Sequence[StackedRow]
) -> str:
    """One 100% bar per row, split by series (label, colour); a text legend on top, and each
    segment wide enough to hold it says its percent in white (every series colour has at least
    4.5:1 contrast with white)."""
    body: list[str] = []
    y = float(PADDING)
    # Legend: a swatch and the series name, two per line.
    column = (WIDTH - 2 * PADDING) / 2
    for index, (name, colour) in enumerate(series):
        x = PADDING + (index % 2) * column
        if index % 2 == 0:
            y += LINE_HEIGHT + 4
        body.append(f'<rect x="{x:g}" y="{y - 15:g}" width="14" height="14" fill="{colour}"/>')
        body.append(_text(x + 20, y - 3, name))
    y += 10
    span = WIDTH - 2 * PADDING
    for row in rows:
        lines, y = _label_lines(row.label, PADDING, y, int(span / CHAR_WIDTH))
        body.extend(lines)
        total = sum(segment.count for segment in row.segments)
        x = float(PADDING)
        if not total:
            body.append(f'<rect x="{PADDING}" y="{y:g}" width="{span:g}" height="{BAR_HEIGHT}" fill="{TRACK_COLOUR}"/>')
            body.append(_text(PADDING + 6, y + BAR_HEIGHT - 6, "Chưa có dữ liệu"))
        for segment in row.segments:
            if not segment.count:
                continue
            width = span * segment.count / total
            body.append(
                f'<rect class="chart__segment" x="{x:.1f}" y="{y:g}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{segment.colour}" stroke="#ffffff" stroke-width="1.5"/>'
            )
            if width >= MIN_SEGMENT_LABEL:
                body.append(
                    _text(
                        x + width / 2,
                        y + BAR_HEIGHT - 6,
                        format_percent(segment.percent),
                        fill="#ffffff",
                        font_size="13",
                        font_weight="700",
                        text_anchor="middle",
                    )
                )
            x += width
        y += BAR_HEIGHT + ROW_GAP
    return _svg(chart_id, title, description, y - ROW_GAP + PADDING, body)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two "#rrggbb" colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
