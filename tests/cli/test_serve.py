"""What `ally serve` chooses to run: processes where the database allows them, one where it does not."""

from ally.cli import web_processes


def test_postgresql_gets_a_web_process_per_core_and_sqlite_one():
    assert web_processes("postgresql", cores=2) == 2
    assert web_processes("sqlite", cores=2) == 1


def test_asking_for_processes_is_obeyed_except_on_sqlite():
    assert web_processes("postgresql", cores=2, asked=4) == 4
    assert web_processes("sqlite", cores=2, asked=4) == 1
