"""Share links that load nothing from other sites until the reader clicks them.

Facebook: its documented sharer URL. Zalo: its social plugin needs the SDK script
(sp.zalo.me/plugins/sdk.js), an iframe and an Official Account id; the plugin's button only opens
`share_external` with the page URL as base64 JSON in `d`, so we link there directly: no script,
no iframe, no OA id. If Zalo changes that address, only ZALO_SHARE_URL changes (docs/discovery.md)."""

import base64
import json
from dataclasses import dataclass
from urllib.parse import urlencode

FACEBOOK_SHARE_URL = "https://www.facebook.com/sharer/sharer.php"
ZALO_SHARE_URL = "https://button-share.zalo.me/share_external"


@dataclass(frozen=True)
class ShareLinks:
    url: str
    title: str
    facebook: str
    zalo: str


def facebook_link(url: str) -> str:
    return f"{FACEBOOK_SHARE_URL}?{urlencode({'u': url})}"


def zalo_link(url: str) -> str:
    payload = base64.b64encode(json.dumps({"url": url}, separators=(",", ":")).encode()).decode()
    return f"{ZALO_SHARE_URL}?{urlencode({'layout': 1, 'color': 'blue', 'customize': 'false', 'd': payload})}"


def share_links(url: str, title: str) -> ShareLinks:
    return ShareLinks(url=url, title=title, facebook=facebook_link(url), zalo=zalo_link(url))
