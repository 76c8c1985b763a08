"""Images and files of imported articles: found on disk (never fetched), stored once per content.

An old URL maps to a file by its path: https://old.gov.vn/Uploads/2022/anh.jpg is looked up as
Uploads/2022/anh.jpg, then 2022/anh.jpg, then anh.jpg, under each --media-root; a relative src is
first looked up next to the saved page. Content is hashed (Wagtail's own file_hash), so the same
picture used by ten articles, or imported by three runs, is one Wagtail image.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from django.conf import settings
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions
from wagtail.utils.file import hash_filelike

from toasoan.core import files

from .errors import ImportFormatError

# WordPress serves resized copies ("anh-1024x683.jpg") of the uploaded original ("anh.jpg").
WP_RESIZED = re.compile(r"-\d{2,5}x\d{2,5}(?=\.[A-Za-z0-9]+$)")


def document_extensions() -> set[str]:
    return {e.lower() for e in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or ["pdf", "doc", "docx"]}


def _sanitised(handle, path: Path, kinds, max_size: int | None):
    handle.seek(0)
    try:
        _, clean = files.sanitise(handle, kinds=kinds, max_bytes=max_size, name=path.name)
    except files.UploadRefused as refused:
        if refused.code == "broken_image":
            raise ImportFormatError(f"tệp ảnh hỏng ({path.name}).") from None
        raise ImportFormatError(refused.messages[0]) from None
    clean.seek(0)
    return clean


def is_document_url(url: str) -> bool:
    suffix = PurePosixPath(unquote(urlparse(url).path)).suffix.lower().lstrip(".")
    return suffix in document_extensions()


@dataclass
class MediaLibrary:
    roots: Sequence[Path] = ()
    # Images and documents made or found in this run, by file path: one hash per file per run.
    _images: dict[Path, object] = field(default_factory=dict)
    _documents: dict[Path, object] = field(default_factory=dict)
    # Files written to storage for the article in progress: a rollback leaves no orphan behind.
    _written: list = field(default_factory=list)

    def _inside(self, candidate: Path, folder: Path) -> bool:
        try:
            return candidate.is_file() and candidate.resolve().is_relative_to(folder.resolve())
        except OSError:
            return False

    def find(self, url: str, base_dir: Path | None = None) -> Path | None:
        """The file on disk an old URL or path stands for, or None. Never leaves the allowed folders."""
        if not url or url.startswith("data:"):
            return None
        parsed = urlparse(url)
        raw_path = unquote(parsed.path)
        if not parsed.scheme and not raw_path.startswith("/") and base_dir is not None:
            candidate = base_dir / raw_path
            if self._inside(candidate, base_dir):
                return candidate
        parts = [p for p in raw_path.split("/") if p and p not in (".", "..")]
        names = [parts]
        if parts and WP_RESIZED.search(parts[-1]):
            names.insert(0, parts[:-1] + [WP_RESIZED.sub("", parts[-1])])  # the original, not the copy
        for root in self.roots:
            for name_parts in names:
                for start in range(len(name_parts)):
                    candidate = root.joinpath(*name_parts[start:])
                    if self._inside(candidate, root):
                        return candidate
        return None

    def image(self, path: Path, *, alt: str = "", title: str = ""):
        """A Wagtail image for this file: an existing one with the same content, or a new one."""
        if path in self._images:
            return self._images[path]
        extension = path.suffix.lower().lstrip(".")
        if extension not in get_allowed_image_extensions():
            raise ImportFormatError(f"định dạng ảnh không được hỗ trợ ({path.name}).")
        max_size = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
        if max_size and path.stat().st_size > max_size:
            raise ImportFormatError(f"ảnh quá lớn ({path.name}).")
        Image = get_image_model()
        with path.open("rb") as handle:
            digest = hash_filelike(handle)
            existing = Image.objects.filter(file_hash=digest).first()
            if existing is None:
                # Checked by content and re-encoded like an admin upload (toasoan.core.files); the
                # original's hash stays the key that finds it again on the next run.
                clean = _sanitised(handle, path, files.IMAGES, max_size)
                existing = Image(title=(title or alt or path.stem)[:255], description=alt[:255])
                existing.file.save(clean.name, clean, save=False)
                existing.file_hash = digest
                existing.file_size = clean.size
                self._written.append((existing.file.storage, existing.file.name))
                existing.save()
            elif alt and not existing.description:
                existing.description = alt[:255]
                existing.save(update_fields=["description"])
        self._images[path] = existing
        return existing

    def document(self, path: Path, *, title: str = ""):
        if path in self._documents:
            return self._documents[path]
        if path.suffix.lower().lstrip(".") not in document_extensions():
            raise ImportFormatError(f"loại tệp không được phép đính kèm ({path.name}).")
        max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
        if max_size and path.stat().st_size > max_size:
            raise ImportFormatError(f"tệp đính kèm quá lớn ({path.name}).")
        Document = get_document_model()
        with path.open("rb") as handle:
            digest = hash_filelike(handle)
            existing = Document.objects.filter(file_hash=digest).first()
            if existing is None:
                kinds = [kind for kind in files.DOCUMENTS if set(kind.extensions) & document_extensions()]
                clean = _sanitised(handle, path, kinds, max_size)
                existing = Document(title=(title or path.stem)[:255])
                existing.file.save(clean.name, clean, save=False)
                existing.file_hash = digest
                existing.file_size = path.stat().st_size
                self._written.append((existing.file.storage, existing.file.name))
                existing.save()
        self._documents[path] = existing
        return existing

    def committed(self) -> None:
        """The article in progress was saved: its files stay."""
        self._written.clear()

    def forget(self) -> None:
        """After a rolled-back article: its rows are gone, so are the files written for them, and the
        rows cached here may no longer exist."""
        for storage, name in self._written:
            storage.delete(name)
        self._written.clear()
        self._images.clear()
        self._documents.clear()
