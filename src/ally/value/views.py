"""The value page: customers ranked by lifetime value, the valuable ones at risk, the customer-base chart,
and the state of the fit (stale or not). It reads stored predictions only; it never fits."""

from django.core.paginator import Paginator
from django.utils import timezone

from ally.core.errors import ValidationError
from ally.core.pages import apply_errors, render_page, workspace_view
from ally.core.plugins import hook_functions
from ally.value import charts, selectors
from ally.value.charts import dashboard_charts
from ally.value.dashboard import dashboard, parse_period
from ally.value.forms import PeriodForm

PAGE_SIZE = 50
AT_RISK_SHOWN = 20


@workspace_view
def customers(request):
    workspace = request.workspace
    status = selectors.value_status(workspace=workspace)
    fit = status.fit
    page = Paginator(selectors.customer_ranking(workspace=workspace), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"status": status, "fit": fit, "page": page, "threshold": selectors.AT_RISK_P_ALIVE,
               "top_percent": selectors.VALUABLE_TOP_PERCENT}
    if fit is not None and not request.htmx:
        at_risk = list(selectors.value_at_risk(workspace=workspace)[:AT_RISK_SHOWN + 1])
        sample = selectors.chart_sample(workspace=workspace, fit=fit)
        context.update(at_risk=at_risk[:AT_RISK_SHOWN], more_at_risk=len(at_risk) > AT_RISK_SHOWN,
                       chart_points=len(sample),
                       charts=[("value", charts.value_chart(sample, fit.currency)),
                               ("fit-check", charts.fit_check_chart(fit.fit_check))])
    if not request.htmx:
        check = selectors.fit_check_after(workspace=workspace)
        context.update(check=check, check_chart=charts.prediction_chart(check) if check else None)
    return render_page(request, "value/customers.html", context, partial="value/_ranking.html")


@workspace_view
def dashboard_page(request):
    form = PeriodForm(request.GET or None)
    try:
        period = parse_period(start=request.GET.get("start"), end=request.GET.get("end"),
                              today=timezone.localdate())
    except ValidationError as exc:
        form.is_valid()
        apply_errors(form, exc)
        period = parse_period(today=timezone.localdate())
    board = dashboard(workspace=request.workspace, period=period)
    # Apps above value add their own cards (the coach's "asking vs telling") through this hook, as HTML.
    sections = [hook(request=request, start=period.start, end=period.end)
                for hook in hook_functions("customers_made_section")]
    context = {"board": board, "totals": board.totals, "charts": dashboard_charts(board), "form": form,
               "start": period.start, "end": period.end, "sections": sections}
    return render_page(request, "value/dashboard.html", context,
                       status=422 if form.is_bound and form.errors else 200)
