from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class TrustConfig(AppConfig):
    name = "toasoan.trust"
    label = "trust"
    verbose_name = "An toàn thông tin"

    def ready(self) -> None:
        from toasoan.core import discovery
        from toasoan.publishing import pagecache

        from .headers import public_headers
        from .integrity import setup as integrity_setup

        # Content integrity: scans on publish and save, and the nightly full scan.
        integrity_setup.connect()

        # Pages the cache serves itself carry today's security headers (docs/headers.md).
        pagecache.register_headers(public_headers)

        discovery.register(
            "trust",
            discovery.named_urls(
                "trust:security_contact",
                titles={"trust:security_contact": gettext_lazy("Liên hệ về an toàn thông tin")},
                footer=("trust:security_contact",),
            ),
        )
