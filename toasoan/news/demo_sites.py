"""Demo of one installation for a province: the provincial portal (tinh.localhost) with its
"Tin các đơn vị" page, and a second agency (so-tnmt.localhost), each with a few articles.

Host names under .localhost resolve to the loopback address in browsers and curl, so with bin/run
they are http://tinh.localhost:8000/ and http://so-tnmt.localhost:8000/ beside the default site.
Created through toasoan.core.sites like any agency site; skipped once their host name exists."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

from toasoan.core.services import menu_item_ensure
from toasoan.core.sites import agency_site_create

from .models import ProvincialNewsPage, SectionPage
from .services import ArticleData, article_import

PARENT = "UBND tỉnh Thừa Thiên Huế"
PROVINCE = {
    "hostname": "tinh.localhost",
    "name": "Ủy ban nhân dân tỉnh Thừa Thiên Huế",
    "parent_name": "",
    "address": "Số 16 Lê Lợi, thành phố Huế",
    "phone": "0234 3822 111",
    "email": "ubnd@thuathienhue.gov.vn",
}
AGENCY = {
    "hostname": "so-tnmt.localhost",
    "name": "Sở Tài nguyên và Môi trường",
    "parent_name": PARENT,
    "address": "Số 115 Ngô Đức Kế, thành phố Huế",
    "phone": "0234 3821 206",
    "email": "stnmt@thuathienhue.gov.vn",
}
# (host, title, sapo, day of March 2022): dates after the default site's demo articles, and words
# of their own, so listings and searches of the default site stay as they were.
ARTICLES = [
    (
        "tinh.localhost",
        "Phiên họp thường kỳ tháng ba của Ủy ban nhân dân tỉnh",
        "Ủy ban nhân dân tỉnh họp thường kỳ, cho ý kiến về tình hình kinh tế - xã hội quý I.",
        3,
    ),
    (
        "tinh.localhost",
        "Tỉnh phát động Tết trồng cây đời đời nhớ ơn Bác Hồ",
        "Lễ phát động được tổ chức đồng loạt tại các huyện, thị xã và thành phố Huế.",
        5,
    ),
    (
        "so-tnmt.localhost",
        "Hướng dẫn cấp giấy chứng nhận quyền sử dụng đất lần đầu",
        "Sở Tài nguyên và Môi trường hướng dẫn hồ sơ, trình tự cấp giấy chứng nhận quyền sử dụng đất.",
        2,
    ),
    (
        "so-tnmt.localhost",
        "Quan trắc chất lượng nước sông Hương đợt một năm 2022",
        "Kết quả quan trắc cho thấy chất lượng nước sông Hương đạt quy chuẩn cho mục đích cấp nước sinh hoạt.",
        4,
    ),
    (
        "so-tnmt.localhost",
        "Ra quân thu gom rác thải nhựa ven biển Thuận An",
        "Hàng trăm đoàn viên, thanh niên tham gia làm sạch bờ biển, hưởng ứng phong trào chống rác thải nhựa.",
        7,
    ),
]
PROVINCIAL_PAGE = "Tin các đơn vị"


def demo_port() -> int:
    """The port bin/run serves on, from WAGTAILADMIN_BASE_URL (http://127.0.0.1:8000 by default)."""
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.port or (443 if parts.scheme == "https" else 80)


def _ensure_site(spec: dict) -> tuple[Site, bool]:
    site = Site.objects.filter(hostname=spec["hostname"]).first()
    if site is not None:
        return site, False
    return agency_site_create(**spec, port=demo_port()).site, True


def _ensure_provincial_page(site: Site) -> bool:
    home = site.root_page
    if ProvincialNewsPage.objects.child_of(home).exists():
        return False
    page = ProvincialNewsPage(
        title=PROVINCIAL_PAGE, intro="Tin mới nhất của các sở, ban, ngành và địa phương trong tỉnh.", per_site=3
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    menu_item_ensure(site=site, label=PROVINCIAL_PAGE, page=page)
    return True


def load_demo_sites() -> dict[str, int]:
    counts = {"trang cơ quan": 0, "trang tin các đơn vị": 0, "bài viết": 0}
    sites = {}
    for spec in (PROVINCE, AGENCY):
        sites[spec["hostname"]], created = _ensure_site(spec)
        counts["trang cơ quan"] += created
    counts["trang tin các đơn vị"] += _ensure_provincial_page(sites[PROVINCE["hostname"]])
    for host, title, sapo, day in ARTICLES:
        section = SectionPage.objects.child_of(sites[host].root_page).order_by("path").first()
        data = ArticleData(
            title=title,
            date=datetime.date(2022, 3, day),
            body_html=f"<p>{sapo}</p>",
            sapo=sapo,
            author="Văn phòng",
            import_key=f"demo-sites|{host}|{title}",
        )
        counts["bài viết"] += article_import(section=section, data=data)[1]
    return counts
