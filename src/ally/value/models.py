"""Customer lifetime value, stored: each fit of the models to a workspace's purchases, and the
per-customer predictions of the current fit (one row per customer, so pages read them in one query)."""

from django.db import models
from django.utils import timezone

from ally.people.models import Person
from ally.workspaces.models import Workspace


class ValueFit(models.Model):
    """One attempt to fit the customer-base models to a workspace's purchases.

    A fitted attempt keeps the purchase model's parameters (BG/NBD or Pareto/NBD), the spend
    model's (Gamma-Gamma), their standard errors and log-likelihoods, and the data it used: the
    calibration end, the time unit, how many customers and purchases, and a fingerprint of the
    purchase data so Ally can tell when the purchases have changed since. A failed attempt keeps
    the reason (e.g. too few customers) so the value page can say why there is no fit.
    """

    class Status(models.TextChoices):
        FITTED = "fitted", "Fitted"
        FAILED = "failed", "Failed"

    class Model(models.TextChoices):
        BGNBD = "bgnbd", "BG/NBD"
        PARETONBD = "paretonbd", "Pareto/NBD"

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=8, choices=Status.choices)
    message = models.TextField(blank=True, help_text="Why the attempt failed, in words.")
    model = models.CharField(max_length=10, choices=Model.choices)
    params = models.JSONField(default=dict)
    std_errors = models.JSONField(default=dict)
    log_likelihood = models.FloatField(null=True, blank=True)
    converged = models.BooleanField(default=False)
    spend_params = models.JSONField(default=dict)
    spend_std_errors = models.JSONField(default=dict)
    spend_log_likelihood = models.FloatField(null=True, blank=True)
    spend_converged = models.BooleanField(default=False)
    # The data the fit used.
    currency = models.CharField(max_length=3, help_text="Only purchases in this currency are fitted.")
    unit = models.CharField(max_length=5, default="weeks")
    calibration_end = models.DateField()
    horizon_months = models.PositiveSmallIntegerField(help_text="Months of purchases counted in lifetime value.")
    monthly_discount_rate = models.FloatField()
    customers = models.PositiveIntegerField(default=0)
    repeat_customers = models.PositiveIntegerField(default=0)
    purchases = models.PositiveIntegerField(default=0)
    other_currency_purchases = models.JSONField(default=dict, help_text="Purchases left out, by currency.")
    fingerprint = models.CharField(max_length=200)
    # Actual vs model-expected number of customers by repeat purchases, the fit's check against its own data.
    fit_check = models.JSONField(default=dict)
    seconds = models.FloatField(default=0.0)
    fitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-fitted_at", "-id"]
        indexes = [models.Index(fields=["workspace", "status", "fitted_at"])]

    def __str__(self):
        return f"{self.get_model_display()} {self.status} at {self.fitted_at:%Y-%m-%d %H:%M}"


class CustomerValue(models.Model):
    """What the current fit predicts for one customer: the probability they are still a customer
    (P(alive)), the purchases expected in the next 12 months, the expected spend per purchase and
    the discounted lifetime value, with their rank among the workspace's customers by value."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    fit = models.ForeignKey(ValueFit, on_delete=models.CASCADE, related_name="customer_values")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    p_alive = models.FloatField()
    expected_purchases = models.FloatField(help_text="Purchases expected in the next 12 months.")
    expected_spend = models.DecimalField(max_digits=16, decimal_places=2, help_text="Per purchase.")
    lifetime_value = models.DecimalField(max_digits=16, decimal_places=2)
    purchases = models.PositiveIntegerField(help_text="Purchase days so far (repeat purchases + 1).")
    first_purchase_on = models.DateField()
    last_purchase_on = models.DateField()
    value_rank = models.PositiveIntegerField(help_text="1 is the most valuable customer.")
    top_percent = models.PositiveSmallIntegerField(help_text="In the top N percent of customers by value.")

    class Meta:
        ordering = ["value_rank"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "person"], name="customervalue_one_per_person"),
        ]
        indexes = [
            models.Index(fields=["workspace", "value_rank"]),
            models.Index(fields=["workspace", "top_percent", "p_alive"]),
        ]

    def __str__(self):
        return f"{self.person_id}: {self.lifetime_value}"
