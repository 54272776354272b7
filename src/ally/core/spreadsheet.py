"""CSV cells a spreadsheet cannot run: OWASP's rule against formula injection. Pure Python.

A cell of text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`), so such a
cell is written with a leading single quote, which spreadsheets show as text. Numbers stay numbers.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet will show, never run, it."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row):
    """A dict or a sequence of cells, each made safe."""
    if isinstance(row, dict):
        return {key: safe_cell(value) for key, value in row.items()}
    return [safe_cell(value) for value in row]
