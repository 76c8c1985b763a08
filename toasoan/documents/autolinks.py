"""Links from rendered article bodies to the library: "Kế hoạch số 405/KH-UBND" becomes a link to
that document's page when the library has it live. Registered with core.richtext in apps.py.

Works on the HTML as text, tag by tag, so markup that is not touched stays byte for byte as it
was: only text outside <a>, <script>, <style> and attribute values is ever changed, and a changed
text node is unescaped, linked and escaped again."""

import html
import re

from wagtail.models import Site

from toasoan.core.vietnamese import nfc

from . import selectors
from .references import Reference, find_references

# A tag (quoted attribute values may hold ">"), a comment, a doctype or processing instruction.
TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
# Inside these no text is linked: an existing link, code the browser runs, text it shows verbatim.
NO_LINK = frozenset({"a", "script", "style", "textarea", "title", "button", "select", "option", "code", "pre"})
LINK_CLASS = "document-ref"


def _linkable_texts(markup: str) -> list[tuple[int, int]]:
    """(start, end) of each text run that may get links."""
    runs: list[tuple[int, int]] = []
    open_tags = dict.fromkeys(NO_LINK, 0)
    position = 0
    for tag in TAG.finditer(markup):
        if tag.start() > position and not any(open_tags.values()):
            runs.append((position, tag.start()))
        position = tag.end()
        name_match = TAG_NAME.match(tag.group(0))
        if name_match is None:
            continue
        name = name_match.group(1).lower()
        if name in open_tags and not tag.group(0).endswith("/>"):
            closing = tag.group(0).startswith("</")
            open_tags[name] = max(0, open_tags[name] + (-1 if closing else 1))
    if position < len(markup) and not any(open_tags.values()):
        runs.append((position, len(markup)))
    return runs


def _link(text: str, references: list[Reference], urls: dict[Reference, str]) -> str:
    """`text` (unescaped) escaped again, with each known reference wrapped in a link."""
    out, position = [], 0
    for reference in references:
        url = urls.get(reference)
        if url is None:
            continue
        out.append(html.escape(text[position : reference.start], quote=False))
        label = html.escape(text[reference.start : reference.end], quote=False)
        out.append(f'<a class="{LINK_CLASS}" href="{html.escape(url)}">{label}</a>')
        position = reference.end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)


def link_references(markup: str, site: Site | None = None) -> str:
    """`markup`, shown on `site`, with references to live library documents linked: a path to a
    document on that site, its full address on another one. One look-up for the whole body, and
    none when it cites nothing."""
    if not markup or not any(ch.isdigit() for ch in markup):
        return markup
    found: list[tuple[int, int, str, list[Reference]]] = []
    for start, end in _linkable_texts(markup):
        raw = markup[start:end]
        if not any(ch.isdigit() for ch in raw):
            continue
        text = nfc(html.unescape(raw))
        references = list(find_references(text))
        if references:
            found.append((start, end, text, references))
    if not found:
        return markup

    documents = selectors.documents_by_number(ref.number for *_, refs in found for ref in refs)
    if not documents:
        return markup
    pieces, position = [], 0
    for start, end, text, references in found:
        urls = {}
        for reference in references:
            candidates = documents.get(reference.key)
            if candidates:
                url = selectors.document_for(candidates, reference.issued_on).get_url(current_site=site)
                if url:
                    urls[reference] = url
        if not urls:
            continue
        pieces.append(markup[position:start])
        pieces.append(_link(text, references, urls))
        position = end
    pieces.append(markup[position:])
    return "".join(pieces)
