import pytest
from django.template import Context, Template
from django.test import RequestFactory

from toasoan.core import panels


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(panels, "_panels", {})
    return panels


def test_panels_render_in_order_and_can_stay_hidden(registry, tmp_path, settings):
    (tmp_path / "p.html").write_text("<p>{{ text }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    registry.register("b", panels.Panel("home_sidebar", "p.html", lambda r: {"text": "hai"}, order=2))
    registry.register("a", panels.Panel("home_sidebar", "p.html", lambda r: {"text": "một <b>"}, order=1))
    registry.register("off", panels.Panel("home_sidebar", "p.html", lambda r: None))
    registry.register("elsewhere", panels.Panel("sidebar", "p.html", lambda r: {"text": "khác"}))
    html = Template('{% load core_tags %}{% panels "home_sidebar" %}').render(
        Context({"request": RequestFactory().get("/")})
    )
    assert html == "<p>một &lt;b&gt;</p><p>hai</p>"
