"""What news gives a new agency site (toasoan.core.sites): its home page and the standard sections."""

from django.db import transaction
from wagtail.models import Page

from .models import HomePage, SectionPage
from .services import section_get_or_create

# The demo's sections too (news.demo).
STANDARD_SECTIONS = ["Tin tức - Sự kiện", "Cải cách hành chính", "Khoa học - Công nghệ"]


@transaction.atomic
def home_create(name: str) -> HomePage:
    """A published home page named after the agency, under the tree root (the slug is made unique)."""
    home = HomePage(title=name)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    return home


def sections_create(home: Page) -> list[SectionPage]:
    return [section_get_or_create(title=title, home=home)[0] for title in STANDARD_SECTIONS]
