class ImportFormatError(ValueError):
    """A source that cannot be imported; the message is shown to the operator, in Vietnamese."""
