"""Demo content: the archive page (/ban-tin/) and three sample issues, each with a generated PDF
and cover that say they are samples. Idempotent."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from toasoan.core import selectors as site_selectors

from .models import NewsletterIndexPage, NewsletterIssuePage
from .samples import sample_cover, sample_pdf

INDEX_TITLE = "Bản tin KH&CN"
INDEX_SLUG = "ban-tin"
INDEX_INTRO = (
    "Bản tin Khoa học và Công nghệ do Sở phát hành định kỳ: chính sách mới, kết quả nghiên cứu, "
    "hoạt động đổi mới sáng tạo trên địa bàn. Các số dưới đây là bản mẫu để trình diễn cổng thông tin."
)
ISSUES = [
    (1, datetime.date(2026, 3, 31), "Chuyển đổi số trong quản lý khoa học và công nghệ"),
    (2, datetime.date(2026, 6, 30), "Hỗ trợ doanh nghiệp đổi mới công nghệ"),
    (3, datetime.date(2026, 9, 30), "Sở hữu trí tuệ và tiêu chuẩn đo lường chất lượng"),
]


def index_page_get_or_create(*, home, title: str, slug: str, intro: str) -> tuple[NewsletterIndexPage, bool]:
    index = NewsletterIndexPage.objects.child_of(home).first()
    if index is not None:
        return index, False
    index = NewsletterIndexPage(title=title, slug=slug, intro=intro)
    home.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _issue(index: NewsletterIndexPage, number: int, date: datetime.date, theme: str) -> bool:
    if NewsletterIssuePage.objects.child_of(index).filter(number=number, issue_date__year=date.year).exists():
        return False
    title = f"Bản tin KH&CN số {number}/{date.year}"
    stem = f"ban-tin-khcn-so-{number}-{date.year}-ban-mau"
    pdf = sample_pdf(
        [
            f"BAN TIN KH&CN SO {number}/{date.year}",
            "BAN MAU - SAMPLE FILE",
            "Tai lieu mau de trinh dien cong thong tin,",
            "khong phai an pham that.",
        ]
    )
    document = get_document_model().objects.create(
        title=f"{title} (bản mẫu)", file=ContentFile(pdf, name=f"{stem}.pdf"), file_size=len(pdf)
    )
    cover = get_image_model()(title=f"Bìa {title} (bản mẫu)")
    cover.file = ImageFile(ContentFile(sample_cover(number, date.year)), name=f"{stem}.png")
    cover.save()
    issue = NewsletterIssuePage(
        title=title,
        slug=f"so-{number}-{date.year}",
        number=number,
        issue_date=date,
        document=document,
        cover_image=cover,
        summary=f"Chủ đề: {theme}. Bản mẫu để trình diễn, không phải ấn phẩm thật.",
    )
    index.add_child(instance=issue)
    issue.save_revision().publish()
    return True


def load_demo() -> dict[str, int]:
    site = site_selectors.default_site()
    if site is None:
        return {"kho bản tin": 0, "số bản tin": 0}
    index, created = index_page_get_or_create(
        home=site.root_page.specific, title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO
    )
    issues = sum(_issue(index, number, date, theme) for number, date, theme in ISSUES)
    return {"kho bản tin": int(created), "số bản tin": issues}
