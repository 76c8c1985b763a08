from toasoan.core.models import AgencySettings
from toasoan.core.services import menu_item_ensure


def test_menu_item_ensure_appends_once(home, section):
    site = home.get_site()
    assert menu_item_ensure(site=site, label="Trang chủ", url="/")
    assert menu_item_ensure(site=site, label=section.title, page=section)
    assert not menu_item_ensure(site=site, label="Trang chủ (lặp)", url="/")
    assert not menu_item_ensure(site=site, label="Cải cách", page=section)
    items = AgencySettings.for_site(site).menu_items.order_by("sort_order")
    assert [(i.label, i.href) for i in items] == [("Trang chủ", "/"), (section.title, section.url)]
