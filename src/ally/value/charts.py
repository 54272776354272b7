"""The value page's charts, drawn by Ally on the server as SVG (pygal): no script, nothing from a CDN."""

from xml.etree import ElementTree

import pygal

from ally.ownership.charts import CHART_OPTIONS
from ally.value.selectors import AT_RISK_P_ALIVE, VALUABLE_TOP_PERCENT

SCATTER_OPTIONS = {**CHART_OPTIONS, "height": 320, "dots_size": 3, "stroke": False, "show_x_guides": True}


def _render(chart) -> str:
    """The chart's SVG without the inline <script> pygal adds for its tooltip script (which Ally never loads)."""
    tree = chart.render_tree()
    for parent in tree.iter():
        for child in [c for c in parent if isinstance(c.tag, str) and c.tag.endswith("script")]:
            parent.remove(child)
    return ElementTree.tostring(tree, encoding="unicode")


def value_chart(points, currency: str) -> str:
    """P(alive) (x) against lifetime value (y): the valuable customers left of the line are the value at risk."""
    chart = pygal.XY(title=f"P(alive) against lifetime value ({currency})", x_title="P(alive)",
                     y_title=f"Lifetime value ({currency})", xrange=(0, 1), **SCATTER_OPTIONS)
    valuable = [(v.p_alive, float(v.lifetime_value)) for v in points if v.top_percent <= VALUABLE_TOP_PERCENT]
    others = [(v.p_alive, float(v.lifetime_value)) for v in points if v.top_percent > VALUABLE_TOP_PERCENT]
    chart.add(f"Top {VALUABLE_TOP_PERCENT}% by value", valuable)
    chart.add("Other customers", others)
    top = max((value for _, value in valuable + others), default=1.0)
    chart.add(f"P(alive) = {AT_RISK_P_ALIVE}", [(AT_RISK_P_ALIVE, 0), (AT_RISK_P_ALIVE, top)], stroke=True,
              show_dots=False, stroke_style={"dasharray": "4, 4"})
    return _render(chart)


def fit_check_chart(fit_check: dict) -> str:
    """Customers by number of repeat purchases, actual vs what the fitted model expects: a quick check of the fit."""
    chart = pygal.Bar(title="Repeat purchases: actual vs model", x_title="Repeat purchases", y_title="Customers",
                      **CHART_OPTIONS)
    chart.x_labels = fit_check["repeat_purchases"]
    chart.add("Actual", fit_check["actual"])
    chart.add("Model", fit_check["expected"])
    return _render(chart)
