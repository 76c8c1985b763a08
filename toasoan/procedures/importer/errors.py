class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why, in Vietnamese."""
