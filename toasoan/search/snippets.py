"""Result snippets cut from the original text, with the query's terms highlighted."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from . import analysis


def _term_spans(folded: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", folded):
            spans.append(match.span())
    # Longest first at each start, then drop overlaps.
    spans.sort(key=lambda span: (span[0], -span[1]))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if not merged or start >= merged[-1][1]:
            merged.append((start, end))
    return merged


def highlight(text: str, terms: list[str], width: int = 260) -> SafeString:
    """A window of about `width` characters around the first hit, hits wrapped in <mark>.

    `terms` are folded (no diacritics), so "cai cach" marks "cải cách" in the original text."""
    text = analysis.normalize_spaces(text)
    folded = analysis.fold_chars(text)
    spans = _term_spans(folded, [analysis.fold(t) for t in terms if t])
    start = 0
    if spans:
        start = max(0, spans[0][0] - width // 4)
        if start:  # start on a word boundary
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    parts, cursor = [], start
    for s, e in spans:
        if s < cursor or e > end:
            continue
        parts.append(escape(text[cursor:s]))
        parts.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    parts.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308  # nosec B308 B703  # every piece escaped
