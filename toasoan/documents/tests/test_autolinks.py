"""Auto-links: references in article bodies link to live library documents, without ever touching
other markup, linking inside a link, or linking what the library lacks."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from toasoan.core import richtext
from toasoan.documents.autolinks import link_references


@pytest.fixture
def plan(make_document):
    return make_document("405/KH-UBND", "Kế hoạch tuyên truyền CCHC năm 2022")


@pytest.fixture
def decree(make_document):
    return make_document("42/2022/NĐ-CP", "Dịch vụ công trực tuyến", document_type="Nghị định", issuer="Chính phủ")


def links(html: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return [(" ".join(a.get_text().split()), a["href"]) for a in soup.find_all("a")]


def test_a_reference_becomes_a_link_to_the_document(plan):
    html = "<p>Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021 của UBND tỉnh.</p>"
    out = link_references(html)
    assert out == (
        f'<p>Căn cứ <a class="document-ref" href="{plan.url}">Kế hoạch số 405/KH-UBND</a>'
        " ngày 30/12/2021 của UBND tỉnh.</p>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định 42/2022/NĐ-CP",
        "nghị định số 42/2022/NĐ-CP",
        "NGHỊ ĐỊNH SỐ 42/2022/NĐ-CP",
        "Nghị định số 42/2022/NÐ-CP",  # Icelandic eth pasted from a PDF
        "Nghị định số&nbsp;42/2022/NĐ-CP",
        "Nghi\u0323 đi\u0323nh 42/2022/NĐ-CP",  # decomposed (NFD) diacritics
    ],
)
def test_case_spacing_and_lookalikes_still_link(decree, text):
    assert [href for _, href in links(link_references(f"<p>Theo {text}.</p>"))] == [decree.url]


def test_nested_tags_are_kept_and_text_inside_them_links(plan, decree):
    html = (
        '<h2 id="can-cu">Căn cứ</h2><ul><li><b>Kế hoạch số 405/KH-UBND</b> và <i>Nghị định 42/2022/NĐ-CP</i></li>'
        '<li>Ảnh <img alt="Kế hoạch số 405/KH-UBND" src="/a.png"></li></ul>'
    )
    out = link_references(html)
    assert links(out) == [("Kế hoạch số 405/KH-UBND", plan.url), ("Nghị định 42/2022/NĐ-CP", decree.url)]
    # Attribute values are never touched; the structure is the same with the links taken out.
    assert 'alt="Kế hoạch số 405/KH-UBND"' in out
    soup = BeautifulSoup(out, "html.parser")
    for a in soup.find_all("a"):
        a.unwrap()
    assert str(soup) == str(BeautifulSoup(html, "html.parser"))


def test_text_already_inside_a_link_is_left_alone(plan):
    html = '<p><a href="https://vbpl.vn/405">Kế hoạch số <b>405/KH-UBND</b></a>, nhắc lại Kế hoạch 405/KH-UBND.</p>'
    out = link_references(html)
    assert links(out) == [("Kế hoạch số 405/KH-UBND", "https://vbpl.vn/405"), ("Kế hoạch 405/KH-UBND", plan.url)]


def test_unknown_numbers_drafts_and_junk_stay_plain(make_document):
    make_document("1234/QĐ-UBND", document_type="Quyết định", live=False)
    html = "<p>Quyết định số 1234/QĐ-UBND, Thông tư 22/2023/TT-BTTTT, ngày 30/12/2021, giai đoạn 2021-2025.</p>"
    assert link_references(html) == html


def test_markup_without_digits_costs_no_query(plan):
    with CaptureQueriesContext(connection) as queries:
        assert link_references("<p>Không có số hiệu nào.</p>") == "<p>Không có số hiệu nào.</p>"
        assert link_references("<p>Ngày 30/12/2021.</p>") == "<p>Ngày 30/12/2021.</p>"
    assert len(queries) == 0


def test_one_lookup_for_a_whole_body(plan, decree):
    body = "".join(f"<p>Đoạn {n}: Kế hoạch 405/KH-UBND và Nghị định 42/2022/NĐ-CP.</p>" for n in range(50))
    with CaptureQueriesContext(connection) as queries:
        out = link_references(body)
    assert len(links(out)) == 100
    assert len(queries) <= 3  # the documents, Wagtail's view restrictions, the site root paths once


def test_escaped_text_is_escaped_again(plan):
    html = "<p>Sở KH&amp;CN &lt;b&gt; theo Kế hoạch 405/KH-UBND &amp; Kế hoạch khác</p>"
    out = link_references(html)
    assert out == (
        f'<p>Sở KH&amp;CN &lt;b&gt; theo <a class="document-ref" href="{plan.url}">Kế hoạch 405/KH-UBND</a>'
        " &amp; Kế hoạch khác</p>"
    )


def test_scripts_comments_and_odd_attributes_are_not_touched(plan):
    html = (
        '<p title="a > Kế hoạch 405/KH-UBND">x</p><!-- Kế hoạch 405/KH-UBND -->'
        "<script>var s = 'Kế hoạch 405/KH-UBND';</script><pre>Kế hoạch 405/KH-UBND</pre>"
    )
    assert link_references(html) == html


def test_the_date_picks_among_documents_sharing_a_number(make_document):
    old = make_document("1/KH-UBND", "Kế hoạch năm 2021", issued_on=datetime.date(2021, 1, 5))
    new = make_document("1/KH-UBND", "Kế hoạch năm 2022", issued_on=datetime.date(2022, 1, 4))
    out = link_references("<p>Kế hoạch số 1/KH-UBND ngày 05/01/2021; Kế hoạch số 1/KH-UBND.</p>")
    assert [href for _, href in links(out)] == [old.url, new.url]


def test_the_transform_is_registered_and_the_filter_applies_it(plan):
    assert "documents.autolinks" in richtext._transforms
    template = engines["django"].from_string(
        "{% load core_tags %}{% filter richtext_transforms %}{{ safe|safe }}{% endfilter %}"
        "|{{ unsafe|richtext_transforms }}"
    )
    out = template.render({"safe": "<p>Kế hoạch 405/KH-UBND</p>", "unsafe": "<b>Kế hoạch 405/KH-UBND</b>"})
    linked, escaped = out.split("|")
    assert links(linked) == [("Kế hoạch 405/KH-UBND", plan.url)]
    # Text not marked safe is escaped before the transforms: no markup gets through.
    assert escaped.startswith("&lt;b&gt;") and "<b>" not in escaped


def test_an_article_links_to_the_documents_it_cites(client, plan, section, make_article):
    article = make_article(
        section, "Tuyên truyền CCHC", body="Căn cứ Kế hoạch số 405/KH-UBND ngày 30/12/2021 và Quyết định 9/QĐ-UBND."
    )
    soup = BeautifulSoup(client.get(article.url).content.decode(), "html.parser")
    refs = soup.select(".rich-text a.document-ref")
    assert [(a.get_text(), a["href"]) for a in refs] == [("Kế hoạch số 405/KH-UBND", plan.url)]
    assert client.get(refs[0]["href"]).status_code == 200


def test_publishing_a_document_refreshes_cached_articles(
    client, page_store, committed, section, make_article, make_document
):
    with committed():
        article = make_article(section, "Tin", body="Theo Quyết định số 9/QĐ-UBND.")
    assert "document-ref" not in client.get(article.url).content.decode()
    with committed():
        make_document("9/QĐ-UBND", document_type="Quyết định")
    assert "document-ref" in client.get(article.url).content.decode()


def test_core_richtext_runs_transforms_in_order_and_forgets_unregistered_ones():
    richtext.register("test.first", lambda html, site: html + "1")
    richtext.register("test.second", lambda html, site: html + "2")
    try:
        assert richtext.apply("<p>x</p>").endswith("12")
    finally:
        richtext.unregister("test.first")
        richtext.unregister("test.second")
    assert richtext.apply("<p>x</p>") == "<p>x</p>"  # no digits: the documents transform is a no-op


def test_links_are_paths_on_the_documents_site_and_full_addresses_on_another(plan, home):
    """One installation, several agencies: an article on another agency's site links to the
    library with the library site's address; on the library's own site, with a path."""
    from wagtail.models import Page, Site

    other_home = Page.get_first_root_node().add_child(instance=Page(title="Sở khác", slug="so-khac"))
    other = Site.objects.create(hostname="so-khac.example.gov.vn", port=443, root_page=other_home)
    own = Site.objects.get(is_default_site=True)
    html = "<p>Theo Kế hoạch số 405/KH-UBND.</p>"

    [(_, on_own_site)] = links(link_references(html, own))
    [(_, on_other_site)] = links(link_references(html, other))

    path = plan.get_url_parts()[2]
    assert on_own_site == path
    assert on_other_site == f"http://localhost{path}"
