"""`ally value`: fit lifetime value (a workspace's purchases, or an analyst's transactions file), and read
the results: the fit's status, customers ranked by value, one person's predictions."""

import csv
from pathlib import Path

import typer
from rich.markup import escape

from ally.core.cli import (
    CommandLine,
    console,
    domain_errors,
    fail,
    json_option,
    member_option,
    parse_date,
    print_json,
    print_table,
    setup_django,
    workspace_option,
)
from ally.core.files import open_private
from ally.people.cli import resolve_person
from ally.workspaces.cli import resolve_member, resolve_workspace

value_app = typer.Typer(help="Customer lifetime value: P(alive), expected purchases and value per customer.",
                        no_args_is_help=True)


def register(cli: CommandLine) -> None:
    cli.group("value", value_app)
    cli.command("dashboard", dashboard)


def _value_errors():
    """The core's errors (too few customers, a bad transactions file) become one line and exit 1, like domain errors."""
    from ally.value.stats.errors import TransactionsError, ValueModelError

    return (TransactionsError, ValueModelError)


# ---- fitting ------------------------------------------------------------------------------------

@value_app.command("fit")
def fit(workspace: str = workspace_option(),
        model: str = typer.Option(None, "--model", help="bgnbd (default) or paretonbd."),
        if_stale: bool = typer.Option(False, "--if-stale",
                                      help="Only if the fit is stale: purchases changed and it is a day old, or it is "
                                           "a week old (for cron)."),
        every_workspace: bool = typer.Option(False, "--all", help="Every workspace (with --if-stale: for cron)."),
        transactions: Path = typer.Option(None, "--transactions", help="Analyst mode: a CSV file of transactions, "
                                                                       "one row each; no workspace involved."),
        customer: str = typer.Option("customer_id", "--customer", help="Analyst mode: the customer id column."),
        date: str = typer.Option("date", "--date", help="Analyst mode: the date column (YYYY-MM-DD or YYYYMMDD)."),
        amount: str = typer.Option(None, "--amount",
                                   help="Analyst mode: the amount column (default: 'amount' if there is one; "
                                        "without amounts only purchases are fitted, not lifetime value)."),
        delimiter: str = typer.Option(",", "--delimiter", help="Analyst mode: the column separator."),
        unit: str = typer.Option(None, "--unit", help="Analyst mode: days or weeks (default)."),
        calibration_end: str = typer.Option(None, "--calibration-end",
                                            help="Analyst mode: fit transactions up to this day (default: the last)."),
        out: Path = typer.Option(None, "--out", help="Analyst mode: write per-customer predictions to this CSV file."),
        as_json: bool = json_option()):
    """Fit lifetime value: a workspace's purchases (stored, shown on the pages), or with --transactions an
    analyst's file (parameters with standard errors printed, predictions written with --out)."""
    if transactions is not None:
        if workspace or if_stale or every_workspace:
            raise fail("--transactions fits a file, not a workspace: leave out --workspace, --if-stale and --all")
        _fit_file(transactions, customer=customer, date=date, amount=amount, delimiter=delimiter,
                  model=model or "bgnbd", unit=unit or "weeks", calibration_end=calibration_end, out=out,
                  as_json=as_json)
        return
    for option, value in (("--unit", unit), ("--calibration-end", calibration_end), ("--out", out)):
        if value is not None:
            raise fail(f"{option} applies to a transactions file (--transactions FILE)")
    setup_django()
    from ally.workspaces.models import Workspace

    if every_workspace:
        if workspace:
            raise fail("choose --workspace or --all, not both")
        targets = list(Workspace.objects.order_by("slug"))
    else:
        targets = [resolve_workspace(workspace)]
    results = [_fit_workspace(target, model=model, if_stale=if_stale, quiet=as_json) for target in targets]
    if as_json:
        print_json(results if every_workspace else results[0])
    if any(result["outcome"] == "failed" for result in results):
        raise typer.Exit(1)


def _fit_workspace(workspace, *, model: str | None, if_stale: bool, quiet: bool) -> dict:
    """Fit one workspace; report in one line what happened. A failure is reported, not raised, so --all goes on."""
    from ally.value.fits import value_fit, value_fit_if_stale

    def progress(step: str) -> None:
        if console.is_terminal and not quiet:
            console.print(f"[dim]{escape(workspace.slug)}: {escape(step)}…[/dim]")

    try:
        with domain_errors():
            if if_stale:
                fitted = value_fit_if_stale(workspace=workspace, model=model, progress=progress)
            else:
                fitted = value_fit(workspace=workspace, model=model or "bgnbd", progress=progress)
    except _value_errors() as exc:
        if not quiet:
            fail(f"{workspace.slug}: {exc}")  # prints the one error line; with --all the others still run
        return {"workspace": workspace.slug, "outcome": "failed", "message": str(exc)}
    if fitted is None:
        if not quiet:
            console.print(f"{escape(workspace.slug)}: the fit is up to date; nothing to do.", highlight=False)
        return {"workspace": workspace.slug, "outcome": "up to date"}
    if not quiet:
        console.print(f"{escape(workspace.slug)}: fitted {fitted.get_model_display()} on {fitted.customers:,} customers "
                      f"and {fitted.purchases:,} purchases in {fitted.currency} up to {fitted.calibration_end} "
                      f"in {fitted.seconds:.1f} s.", highlight=False, soft_wrap=True)
    return {"workspace": workspace.slug, "outcome": "fitted", "fit": fit_dict(fitted)}


