"""The trends of a team member's calls, drawn on the server as SVG with the value app's chart style and
renderer (pygal, its script removed): no JavaScript, nothing from a CDN."""

import pygal

from ally.value.charts import CHART_OPTIONS
from ally.value.charts import _render as render_svg


def _labels(points: list[dict]) -> list[str]:
    return [f"{p['occurred_at']:%d %b}" for p in points]


def _line(title: str, points: list[dict], series: dict[str, str], **options) -> str:
    chart = pygal.Line(title=title, allow_interruptions=True, **CHART_OPTIONS, **options)
    chart.x_labels = _labels(points)
    for label, key in series.items():
        chart.add(label, [p[key] for p in points])
    return render_svg(chart)


def trend_charts(points: list[dict]) -> list[tuple[str, str]]:
    """(key, svg) for talk share (in %), questions (all and open) and the longest monologue (seconds)."""
    shares = [{**p, "share": None if p["seller_talk_share"] is None else round(p["seller_talk_share"] * 100, 1)}
              for p in points]
    return [
        ("talk-share", _line("Seller talk share (%)", shares, {"Talk share": "share"}, range=(0, 100))),
        ("questions", _line("Questions per call", points, {"Questions": "seller_question_count",
                                                          "Open": "open_question_count"})),
        ("monologue", _line("Longest monologue (s)", points, {"Longest monologue": "longest_seller_monologue_s"})),
    ]
