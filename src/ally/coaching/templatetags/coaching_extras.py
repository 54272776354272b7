"""How the coach writes its numbers: shares in per cent, stretches in minutes and seconds, none as a dash."""

from django import template

register = template.Library()

LABELS = {
    "seller_talk_share": "Seller talk share", "seller_question_count": "Questions asked",
    "open_question_count": "Open questions", "longest_seller_monologue_s": "Longest seller monologue",
    "longest_customer_story_s": "Longest customer story", "patience_s": "Patience (pause before answering)",
    "interruptions": "Interruptions", "filler_words_per_minute": "Filler words a minute",
}


@register.filter
def metric_label(key: str) -> str:
    return LABELS.get(key, key)


@register.filter
def metric_value(value, key: str) -> str:
    if value is None:
        return "—"
    if key.endswith("_share"):
        return f"{value * 100:.0f}%"
    if key.endswith("_s"):
        minutes, seconds = divmod(round(value, 1), 60)
        return f"{int(minutes)} min {seconds:.0f} s" if minutes else f"{seconds:.1f} s"
    return str(value)


@register.filter
def benchmark_range(benchmark, key: str) -> str:
    """"43% (above 65% worse)", "11–14", "at least 4 min 0 s", "at most 2 min 0 s"."""
    if benchmark is None:
        return "no published figure"
    low, high, target = (None if v is None else metric_value(v, key)
                         for v in (benchmark.low, benchmark.high, benchmark.target))
    if target and high:
        return f"{target} (above {high} worse)"
    if target:
        return f"about {target}"
    if low and high:
        return f"{low}–{high}"
    return f"at least {low}" if low else f"at most {high}"


@register.filter
def at_time(seconds) -> str:
    if seconds is None:
        return ""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{rest:02d}" if minutes >= 60 else f"{minutes}:{rest:02d}"
