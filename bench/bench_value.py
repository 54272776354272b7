"""Speed of Ally's customer-value core (ally.value) against the `lifetimes` package.

Not a test: prints a markdown table of fit times (BG/NBD, Pareto/NBD, Gamma-Gamma) on CDNOW and
on simulated customer bases, and of scoring time (P(alive) + expected purchases + 12-month CLV).

Ally runs in this process (src/ is put on sys.path; numpy and scipy must be installed, e.g. the
project's .venv). lifetimes runs in a subprocess of its own environment, one subprocess per
fit so a per-fit timeout can stop it; only the time inside the subprocess around the fit call is
counted (not interpreter start-up or import). Set that environment up once:

    python3.11 -m venv bench/.venv-peers
    bench/.venv-peers/bin/pip install lifetimes==0.11.3 numpy==1.26.4 scipy==1.11.4 \\
        pandas==2.1.4 autograd==1.6.2

Run:  .venv/bin/python bench/bench_value.py [--sizes 10000 100000 1000000] [--timeout 600]

BLAS and OpenMP are capped to one thread (both processes) before numpy is imported, and times
are CPU seconds of the process doing the work (time.process_time), i.e. time on one core, so a
busy shared machine does not distort the ratios.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PEER_PYTHON = ROOT / "bench" / ".venv-peers" / "bin" / "python"
CDNOW = ROOT.parent / "shared" / "data" / "cdnow"

# Simulation parameters: CDNOW's published estimates, CDNOW's calendar (first purchases over the
# first 12 weeks of a 39-week calibration period, times in weeks at day resolution, 2 decimals).
BG_TRUTH = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PARETO_TRUTH = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
SPEND_TRUTH = {"p": 6.25, "q": 3.74, "gamma": 15.44}
WEEK_DAYS = 7


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--unique-sizes",
        type=int,
        nargs="*",
        default=[100_000, 1_000_000],
        help="sizes for the all-unique (continuous time) case",
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds allowed per lifetimes fit")
    parser.add_argument("--no-peers", action="store_true", help="time Ally only")
    parser.add_argument("--peer", nargs=2, metavar=("TASK", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        print(json.dumps(run_peer(*args.peer)))
        return

    sys.path.insert(0, str(ROOT / "src"))
    peers = not args.no_peers and PEER_PYTHON.exists()
    if not peers and not args.no_peers:
        print(f"(lifetimes environment not found at {PEER_PYTHON}: timing Ally only; see the docstring)\n")
    rows = []
    for label, data in datasets(args.sizes, args.unique_sizes):
        for model in ("bgnbd", "paretonbd", "gammagamma"):
            rows.append(compare_fit(label, data, model, peers, args.timeout))
            print_row(rows[-1], flush=True)
    scoring = []
    largest = max(args.sizes)
    data = simulated(largest, unique=False, seed=1)
    for model in ("bgnbd", "paretonbd"):
        scoring.append(compare_scoring(f"simulated {largest:,}", data, model, peers, args.timeout))
        print_row(scoring[-1], flush=True)
    print()
    print_table(rows + scoring)


def datasets(sizes, unique_sizes):
    """(label, data) pairs; data holds frequency/recency/age per model and spend."""
    if (CDNOW / "cdnow_customers_summary_with_transactions.csv").exists():
        table = np.loadtxt(CDNOW / "cdnow_customers_summary_with_transactions.csv", delimiter=",", skiprows=1)
        x, tx, T, zbar = table[:, 1], table[:, 2], table[:, 3], table[:, 4]
        yield "CDNOW 2,357", {"bgnbd": (x, tx, T), "paretonbd": (x, tx, T), "spend": (x, zbar)}
    for n in sizes:
        yield f"simulated {n:,}", simulated(n, unique=False, seed=1)
    for n in unique_sizes:
        yield f"simulated {n:,} all-unique", simulated(n, unique=True, seed=2)


def simulated(n: int, *, unique: bool, seed: int):
    """A CDNOW-like customer base of ``n`` (day resolution, weeks to 2 decimals), or with
    continuous times and ages (so nearly every (x, t_x, T) triple is unique)."""
    from ally.value.stats.simulate import simulate_bgnbd, simulate_paretonbd, simulate_spend

    rng = np.random.default_rng(seed)
    if unique:
        age = rng.uniform(27.0, 39.0, n)
        options = {}
    else:
        age = np.round((273 - rng.integers(0, 84, n)) / WEEK_DAYS, 2)
        options = {"resolution": 1 / WEEK_DAYS, "decimals": 2}
    bg = simulate_bgnbd(BG_TRUTH, age, seed=seed + 10, **options)
    pareto = simulate_paretonbd(PARETO_TRUTH, age, seed=seed + 20, **options)
    spend = simulate_spend(SPEND_TRUTH, bg.frequency, seed=seed + 30)
    return {
        "bgnbd": (bg.frequency, bg.recency, bg.age),
        "paretonbd": (pareto.frequency, pareto.recency, pareto.age),
        "spend": (bg.frequency, np.round(spend, 2)),
    }


def ally_fit(model: str, data):
    from ally.value.stats.bgnbd import fit_bgnbd
    from ally.value.stats.gammagamma import fit_gammagamma
    from ally.value.stats.paretonbd import fit_paretonbd

    if model == "gammagamma":
        return fit_gammagamma(*data["spend"])
    return {"bgnbd": fit_bgnbd, "paretonbd": fit_paretonbd}[model](*data[model])


def compare_fit(label: str, data, model: str, peers: bool, timeout: float) -> dict:
    n = len(data["bgnbd"][0])
    repeats = 3 if n <= 100_000 else 1
    seconds, fit = timed(lambda: ally_fit(model, data), repeats)
    row = {
        "data": label,
        "task": f"fit {model}",
        "ally": seconds,
        "note": f"LL {fit.log_likelihood:.3f}{'' if fit.converged else ' (not converged)'}",
    }
    if peers:
        peer = peer_run(model, data, timeout)
        row["lifetimes"] = peer
        if "params" in peer:
            row["note"] += f", at lifetimes' estimates {ally_log_likelihood(model, peer['params'], data):.3f}"
    return row


def ally_log_likelihood(model: str, params: dict, data) -> float:
    """Total log-likelihood of ``params`` (e.g. lifetimes' estimates) under Ally's implementation,
    so both fits are judged by the same yardstick."""
    from ally.value.stats import bgnbd, gammagamma, paretonbd

    if model == "gammagamma":
        return float(gammagamma.log_likelihood(params, *data["spend"]).sum())
    return float({"bgnbd": bgnbd, "paretonbd": paretonbd}[model].log_likelihood(params, *data[model]).sum())


def compare_scoring(label: str, data, model: str, peers: bool, timeout: float) -> dict:
    from ally.value.stats.clv import WEEKS_PER_MONTH, score_customers

    params = BG_TRUTH if model == "bgnbd" else PARETO_TRUTH
    x, tx, T = data[model]
    monetary = data["spend"][1]
    seconds, _ = timed(
        lambda: score_customers(
            model, params, SPEND_TRUTH, x, tx, T, monetary, purchase_horizon=39.0, unit_per_month=WEEKS_PER_MONTH
        ),
        3,
    )
    row = {"data": label, "task": f"score {model} (P(alive)+E[purchases]+CLV 12m)", "ally": seconds, "note": ""}
    if peers:
        row["lifetimes"] = peer_run(f"score-{model}", data, timeout)
    return row


def timed(function, repeats: int):
    """Best CPU time of ``repeats`` calls, and the last result. CPU time of this process, not
    wall time: with BLAS capped to one thread it is the time on one core, and it does not count
    what other programs on a shared machine take."""
    best = np.inf
    for _ in range(repeats):
        start = time.process_time()
        result = function()
        best = min(best, time.process_time() - start)
    return best, result


def peer_run(task: str, data, timeout: float) -> dict:
    """Run one lifetimes task in the peers' environment; {"seconds": ...} or {"error": ...}."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "data.npz"
        model = task.removeprefix("score-")
        if model == "gammagamma":
            np.savez(path, frequency=data["spend"][0], monetary=data["spend"][1])
        else:
            x, tx, T = data[model]
            np.savez(path, frequency=x, recency=tx, age=T, monetary=data["spend"][1])
        try:
            done = subprocess.run(
                [str(PEER_PYTHON), __file__, "--peer", task, str(path)],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=os.environ.copy(),
            )
        except subprocess.TimeoutExpired:
            return {"error": f"n/a (timed out after {timeout:.0f} s)"}
        if done.returncode != 0:
            return {"error": "n/a (failed: " + done.stderr.strip().splitlines()[-1][:80] + ")"}
        return json.loads(done.stdout.strip().splitlines()[-1])


def run_peer(task: str, data_path: str) -> dict:
    """Inside the peers' environment: time one lifetimes fit or scoring run."""
    import pandas as pd
    from lifetimes import BetaGeoFitter, GammaGammaFitter, ParetoNBDFitter

    data = np.load(data_path)
    if task == "gammagamma":
        repeat = data["frequency"] > 0
        frequency, monetary = pd.Series(data["frequency"][repeat]), pd.Series(data["monetary"][repeat])
        start = time.process_time()
        fitter = GammaGammaFitter().fit(frequency, monetary)
        seconds = time.process_time() - start
        params = fitter.params_.to_dict()
        return {"seconds": seconds, "params": {"p": params["p"], "q": params["q"], "gamma": params["v"]}}
    frequency, recency, age = (pd.Series(data[k]) for k in ("frequency", "recency", "age"))
    fitter_class = {"bgnbd": BetaGeoFitter, "paretonbd": ParetoNBDFitter}[task.removeprefix("score-")]
    if task.startswith("score-"):
        return {"seconds": _peer_score(fitter_class, frequency, recency, age, pd.Series(data["monetary"]))}
    start = time.process_time()
    fitter = fitter_class().fit(frequency, recency, age)
    seconds = time.process_time() - start
    return {"seconds": seconds, "params": {k: float(v) for k, v in fitter.params_.to_dict().items()}}


def _peer_score(fitter_class, frequency, recency, age, monetary) -> float:
    """lifetimes scoring with the true parameters set directly (no fit): P(alive), expected
    purchases over 39 weeks, 12-month CLV with weekly data."""
    import pandas as pd
    from lifetimes import GammaGammaFitter

    fitter = fitter_class()
    truth = BG_TRUTH if fitter_class.__name__ == "BetaGeoFitter" else PARETO_TRUTH
    fitter.params_ = pd.Series(truth)
    fitter.predict = fitter.conditional_expected_number_of_purchases_up_to_time  # set by fit()
    spend = GammaGammaFitter()
    spend.params_ = pd.Series({"p": SPEND_TRUTH["p"], "q": SPEND_TRUTH["q"], "v": SPEND_TRUTH["gamma"]})
    start = time.process_time()
    fitter.conditional_probability_alive(frequency, recency, age)
    fitter.conditional_expected_number_of_purchases_up_to_time(39.0, frequency, recency, age)
    spend.customer_lifetime_value(fitter, frequency, recency, age, monetary, time=12, discount_rate=0.01, freq="W")
    return time.process_time() - start


def describe(peer: dict | None) -> str:
    if peer is None:
        return "not run"
    return peer.get("error") or f"{peer['seconds']:.3f} s"


def ratio(row: dict) -> str:
    peer = row.get("lifetimes")
    if not peer or "seconds" not in peer:
        return "n/a"
    return (
        f"{peer['seconds'] / row['ally']:.0f}x"
        if peer["seconds"] / row["ally"] >= 10
        else f"{peer['seconds'] / row['ally']:.1f}x"
    )


def print_row(row: dict, flush: bool = False) -> None:
    print(
        f"{row['data']}: {row['task']}: ally {row['ally']:.3f} s, lifetimes {describe(row.get('lifetimes'))}, "
        f"ratio {ratio(row)} {row['note']}",
        flush=flush,
    )


def print_table(rows) -> None:
    print("| data | task | Ally | lifetimes 0.11.3 | lifetimes / Ally | notes |")
    print("|---|---|---:|---:|---:|---|")
    for row in rows:
        peer = describe(row.get("lifetimes"))
        cells = [row["data"], row["task"], f"{row['ally']:.3f} s", peer, ratio(row), row["note"]]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
