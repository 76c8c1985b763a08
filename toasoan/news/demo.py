"""Demo content: the seed article, three sections and enough dated articles for every listing.

Every step is get-or-create, so loading twice changes nothing."""

import dataclasses
import datetime
from pathlib import Path

from django.db import transaction
from wagtail.models import Page, Site

from toasoan.core.models import AgencySettings, MenuItem

from .importer.decoding import read_text
from .importer.text_format import parse_text_page
from .models import HomePage
from .services import ArticleData, article_import, section_get_or_create
from .sites import STANDARD_SECTIONS

SEED_FILE = Path(__file__).parent / "demo" / "000_dddc27f8271e1bf1.txt"
SEED_SECTION = "Cải cách hành chính"
SECTIONS = STANDARD_SECTIONS

AGENCY = {
    "name": "Sở Khoa học và Công nghệ",
    "parent_name": "UBND tỉnh Thừa Thiên Huế",
    "address": "Số 26 Hà Nội, thành phố Huế, tỉnh Thừa Thiên Huế",
    "phone": "0234 3822 498",
    "email": "skhcn@thuathienhue.gov.vn",
    "responsible_person": "Giám đốc Sở Khoa học và Công nghệ",
}

# (section, title, sapo, paragraphs); dates are spread over Dec 2021 – Feb 2022 below.
GENERATED = [
    (
        "Tin tức - Sự kiện",
        "Hội nghị sơ kết công tác khoa học và công nghệ (kỳ {n})",
        "Sở Khoa học và Công nghệ tổ chức hội nghị sơ kết, đánh giá kết quả thực hiện nhiệm vụ trong kỳ.",
        [
            "Hội nghị đánh giá kết quả thực hiện các nhiệm vụ khoa học và công nghệ cấp tỉnh, công tác quản lý"
            " tiêu chuẩn đo lường chất lượng và hoạt động hỗ trợ doanh nghiệp đổi mới sáng tạo.",
            "Lãnh đạo Sở đề nghị các phòng, đơn vị tiếp tục đẩy mạnh chuyển đổi số"
            " trong giải quyết thủ tục hành chính.",
        ],
    ),
    (
        "Tin tức - Sự kiện",
        "Đoàn công tác của Bộ Khoa học và Công nghệ làm việc tại tỉnh (đợt {n})",
        "Đoàn công tác làm việc về tình hình triển khai các chương trình khoa học và công nghệ trên địa bàn.",
        [
            "Tại buổi làm việc, đại diện Sở báo cáo tình hình thực hiện các đề tài, dự án và công tác sở hữu trí tuệ.",
            "Đoàn ghi nhận những kết quả đạt được và gợi ý nhiều giải pháp"
            " để nâng cao hiệu quả ứng dụng kết quả nghiên cứu.",
        ],
    ),
    (
        SEED_SECTION,
        "Công khai thủ tục hành chính lĩnh vực khoa học và công nghệ (đợt {n})",
        "Sở công khai danh mục thủ tục hành chính thuộc thẩm quyền giải quyết để tổ chức, cá nhân tra cứu.",
        [
            "Danh mục gồm các thủ tục về hoạt động khoa học và công nghệ, tiêu chuẩn đo lường chất lượng,"
            " năng lượng nguyên tử, an toàn bức xạ và hạt nhân.",
            "Tổ chức, cá nhân có thể nộp hồ sơ trực tuyến qua Cổng dịch vụ công hoặc qua dịch vụ bưu chính công ích.",
        ],
    ),
    (
        SEED_SECTION,
        "Khảo sát sự hài lòng của người dân đối với dịch vụ hành chính công (kỳ {n})",
        "Người dân, doanh nghiệp được mời đánh giá thái độ phục vụ của cán bộ, công chức khi giải quyết hồ sơ.",
        [
            "Kết quả khảo sát là căn cứ để Sở cải tiến quy trình, rút ngắn thời gian giải quyết thủ tục hành chính.",
            "Phiếu khảo sát được giữ bí mật thông tin cá nhân của người đánh giá.",
        ],
    ),
    (
        "Khoa học - Công nghệ",
        "Nghiệm thu đề tài ứng dụng công nghệ sinh học trong nông nghiệp (phần {n})",
        "Hội đồng khoa học cấp tỉnh nghiệm thu đề tài ứng dụng công nghệ sinh học phục vụ sản xuất nông nghiệp.",
        [
            "Đề tài đã xây dựng quy trình nhân giống và mô hình trình diễn, góp phần nâng cao năng suất cây trồng.",
            "Hội đồng đánh giá đề tài đạt yêu cầu và kiến nghị chuyển giao kết quả cho các địa phương.",
        ],
    ),
    (
        "Khoa học - Công nghệ",
        "Hỗ trợ doanh nghiệp đổi mới công nghệ và xác lập quyền sở hữu trí tuệ (bài {n})",
        "Chương trình hỗ trợ doanh nghiệp nhỏ và vừa đổi mới công nghệ, đăng ký nhãn hiệu và chỉ dẫn địa lý.",
        [
            "Doanh nghiệp được hỗ trợ một phần kinh phí chuyển giao công nghệ và đăng ký bảo hộ sở hữu công nghiệp.",
            "Hồ sơ đề nghị hỗ trợ được tiếp nhận tại Bộ phận một cửa của Sở.",
        ],
    ),
]
AUTHORS = ["Diệu Hà", "Minh Tâm", "Thanh Bình", "Hoàng Long"]
FIRST_DAY = datetime.date(2021, 12, 1)
ROUNDS = 6  # GENERATED × ROUNDS articles in all


