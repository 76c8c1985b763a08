"""Test helpers for the audit coverage tests: submit admin forms as a browser would.

`form_post(response)` reads the form a real admin view rendered (its inputs, selects, textareas,
formset management forms) and the StreamFields, which Wagtail draws in JavaScript from a JSON
state, and returns the POST a browser would send; `fill_required` puts a plausible value in every
required field still empty, so a model added later is exercised without writing its form by hand.
"""

import datetime
import json

from bs4 import BeautifulSoup
from django import forms
from django.http import HttpResponse
from wagtail import blocks
from wagtail.blocks.base import BlockField

TEXT = "Nội dung thử nhật ký"


def rich_text(text: str) -> str:
    block = {"key": "a1b2c", "text": text, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
    return json.dumps({"blocks": [block], "entityMap": {}})


def _main_form(soup: BeautifulSoup):
    """The admin form being edited: the POST form with the most fields (not search or logout)."""
    candidates = [f for f in soup.find_all("form") if (f.get("method") or "").lower() == "post"]
    if not candidates:
        raise AssertionError("no POST form on the page")
    return max(candidates, key=lambda f: len(f.find_all(["input", "select", "textarea"])))


def _inside_template(tag) -> bool:
    return any(parent.name == "template" for parent in tag.parents)


def scrape(html: str) -> dict[str, list[str]]:
    """The values a browser submits for the main form: what is in the page, nothing guessed."""
    form = _main_form(BeautifulSoup(html, "html.parser"))
    data: dict[str, list[str]] = {}
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name or tag.has_attr("disabled") or _inside_template(tag):
            continue
        if tag.name == "input":
            kind = (tag.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                continue
            if kind in {"checkbox", "radio"}:
                if tag.has_attr("checked"):
                    data.setdefault(name, []).append(tag.get("value", "on"))
                continue
            data.setdefault(name, []).append(tag.get("value", ""))
        elif tag.name == "textarea":
            data.setdefault(name, []).append(tag.text.lstrip("\n"))
        else:
            options = tag.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not tag.has_attr("multiple"):
                chosen = options[:1]
            data.setdefault(name, []).extend(o.get("value", o.text) for o in chosen)
    return data


def block_post(block: blocks.Block, state, prefix: str, out: dict[str, list[str]]) -> None:
    """The inputs Wagtail's block editor would submit for a block's form state."""
    if isinstance(block, blocks.StreamBlock):
        items = state or []
        out[f"{prefix}-count"] = [str(len(items))]
        for i, item in enumerate(items):
            out[f"{prefix}-{i}-type"] = [item["type"]]
            out[f"{prefix}-{i}-id"] = [item.get("id") or ""]
            out[f"{prefix}-{i}-order"] = [str(i)]
            out[f"{prefix}-{i}-deleted"] = [""]
            block_post(block.child_blocks[item["type"]], item["value"], f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.ListBlock):
        items = state or []
        out[f"{prefix}-count"] = [str(len(items))]
        for i, item in enumerate(items):
            value = item["value"] if isinstance(item, dict) and "value" in item else item
            out[f"{prefix}-{i}-id"] = [(item.get("id") if isinstance(item, dict) else "") or ""]
            out[f"{prefix}-{i}-order"] = [str(i)]
            out[f"{prefix}-{i}-deleted"] = [""]
            block_post(block.child_block, value, f"{prefix}-{i}-value", out)
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            block_post(child, (state or {}).get(name), f"{prefix}-{name}", out)
    elif isinstance(state, bool):
        if state:
            out[prefix] = ["on"]
    elif isinstance(state, dict):
        out[prefix] = [str(state.get("id", ""))]
    elif isinstance(state, list | tuple):
        out[prefix] = [str(v) for v in state]
    elif state is not None:
        out[prefix] = [str(state)]


def _sample_block_state(block: blocks.Block):
    """A minimal valid form state for a required block (one text-like child for streams)."""
    if isinstance(block, blocks.StreamBlock):
        for name, child in block.child_blocks.items():
            if isinstance(child, blocks.RichTextBlock | blocks.CharBlock | blocks.TextBlock):
                return [{"type": name, "value": _sample_block_state(child), "id": ""}]
        name, child = next(iter(block.child_blocks.items()))
        return [{"type": name, "value": _sample_block_state(child), "id": ""}]
    if isinstance(block, blocks.ListBlock):
        return [{"value": _sample_block_state(block.child_block), "id": ""}]
    if isinstance(block, blocks.StructBlock):
        return {name: _sample_block_state(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(TEXT)
    if isinstance(block, blocks.URLBlock):
        return "https://example.gov.vn/"
    if isinstance(block, blocks.DateBlock):
        return datetime.date(2026, 1, 5).isoformat()
    if isinstance(block, blocks.BooleanBlock):
        return False
    if isinstance(block, blocks.CharBlock | blocks.TextBlock):
        return TEXT
    return None


def form_post(response: HttpResponse) -> dict[str, list[str]]:
    """What a browser submits for the admin form `response` rendered, StreamFields included."""
    data = scrape(response.content.decode())
    form = response.context["form"]
    for name, field in form.fields.items():
        if isinstance(field, BlockField):
            for key in [k for k in data if k == name or k.startswith(f"{name}-")]:
                del data[key]
            block_post(field.block, field.block.get_form_state(form[name].value()), name, data)
    return data


def _sample(name: str, field: forms.Field, serial: int):
    if isinstance(field, BlockField):
        return None
    if isinstance(field, forms.ModelMultipleChoiceField | forms.ModelChoiceField):
        first = field.queryset.first()
        if first is None:
            raise AssertionError(f"required field {name!r}: no {field.queryset.model.__name__} to choose")
        return [str(first.pk)]
    if isinstance(field, forms.ChoiceField):
        values = [str(v) for v, _ in field.choices if v not in ("", None) and not isinstance(_, list | tuple)]
        return values[:1]
    if isinstance(field, forms.BooleanField):
        return ["on"]
    if isinstance(field, forms.EmailField):
        return [f"nhatky{serial}@example.gov.vn"]
    if isinstance(field, forms.URLField):
        return ["https://example.gov.vn/"]
    if isinstance(field, forms.SlugField) or name == "slug":
        return [f"nhat-ky-{serial}"]
    if isinstance(field, forms.DateTimeField):
        return [field.widget.format_value(datetime.datetime(2026, 1, 5, 8, 30))]
    if isinstance(field, forms.DateField):
        return [field.widget.format_value(datetime.date(2026, 1, 5))]
    if isinstance(field, forms.TimeField):
        return [field.widget.format_value(datetime.time(8, 30))]
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return ["1"]
    if "Draftail" in type(field.widget).__name__:
        return [rich_text(f"{TEXT} {serial}")]
    return [f"{TEXT} {serial}"]


def fill_required(response: HttpResponse, data: dict[str, list[str]], serial: int = 1) -> dict[str, list[str]]:
    """Give every required field that is still empty a plausible value, in the form and in the
    inline forms it shows (a poll's options)."""
    form = response.context["form"]
    _fill(form, data, serial)
    for formset in getattr(form, "formsets", {}).values():
        for inline in formset.forms:
            _fill(inline, data, serial)
    return data


def _fill(form: forms.BaseForm, data: dict[str, list[str]], serial: int) -> None:
    for bare, field in form.fields.items():
        name = form.add_prefix(bare)
        if not field.required or any(v.strip() for v in data.get(name, [])):
            continue
        if isinstance(field, BlockField):
            if data.get(f"{name}-count", ["0"]) == ["0"]:
                block_post(field.block, _sample_block_state(field.block), name, data)
            continue
        if isinstance(field, forms.FileField):
            continue
        value = _sample(bare, field, serial)
        if value:
            data[name] = value
