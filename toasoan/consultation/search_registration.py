"""Tell the search app how to index drafts open for comment (search never imports this app)."""

import re
from html import unescape

from django.utils.html import strip_tags

from toasoan.search.registry import SearchDocument, register

from .models import ConsultationPage

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div)>")


def consultation_document(page: ConsultationPage) -> SearchDocument:
    body = strip_tags(_BLOCK_END.sub("\n", page.body))
    text = unescape(f"{page.drafting_agency}\n{page.summary}\n{body}")
    return SearchDocument(title=page.title, text=text.strip(), date=page.opens_on)


def consultation_is_public(page: ConsultationPage) -> bool:
    return bool(page.live and not page.get_view_restrictions().exists())


register(ConsultationPage, to_document=consultation_document, is_public=consultation_is_public)
