"""The demo: the catalogue page and a Department of Science and Technology's procedures, imported
from the shipped CSV, idempotently."""

from bs4 import BeautifulSoup

from toasoan.news.demo import load_demo as load_news_demo
from toasoan.procedures.demo import load_demo
from toasoan.procedures.models import ProcedureField, ProcedureIndexPage, ProcedurePage


def test_demo_loader_is_idempotent_and_renders(db, client):
    load_news_demo()
    assert load_demo() == {"danh mục thủ tục": 1, "thủ tục": 13}
    assert load_demo() == {"danh mục thủ tục": 0, "thủ tục": 0}
    index = ProcedureIndexPage.objects.get()
    assert index.url == "/thu-tuc-hanh-chinh/" and index.live
    assert ProcedurePage.objects.live().child_of(index).count() == 13
    assert ProcedureField.objects.count() == 4

    soup = BeautifulSoup(client.get("/thu-tuc-hanh-chinh/").content.decode(), "html.parser")
    options = [" ".join(o.get_text().split()) for o in soup.select("select[name=linh-vuc] option")]
    assert "Hoạt động khoa học và công nghệ (5)" in options
    for procedure in ProcedurePage.objects.all():
        response = client.get(procedure.url)
        assert response.status_code == 200, procedure.url
        if procedure.portal_url:
            assert "Nộp hồ sơ trực tuyến" in response.content.decode()
