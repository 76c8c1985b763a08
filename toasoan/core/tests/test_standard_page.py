import pytest

from toasoan.core.demo_content import PRIVACY_SLUG, load_demo
from toasoan.core.models import AgencySettings, StandardPage

pytestmark = pytest.mark.django_db


def test_privacy_policy_demo_page_is_published_linked_and_idempotent(client, home):
    assert load_demo() == {"trang nội dung": 1}
    assert load_demo() == {"trang nội dung": 0}
    page = StandardPage.objects.get(slug=PRIVACY_SLUG)
    assert page.live
    assert AgencySettings.for_site(home.get_site()).privacy_policy_page_id == page.pk

    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="article__title">Chính sách bảo vệ dữ liệu cá nhân</h1>' in html
    assert "Nghị định số 13/2023/NĐ-CP" in html
    # The footer of every page links to it.
    assert f'href="{page.url}">Chính sách bảo vệ dữ liệu cá nhân</a>' in client.get("/").content.decode()


def test_standard_pages_sit_under_the_home_page_or_each_other(home, section):
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(section)
