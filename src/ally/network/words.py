"""The network in words: how strong a relationship is, what it rests on, and the drafted ask.

Plain text, no Django, so pages, the API and the CLI say the same thing.
"""

import datetime as dt

from ally.network.strength import RECENT_DAYS

# Levels of strength (docs/network.md): a strong relationship is one you could ask a favour of.
STRONG = 0.6
GOOD = 0.35
_TIE_WORDS = {"family": "family", "friend": "friends", "manager": "manager and report", "report": "manager and report",
              "colleague": "colleagues", "introduced": "introduced"}
_PLURAL = {"call": "calls", "meeting": "meetings", "email": "emails", "message": "messages", "social": "social touches",
           "event": "events together"}
_ARTICLE = {"call": "call", "meeting": "meeting", "email": "email", "message": "message", "social": "social touch",
            "event": "event together"}


def level(strength: float) -> str:
    return "strong" if strength >= STRONG else "good" if strength >= GOOD else "weak"


def team_strength_words(*, strength: float, fading: bool, recent: dict, last_kind: str, last_at: dt.datetime | None,
                        reasons: list[str]) -> str:
    """"met 3 times in the last 90 days", "last email in March": the one fact that says most."""
    if not fading:
        for kind, verb in (("meeting", "met"), ("call", "spoke"), ("event", "at events together")):
            count = recent.get(kind, 0)
            if count:
                times = "once" if count == 1 else f"{count} times"
                return f"{verb} {times} in the last {RECENT_DAYS:.0f} days" if kind != "event" else \
                    f"{times} {verb} in the last {RECENT_DAYS:.0f} days"
    if last_kind and last_at is not None:
        return f"last {_ARTICLE[last_kind]} in {last_at:%B %Y}"
    return reasons[0] if reasons else "no contact yet"


def state(strength: float, fading: bool) -> str:
    return "fading" if fading else level(strength)


def hop_basis(basis: dict, *, organization: str = "") -> str:
    """What one hop rests on: "12 meetings and calls", "colleagues at Fjord", "friends"."""
    parts = list(dict.fromkeys(_TIE_WORDS[kind] for kind in basis["ties"]))
    if parts and parts[0] == "colleagues" and organization:
        parts[0] = f"colleagues at {organization}"
    contacts = basis["contacts"]
    if contacts:
        parts.append(f"{contacts} contact{'s' if contacts != 1 else ''}, last {_ARTICLE.get(basis['last_kind'], 'one')}"
                     if contacts > 1 else f"1 {_ARTICLE.get(basis['last_kind'], 'contact')}")
    if basis["same_organization"] and not any(part.startswith("colleagues") for part in parts):
        parts.append(f"both at {organization}" if organization else "same organization")
    return ", ".join(parts) or "known to each other"


def drafted_note(*, member, introducer, target) -> str:
    """The ask, in Ally's voice of helping rather than selling: why the two should meet, and an easy no."""
    first = introducer.name.split()[0] if introducer.name.split() else introducer.name
    at = f" at {target.organization.name}" if getattr(target, "organization", None) is not None else ""
    return (f"Hi {first},\n\n"
            f"I'd love to get to know {target.name}{at}, and I think you know them well. Would you be open to "
            f"introducing us? I'd like to learn how things are going for them and whether we could help; "
            f"there is nothing to sell unless it is a fit.\n\n"
            f"If it doesn't feel right, no problem at all, and thank you either way.\n\n"
            f"{member.display_name}")
