"""`ally value`: fitting a workspace (now, or only when stale), reading the results, and the analyst's
fit of a transactions file without any workspace."""

import csv
import datetime as dt
import json
import random

import pytest
from django.utils import timezone

from ally.value.models import CustomerValue, ValueFit

# ---- a workspace ---------------------------------------------------------------------------------

def test_fitting_a_workspace_confirms_in_one_line(ally_command, workspace, customer_base):
    customer_base(30)
    result = ally_command("value", "fit", "-w", "acme")
    assert result.exit_code == 0, result.output
    fit = ValueFit.objects.get()
    assert result.output.strip() == (f"acme: fitted BG/NBD on 30 customers and {fit.purchases:,} purchases in USD "
                                      f"up to {fit.calibration_end} in {fit.seconds:.1f} s.")
    assert CustomerValue.objects.count() == 30


def test_fitting_with_json_and_another_model(ally_command, workspace, customer_base):
    customer_base(30)
    result = ally_command("value", "fit", "--model", "paretonbd", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["outcome"] == "fitted" and body["fit"]["model"] == "paretonbd"
    assert set(body["fit"]["params"]) == {"r", "alpha", "s", "beta"} and body["fit"]["data"]["customers"] == 30


def test_if_stale_fits_only_when_the_fit_is_stale(ally_command, workspace, customer_base, alice, buy):
    customer_base(30)
    # never fitted: stale
    assert json.loads(ally_command("value", "fit", "--if-stale", "--json").output)["outcome"] == "fitted"
    # just fitted: nothing to do
    result = ally_command("value", "fit", "--if-stale")
    assert result.exit_code == 0 and result.output.strip() == "acme: the fit is up to date; nothing to do."
    # purchases changed and the fit is more than a day old: refitted
    buy(alice, 0)
    ValueFit.objects.update(fitted_at=timezone.now() - dt.timedelta(days=1, minutes=1))
    assert json.loads(ally_command("value", "fit", "--if-stale", "--json").output)["outcome"] == "fitted"
    assert ValueFit.objects.count() == 2


def test_a_workspace_that_cannot_be_fitted_is_one_error_line(ally_command, workspace, customer_base):
    customer_base(3)
    result = ally_command("value", "fit")
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: acme: too few customers to fit lifetime value: 3 customers")
    bad = ally_command("value", "fit", "--model", "magic")
    assert bad.exit_code == 1 and bad.output.strip() == "error: model: must be one of bgnbd, paretonbd, not 'magic'"


def test_file_options_are_refused_for_a_workspace_fit(ally_command, workspace):
    result = ally_command("value", "fit", "--out", "x.csv")
    assert result.exit_code == 1
    assert result.output.strip() == "error: --out applies to a transactions file (--transactions FILE)"


def test_reading_status_customers_and_one_person(ally_command, fitted, whale):
    status = json.loads(ally_command("value", "status", "--json").output)
    assert status["stale"] is False and status["fit"]["id"] == fitted.id
    ranked = json.loads(ally_command("value", "customers", "--limit", "5", "--json").output)
    assert [row["rank"] for row in ranked] == [1, 2, 3, 4, 5] and ranked[0]["person"] == "Wanda Whale"
    at_risk = json.loads(ally_command("value", "customers", "--at-risk", "--json").output)
    assert whale.id in {row["person_id"] for row in at_risk} and all(row["at_risk"] for row in at_risk)
    shown = ally_command("value", "show", "wanda@example.com")
    assert shown.exit_code == 0 and shown.output.startswith("Wanda Whale: P(alive) ")


def test_a_person_without_value_is_one_error_line(ally_command, fitted, bob):
    result = ally_command("value", "show", "bob@example.com")
    assert result.exit_code == 1 and result.output.strip().startswith("error: ")
    assert "lifetime value for this person" in result.output


def test_every_workspace_with_all(ally_command, workspace, other_workspace, customer_base):
    customer_base(30)
    customer_base(25, in_workspace=other_workspace, prefix="Rival")
    results = json.loads(ally_command("value", "fit", "--all", "--json").output)
    assert [(r["workspace"], r["outcome"]) for r in results] == [("acme", "fitted"), ("rival", "fitted")]
    assert CustomerValue.objects.filter(workspace=other_workspace).count() == 25


# ---- an analyst's transactions file --------------------------------------------------------------

def _transactions(path, customers: int = 60, seed: int = 3, header=("customer_id", "date", "amount")):
    """A CSV of transactions: `customers` buyers between 2024-01-01 and 2024-12-31, some of them repeat buyers.
    A header of two names writes no amounts."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    rows = []
    for i in range(customers):
        # Customers differ in rhythm, in how long they stay and in how much they usually spend.
        day, mean_gap, usual = rng.randint(0, 120), rng.choice([15, 40, 120, 400]), rng.gammavariate(4, 10)
        leaves = day + rng.expovariate(1 / rng.choice([60, 250, 1000]))
        while day <= min(365, leaves):
            rows.append([f"c{i:03d}", str(start + dt.timedelta(days=day)), f"{usual * rng.uniform(0.6, 1.4):.2f}"])
            day += 1 + int(rng.expovariate(1 / mean_gap))
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(row[:len(header)] for row in rows)
    return path


def test_an_analyst_fits_a_file_and_gets_parameters_with_standard_errors(ally_command, tmp_path, db):
    path = _transactions(tmp_path / "tx.csv")
    result = ally_command("value", "fit", "--transactions", path, "--customer", "customer_id", "--date", "date",
                          "--amount", "amount", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["customers"] == 60 and report["model"] == "bgnbd" and report["unit"] == "weeks"
    assert report["purchase_model"]["converged"] and report["spend_model"]["converged"]
    assert set(report["purchase_model"]["params"]) == {"r", "alpha", "a", "b"}
    assert all(p["estimate"] > 0 and p["std_error"] is not None for p in report["purchase_model"]["params"].values())
    assert set(report["spend_model"]["params"]) == {"p", "q", "gamma"}
    assert report["calibration_end"] == max(row["date"] for row in csv.DictReader(open(path)))
    assert not ValueFit.objects.exists()  # no workspace involved


def test_the_analysts_table_and_predictions_file(ally_command, tmp_path, db):
    path = _transactions(tmp_path / "tx.csv", header=("client", "day", "paid"))
    out = tmp_path / "predictions.csv"
    result = ally_command("value", "fit", "--transactions", path, "--customer", "client", "--date", "day",
                          "--amount", "paid", "--model", "paretonbd", "--unit", "days",
                          "--calibration-end", "2024-10-31", "--out", out)
    assert result.exit_code == 0, result.output
    assert "Purchases: paretonbd" in result.output and "std. error" in result.output
    assert "did not converge" not in result.output
    assert f"written to {out}" in result.output
    rows = list(csv.DictReader(open(out)))
    assert list(rows[0]) == ["customer_id", "frequency", "recency", "T", "monetary", "p_alive",
                             "expected_purchases_12_months", "expected_spend", "lifetime_value"]
    with_history = {row["client"] for row in csv.DictReader(open(path)) if row["day"] <= "2024-10-31"}
    assert {row["customer_id"] for row in rows} == with_history
    assert all(0 <= float(row["p_alive"]) <= 1 and float(row["lifetime_value"]) >= 0 for row in rows)


def test_without_amounts_an_analyst_gets_the_purchase_model_and_no_lifetime_value(ally_command, tmp_path, db):
    # given the same purchases with and without an amount column
    with_amounts = _transactions(tmp_path / "tx.csv")
    dates_only = _transactions(tmp_path / "dates.csv", header=("customer_id", "date"))
    # when both are fitted, without naming an amount column
    full = json.loads(ally_command("value", "fit", "--transactions", with_amounts, "--json").output)
    result = ally_command("value", "fit", "--transactions", dates_only, "--json")
    # then the purchase model is the same, and there is no spend and no lifetime value, with a reason
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["purchase_model"] == full["purchase_model"] and report["customers"] == 60
    assert report["spend_model"] is None and report["total_lifetime_value"] is None
    assert report["note"].startswith("Lifetime value needs amounts") and full["note"] is None


def test_without_amounts_the_table_says_why_and_the_file_has_no_spend_columns(ally_command, tmp_path, db):
    path = _transactions(tmp_path / "dates.csv", header=("client", "day"))
    table = ally_command("value", "fit", "--transactions", path, "--customer", "client", "--date", "day")
    assert table.exit_code == 0, table.output
    assert "Purchases: bgnbd" in table.output and "Spend:" not in table.output
    assert "Lifetime value needs amounts" in table.output and "Customers expected to buy most" in table.output
    out = tmp_path / "predictions.csv"
    written = ally_command("value", "fit", "--transactions", path, "--customer", "client", "--date", "day",
                           "--out", out)
    assert written.exit_code == 0, written.output
    rows = list(csv.DictReader(open(out)))
    assert list(rows[0]) == ["customer_id", "frequency", "recency", "T", "p_alive", "expected_purchases_12_months"]
    assert len(rows) == 60 and all(0 <= float(row["p_alive"]) <= 1 for row in rows)


def test_an_amount_column_named_but_missing_is_still_an_error(ally_command, tmp_path, db):
    path = _transactions(tmp_path / "dates.csv", header=("customer_id", "date"))
    out = tmp_path / "predictions.csv"
    result = ally_command("value", "fit", "--transactions", path, "--amount", "paid", "--out", out)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {path}: missing column 'paid'; columns present: 'customer_id', 'date'"
    assert not out.exists()


def _bad_file(tmp_path, text: str):
    path = tmp_path / "bad.csv"
    path.write_text(text)
    return path


@pytest.mark.parametrize("text, message", [
    ("client,date,amount\nc1,2024-01-05,10\n",
     "missing column 'customer_id'; columns present: 'client', 'date', 'amount'"),
    ("customer_id,date,amount\nc1,2024-01-05,10\nc2,5 Jan 2024,10\n",
     "row 2 (line 3): column 'date' has '5 Jan 2024', which is not a date (use YYYY-MM-DD or YYYYMMDD)"),
    ("customer_id,date,amount\nc1,2024-01-05,10\nc1,2024-02-05,11\nc2,2024-01-09,-4.50\n",
     "row 3 (line 4): column 'amount' has a negative amount (-4.50)"),
])
def test_a_bad_file_is_one_error_line_naming_the_problem(ally_command, tmp_path, db, text, message):
    path = _bad_file(tmp_path, text)
    out = tmp_path / "predictions.csv"
    result = ally_command("value", "fit", "--transactions", path, "--out", out)
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {path}: {message}"
    assert not out.exists()  # nothing half-written


def test_a_missing_file_too_few_customers_and_a_bad_date_option(ally_command, tmp_path, db):
    missing = ally_command("value", "fit", "--transactions", tmp_path / "nope.csv")
    assert missing.exit_code == 1 and missing.output.strip() == f"error: {tmp_path / 'nope.csv'}: no such file"
    few = ally_command("value", "fit", "--transactions", _transactions(tmp_path / "few.csv", customers=5))
    assert few.exit_code == 1 and "too few customers to fit lifetime value: 5 customers" in few.output
    bad_end = ally_command("value", "fit", "--transactions", _transactions(tmp_path / "tx.csv"),
                           "--calibration-end", "soon")
    assert bad_end.exit_code == 1
    assert bad_end.output.strip() == "error: calibration-end: 'soon' is not a date (use YYYY-MM-DD)"
    both = ally_command("value", "fit", "--transactions", tmp_path / "tx.csv", "-w", "acme")
    assert both.exit_code == 1 and "--transactions fits a file, not a workspace" in both.output
