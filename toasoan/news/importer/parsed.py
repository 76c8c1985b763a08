"""What the HTML and WXR readers hand to the store: an article before its media are resolved."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class MediaRef:
    """An image or file the old page points at: its URL as written (absolute when it could be made so)."""

    url: str
    alt: str = ""  # images: alternative text; files: the link's label
    caption: str = ""


@dataclass
class ParsedArticle:
    title: str
    date: datetime.date
    # Cleaned HTML: only paragraphs, headings, lists, tables, links and <img> (media still old URLs).
    body_html: str
    key: str  # identity across re-runs: the old URL, or the WXR guid
    author: str = ""
    sapo: str = ""
    section: str = ""  # empty: the command's --section
    tags: tuple[str, ...] = ()
    source_url: str = ""
    old_urls: tuple[str, ...] = ()  # each gets a redirect to the new page
    featured_image: MediaRef | None = None
    attachments: tuple[MediaRef, ...] = ()
    publish: bool = True
    # Where relative media paths are looked up first (the saved page's folder).
    base_dir: Path | None = None
    # Resized WordPress copies ("anh-1024x683.jpg") resolved to their original file.
    media_aliases: dict[str, str] = field(default_factory=dict)
