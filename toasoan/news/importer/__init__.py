"""Article importer: reads old portals' pages (seed text format) and JSON Lines into news articles."""

from .errors import ImportFormatError
from .runner import ImportReport, import_paths

__all__ = ["ImportFormatError", "ImportReport", "import_paths"]
