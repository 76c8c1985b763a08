"""Named selector sets for the old portals agencies move from. Add one here, or pass a TOML/JSON file
(`--presets FILE`) whose tables are named presets with the same keys as Selectors."""

import json
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .errors import ImportFormatError
from .html_format import Selectors


@dataclass(frozen=True)
class Preset:
    name: str
    label: str  # Vietnamese, shown by --list-presets
    selectors: Selectors


PRESETS: dict[str, Preset] = {}


def register(preset: Preset) -> Preset:
    PRESETS[preset.name] = preset
    return preset


# The seed's portal: the Thừa Thiên Huế departments' sites (URLs like /?gd=1&cn=28&tc=1). Title, then
# "Ngày cập nhật dd/mm/yyyy", the body, a right-aligned byline, then "Các tin khác".
register(
    Preset(
        "thuathienhue",
        "Trang tin các sở, ngành tỉnh Thừa Thiên Huế (dạng ?gd=&cn=&tc=)",
        Selectors(
            title=".news-detail .news-title",
            date=".news-detail .news-date",
            body=".news-detail .news-content",
            author='.news-content > p[style*="right"]:last-of-type',
            sapo=".news-detail .news-sapo",
            section=".breadcrumb-cn a:last-of-type",
            image='meta[property="og:image"]',
            attachments=".news-attach a",
            remove=(".news-tools", ".other-news", ".share-box"),
        ),
    )
)

# SharePoint 2013 publishing pages, common on provincial portals of the 2010s: rich-text field
# controls (.ms-rtestate-field), "Thứ Hai, 10/01/2022 08:30" dates, tags and files below the body.
register(
    Preset(
        "sharepoint",
        "Cổng thông tin điện tử trên nền SharePoint (ms-rtestate-field)",
        Selectors(
            title=".article-detail h1.article-title",
            date=".article-detail .article-date",
            body=".article-detail .article-content .ms-rtestate-field",
            author=".article-detail .article-author",
            sapo=".article-detail .article-summary",
            section=".ms-breadcrumb a:last-of-type",
            tags=".article-detail .article-tags a",
            image='meta[property="og:image"]',
            attachments=".article-detail .article-attachments a",
            remove=(".ms-rteCustom-share", ".related-news", ".print-email"),
        ),
    )
)

# Liferay 6.2/7 portals (asset publisher, web content articles): "12-01-2022 | 14:05" dates,
# the sapo inside the journal article, tags in taglib-asset-tags-summary.
register(
    Preset(
        "liferay",
        "Cổng thông tin điện tử trên nền Liferay (journal-content-article)",
        Selectors(
            title=".asset-full-content .header-title",
            date=".asset-full-content .date-display",
            body=".journal-content-article .content-detail",
            author=".journal-content-article .author",
            sapo=".journal-content-article .sapo",
            section=".breadcrumb li.active",
            tags=".taglib-asset-tags-summary .tag",
            image='meta[property="og:image"]',
            attachments=".journal-content-article .attachments a",
            remove=(".taglib-social-bookmarks", ".asset-ratings", ".print-action", ".related-assets"),
        ),
    )
)

# A starting point for an unknown portal: semantic markup and Open Graph metadata.
register(
    Preset(
        "generic",
        "Trang HTML chung (h1, time/og, article)",
        Selectors(
            title="h1",
            date='time[datetime], meta[property="article:published_time"], .date, .time',
            body="article, .content, #content, main",
            author='meta[name="author"], .author',
            sapo='meta[name="description"]',
        ),
    )
)

_SELECTOR_KEYS = {f.name for f in fields(Selectors)}


def load_presets_file(path: Path) -> None:
    """Register the presets a TOML or JSON file describes: {name: {label?, title, date, body, …}}."""
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8")) if path.suffix.lower() == ".toml" else json.loads(raw)
    except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise ImportFormatError(f"Không đọc được tệp mẫu bộ chọn {path}: {exc}") from None
    if not isinstance(data, dict):
        raise ImportFormatError(f"Tệp mẫu bộ chọn {path} phải là một bảng tên → bộ chọn.")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ImportFormatError(f"Mẫu “{name}” trong {path} phải là một bảng.")
        unknown = set(table) - _SELECTOR_KEYS - {"label"}
        if unknown:
            raise ImportFormatError(f"Mẫu “{name}”: khóa không biết: {', '.join(sorted(unknown))}.")
        values = {k: v for k, v in table.items() if k in _SELECTOR_KEYS}
        if "remove" in values:
            values["remove"] = tuple(values["remove"])
        selectors = Selectors(**values)
        selectors.validate()
        register(Preset(name, str(table.get("label", name)), selectors))


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        known = ", ".join(sorted(PRESETS))
        raise ImportFormatError(f"Không có mẫu bộ chọn “{name}”. Các mẫu có sẵn: {known}.") from None