def fit_dict(fit) -> dict:
    """A stored fit as JSON: the models with their parameters and the data used."""
    return {
        "id": fit.id, "model": fit.model, "params": fit.params, "std_errors": fit.std_errors,
        "log_likelihood": fit.log_likelihood, "converged": fit.converged,
        "spend_params": fit.spend_params, "spend_std_errors": fit.spend_std_errors,
        "spend_log_likelihood": fit.spend_log_likelihood, "spend_converged": fit.spend_converged,
        "fitted_at": fit.fitted_at.isoformat(), "seconds": round(fit.seconds, 3),
        "data": {"calibration_end": fit.calibration_end.isoformat(), "unit": fit.unit, "currency": fit.currency,
                 "customers": fit.customers, "repeat_customers": fit.repeat_customers, "purchases": fit.purchases,
                 "other_currency_purchases": fit.other_currency_purchases, "fingerprint": fit.fingerprint},
        "fit_check": fit.fit_check,
    }


def _fit_file(path: Path, *, customer: str, date: str, amount: str | None, delimiter: str, model: str, unit: str,
              calibration_end: str | None, out: Path | None, as_json: bool) -> None:
    """The analyst's fit: no Django, no database; the file in, parameters and predictions out. Without
    --amount and without an `amount` column, only the purchase model is fitted (no spend, no lifetime value)."""
    import numpy as np

    from ally.value.stats.customer_base import fit_customer_base, fit_purchases
    from ally.value.stats.summary import summarise
    from ally.value.stats.transactions import read_transactions

    end = parse_date(calibration_end, "calibration-end")
    try:
        data = read_transactions(path, id_column=customer, date_column=date, amount_column=amount or "amount",
                                 amount_optional=amount is None, delimiter=delimiter)
        end = end or data.dates.max().item()
        amounts = data.amounts if data.amounts is not None else np.zeros(len(data.dates))
        summary = summarise(data.customer_ids, data.dates, amounts, calibration_end=end, unit=unit)
        if data.amounts is None:
            result = fit_purchases(summary, model=model, unit=unit)
        else:
            result = fit_customer_base(summary, model=model, unit=unit)
    except FileNotFoundError:
        raise fail(f"{path}: no such file") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise fail(f"{path}: not a readable CSV text file ({exc})") from None
    except OSError as exc:
        raise fail(f"{path}: {exc.strerror or exc}") from None
    except _value_errors() as exc:
        raise fail(str(exc)) from None
    predictions = _predictions(summary, result)
    if out is not None:
        _write_predictions(out, predictions)
    spend = getattr(result, "spend", None)
    report = {
        "model": model, "unit": unit, "calibration_end": end.isoformat(), "transactions": int(len(data.dates)),
        "customers": len(summary), "repeat_customers": int((summary.frequency > 0).sum()),
        "purchase_model": _fit_report(result.purchase), "spend_model": _fit_report(spend) if spend else None,
        "total_lifetime_value": round(float(np.sum(predictions["lifetime_value"])), 2) if spend else None,
        "note": None if spend else NO_AMOUNTS,
        "fit_check": result.fit_check, "predictions": str(out) if out else None,
    }
    if as_json:
        print_json(report)
        return
    _print_file_fit(report, predictions)


NO_AMOUNTS = ("Lifetime value needs amounts: the file has no 'amount' column, so only purchases were fitted "
              "(name the amount column with --amount COL).")


def _predictions(summary, result) -> dict:
    """Per-customer columns for the predictions file and the top-ten table; spend and lifetime value only
    when the file had amounts."""
    columns = {"customer_id": summary.customer_ids, "frequency": summary.frequency, "recency": summary.recency,
               "T": summary.age}
    if hasattr(result, "scores"):
        scores = result.scores
        columns |= {"monetary": summary.monetary, "p_alive": scores.p_alive,
                    "expected_purchases_12_months": scores.expected_purchases,
                    "expected_spend": scores.expected_spend, "lifetime_value": scores.clv}
    else:
        columns |= {"p_alive": result.p_alive, "expected_purchases_12_months": result.expected_purchases}
    return columns


