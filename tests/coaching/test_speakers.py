"""Mapping transcript names to people: strongest evidence first, never a guess between two."""

from ally.coaching.speakers import Candidate, map_speakers, name_words

OLIVIA = Candidate(1, "Olivia Owner", team_member=True)
ALICE = Candidate(2, "Alice Ally")
JOSE = Candidate(3, "José Núñez")
ALBERT = Candidate(4, "Albert Ames")
PEOPLE = [OLIVIA, ALICE, JOSE, ALBERT]


def test_names_match_by_full_name_ignoring_case_accents_order_and_a_company_suffix():
    mapping = map_speakers(["olivia owner", "JOSE NUNEZ (Acme)", "Ally, Alice"], PEOPLE)
    assert mapping.people == {"olivia owner": OLIVIA, "JOSE NUNEZ (Acme)": JOSE, "Ally, Alice": ALICE}
    assert set(mapping.how.values()) == {"full name"}
    assert mapping.unresolved == ()


def test_a_first_name_alone_matches_when_only_one_person_has_it():
    mapping = map_speakers(["Olivia", "José"], PEOPLE)
    assert mapping.people == {"Olivia": OLIVIA, "José": JOSE}
    assert mapping.how == {"Olivia": "first name", "José": "first name"}


def test_initials_match_word_by_word_or_all_at_once():
    mapping = map_speakers(["Olivia O.", "J. Núñez", "OO"], PEOPLE)
    assert mapping.people == {"Olivia O.": OLIVIA, "J. Núñez": JOSE, "OO": OLIVIA}
    assert set(mapping.how.values()) == {"initials"}


def test_an_ambiguous_or_unknown_name_stays_unresolved():
    # "A. A." could be Alice Ally or Albert Ames; "Bob" is no one here.
    mapping = map_speakers(["A. A.", "Bob", "Alice"], PEOPLE)
    assert mapping.unresolved == ("A. A.", "Bob")
    assert mapping.people == {"Alice": ALICE}


def test_the_seller_side_is_the_names_mapped_to_team_members():
    mapping = map_speakers(["Olivia Owner", "Alice Ally", "Olivia Owner"], PEOPLE)
    assert mapping.sellers == ("Olivia Owner",)


def test_name_words_fold_what_meeting_tools_add():
    assert name_words("  Zoë  O'Brien-Smith [guest] ") == ("zoe", "o", "brien", "smith")
