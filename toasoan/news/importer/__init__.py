"""Article importer: old portals' pages (seed text format, saved HTML), JSON Lines and WordPress WXR
exports into news articles."""

from .errors import ImportFormatError
from .runner import ImportOptions, ImportReport, import_paths

__all__ = ["ImportFormatError", "ImportOptions", "ImportReport", "import_paths"]
