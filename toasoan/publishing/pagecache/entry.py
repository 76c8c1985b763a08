"""A cached response: the body in three encodings plus the headers to replay on a hit."""

import gzip
import hashlib
import json
from dataclasses import dataclass, field

import brotli

# File extension of each cacheable content type: nginx picks the Content-Type from it.
EXTENSIONS = {
    "text/html": "html",
    "application/rss+xml": "rss",
    "application/atom+xml": "atom",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/json": "json",
    "text/plain": "txt",
}
# Headers the cache sets itself, or that must never be replayed to another reader.
_NOT_REPLAYED = {
    "content-length",
    "content-encoding",
    "etag",
    "last-modified",
    "vary",
    "date",
    "server",
    "set-cookie",
    "x-cache",
    "connection",
    "transfer-encoding",
}


@dataclass
class Entry:
    content_type: str
    body: bytes
    gzip: bytes
    brotli: bytes
    etag: str
    last_modified: float  # Unix time of rendering
    headers: list[tuple[str, str]] = field(default_factory=list)
    # (cache app, `headers` as it serves them), worked out on first use; never stored.
    replayed: tuple[object, list[tuple[str, str]]] | None = field(default=None, compare=False, repr=False)

    @property
    def extension(self) -> str:
        return extension_for(self.content_type) or "html"

    @property
    def size(self) -> int:
        return len(self.body) + len(self.gzip) + len(self.brotli)

    def meta(self) -> bytes:
        return json.dumps(
            {
                "content_type": self.content_type,
                "etag": self.etag,
                "last_modified": self.last_modified,
                "headers": self.headers,
            }
        ).encode()

    @classmethod
    def from_parts(cls, meta: bytes, body: bytes, gzip_body: bytes, brotli_body: bytes) -> "Entry":
        data = json.loads(meta)
        return cls(
            content_type=data["content_type"],
            body=body,
            gzip=gzip_body,
            brotli=brotli_body,
            etag=data["etag"],
            last_modified=data["last_modified"],
            headers=[tuple(h) for h in data["headers"]],
        )


def extension_for(content_type: str) -> str | None:
    return EXTENSIONS.get(content_type.split(";", 1)[0].strip().lower())


def build(body: bytes, headers: list[tuple[str, str]], now: float) -> Entry:
    """Compress once, at store time, so every hit is served precompressed.

    Brotli quality 5: on a 14 KB home page it takes 1 ms for 2.2 KB, where quality 11 takes 14 ms
    for 2.0 KB. Every page is re-rendered after a publish, so the miss must stay cheap."""
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "text/html; charset=utf-8")
    return Entry(
        content_type=content_type,
        body=body,
        gzip=gzip.compress(body, compresslevel=6, mtime=0),
        brotli=brotli.compress(body, quality=5),
        # Weak: one validator for the three encodings of the same content.
        etag=f'W/"{hashlib.sha256(body).hexdigest()[:32]}"',
        last_modified=float(int(now)),
        headers=[(k, v) for k, v in headers if k.lower() not in _NOT_REPLAYED and k.lower() != "content-type"],
    )
