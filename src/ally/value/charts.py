"""The charts of Customers made and of the value page, drawn by Ally on the server as SVG (pygal): no script,
nothing from a CDN."""

from xml.etree import ElementTree

import pygal
from pygal.style import Style

from ally.value.dashboard import Dashboard
from ally.value.selectors import AT_RISK_P_ALIVE, VALUABLE_TOP_PERCENT

# The layout's colours, as its stylesheet's custom properties (the SVG is inline in the page, so they follow the
# page's light or dark scheme), with the light scheme's values for anywhere the stylesheet is not loaded.
ALLY_STYLE = Style(
    background="transparent", plot_background="transparent", foreground="var(--ink, #1f2a2e)",
    foreground_strong="var(--ink, #1f2a2e)", foreground_subtle="var(--line, #dde3e1)", opacity=".9",
    opacity_hover="1", transition="0s",
    colors=("var(--accent, #2f6f5e)", "var(--warm, #8a5a00)", "var(--violet, #4b3fb3)", "var(--error, #b3261e)"),
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    title_font_size=15, label_font_size=11, major_label_font_size=11, legend_font_size=12, value_font_size=11,
)
# No JavaScript: pygal would otherwise link its tooltip script from a CDN.
CHART_OPTIONS = {"js": [], "disable_xml_declaration": True, "style": ALLY_STYLE, "width": 560, "height": 260,
                 "legend_at_bottom": True, "print_values": False, "show_y_guides": True, "margin": 12,
                 "x_label_rotation": 0, "truncate_label": -1}


def _labels(board: Dashboard) -> list[str]:
    labels = []
    for month in board.monthly:
        start = month.period.start
        labels.append(start.strftime("%b %Y") if start.month == 1 or not labels else start.strftime("%b"))
    return labels


def _render(chart) -> str:
    """The chart's SVG without the inline <script> pygal always adds (its config for the tooltip script)."""
    from xml.etree import ElementTree

    tree = chart.render_tree()
    for parent in tree.iter():
        for child in [c for c in parent if isinstance(c.tag, str) and c.tag.endswith("script")]:
            parent.remove(child)
    return ElementTree.tostring(tree, encoding="unicode")


def customers_chart(board: Dashboard) -> str:
    chart = pygal.Bar(stacked=True, title="Customers each month", x_title="Month", y_title="Customers",
                      **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("New", [m.new_customers for m in board.monthly])
    chart.add("Returning", [m.customers - m.new_customers for m in board.monthly])
    return _render(chart)


def nps_chart(board: Dashboard) -> str:
    chart = pygal.Line(title="NPS from check-ins", range=(-100, 100), allow_interruptions=True, x_title="Month",
                       y_title="NPS (-100 to 100)", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("NPS", [m.nps.score for m in board.monthly])
    return _render(chart)


def referrals_chart(board: Dashboard) -> str:
    chart = pygal.Bar(title="Referrals received", x_title="Month", y_title="Referrals", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("Referrals", [m.referrals_received for m in board.monthly])
    return _render(chart)


def _hours(value):
    return round(value.total_seconds() / 3600, 1) if value is not None else None


def support_chart(board: Dashboard) -> str:
    chart = pygal.Line(title="Median time to first response and to a confirmed fix", allow_interruptions=True,
                       x_title="Month", y_title="Hours (median)", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("First response", [_hours(m.median_first_response) for m in board.monthly])
    chart.add("Confirmed fix", [_hours(m.median_time_to_fix) for m in board.monthly])
    return _render(chart)


def decisions_chart(board: Dashboard) -> str:
    chart = pygal.Bar(title="Decisions helped", x_title="Month", y_title="Decisions", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("Decisions", board.decisions_helped_by_month)
    return _render(chart)


def dashboard_charts(board: Dashboard) -> list[tuple[str, str]]:
    """(key, SVG) for each chart of the dashboard."""
    return [("customers", customers_chart(board)), ("nps", nps_chart(board)),
            ("referrals", referrals_chart(board)), ("support", support_chart(board)),
            ("decisions", decisions_chart(board))]


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
    chart = pygal.XY(title=f"Chance still a customer against lifetime value ({currency})",
                     x_title="Chance still a customer (P(alive), 0 to 1)",
                     y_title=f"Lifetime value ({currency})", xrange=(0, 1), **SCATTER_OPTIONS)
    valuable = [(v.p_alive, float(v.lifetime_value)) for v in points if v.top_percent <= VALUABLE_TOP_PERCENT]
    others = [(v.p_alive, float(v.lifetime_value)) for v in points if v.top_percent > VALUABLE_TOP_PERCENT]
    chart.add(f"Top {VALUABLE_TOP_PERCENT}% by value", valuable)
    chart.add("Other customers", others)
    top = max((value for _, value in valuable + others), default=1.0)
    chart.add(f"At risk below {AT_RISK_P_ALIVE}", [(AT_RISK_P_ALIVE, 0), (AT_RISK_P_ALIVE, top)], stroke=True,
              show_dots=False, stroke_style={"dasharray": "4, 4"})
    return _render(chart)


def fit_check_chart(fit_check: dict) -> str:
    """Customers by number of repeat purchases, actual vs what the fitted model expects: a quick check of the fit."""
    chart = pygal.Bar(title="Customers by repeat purchases: actual and expected", x_title="Repeat purchases so far",
                      y_title="Customers",
                      **CHART_OPTIONS)
    chart.x_labels = fit_check["repeat_purchases"]
    chart.add("Actual", fit_check["actual"])
    chart.add("Expected", fit_check["expected"])
    return _render(chart)


def prediction_chart(check) -> str:
    """A past fit's expected repeat purchases per period beside those its customers made."""
    chart = pygal.Bar(title="Predicted and actual repeat purchases after the fit", x_title="Days after the fit",
                      y_title="Purchases", **CHART_OPTIONS)
    base = check.fit.calibration_end
    chart.x_labels = [f"{(p.start - base).days}–{(p.end - base).days}" for p in check.periods]
    chart.add("Predicted", [round(p.predicted, 1) for p in check.periods])
    chart.add("Actual", [p.actual for p in check.periods])
    return _render(chart)
