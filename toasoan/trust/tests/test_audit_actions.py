"""Every action the code logs is registered once, with a Vietnamese label: the report's action
filter and its CSV then name it in Vietnamese, never as a raw code."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from wagtail.log_actions import registry

import toasoan

SOURCE = Path(toasoan.__file__).parent
# ACTION = "app.thing", action="app.thing", log(x, "app.thing", ...), and LOG_ACTIONS dict keys.
PATTERNS = [
    re.compile(r"\b[A-Z_]*ACTION\s*=\s*\"([a-z_]+(?:\.[a-z_]+)+)\""),
    re.compile(r"\baction\s*=\s*\"([a-z_]+(?:\.[a-z_]+)+)\""),
    re.compile(r"\blog\(\s*[\w.]+\s*,\s*\"([a-z_]+(?:\.[a-z_]+)+)\""),
    re.compile(r"^\s*\"([a-z_]+(?:\.[a-z_]+)+)\"\s*:\s*\(\"", re.MULTILINE),
]
# Vietnamese letters with diacritics (and đ): a label made only of ASCII letters is English.
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)


def logged_actions() -> dict[str, str]:
    """Action names written in the project's code, with the file that logs each."""
    found: dict[str, str] = {}
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            for name in pattern.findall(text):
                found.setdefault(name, str(path.relative_to(SOURCE.parent)))
    return found


def test_the_scan_finds_the_known_actions():
    found = logged_actions()
    for name in ("feedback.assign", "procedures.import", "consultation.comment.reject", "newsletter.digest.send"):
        assert name in found


@pytest.mark.parametrize("name, where", sorted(logged_actions().items()))
def test_every_logged_action_is_registered(name, where):
    if name.startswith("wagtail."):
        assert registry.action_exists(name), f"{name} ({where}) is not one of Wagtail's actions"
        return
    assert registry.action_exists(name), f"{name} is logged in {where} but not registered (register_log_actions)"


def test_each_action_is_registered_once():
    names = [name for name, _ in registry.get_choices()]
    doubles = sorted({name for name in names if names.count(name) > 1})
    assert not doubles, f"registered twice (the action filter would list them twice): {doubles}"


def test_every_label_is_vietnamese():
    with translation.override("vi"):
        labels = {name: str(label) for name, label in registry.get_choices()}
    with translation.override("en"):
        english = {name: str(label) for name, label in registry.get_choices()}
    untranslated = sorted(
        name for name, label in labels.items() if label == english[name] and not VIETNAMESE.search(label)
    )
    assert not untranslated, f"actions without a Vietnamese label: {untranslated}"
