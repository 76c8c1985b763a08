"""Reading the procedure lists agencies keep (CSV or Excel) and checking every row.

reading.py turns a file into rows of cells, columns.py finds the columns by their Vietnamese
headers, rows.py checks each row and says why a bad one is bad. Nothing here writes to the
database: services.procedures_import does, row by row."""

from .columns import COLUMNS, Column
from .errors import ImportFileError
from .reading import Table, read_table
from .rows import ProcedureRow, RowError, validate_table

__all__ = [
    "COLUMNS",
    "Column",
    "ImportFileError",
    "ProcedureRow",
    "RowError",
    "Table",
    "read_table",
    "validate_table",
]
