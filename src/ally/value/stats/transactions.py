"""Read a transactions CSV file into plain arrays (customer id, date, amount).

Each row is one transaction. Dates may be ISO 8601 (``1997-01-18``, optionally followed by a
time, ``1997-01-18T10:30:00`` or ``1997-01-18 10:30``; only the day is kept) or ``YYYYMMDD``.
Problems raise :class:`~ally.value.stats.errors.TransactionsError` naming the column or row; row
numbers count data rows from 1 (the header is not a row) and the file line is given too.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ally.value.stats.errors import TransactionsError


@dataclass(frozen=True)
class Transactions:
    """Transactions as parallel arrays: ``customer_ids`` (str), ``dates`` (datetime64[D]),
    ``amounts`` (float64, or None for a file without amounts)."""

    customer_ids: np.ndarray
    dates: np.ndarray
    amounts: np.ndarray | None


def read_transactions(
    path: str | Path,
    *,
    id_column: str = "customer_id",
    date_column: str = "date",
    amount_column: str = "amount",
    amount_optional: bool = False,
    delimiter: str = ",",
) -> Transactions:
    """Read ``path`` (a CSV file with a header row) into :class:`Transactions`.

    With ``amount_optional``, a file without ``amount_column`` is read as dates only (``amounts`` is
    None): enough for the purchase models, not for spend. Raises :class:`TransactionsError` when the
    file is empty or has no data rows, a named column is missing (the message lists the columns
    present), a customer id is blank, a date cannot be parsed or an amount is not a non-negative
    number (the message gives the row).
    """
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        header = next(reader, None)
        if header is None:
            raise TransactionsError(f"{path}: the file is empty")
        header = [name.strip() for name in header]
        with_amounts = not amount_optional or amount_column in header
        names = (id_column, date_column, amount_column) if with_amounts else (id_column, date_column)
        columns = [_column_index(header, name, path) for name in names]
        ids, dates, amounts = [], [], []
        for row_number, row in enumerate(reader, start=1):
            if not any(cell.strip() for cell in row):
                continue  # blank lines (often a trailing one) are not transactions
            where = f"{path}: row {row_number} (line {reader.line_num})"
            cells = [_cell(row, i, header[i], where) for i in columns]
            if not cells[0]:
                raise TransactionsError(f"{where}: column {id_column!r} is blank")
            ids.append(cells[0])
            dates.append(_parse_date(cells[1], date_column, where))
            if with_amounts:
                amounts.append(_parse_amount(cells[2], amount_column, where))
    if not ids:
        raise TransactionsError(f"{path}: the file has a header but no transaction rows")
    return Transactions(
        customer_ids=np.array(ids, dtype=str),
        dates=np.array(dates, dtype="datetime64[D]"),
        amounts=np.array(amounts, dtype=np.float64) if with_amounts else None,
    )


def _column_index(header: list[str], name: str, path: str | Path) -> int:
    """Position of column ``name`` in ``header``, or a TransactionsError listing what is there."""
    try:
        return header.index(name)
    except ValueError:
        present = ", ".join(repr(h) for h in header)
        raise TransactionsError(f"{path}: missing column {name!r}; columns present: {present}") from None


def _cell(row: list[str], index: int, column: str, where: str) -> str:
    """The stripped cell ``index`` of ``row``, or a TransactionsError if the row is too short."""
    if index >= len(row):
        raise TransactionsError(f"{where}: no value for column {column!r} (the row has {len(row)} fields)")
    return row[index].strip()


def _parse_date(text: str, column: str, where: str) -> dt.date:
    """Parse ISO 8601 (date, or date and time) or YYYYMMDD into a date."""
    try:
        if len(text) == 8 and text.isdigit():
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise TransactionsError(
            f"{where}: column {column!r} has {text!r}, which is not a date (use YYYY-MM-DD or YYYYMMDD)"
        ) from None


def _parse_amount(text: str, column: str, where: str) -> float:
    """Parse a finite, non-negative amount."""
    try:
        value = float(text)
    except ValueError:
        raise TransactionsError(f"{where}: column {column!r} has {text!r}, which is not a number") from None
    if not np.isfinite(value):
        raise TransactionsError(f"{where}: column {column!r} has {text!r}, which is not a finite number")
    if value < 0:
        raise TransactionsError(f"{where}: column {column!r} has a negative amount ({text})")
    return value
