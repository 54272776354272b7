"""Who a row is about, and what it may change (pure)."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from ally.imports.matching import PeopleIndex, PersonRecord, name_key, sorted_words


def _clean(name, **fields):
    return {"name": name, "emails": [], "phones": [], "tags": [], "title": "", "notes": "", "how_we_met": "", **fields}


def _index(*records):
    return PeopleIndex(list(records))


def test_the_same_email_matches_before_anything_else():
    ada = PersonRecord(id=1, name="Ada Lovelace", emails=["ada@example.com"])
    other = PersonRecord(id=2, name="Someone Else", phones=["+12125550101"])
    found, why = _index(ada, other).find(name="A. L.", organization="", emails=["ada@example.com"],
                                         phones=["+12125550101"])
    assert (found, why) == (ada, "email ada@example.com")


def test_the_same_phone_matches():
    ada = PersonRecord(id=1, name="Ada Lovelace", phones=["+12125550101"])
    assert _index(ada).find(name="Ada", organization="", emails=[], phones=["+12125550101"])[0] is ada


def test_a_close_name_at_the_same_organization_matches_whatever_the_order_and_accents():
    jose = PersonRecord(id=1, name="José Núñez", organization="Acme Corp")
    index = _index(jose)
    assert index.find(name="Nunez, Jose", organization="ACME  corp", emails=[], phones=[])[0] is jose
    assert index.find(name="Jose Nunes", organization="Acme Corp", emails=[], phones=[])[0] is jose


def test_a_name_that_is_only_similar_or_at_another_organization_is_someone_new():
    anna = PersonRecord(id=1, name="Anna Lee", organization="Globex")
    index = _index(anna)
    assert index.find(name="Anne Lee", organization="Globex", emails=[], phones=[]) == (None, "")
    assert index.find(name="Anna Lee", organization="Initech", emails=[], phones=[]) == (None, "")


def test_without_an_organization_only_the_same_name_matches():
    john = PersonRecord(id=1, name="John Smith")
    index = _index(john)
    assert index.find(name="john  SMITH", organization="", emails=[], phones=[])[0] is john
    assert index.find(name="Jon Smith", organization="", emails=[], phones=[]) == (None, "")


def test_a_match_fills_empty_fields_and_adds_new_details():
    ada = PersonRecord(id=1, name="Ada Lovelace", emails=["ada@example.com"], tags=["vip"])
    index = _index(ada)
    merge = index.merge(ada, clean=_clean("Ada Lovelace", emails=["ada@example.com", "ada@work.example"],
                                          phones=["+12125550101"], tags=["vip", "math"], title="Analyst",
                                          birthday_month=12, birthday_day=10, birthday_year=1815),
                        organization="Analytical Engines")
    assert merge.conflicts == []
    assert merge.changes == ["organization", "title", "birthday", "email ada@work.example", "phone +12125550101",
                             "tag math"]
    assert (ada.organization, ada.title, ada.birthday_year) == ("Analytical Engines", "Analyst", 1815)
    assert ada.changed == {"organization", "title", "birthday"}
    assert (ada.added_emails, ada.added_phones, ada.added_tags) == (["ada@work.example"], ["+12125550101"], ["math"])
    # what was added is found again: the same row twice is the same person
    assert index.find(name="x", organization="", emails=["ada@work.example"], phones=[])[0] is ada
    assert index.find(name="Ada Lovelace", organization="Analytical Engines", emails=[], phones=[])[0] is ada


def test_a_match_never_overwrites_and_reports_what_it_kept():
    ada = PersonRecord(id=1, name="Ada Lovelace", organization="Acme", title="CEO", birthday_month=12,
                       birthday_day=10, cadence_days=30)
    bob = PersonRecord(id=2, name="Bob", emails=["bob@example.com"])
    merge = _index(ada, bob).merge(ada, clean=_clean("Ada King", title="Chief Executive", cadence_days=7,
                                                     birthday_month=1, birthday_day=2, emails=["bob@example.com"]),
                                   organization="Globex")
    assert merge.changes == []
    assert merge.conflicts == [
        "kept name 'Ada Lovelace' (file: 'Ada King')",
        "kept organization 'Acme' (file: 'Globex')",
        "kept title 'CEO' (file: 'Chief Executive')",
        "kept cadence '30' (file: '7')",
        "kept birthday 12-10 (file: 01-02)",
        "email bob@example.com belongs to Bob, not added",
    ]
    assert (ada.title, ada.organization, ada.changed, ada.emails) == ("CEO", "Acme", set(), [])


def test_a_birthday_year_is_added_to_the_same_day():
    ada = PersonRecord(id=1, name="Ada", birthday_month=12, birthday_day=10)
    merge = _index(ada).merge(ada, clean=_clean("Ada", birthday_month=12, birthday_day=10, birthday_year=1815),
                              organization="")
    assert merge.changes == ["birthday"] and ada.birthday_year == 1815


def test_a_record_is_dirty_until_written():
    new = PersonRecord(id=None, name="New")
    known = PersonRecord(id=1, name="Known")
    assert new.dirty and not known.dirty
    known.added_tags.append("vip")
    assert known.dirty
    known.written()
    assert not known.dirty


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_plain_ascii_names_are_keyed_as_accented_names_are(name):
    # given any ASCII name, when keyed by the shortcut, then it equals the general Unicode rule
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    assert name_key(name) == " ".join(letters.split())


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_names_with_sorted_words_score_as_token_sort_ratio_scores_them(a, b):
    # the index compares names by plain ratio on words sorted once; the documented rule is token_sort_ratio
    a, b = name_key(a), name_key(b)
    assert fuzz.ratio(sorted_words(a), sorted_words(b)) == fuzz.token_sort_ratio(a, b, processor=None)
