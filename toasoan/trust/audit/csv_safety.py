"""CSV for spreadsheets: a byte order mark so Excel reads UTF-8 (Vietnamese), and cells that
cannot run as formulas (OWASP "CSV injection")."""

BOM = "\ufeff".encode()

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape(value):
    """The value, with a leading apostrophe if a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
