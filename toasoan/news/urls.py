from django.urls import path, register_converter

from . import feeds, views


class Year:
    """Exactly four digits, so /tin-theo-ngay/22-01-10/ is a 404, not an alias."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class TwoDigits(Year):
    regex = "[0-9]{2}"

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


register_converter(Year, "yyyy")
register_converter(TwoDigits, "dd")

app_name = "news"
urlpatterns = [
    path("tin-theo-ngay/", views.by_date_form, name="by_date_form"),
    path("tin-theo-ngay/<yyyy:year>-<dd:month>-<dd:day>/", views.by_day, name="by_day"),
    path("tin-theo-ngay/<yyyy:year>-<dd:month>/", views.by_month, name="by_month"),
    path("rss/", feeds.ArticlesFeed(), name="rss"),
    path("rss/<slug:section_slug>/", feeds.ArticlesFeed(), name="rss_section"),
    path("atom/", feeds.ArticlesAtomFeed(), name="atom"),
    path("atom/<slug:section_slug>/", feeds.ArticlesAtomFeed(), name="atom_section"),
    path("kenh-rss/", feeds.feed_list, name="feed_list"),
]
