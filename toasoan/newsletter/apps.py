from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "toasoan.newsletter"
    label = "newsletter"
    verbose_name = "Bản tin"

    def ready(self) -> None:
        from toasoan.core import demo, discovery, panels, periodic

        from .demo import load_demo
        from .jobs import forget_stale_addresses, weekly_digest
        from .panels import footer_context

        periodic.register("newsletter.weekly_digest", weekly_digest)
        periodic.register("newsletter.forget_stale", forget_stale_addresses)
        panels.register(
            "newsletter.footer",
            panels.Panel(slot="footer", template="newsletter/panels/footer.html", context=footer_context, order=20),
        )
        demo.register("bản tin", load_demo, order=30)
        demo.register("menu: Bản tin", demo.menu_loader("Bản tin", "/ban-tin/"), order=90)
        discovery.register(
            "newsletter",
            discovery.named_urls("newsletter:subscribe", titles={"newsletter:subscribe": "Đăng ký nhận bản tin"}),
        )
        # Personal links (confirm, unsubscribe, preferences) and the "sent" page are not content.
        discovery.disallow("/ban-tin/dang-ky/da-gui/", "/ban-tin/xac-nhan/", "/ban-tin/huy/", "/ban-tin/tuy-chon/")
