"""People search: one text index over what a person is found by (name, every email, organization, tags and phone
digits).

Each person carries `search_text`, a folded document: lower case, accents removed ("José" is "jose"), words
separated by two spaces with the name first, so the index answers substrings ("smi" in Smith, "yahoo" in
bob@yahoo.com, "5551234" in +15551234567). On SQLite an FTS5 table with the trigram tokenizer mirrors the column
(migration 0003 keeps it in step with triggers); on PostgreSQL a pg_trgm GIN index answers LIKE on it. A query
word shorter than a trigram is matched at the start of a word: the spaces before it make it three characters.

The services that write what a document holds call `search_refresh` in their transaction.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

SEPARATOR = "  "
NAME_END = "  |"
TRIGRAM = 3
REFRESH_BATCH = 2000
FTS_TABLE = "people_person_search"
PHONE_QUERY = re.compile(r"[\d\s+().\-]*\d{3}[\d\s+().\-]*")


def fold(text: str) -> str:
    """Lower case without accents or control characters: what both the documents and the queries are compared as."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c if c.isprintable() else " " for c in decomposed if not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[str]:
    return fold(text).split()


def document(*, name: str, organization: str | None, emails, phones, tags) -> str:
    """The searchable text of one person; `phones` are E.164 numbers, kept as their digits."""
    rest = _words(organization or "") + [w for e in emails for w in _words(e)]
    rest += [re.sub(r"\D", "", number) for number in phones]
    rest += [w for tag in tags for w in _words(tag)]
    return SEPARATOR + SEPARATOR.join(_words(name)) + NAME_END + SEPARATOR + SEPARATOR.join(rest) + SEPARATOR


def query_words(q: str) -> list[str]:
    """What each word of a query must match: a phone number becomes its digits, short words a word start."""
    if PHONE_QUERY.fullmatch(q.strip()):
        return [re.sub(r"\D", "", q)]
    words = [w for w in _words(q) if any(c.isalnum() for c in w)]
    return [" " * max(0, TRIGRAM - len(w)) + w for w in words]


def matching(q: str) -> Q:
    """People whose document holds every word of `q` (nobody when `q` has nothing to search by)."""
    words = query_words(q)
    if not words:
        return Q(pk__in=[])
    if connection.vendor == "sqlite":
        phrases = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return Q(pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [phrases]))
    found = Q()
    for word in words:
        found &= Q(search_text__contains=word)
    return found


def rank(q: str) -> Case:
    """0 for the exact name, 1 for a name that starts with the query, 2 for any other match."""
    name = SEPARATOR + SEPARATOR.join(_words(q))
    return Case(When(search_text__startswith=name + NAME_END, then=Value(0)),
                When(search_text__startswith=name, then=Value(1)),
                default=Value(2), output_field=IntegerField())


def search_refresh(*, person_ids) -> dict[int, str]:
    """Rewrite the documents of these people from what the database holds now (within the caller's transaction);
    returns them by person id, for a caller that keeps an instance to save again."""
    ids, documents = sorted(set(person_ids)), {}
    for start in range(0, len(ids), REFRESH_BATCH):
        documents.update(_refresh_batch(ids[start:start + REFRESH_BATCH]))
    return documents


def search_refresh_workspace(*, workspace) -> None:
    """Rewrite every document of a workspace: after a demo build or a restore wrote people in bulk."""
    from ally.people.models import Person

    search_refresh(person_ids=Person.objects.filter(workspace=workspace).values_list("id", flat=True))


def _refresh_batch(ids: list[int]) -> dict[int, str]:
    from ally.people.models import Person, PersonEmail, PersonPhone, PersonTag

    lists: dict[int, dict[str, list[str]]] = {i: {"emails": [], "phones": [], "tags": []} for i in ids}
    for model, key, column in ((PersonEmail, "emails", "address"), (PersonPhone, "phones", "number"),
                               (PersonTag, "tags", "tag__name")):
        for person_id, value in model.objects.filter(person_id__in=ids).order_by("id").values_list("person_id", column):
            lists[person_id][key].append(value)
    rows = [(document(name=name, organization=organization, **lists[pid]), pid)
            for pid, name, organization in Person.objects.filter(id__in=ids).values_list("id", "name", "organization__name")]
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", rows)
    return {pid: text for text, pid in rows}
