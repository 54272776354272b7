"""CSV exports neutralise cells a spreadsheet would run as formulas (OWASP: =, +, -, @, tab, CR)."""

import csv
import io

import pytest

from ally.core.spreadsheet import safe_cell
from ally.people.services import person_create

pytestmark = pytest.mark.django_db

ATTACKS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_formula_cell_is_written_as_text(attack):
    assert safe_cell(attack) == "'" + attack


def test_ordinary_cells_and_numbers_are_unchanged():
    assert [safe_cell(v) for v in ("Alice", "a=b", "", 30, -4)] == ["Alice", "a=b", "", 30, -4]


def test_ally_export_csv_never_writes_a_formula(ally_command, workspace, tmp_path):
    # given
    for n, attack in enumerate(ATTACKS):
        person_create(workspace=workspace, name=f"Person {n}", title=attack, how_we_met=attack)
    target = tmp_path / "people.csv"
    # when
    result = ally_command("export", "csv", "--out", str(target), "-w", "acme")
    # then
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    cells = [row[column] for row in rows for column in ("Title", "How we met") if row[column]]
    assert len(cells) == 2 * len(ATTACKS)
    assert all(cell.startswith("'") for cell in cells)
