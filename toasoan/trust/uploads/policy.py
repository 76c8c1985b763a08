"""What staff may upload to Wagtail's images and documents, from settings: the kinds in
toasoan.core.files whose extensions WAGTAILIMAGES_EXTENSIONS / WAGTAILDOCS_EXTENSIONS list (those
lists stay what people are shown), and the size limits."""

from django.conf import settings
from wagtail.images.utils import get_allowed_image_extensions

from toasoan.core import files
from toasoan.core.files import FileKind


def _kinds(candidates: tuple[FileKind, ...], extensions) -> tuple[FileKind, ...]:
    listed = {extension.lower() for extension in extensions or ()}
    return tuple(kind for kind in candidates if listed & set(kind.extensions))


def image_kinds() -> tuple[FileKind, ...]:
    return _kinds(files.IMAGES, get_allowed_image_extensions())


def document_kinds() -> tuple[FileKind, ...]:
    return _kinds(files.DOCUMENTS, getattr(settings, "WAGTAILDOCS_EXTENSIONS", None))


def image_max_bytes() -> int | None:
    return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)


def document_max_bytes() -> int | None:
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)


def max_pixels() -> int:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None) or files.MAX_IMAGE_PIXELS
