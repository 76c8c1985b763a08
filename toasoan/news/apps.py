from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class NewsConfig(AppConfig):
    name = "toasoan.news"
    label = "news"
    verbose_name = "Tin tức"

    def ready(self) -> None:
        from toasoan.core import demo as core_demo
        from toasoan.core import discovery, sites
        from toasoan.publishing.invalidation import register_dependents

        from . import api, search_registration  # noqa: F401
        from .demo import load_demo
        from .demo_sites import load_demo_sites
        from .selectors import sites_showing_every_site
        from .sites import home_create, sections_create

        core_demo.register("tin tức", load_demo, order=0)
        # After every other loader: they fill the default site, which must stay as it was.
        core_demo.register("trang các cơ quan", load_demo_sites, order=95)
        sites.register_home_factory(home_create)
        sites.register_starter("tin tức", sections_create, order=0)
        # The provincial page shows every site's news: refresh its site whenever any site changes.
        register_dependents(sites_showing_every_site)
        discovery.register(
            "news",
            discovery.named_urls(
                "news:feed_list", titles={"news:feed_list": gettext_lazy("Kênh RSS")}, footer=("news:feed_list",)
            ),
        )
