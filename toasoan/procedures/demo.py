"""Demo content: the catalogue page and the procedures of a provincial Department of Science and
Technology, imported from a CSV the way an agency would (so the demo exercises the importer)."""

from pathlib import Path

from wagtail.models import Site

from . import services

DEMO_FILE = Path(__file__).parent / "demo" / "thu-tuc-hanh-chinh-so-khcn.csv"
INDEX_TITLE = "Thủ tục hành chính"
INDEX_SLUG = "thu-tuc-hanh-chinh"
INDEX_INTRO = (
    "Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của Sở Khoa học và Công nghệ: trình tự, "
    "hồ sơ, thời hạn, phí, lệ phí và liên kết nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia."
)


def load_demo() -> dict[str, int]:
    """Create the catalogue page under the home page and import the demo list (idempotent)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return {"danh mục thủ tục": 0, "thủ tục": 0}
    index, created = services.index_page_get_or_create(
        home=site.root_page.specific, title=INDEX_TITLE, slug=INDEX_SLUG, intro=INDEX_INTRO
    )
    report = services.procedures_import(data=DEMO_FILE.read_bytes(), filename=DEMO_FILE.name, index=index, publish=True)
    if not report.ok:
        raise RuntimeError(report.summary() + " " + "; ".join(e.message for e in report.errors))
    return {"danh mục thủ tục": int(created), "thủ tục": report.created}
