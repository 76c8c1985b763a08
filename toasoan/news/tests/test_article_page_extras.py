"""Article details beyond the basics: featured image alt text, attachments, tags, printing."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from toasoan.news.models import ArticleAttachment


@pytest.fixture
def image(db):
    return Image.objects.create(title="Ảnh hội nghị", file=get_test_image_file())


def test_featured_image_requires_alt_text(section, make_article, image):
    article = make_article(section, "Bài có ảnh")
    article.featured_image = image
    article.featured_image_alt = "  "
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "featured_image_alt" in error.value.message_dict


def test_featured_image_is_rendered_with_its_alt_text(client, section, make_article, image):
    article = make_article(section, "Bài có ảnh", featured_image=image, featured_image_alt="Toàn cảnh hội nghị")
    html = client.get(article.url).content.decode()
    assert 'alt="Toàn cảnh hội nghị"' in html


def test_attachments_and_tags_are_listed(client, section, make_article):
    from django.core.files.base import ContentFile

    article = make_article(section, "Bài có tệp")
    document = Document.objects.create(title="Kế hoạch 29/KH-SKHCN", file=ContentFile(b"%PDF-1.4", name="kh.pdf"))
    article.attachments.add(ArticleAttachment(document=document))
    article.tags.add("cải cách hành chính")
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "Tệp đính kèm" in html and "Kế hoạch 29/KH-SKHCN" in html and "(PDF)" in html
    assert "Từ khóa:" in html and "cải cách hành chính" in html


def test_article_can_be_printed(client, section, make_article):
    html = client.get(make_article(section, "Bài để in").url).content.decode()
    assert 'media="print"' in html and "print" in html
    assert "data-print" in html and "In bài viết" in html
