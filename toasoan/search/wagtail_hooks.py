from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Abbreviation


class AbbreviationViewSet(SnippetViewSet):
    model = Abbreviation
    icon = "search"
    menu_label = "Từ viết tắt"
    add_to_settings_menu = True
    list_display = ["short", "full"]
    search_fields = ["short", "full"]
    ordering = ["short"]


register_snippet(AbbreviationViewSet)
