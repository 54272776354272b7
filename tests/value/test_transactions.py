"""Reading transaction CSV files: formats accepted and the errors that name the problem."""

import numpy as np
import pytest

from ally.value.stats.errors import TransactionsError
from ally.value.stats.transactions import read_transactions


def write(tmp_path, text):
    path = tmp_path / "tx.csv"
    path.write_text(text)
    return path


def test_reads_iso_yyyymmdd_and_datetime(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\nc1,2024-01-05,10.5\nc2,20240106,0\nc1,2024-01-07T10:30:00,3\n\n")
    t = read_transactions(path)
    assert t.customer_ids.tolist() == ["c1", "c2", "c1"]
    assert t.dates.tolist() == list(
        np.array(["2024-01-05", "2024-01-06", "2024-01-07"], dtype="datetime64[D]").tolist()
    )
    assert t.amounts.tolist() == [10.5, 0.0, 3.0]


def test_custom_column_names_and_delimiter(tmp_path):
    path = write(tmp_path, "who;when;value\nx;1997-01-01;1\n")
    t = read_transactions(path, id_column="who", date_column="when", amount_column="value", delimiter=";")
    assert t.customer_ids.tolist() == ["x"]


def test_optional_amounts_are_read_when_present_and_left_out_when_absent(tmp_path):
    with_amounts = read_transactions(write(tmp_path, "customer_id,date,amount\nc1,2024-01-05,2\n"), amount_optional=True)
    assert with_amounts.amounts.tolist() == [2.0]
    dates_only = read_transactions(write(tmp_path, "customer_id,date\nc1,2024-01-05\nc2,2024-01-06\n"),
                                   amount_optional=True)
    assert dates_only.amounts is None and dates_only.customer_ids.tolist() == ["c1", "c2"]
    with pytest.raises(TransactionsError, match="missing column 'amount'"):
        read_transactions(write(tmp_path, "customer_id,date\nc1,2024-01-05\n"))


def test_missing_column_is_named_with_the_columns_present(tmp_path):
    path = write(tmp_path, "customer,date,amount\nc1,2024-01-05,1\n")
    with pytest.raises(
        TransactionsError, match=r"missing column 'customer_id'; columns present: 'customer', 'date', 'amount'"
    ):
        read_transactions(path)


def test_bad_date_names_the_row(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\nc1,2024-01-05,1\nc1,05/01/2024,1\n")
    with pytest.raises(TransactionsError, match=r"row 2 \(line 3\).*'05/01/2024'.*not a date"):
        read_transactions(path)


def test_negative_amount_names_the_row(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\nc1,2024-01-05,1\nc1,2024-01-06,2\nc2,2024-01-07,-3\n")
    with pytest.raises(TransactionsError, match=r"row 3 \(line 4\).*negative amount"):
        read_transactions(path)


@pytest.mark.parametrize("amount", ["abc", "nan", "inf"])
def test_non_numeric_amount(tmp_path, amount):
    path = write(tmp_path, f"customer_id,date,amount\nc1,2024-01-05,{amount}\n")
    with pytest.raises(TransactionsError, match="row 1"):
        read_transactions(path)


def test_empty_file_and_header_only(tmp_path):
    with pytest.raises(TransactionsError, match="empty"):
        read_transactions(write(tmp_path, ""))
    with pytest.raises(TransactionsError, match="no transaction rows"):
        read_transactions(write(tmp_path, "customer_id,date,amount\n"))


def test_blank_id_and_short_row(tmp_path):
    with pytest.raises(TransactionsError, match="'customer_id' is blank"):
        read_transactions(write(tmp_path, "customer_id,date,amount\n ,2024-01-05,1\n"))
    with pytest.raises(TransactionsError, match="no value for column 'amount'"):
        read_transactions(write(tmp_path, "customer_id,date,amount\nc1,2024-01-05\n"))
