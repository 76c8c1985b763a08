"""What is scanned, read generically: live pages (every editable text, rich text and StreamField
value, with their inline children), live snippets, site settings, documents' files, and the
models feature apps register (registry.py). Each object becomes an Item of parts to scan."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import models
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from . import registry

# Page's own fields an editor writes; the rest (path, url_path, locks...) is machinery.
PAGE_FIELDS = ("title", "seo_title", "search_description")
_SKIP_NAMES = ("slug", "password", "import_key", "search_text")
MAX_DOCUMENT_BYTES = 30 * 1024 * 1024


@dataclass
class Part:
    location: str
    kind: str  # "html", "text", "url" or "file"
    value: str = ""
    read: Callable[[], bytes] | None = None  # for files: read lazily, one at a time


@dataclass
class Item:
    obj: models.Model | None
    label: str
    url: str = ""
    parts: list[Part] = field(default_factory=list)


def _text_part(location: str, value: str) -> Part:
    looks_html = "<" in value and ">" in value
    return Part(location, "html" if looks_html else "text", value)


def _walk_stream(value, location: str, out: list[Part]) -> None:
    """Every string in a StreamField's raw data; rich text is HTML, "url"-like keys are links."""
    if isinstance(value, str):
        if value.strip():
            out.append(_text_part(location, value))
    elif isinstance(value, dict):
        block_type = value.get("type")
        if block_type is not None and "value" in value:
            _walk_stream(value["value"], f"{location}.{block_type}", out)
            return
        for key, item in value.items():
            if key == "id":
                continue
            if isinstance(item, str) and key in ("url", "link", "href", "src"):
                out.append(Part(f"{location}.{key}", "url", item))
            else:
                _walk_stream(item, f"{location}.{key}", out)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _walk_stream(item, f"{location}[{index}]", out)


def _field_parts(obj: models.Model, model_field: models.Field, prefix: str = "") -> list[Part]:
    name = f"{prefix}{model_field.name}"
    if isinstance(model_field, StreamField):
        stream = model_field.value_from_object(obj)
        parts: list[Part] = []
        # The stored form, also for values an edit form just built (their raw data is not filled yet)
        _walk_stream(model_field.stream_block.get_prep_value(stream) if stream else [], name, parts)
        return parts
    value = model_field.value_from_object(obj)
    if not isinstance(value, str) or not value.strip():
        return []
    if isinstance(model_field, RichTextField):
        return [Part(name, "html", value)]
    if isinstance(model_field, models.URLField):
        return [Part(name, "url", value)]
    if model_field.name.endswith("url") and isinstance(model_field, models.CharField):
        return [Part(name, "url", value)]
    return [_text_part(name, value)]


def _scannable(model_field: models.Field) -> bool:
    if not model_field.concrete or model_field.is_relation or not model_field.editable:
        return False
    if model_field.choices or model_field.name in _SKIP_NAMES:
        return False
    return isinstance(model_field, models.CharField | models.TextField | StreamField | RichTextField)


def object_parts(obj: models.Model, fields: tuple[str, ...] = (), prefix: str = "") -> list[Part]:
    """Parts of one object: its text fields (`fields`, or all editable ones) and inline children."""
    parts = []
    for model_field in obj._meta.get_fields():
        if fields and model_field.name not in fields:
            continue
        if not fields and not _scannable(model_field):
            continue
        if isinstance(obj, Page) and model_field.model is Page and model_field.name not in PAGE_FIELDS:
            continue
        parts += _field_parts(obj, model_field, prefix)
    if not fields and hasattr(obj, "_meta") and not prefix:
        for relation in get_all_child_relations(obj):
            manager = getattr(obj, relation.get_accessor_name(), None)
            if manager is None:
                continue
            for index, child in enumerate(manager.all()):
                parts += object_parts(child, prefix=f"{relation.get_accessor_name()}[{index}].")
    return parts


def page_item(page: Page) -> Item:
    # The object as given (an edit form's unsaved changes), unless it is a plain Page
    if page.specific_class is not None and not isinstance(page, page.specific_class):
        page = page.specific
    return Item(page, page.title, page.get_url() or "", object_parts(page))


def live_pages():
    return Page.objects.live().filter(depth__gt=1).specific().order_by("path")


def page_items() -> Iterator[Item]:
    for page in live_pages().iterator(chunk_size=100):
        yield Item(page, page.title, page.get_url() or "", object_parts(page))


def _is_live(model) -> bool:
    return any(f.name == "live" for f in model._meta.get_fields())


def snippet_items() -> Iterator[Item]:
    from wagtail.snippets.models import get_snippet_models

    for model in get_snippet_models():
        queryset = model._default_manager.all()
        if _is_live(model):
            queryset = queryset.filter(live=True)
        for obj in queryset.iterator(chunk_size=100):
            yield Item(obj, f"{model._meta.verbose_name}: {obj}", _absolute_url(obj), object_parts(obj))


def setting_items() -> Iterator[Item]:
    from wagtail.contrib.settings.registry import registry as settings_registry

    for model in settings_registry:
        for obj in model._default_manager.all():
            yield Item(obj, str(model._meta.verbose_name), "", object_parts(obj))


def document_item(document) -> Item:
    def read() -> bytes:
        if (getattr(document, "file_size", None) or 0) > MAX_DOCUMENT_BYTES:
            return b""
        with document.file.open("rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1)

    parts = [Part("title", "text", document.title)]
    if document.file:
        parts.append(Part(document.file.name, "file", read=read))
    return Item(document, f"Tài liệu: {document.title}", document.url or "", parts)


def document_items() -> Iterator[Item]:
    from wagtail.documents import get_document_model

    for document in get_document_model().objects.order_by("pk").iterator(chunk_size=100):
        yield document_item(document)


def registered_item(registration: registry.Registration, obj: models.Model) -> Item:
    url = registration.url(obj) if registration.url else _absolute_url(obj)
    label = f"{registration.model._meta.verbose_name}: {obj}"
    return Item(obj, label[:255], url or "", object_parts(obj, registration.fields))


def registered_items() -> Iterator[Item]:
    for registration in registry.registrations():
        for obj in registration.queryset().iterator(chunk_size=100):
            yield registered_item(registration, obj)


def item_for(obj: models.Model) -> Item | None:
    """The item of one saved object (on-save scans), or None when it is not scanned."""
    from wagtail.documents import get_document_model
    from wagtail.snippets.models import get_snippet_models

    if isinstance(obj, Page):
        return page_item(obj)
    if isinstance(obj, get_document_model()):
        return document_item(obj)
    registration = registry.registration_for(obj)
    if registration is not None:
        return registered_item(registration, obj)
    if type(obj) in get_snippet_models():
        return Item(obj, f"{obj._meta.verbose_name}: {obj}", _absolute_url(obj), object_parts(obj))
    from wagtail.contrib.settings.registry import registry as settings_registry

    if type(obj) in list(settings_registry):
        return Item(obj, str(obj._meta.verbose_name), "", object_parts(obj))
    return None


def _absolute_url(obj) -> str:
    getter = getattr(obj, "get_absolute_url", None)
    if getter is None:
        return ""
    try:
        return getter() or ""
    except Exception:  # a URL that cannot be built must not stop the scan
        return ""


def all_items() -> Iterator[Item]:
    yield from page_items()
    yield from snippet_items()
    yield from setting_items()
    yield from registered_items()
    yield from document_items()
