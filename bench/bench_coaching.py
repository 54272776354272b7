"""How fast does the conversation coach read and measure a long call?

    .venv/bin/python bench/bench_coaching.py [--cues 2000] [--runs 7] [--seed 14] [--format teams|zoom]

Generates a two-hour WebVTT call (2,000 cues by default: a seller and two customers taking turns,
Teams voice tags or Zoom "Name: text" cues, with questions, fillers, pushy phrases, need statements
with costs, pauses and some overlapping speech), then times, as the median of ``--runs`` runs in
CPU seconds of this process (``time.process_time``, not distorted by other jobs on a shared
machine):

- parse: ``parse_transcript(bytes)`` (decode, check the timing lines, webvtt-py, turns);
- metrics: ``conversation_metrics(turns)`` on the parsed turns;
- both: the two together, as an upload does;
- timeline: ``speaking_timeline(turns)``, which a page draws beside the metrics;
- for reference, webvtt-py (a dev dependency, the reference reader in the tests) reading the same
  text into captions, which is why Ally reads cue blocks itself.

The goal (issue 14) is under 100 ms for parse and metrics together on 2,000 cues.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ally.coaching.metrics import conversation_metrics  # noqa: E402
from ally.coaching.timeline import speaking_timeline  # noqa: E402
from ally.coaching.transcripts import parse_transcript  # noqa: E402

SELLER = "Olivia Owner"
CUSTOMERS = ["Alice Ally", "Carlos Núñez"]
SELLER_LINES = [
    "Looking back at last quarter, what changed for your team?",
    "Tell me more about how approvals work today.",
    "So, um, you'd want that in one place, right?",
    "Can you walk me through a typical week?",
    "How many people touch a quote before it goes out?",
    "I mean, it's kind of a big change. Who else should we involve?",
    "The discount is only until Friday, so are you ready to move forward?",
    "That makes sense. What would make this worth changing for you?",
    "Is the finance lead joining next week?",
    "I’ll be honest with you, you won't find a better price.",
]
CUSTOMER_LINES = [
    "The problem is our quotes take too long, and we lose about $12,000 a month.",
    "Sales writes it in a spreadsheet, finance checks it, then legal reads it.",
    "It takes us three days per quote. We need one place to see the status.",
    "We're spending ten hours a week chasing approvals.",
    "Honestly it works, but we can't see who is holding a deal.",
    "About forty a month. Why do you ask?",
    "That would help a lot, you know.",
    "Let me check with Maria from finance first.",
]


def generate_vtt(cues: int, seed: int, style: str) -> bytes:
    """A call of ``cues`` cues spread over two hours: with 7,200 s / cues = S seconds a cue, cues
    last 0.5-1 S and pauses 0-0.5 S (1.8-3.6 s and 0-1.8 s at 2,000 cues); one cue in twenty
    starts a second early, over the previous cue when the pause was shorter."""
    rng = random.Random(seed)
    span = 7200 / cues  # average seconds per cue, pause included
    out, clock, seller_turn = ["WEBVTT", ""], 0.0, True
    for index in range(cues):
        speaker = SELLER if seller_turn else rng.choice(CUSTOMERS)
        text = rng.choice(SELLER_LINES if seller_turn else CUSTOMER_LINES)
        length = rng.uniform(0.5, 1.0) * span
        start = max(clock - (1.0 if rng.random() < 0.05 else 0.0), 0.0)
        end = start + length
        payload = f"<v {speaker}>{text}</v>" if style == "teams" else f"{speaker}: {text}"
        out += [f"{index + 1}", f"{_stamp(start)} --> {_stamp(end)}", payload, ""]
        clock = end + rng.uniform(0.0, 0.5) * span
        seller_turn = rng.random() < (0.35 if seller_turn else 0.6)  # sellers mostly hand over
    return "\n".join(out).encode("utf-8")


def _stamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def median_cpu(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cues", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--format", choices=["teams", "zoom"], default="teams")
    args = parser.parse_args()

    data = generate_vtt(args.cues, args.seed, args.format)
    transcript = parse_transcript(data)
    turns = transcript.turns
    metrics = conversation_metrics(turns)
    call = metrics.duration_s
    print(f"{args.format} WebVTT: {args.cues:,} cues, {len(data) / 1024:.0f} KiB, {len(turns):,} turns, "
          f"{call / 3600:.2f} h, seller talk share {metrics.seller_talk_share:.2f}, "
          f"{metrics.seller_question_count} questions, {len(metrics.pushy_phrases)} pushy phrases, "
          f"{len(metrics.need_statements)} need statements")

    rows = [
        ("parse", median_cpu(lambda: parse_transcript(data), args.runs)),
        ("metrics", median_cpu(lambda: conversation_metrics(turns), args.runs)),
        ("parse + metrics", median_cpu(lambda: conversation_metrics(parse_transcript(data)), args.runs)),
        ("timeline", median_cpu(lambda: speaking_timeline(turns), args.runs)),
    ]
    try:
        import webvtt
    except ImportError:
        webvtt = None
    if webvtt is not None:
        text = data.decode("utf-8")
        rows.append((f"(reference) webvtt-py {webvtt.__version__} captions only",
                     median_cpu(lambda: webvtt.from_string(text), args.runs)))
    print(f"\nmedian of {args.runs} runs, CPU seconds of this process")
    print("| step | ms | µs per cue |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1000:.1f} | {seconds * 1e6 / args.cues:.1f} |")
    both = rows[2][1] * 1000
    verdict = "met" if both < 100 else "NOT met"
    print(f"\ngoal: parse + metrics under 100 ms on {args.cues:,} cues: {both:.1f} ms, {verdict}")


if __name__ == "__main__":
    main()
