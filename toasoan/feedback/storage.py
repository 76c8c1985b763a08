"""Private storage for attachments: a directory outside the public media root, read from settings
at each use (tests point it elsewhere). Files are fsynced before the database commit that refers
to them, so a committed row never points at a file still sitting in the page cache."""

import os
from pathlib import Path

from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from . import conf


@deconstructible
class PrivateStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(location=None, base_url=None, directory_permissions_mode=0o700, file_permissions_mode=0o600)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return conf.private_media_root()

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(conf.private_media_root())

    def url(self, name: str | None) -> str:
        raise ValueError("Tệp riêng tư không có địa chỉ công khai.")

    def _save(self, name: str, content) -> str:
        name = super()._save(name, content)
        path = Path(self.path(name))
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        return name


private_storage = PrivateStorage()
