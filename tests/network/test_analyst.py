"""`ally intro --graph EDGES.csv`: warm introductions over any graph, no workspace."""

import json

import pytest


@pytest.fixture
def edges(tmp_path):
    path = tmp_path / "EDGES.csv"
    path.write_text("a,b,strength\nolivia,alice,0.9\nalice,carol,0.7\nsam,bob,0.5\nbob,carol,0.5\n")
    return path


def test_the_paths_as_node_ids_with_their_scores(ally_command, edges):
    result = ally_command("intro", "--graph", edges, "--sources", "olivia,sam", "--target", "carol", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [i["path"] for i in data["introductions"]] == [["olivia", "alice", "carol"], ["sam", "bob", "carol"]]
    assert data["introductions"][0]["score"] == 0.63 and data["k"] == 3 and data["max_hops"] == 4
    one = json.loads(ally_command("intro", "--graph", edges, "--sources", "olivia,sam", "--target", "carol",
                                  "--k", "1", "--json").stdout)
    assert len(one["introductions"]) == 1


@pytest.mark.parametrize("args, message", [
    (["--sources", "olivia", "--target", "nobody"], "target 'nobody' is not in the graph"),
    (["--sources", "olivia", "--target", "carol", "--max-hops", "9"], "max_hops"),
    (["--sources", "olivia", "--target", "carol", "--k", "0"], "k"),
    (["--target", "carol"], "--sources"),
    (["--sources", "olivia"], "--target"),
])
def test_bad_questions_are_one_line_and_exit_non_zero(ally_command, edges, args, message):
    result = ally_command("intro", "--graph", edges, *args, "--json")
    assert result.exit_code == 1 and message in result.output and "Traceback" not in result.output


def test_a_bad_file_names_its_line(ally_command, tmp_path):
    path = tmp_path / "EDGES.csv"
    path.write_text("a,b,strength\nx,y,lots\n")
    result = ally_command("intro", "--graph", path, "--sources", "x", "--target", "y")
    assert result.exit_code == 1 and "EDGES.csv line 2: strength 'lots' is not a number" in result.output
    missing = ally_command("intro", "--graph", tmp_path / "none.csv", "--sources", "x", "--target", "y")
    assert missing.exit_code == 1 and "is not a readable file" in missing.output
