from django.apps import AppConfig


class AgencyConfig(AppConfig):
    name = "toasoan.agency"
    label = "agency"
    verbose_name = "Giới thiệu cơ quan"

    def ready(self) -> None:
        from toasoan.core import demo, discovery

        from .demo import load_demo

        demo.register("giới thiệu cơ quan", load_demo, order=40)
        demo.register("menu: Giới thiệu", demo.menu_loader("Giới thiệu", "/gioi-thieu/"), order=90)
        demo.register("menu: Lịch công tác", demo.menu_loader("Lịch công tác", "/lich-cong-tac/"), order=90)
        # sitemap.xml and /so-do-trang/ (the English pages are listed in the XML only).
        discovery.register(
            "agency",
            discovery.named_urls(
                "agency:about",
                "agency:organisation",
                "agency:leaders",
                "agency:contacts",
                "agency:schedule",
                "agency:about_en",
                "agency:organisation_en",
                "agency:leaders_en",
                "agency:contacts_en",
                titles={
                    "agency:about": "Giới thiệu",
                    "agency:organisation": "Cơ cấu tổ chức",
                    "agency:leaders": "Lãnh đạo",
                    "agency:contacts": "Danh bạ",
                    "agency:schedule": "Lịch công tác",
                },
            ),
        )
