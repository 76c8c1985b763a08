"""The admin is in Vietnamese: our catalogue covers every Wagtail string and is compiled."""

import importlib.util
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"


def _load_catalogue_tool():
    path = Path(__file__).resolve().parents[3] / "scripts" / "wagtail_vi.py"
    spec = importlib.util.spec_from_file_location("wagtail_vi", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_installed_wagtail_string_has_a_vietnamese_translation(tmp_path):
    tool = _load_catalogue_tool()
    assert tool.missing(tmp_path / "missing.po") == 0


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    po = polib.pofile(str(LOCALE / f"{domain}.po"))
    mo = polib.mofile(str(LOCALE / f"{domain}.mo"))
    compiled = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in mo}
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in po.translated_entries()}
    assert compiled == source, "run: .venv/bin/python scripts/wagtail_vi.py compile"


def test_admin_login_page_is_vietnamese(client, db):
    html = client.get("/admin/login/").content.decode()
    for text in ("Đăng nhập", "Tên đăng nhập", "Mật khẩu", "Quên mật khẩu?", "Ghi nhớ đăng nhập"):
        assert text in html
    for english in ("Sign in", "Forgotten password?", "Remember me", ">Password<"):
        assert english not in html


def test_admin_dashboard_and_editor_are_vietnamese(admin_client, section, make_article):
    article = make_article(section, "Bài kiểm tra giao diện quản trị")
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Lưu bản nháp" in html
    assert "Save draft" not in html
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Chuyển đến nội dung chính" in dashboard
    assert "Skip to main content" not in dashboard
