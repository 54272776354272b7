"""The schema keeps what docs/scale.md promises for distributing Ally by workspace (Citus): every table carries
`workspace_id` unless it is a documented global table, and every unique constraint spanning rows includes it."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, models

SCALE_DOC = Path(__file__).resolve().parents[1] / "docs" / "scale.md"


def _documented(section: str) -> list[str]:
    """The backticked names in the first column of one of docs/scale.md's tables."""
    text = SCALE_DOC.read_text().split(f"### {section}", 1)[1].split("\n#", 1)[0]
    return [name for row in re.findall(r"^\| (.+?) \|", text, re.M) for name in re.findall(r"`([^`]+)`", row)]


def _is_global(table: str) -> bool:
    return any(re.fullmatch(name.replace("*", ".*"), table) for name in _documented("Global tables"))


def _unique_sets(model) -> list[tuple[str, set[str]]]:
    """Each unique rule of a model as (its name in docs/scale.md, the columns it spans)."""
    table, meta = model._meta.db_table, model._meta
    sets = [(f"{table}.{f.name}", {f.column}) for f in meta.concrete_fields if f.unique and not f.primary_key]
    sets += [(f"{table}.{'_'.join(fields)}", {meta.get_field(n).column for n in fields}) for fields in meta.unique_together]
    sets += [(f"{table}.{c.name}", {meta.get_field(n).column for n in c.fields})
             for c in meta.constraints if isinstance(c, models.UniqueConstraint) and c.fields]
    return sets


@pytest.mark.django_db
def test_every_table_carries_workspace_id_or_is_a_documented_global_table():
    missing = []
    for table in connection.introspection.table_names():
        columns = {c.name for c in connection.introspection.get_table_description(connection.cursor(), table)}
        if "workspace_id" not in columns and not _is_global(table):
            missing.append(table)
    assert missing == [], f"add workspace_id, or document them as global in docs/scale.md: {missing}"


def test_every_unique_constraint_includes_workspace_id_or_is_documented():
    allowed = set(_documented("Unique constraints without `workspace_id`"))
    models_with_workspace = [m for m in apps.get_models(include_auto_created=True)
                             if not _is_global(m._meta.db_table)]
    unscoped = [name for model in models_with_workspace for name, columns in _unique_sets(model)
                if "workspace_id" not in columns and name not in allowed]
    assert unscoped == [], f"include workspace in these, or document why in docs/scale.md: {unscoped}"


def test_the_documented_exceptions_still_exist():
    """An exception that was fixed leaves the page, so the page stays true."""
    rules = {name for model in apps.get_models(include_auto_created=True) for name, _ in _unique_sets(model)}
    assert set(_documented("Unique constraints without `workspace_id`")) <= rules
