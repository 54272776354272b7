"""People search's text index: the folded `search_text` of every person, and the database's own index over it.

SQLite: an FTS5 table (trigram tokenizer) whose content is `people_person.search_text`, kept in step by
triggers, so every write of the column, bulk ones included, reaches the index. PostgreSQL: pg_trgm's GIN index on
the column, which answers LIKE '%word%'.
"""

from django.db import migrations, models

from ally.people.search import FTS_TABLE, document

SQLITE_INDEX = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(search_text, content='people_person', content_rowid='id', "
    "tokenize='trigram')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON people_person BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON people_person BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF search_text ON people_person BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{t}" for t in ("insert", "delete", "update")] + \
    [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
POSTGRESQL_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX people_person_search_trgm ON people_person USING gin (search_text gin_trgm_ops)",
]
POSTGRESQL_DROP = ["DROP INDEX IF EXISTS people_person_search_trgm"]


def fill_documents(apps, schema_editor):
    Person = apps.get_model("people", "Person")
    lists = {}
    for model, key, column in (("PersonEmail", "emails", "address"), ("PersonPhone", "phones", "number"),
                               ("PersonTag", "tags", "tag__name")):
        for person_id, value in apps.get_model("people", model).objects.order_by("id").values_list("person_id", column):
            lists.setdefault(person_id, {}).setdefault(key, []).append(value)
    rows = [(document(name=name, organization=org, **{"emails": [], "phones": [], "tags": [], **lists.get(pid, {})}), pid)
            for pid, name, org in Person.objects.values_list("id", "name", "organization__name").iterator()]
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany("UPDATE people_person SET search_text = %s WHERE id = %s", rows)


def _run(statements: dict):
    def run(apps, schema_editor):
        with schema_editor.connection.cursor() as cursor:
            for statement in statements.get(schema_editor.connection.vendor, []):
                cursor.execute(statement)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_text",
            field=models.TextField(default="", editable=False),
        ),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        migrations.RunPython(_run({"sqlite": SQLITE_INDEX, "postgresql": POSTGRESQL_INDEX}),
                             _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})),
    ]
