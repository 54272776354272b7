"""The dashboard's monthly charts, drawn by Ally on the server as SVG (pygal): no script, nothing from a CDN."""

import pygal
from pygal.style import Style

from ally.ownership.dashboard import Dashboard

ALLY_STYLE = Style(
    background="transparent", plot_background="transparent", foreground="#1f2a2e", foreground_strong="#1f2a2e",
    foreground_subtle="#dde3e1", opacity=".9", opacity_hover="1", transition="0s",
    colors=("#2f6f5e", "#e2a13b", "#4b3fb3", "#b3261e"),
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
    chart = pygal.Bar(stacked=True, title="Customers each month", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("New", [m.new_customers for m in board.monthly])
    chart.add("Returning", [m.customers - m.new_customers for m in board.monthly])
    return _render(chart)


def nps_chart(board: Dashboard) -> str:
    chart = pygal.Line(title="NPS from check-ins", range=(-100, 100), allow_interruptions=True, **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("NPS", [m.nps.score for m in board.monthly])
    return _render(chart)


def referrals_chart(board: Dashboard) -> str:
    chart = pygal.Bar(title="Referrals received", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("Referrals", [m.referrals_received for m in board.monthly])
    return _render(chart)


def _hours(value):
    return round(value.total_seconds() / 3600, 1) if value is not None else None


def support_chart(board: Dashboard) -> str:
    chart = pygal.Line(title="Median hours: first response, confirmed fix", allow_interruptions=True,
                       **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("First response", [_hours(m.median_first_response) for m in board.monthly])
    chart.add("Confirmed fix", [_hours(m.median_time_to_fix) for m in board.monthly])
    return _render(chart)


def decisions_chart(board: Dashboard) -> str:
    chart = pygal.Bar(title="Decisions helped", **CHART_OPTIONS)
    chart.x_labels = _labels(board)
    chart.add("Decisions", board.decisions_helped_by_month)
    return _render(chart)


def dashboard_charts(board: Dashboard) -> list[tuple[str, str]]:
    """(key, SVG) for each chart of the dashboard."""
    return [("customers", customers_chart(board)), ("nps", nps_chart(board)),
            ("referrals", referrals_chart(board)), ("support", support_chart(board)),
            ("decisions", decisions_chart(board))]
