"""Who is who: transcript speaker names mapped to people Ally knows.

Meeting tools write names as the participant typed them: "Olivia Owner", "olivia", "Olivia O.",
"Owner, Olivia", "José Núñez (Acme)". Names are compared after folding case and accents and
dropping a trailing "(...)", at three levels, strongest first, each used only when the stronger
ones found no one:

1. **full name**: the same words ("Owner, Olivia" is also read as "Olivia Owner");
2. **first name**: a one-word transcript name equal to a candidate's first name;
3. **initials**: as many words as the candidate's name, each equal to the candidate's word or
   its initial ("Olivia O.", "O. Owner"), or one word spelling all the initials ("OO").

A level that finds two or more candidates decides nothing: the name stays unresolved rather than
guessed (two Olivias on a call is exactly when a wrong guess hurts). The seller side is the names
that map to team members.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

_BRACKETED_SUFFIX = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")
_NOT_LETTER = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person a transcript name may stand for; ``key`` is whatever the caller uses (a Person id)."""

    key: Hashable
    name: str
    team_member: bool = False


@dataclass(frozen=True)
class SpeakerMapping:
    """``people``: transcript name -> candidate; ``how``: transcript name -> "full name",
    "first name" or "initials"; ``unresolved``: names matched to no one, or to more than one."""

    people: dict[str, Candidate] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    unresolved: tuple[str, ...] = ()

    @property
    def sellers(self) -> tuple[str, ...]:
        """Transcript names mapped to team members: the seller side for ``conversation_metrics``."""
        return tuple(name for name, person in self.people.items() if person.team_member)


def map_speakers(names: Iterable[str], candidates: Sequence[Candidate]) -> SpeakerMapping:
    """Map each distinct transcript name to one candidate, or leave it unresolved."""
    folded = [(candidate, name_words(candidate.name)) for candidate in candidates]
    people, how, unresolved = {}, {}, []
    for name in dict.fromkeys(names):
        match = _match(name, folded)
        if match is None:
            unresolved.append(name)
        else:
            people[name], how[name] = match
    return SpeakerMapping(people, how, tuple(unresolved))


def name_words(name: str) -> tuple[str, ...]:
    """"José Núñez (Acme)" -> ("jose", "nunez"); "Owner, Olivia" -> ("olivia", "owner")."""
    name = _BRACKETED_SUFFIX.sub("", name)
    if name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return tuple(_NOT_LETTER.sub(" ", plain.casefold()).split())


def _match(name: str, folded) -> tuple[Candidate, str] | None:
    words = name_words(name)
    if not words:
        return None
    for level, test in (("full name", _same), ("first name", _first_name), ("initials", _initials)):
        found = [candidate for candidate, theirs in folded if theirs and test(words, theirs)]
        if len({id(c) for c in found}) == 1:
            return found[0], level
        if found:
            return None  # ambiguous at the strongest level that matched: do not guess
    return None


def _same(words, theirs) -> bool:
    return words == theirs


def _first_name(words, theirs) -> bool:
    return len(words) == 1 and words[0] == theirs[0]


def _initials(words, theirs) -> bool:
    if len(words) == 1 and len(theirs) > 1:
        return words[0] == "".join(word[0] for word in theirs)
    return len(words) == len(theirs) and all(
        mine == their or (len(mine) == 1 and their.startswith(mine)) or (len(their) == 1 and mine.startswith(their))
        for mine, their in zip(words, theirs, strict=True)
    )