def _fit_report(result) -> dict:
    return {"model": result.model, "converged": result.converged, "limit": result.limit,
            "log_likelihood": result.log_likelihood, "params": {name: {"estimate": value, "std_error": _finite(result.std_errors[name])}
                       for name, value in result.params.items()}}


def _finite(value: float) -> float | None:
    import math

    return value if math.isfinite(value) else None


def _write_predictions(out: Path, predictions: dict) -> None:
    try:
        with open_private(out, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(list(predictions))
            for row in zip(*predictions.values(), strict=True):
                writer.writerow([row[0], *(f"{float(v):.6g}" for v in row[1:])])
    except OSError as exc:
        raise fail(f"--out {out}: {exc.strerror or exc}") from None


def _print_file_fit(report: dict, predictions: dict) -> None:
    console.print(f"{report['customers']:,} customers ({report['repeat_customers']:,} bought again) from "
                  f"{report['transactions']:,} transactions up to {report['calibration_end']}, in {report['unit']}.",
                  highlight=False, markup=False, soft_wrap=True)
    for title, fitted in (("Purchases", report["purchase_model"]), ("Spend", report["spend_model"])):
        if fitted is None:
            continue
        rows = [[name, f"{p['estimate']:.4f}", "—" if p["std_error"] is None else f"{p['std_error']:.4f}"]
                for name, p in fitted["params"].items()]
        print_table(f"{title}: {fitted['model']}, log-likelihood {fitted['log_likelihood']:.2f}"
                    f"{'' if fitted['converged'] else ' (did not converge)'}", ["parameter", "estimate", "std. error"],
                    rows)
        if fitted["limit"]:
            console.print(f"At the limit: {fitted['limit']}.", highlight=False, markup=False, soft_wrap=True)
    if report["note"]:
        console.print(report["note"], highlight=False, markup=False, soft_wrap=True)
    if report["predictions"]:
        console.print(f"Predictions for {report['customers']:,} customers written to {report['predictions']}.",
                      highlight=False, markup=False, soft_wrap=True)
        return
    _print_top_customers(predictions)


def _print_top_customers(predictions: dict) -> None:
    """The ten most valuable customers, or without amounts the ten expected to buy most."""
    valued = "lifetime_value" in predictions
    key = predictions["lifetime_value" if valued else "expected_purchases_12_months"]
    top = key.argsort(kind="stable")[::-1][:10]
    headers = ["customer", "P(alive)", "next 12 months"] + (["lifetime value"] if valued else [])
    rows = [[predictions["customer_id"][i], f"{predictions['p_alive'][i]:.2f}",
             f"{predictions['expected_purchases_12_months'][i]:.2f}"]
            + ([f"{predictions['lifetime_value'][i]:.2f}"] if valued else []) for i in top]
    title = "Most valuable customers" if valued else "Customers expected to buy most"
    print_table(f"{title} (--out FILE writes them all)", headers, rows)


# ---- reading ------------------------------------------------------------------------------------

@value_app.command("status")
def status(workspace: str = workspace_option(), as_json: bool = json_option()):
    """The workspace's current fit and whether it is stale."""
    setup_django()
    from ally.value.selectors import value_status

    target = resolve_workspace(workspace)
    current = value_status(workspace=target)
    data = {"workspace": target.slug, "stale": current.stale, "reason": current.reason,
            "fit": fit_dict(current.fit) if current.fit else None,
            "last_failure": current.last_attempt.message if current.failed else None}
    if as_json:
        print_json(data)
        return
    if current.fit:
        fitted = current.fit
        console.print(f"{fitted.get_model_display()} fitted {fitted.fitted_at:%Y-%m-%d %H:%M} UTC on {fitted.customers:,} "
                      f"customers and {fitted.purchases:,} purchases in {fitted.currency}.", highlight=False,
                      markup=False, soft_wrap=True)
    if current.failed:
        console.print(f"The last attempt failed: {current.last_attempt.message}", highlight=False, markup=False,
                      soft_wrap=True)
    console.print(("Stale: " if current.stale else "") + current.reason + (" (run `ally value fit`)" if current.stale
                                                                          else "."),
                  highlight=False, markup=False, soft_wrap=True)


def value_dict(value, currency: str) -> dict:
    from ally.value.selectors import AT_RISK_P_ALIVE, VALUABLE_TOP_PERCENT

    return {"person_id": value.person_id, "person": value.person.name, "rank": value.value_rank,
            "top_percent": value.top_percent, "p_alive": round(value.p_alive, 4),
            "expected_purchases_12_months": round(value.expected_purchases, 4),
            "expected_spend": str(value.expected_spend), "lifetime_value": str(value.lifetime_value),
            "currency": currency, "purchases": value.purchases,
            "last_purchase_on": value.last_purchase_on.isoformat(),
            "at_risk": value.top_percent <= VALUABLE_TOP_PERCENT and value.p_alive < AT_RISK_P_ALIVE}


@value_app.command("customers")
def customers(at_risk: bool = typer.Option(False, "--at-risk", help="Only valuable customers (top 10%) whose "
                                                                    "P(alive) fell below 0.5."),
              limit: int = typer.Option(20, "--limit", min=1, help="Show at most this many."),
              workspace: str = workspace_option(), as_json: bool = json_option()):
    """Customers ranked by lifetime value, most valuable first."""
    setup_django()
    from ally.value.selectors import customer_ranking, latest_fit, value_at_risk

    target = resolve_workspace(workspace)
    fitted = latest_fit(workspace=target)
    if fitted is None:
        raise fail(f"{target.slug} has no lifetime value yet; run `ally value fit`")
    rows = [value_dict(v, fitted.currency) for v in
            (value_at_risk if at_risk else customer_ranking)(workspace=target)[:limit]]
    if as_json:
        print_json(rows)
        return
    print_table("Value at risk" if at_risk else f"Customers by lifetime value ({fitted.currency})",
                ["#", "customer", "lifetime value", "P(alive)", "next 12 months", "last bought"],
                [[r["rank"], f"{r['person']} (#{r['person_id']})" + (" at risk" if r["at_risk"] else ""),
                  r["lifetime_value"], f"{r['p_alive']:.2f}", f"{r['expected_purchases_12_months']:.1f}",
                  r["last_purchase_on"]] for r in rows])


@value_app.command("show")
def show(person: str = typer.Argument(..., help="An id, an email, or part of a name."),
         workspace: str = workspace_option(), as_json: bool = json_option()):
    """One person's P(alive), purchases expected in the next 12 months and lifetime value."""
    setup_django()
    from ally.value.selectors import access_person_value

    target = resolve_workspace(workspace)
    who = resolve_person(target, person)
    with domain_errors():
        value = access_person_value(workspace=target, person_id=who.id)
    data = value_dict(value, value.fit.currency)
    if as_json:
        print_json(data)
        return
    console.print(f"{who.name}: P(alive) {data['p_alive']:.2f}, {data['expected_purchases_12_months']:.1f} purchases "
                  f"expected in the next 12 months, lifetime value {data['lifetime_value']} {data['currency']} "
                  f"(#{data['rank']}, top {data['top_percent']}%).", highlight=False, markup=False, soft_wrap=True)


# ---- customers made ------------------------------------------------------------------------------

def dashboard(start: str = typer.Option(None, "--start", help="First day (YYYY-MM-DD; default: 12 months ago)."),
              end: str = typer.Option(None, "--end", help="Last day (YYYY-MM-DD; default: today)."),
              workspace: str = workspace_option(), member: str = member_option(), as_json: bool = json_option()):
    """Customers made over a period: customers, repeat purchase, retention, referrals, NPS, support times."""
    setup_django()
    from django.utils import timezone

    from ally.value.dashboard import dashboard as build
    from ally.value.dashboard import dashboard_as_dict, parse_period

    target = resolve_workspace(workspace)
    resolve_member(target, member)
    with domain_errors():
        period = parse_period(start=start, end=end, today=timezone.localdate())
    data = dashboard_as_dict(build(workspace=target, period=period))
    if as_json:
        print_json(data)
        return

    def share(value):
        return "—" if value is None else f"{value:.0%}"

    def hours(value):
        return "—" if value is None else f"{value} h"

    print_table(f"Customers made, {data['start']} to {data['end']}", ["", ""], [
        ["customers (new)", f"{data['customers']} ({data['new_customers']})"],
        ["repeat purchase", f"{share(data['repeat_purchase_rate'])} ({data['repeat_customers']})"],
        ["retention", f"{share(data['retention']['rate'])} ({data['retention']['retained']} of "
                      f"{data['retention']['base']})"],
        ["referrals per customer", "—" if data["referrals_per_customer"] is None
         else f"{data['referrals_per_customer']:.2f} ({data['referrals_received']})"],
        ["NPS", "—" if data["nps"]["score"] is None else f"{data['nps']['score']:g} ({data['nps']['responses']})"],
        ["median first response", hours(data["median_hours_to_first_response"])],
        ["median time to confirmed fix", hours(data["median_hours_to_confirmed_fix"])],
        ["on cadence", f"{share(data['on_cadence']['share'])} ({data['on_cadence']['on_cadence']} of "
                       f"{data['on_cadence']['with_cadence']})"],
        ["decisions helped", data["decisions_helped"]],
    ])
