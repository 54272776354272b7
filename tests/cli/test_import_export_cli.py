import csv
import io
import json

from ally.people.models import Person
from ally.people.services import person_create
from ally.workspaces.models import Workspace

PEOPLE = ("Name,Email,Company,Birthday\n"
          "Carla Client,carla@example.com,Globex,1980-03-14\n"
          "Dan Dealer,not-an-email,Initech,\n"
          "Carla Client,carla@example.com,,\n").encode()


def test_import_csv_reports_each_kind_of_row_as_json(ally_command, workspace, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(PEOPLE)
    result = ally_command("import", "csv", path, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["counts"] == {"new": 1, "updated": 0, "unchanged": 0, "duplicate_in_file": 1, "invalid": 1,
                                "conflicts": 0}
    assert report["invalid"] == [{"line": 3, "reason": "emails: 'not-an-email' is not a valid email address"}]
    assert Person.objects.filter(workspace=workspace, name="Carla Client").count() == 1


def test_a_dry_run_prints_the_report_and_writes_nothing(ally_command, workspace, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(PEOPLE)
    result = ally_command("import", "csv", path, "--dry-run")
    assert result.exit_code == 0
    assert "Dry run: nothing would be written." in result.stdout and "not-an-email" in result.stdout
    assert not Person.objects.filter(name="Carla Client").exists()


def test_columns_can_be_mapped_and_ignored_ones_are_warned_about(ally_command, workspace, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("Qui;Courriel;Pointure\nZoé;zoe@example.fr;38\n".encode("cp1252"))
    result = ally_command("import", "csv", path, "--map", "Qui=name", "--map", "courriel=email", "--json")
    assert result.exit_code == 0, result.output
    assert "warning: the file is not UTF-8; read it as cp1252" in result.stderr
    assert "warning: columns ignored: Pointure" in result.stderr
    assert Person.objects.get(workspace=workspace, name="Zoé").emails.get().address == "zoe@example.fr"


def test_file_level_problems_are_one_line(ally_command, workspace, tmp_path):
    headerless = tmp_path / "numbers.csv"
    headerless.write_bytes(b"1,2\n3,4\n")
    missing = ally_command("import", "csv", tmp_path / "nope.csv")
    no_header = ally_command("import", "csv", headerless)
    bad_map = ally_command("import", "csv", headerless, "--map", "1=shoe")
    assert missing.exit_code == no_header.exit_code == bad_map.exit_code == 1
    assert missing.stderr.startswith("error: file: cannot read") and "No such file" in missing.stderr
    assert no_header.stderr.startswith("error: file: no header row recognised")
    assert bad_map.stderr.startswith("error: --map '1=shoe': 'shoe' is not a field")


def test_export_csv_writes_people_that_import_back_unchanged(ally_command, workspace, alice, bob, tmp_path):
    person_create(workspace=workspace, name="Zoë [the] Builder", phones=["+44 20 7946 0958"], birthday_month=2,
                  birthday_day=29, tags=["vip", "golf"], notes="secret", notes_private=True)
    out = tmp_path / "people.csv"
    result = ally_command("export", "csv", "--out", out)
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8-sig")
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["Zoë [the] Builder"]["Birthday"] == "02-29" and rows["Zoë [the] Builder"]["Tags"] == "golf; vip"
    assert rows["Zoë [the] Builder"]["Notes"] == "" and rows["Alice Ally"]["Cadence days"] == "30"
    again = json.loads(ally_command("import", "csv", out, "--json").stdout)
    assert again["counts"]["new"] == again["counts"]["updated"] == 0 and again["warnings"] == []
    assert again["counts"]["unchanged"] == Person.objects.filter(workspace=workspace).count()


def test_export_json_then_import_json_restores_a_new_workspace(ally_command, workspace, alice, other_workspace,
                                                               rita, tmp_path):
    archive = tmp_path / "acme.json"
    exported = ally_command("export", "json", "--out", archive, "-w", "acme")
    restored = ally_command("import", "json", archive, "--workspace", "acme-restored", "--map-user", "olivia=olivia")
    assert exported.exit_code == 0 and restored.exit_code == 0, exported.output + restored.output
    assert "olivia: seated existing login olivia" in restored.stdout
    copy = Workspace.objects.get(slug="acme-restored")
    assert sorted(Person.objects.filter(workspace=copy).values_list("name", flat=True)) == ["Alice Ally",
                                                                                             "Olivia Owner"]
    again = ally_command("export", "json", "-w", "acme-restored")
    assert json.loads(again.stdout) == json.loads(archive.read_text())


def test_import_json_refuses_what_is_not_an_archive(ally_command, workspace, tmp_path):
    not_json = tmp_path / "x.json"
    not_json.write_text("hello")
    not_archive = tmp_path / "y.json"
    not_archive.write_text("[]")
    first = ally_command("import", "json", not_json, "--workspace", "new")
    second = ally_command("import", "json", not_archive, "--workspace", "new")
    taken = ally_command("import", "json", not_archive, "--workspace", "acme")
    assert first.stderr.startswith("error: file: ")
    assert second.stderr.strip() == "error: file: is not an Ally workspace archive"
    assert taken.exit_code == 1
    assert not Workspace.objects.filter(slug="new").exists()
