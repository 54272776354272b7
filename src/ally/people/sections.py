"""Panels other apps add to the person page (needs, purchases, cases, lifetime value...).

An app registers in its own `person_sections.py`:

    register_person_section(PersonSection(key="needs", title="Needs", template="opportunities/_needs.html",
                                          context=needs_context, order=20))

`context(person, request)` returns the template's context, or None to hide the panel. Each must
issue a constant number of queries, whatever the person's history.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ally.core.plugins import check_unique


@dataclass(frozen=True)
class PersonSection:
    """A panel on the person (or organization) page. `column` is "main" or "aside"; a `bare` section's
    template draws its own cards (the log form and the timeline are two)."""

    key: str
    title: str
    template: str
    context: Callable
    order: int = 50
    column: str = "main"
    bare: bool = False


_SECTIONS: dict[str, PersonSection] = {}


def register_person_section(section: PersonSection) -> None:
    check_unique("person section", section.key, _SECTIONS)
    _SECTIONS[section.key] = section


def person_sections() -> list[PersonSection]:
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


# The organization page has panels too (its lifetime value...), registered the same way from an app's
# `person_sections.py`; `context(organization, request)` returns the template's context or None.
_ORGANIZATION_SECTIONS: dict[str, PersonSection] = {}


def register_organization_section(section: PersonSection) -> None:
    check_unique("organization section", section.key, _ORGANIZATION_SECTIONS)
    _ORGANIZATION_SECTIONS[section.key] = section


def organization_sections() -> list[PersonSection]:
    return sorted(_ORGANIZATION_SECTIONS.values(), key=lambda section: (section.order, section.key))