@transaction.atomic
def ensure_home_and_site() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's placeholder "Welcome" page stands where our home page goes.
        for placeholder in Page.objects.filter(
            depth=2, content_type__model="page", content_type__app_label="wagtailcore"
        ):
            Site.objects.filter(root_page=placeholder).delete()
            placeholder.delete()
        home = HomePage(title="Trang chủ", slug="trang-chu")
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=AGENCY["name"]
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def ensure_agency_settings(sections) -> None:
    site = Site.objects.get(is_default_site=True)
    settings = AgencySettings.for_site(site)
    if not settings.menu_items.exists():
        for key, value in AGENCY.items():
            setattr(settings, key, value)
        settings.save()
        items = [MenuItem(settings=settings, label="Trang chủ", url="/", sort_order=0)]
        items += [MenuItem(settings=settings, label=s.title, page=s, sort_order=i) for i, s in enumerate(sections, 1)]
        MenuItem.objects.bulk_create(items)


def generated_articles() -> list[tuple[str, ArticleData]]:
    articles = []
    for n in range(1, ROUNDS + 1):
        for i, (section, title, sapo, paragraphs) in enumerate(GENERATED):
            # Spread over ~80 days, several articles on some days and none on others.
            day = FIRST_DAY + datetime.timedelta(days=(n * 13 + i * 3) % 80)
            fmt = {"n": n}
            body = "".join(f"<p>{p}</p>" for p in paragraphs)
            articles.append(
                (
                    section,
                    ArticleData(
                        title=title.format(**fmt),
                        date=day,
                        body_html=body,
                        author=AUTHORS[(n + i) % len(AUTHORS)],
                        sapo=sapo.format(**fmt),
                        featured=n == ROUNDS and i < 2,
                    ),
                )
            )
    return articles


def load_demo() -> dict[str, int]:
    """Create or refresh the demo site; returns counts of what was created."""
    counts = {"chuyên mục": 0, "bài viết": 0}
    home = ensure_home_and_site()
    sections = []
    for title in SECTIONS:
        section, created = section_get_or_create(title=title, home=home)
        sections.append(section)
        counts["chuyên mục"] += created
    ensure_agency_settings(sections)
    by_title = {s.title: s for s in sections}
    seed = dataclasses.replace(parse_text_page(read_text(SEED_FILE)), featured=True)
    for section_title, data in [(SEED_SECTION, seed), *generated_articles()]:
        _, created = article_import(section=by_title[section_title], data=data)
        counts["bài viết"] += created
    return counts
