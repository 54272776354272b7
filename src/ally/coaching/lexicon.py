"""The words the conversation coach listens for, and its rules for questions.

Everything a coach might want to argue with is here, in plain lists, so docs/coaching.md can quote
it and a reviewer can change it in one place:

- sentence splitting and the normalised form phrases are matched in;
- open and closed questions (``question_kind``);
- filler words (``count_fillers``);
- pushy phrases (``PUSHY_PHRASES``, extended per workspace with ``pushy_matcher(extra)``);
- the customer's need cues and the money, time or share amounts that say what a problem costs
  (``need_cue``, ``cost_in``).

The rules are deliberately simple and readable rather than clever: the coach points at sentences
for a person to look at, it does not grade anyone on a model nobody can explain.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

# --- sentences and normal form ----------------------------------------------------------------

# A sentence runs to ., ! or ? (or …) followed by a space or the end; closing quotes and brackets
# stay with it. "3.5" and "e.g.x" do not split because no space follows the dot.
_SENTENCE = re.compile(r"\S.*?(?:[.!?…]+[\"'”’)\]]*(?=\s|$)|$)", re.S)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_NOT_WORD = re.compile(r"[^\w]+")


def sentences(text: str) -> list[str]:
    return [match.group(0).strip() for match in _SENTENCE.finditer(text)]


def straighten(text: str) -> str:
    """Lower case with straight quotes: curly apostrophes must not hide "I’ll be honest"."""
    if text.isascii() and "`" not in text:
        return text.lower()  # nothing to straighten; translate() is slow, and most text is ASCII
    return text.translate(_APOSTROPHES).lower()


def normalise(text: str) -> str:
    """The form phrases are matched in: lower case, apostrophes dropped ("i'll" -> "ill"), every
    other run of punctuation or space one space, padded with a space at each end. A phrase and a
    sentence normalised the same way match whatever punctuation either was written with."""
    return " " + _NOT_WORD.sub(" ", straighten(text).replace("'", "")).strip() + " "


# --- questions ----------------------------------------------------------------------------------

# Open: the answer is a story, an explanation or a person, not yes/no, a number or a pick.
OPEN_STARTERS = (
    "what", "whats", "how", "hows", "why", "who", "whos", "whom", "whose", "where", "wheres",
    "tell me", "describe", "walk me through", "talk me through", "take me through",
    "help me understand", "explain", "talk to me about", "share",
)
# "How" asking for a figure is a closed question: it wants a number, not a story.
HOW_FIGURE = ("how many", "how much", "how long", "how often", "how old", "how soon", "how far", "how big")
# Closed: yes/no questions start with an auxiliary; "when" and "which" ask for a date or a pick.
CLOSED_STARTERS = (
    "do", "does", "did", "is", "are", "was", "were", "am", "can", "could", "will", "would",
    "should", "shall", "have", "has", "had", "may", "might", "must", "dont", "doesnt", "didnt",
    "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wont", "wouldnt", "shouldnt",
    "havent", "hasnt", "hadnt", "when", "which", "any", "anything", "anyone",
)
# "Could you walk me through ...", "would you mind describing ...": a polite open question.
_POLITE_OPEN = re.compile(
    r"^ (?:can|could|would|will) you (?:please )?(?:mind )?"
    r"(?:tell|telling|describe|describing|walk|walking|talk|talking|take|taking|explain|explaining|"
    r"share|sharing|help me understand|say more|expand)\b"
)
# ", right?" and friends make any sentence a request to agree: closed.
TAG_ENDINGS = (
    "right", "correct", "yes", "no", "yeah", "ok", "okay", "true", "agreed", "fair", "isnt it",
    "dont you", "arent you", "wouldnt you", "wont you", "doesnt it", "cant you", "didnt you",
    "wouldnt it", "isnt that right", "am i right", "does that make sense", "make sense",
)
_TAG = re.compile(r",\s*(?:" + "|".join(t.replace(" ", r"\s+") for t in TAG_ENDINGS) + r")\s*\?+[\"'”’)\]]*$")
# Words that open a sentence without deciding it: "So, what ...", "And how ...", "Okay, do you ...".
LEAD_INS = (
    "so", "and", "but", "ok", "okay", "well", "now", "um", "uh", "alright", "all right", "then",
    "also", "oh", "great", "right", "sure", "yeah", "yes", "hey", "look", "listen", "just",
    "and so", "out of curiosity", "i see", "got it", "thanks", "cool", "perfect", "wow", "mhm",
)
_LEAD_IN = re.compile(r"^ (?:" + "|".join(LEAD_INS) + r") ")
# A first clause opening with these is a lead-in when a clause follows ("If budget were no issue, ...").
SUBORDINATORS = (
    "when", "if", "as", "once", "since", "while", "after", "before", "because", "given",
    "assuming", "suppose", "now that", "with", "whenever", "looking", "thinking",
)
_CLAUSE_BREAK = re.compile(r"[,;:—–]|\s-\s")


def question_kind(sentence: str) -> str:
    """"open" or "closed" for a sentence ending in "?". Rules, in order:

    1. a tag ending (", right?", ", correct?", ", isn't it?") makes it closed;
    2. lead-ins ("so", "and", "okay", ...) are skipped, then the first words decide:
       "how many/much/long/often/..." closed; an open starter (what, how, why, who, where, tell me,
       describe, walk me through, ...) open; "can/could/would you tell me/walk me through/
       describe/explain ..." open; an auxiliary (do, is, can, will, would, ...), "when" or "which"
       closed;
    3. otherwise a leading clause is skipped: the first later clause (after a comma, semicolon,
       colon or dash) that starts with an open or closed starter decides ("Looking back at last
       year, what ..." is open). A first clause opening with a subordinator ("when", "if", "as",
       "given", "looking", ...) is skipped this way even though "when" would decide it;
    4. anything else ("You use Excel?", "Friday?") is closed.
    """
    if _TAG.search(straighten(sentence).replace("'", "")):
        return "closed"
    first, *later = _CLAUSE_BREAK.split(sentence)
    if later and _starts_with(_without_lead_ins(first), SUBORDINATORS):
        # "When you look back, what ...": the question is in the main clause.
        return next(filter(None, map(_starter_kind, later)), None) or _starter_kind(first) or "closed"
    return _starter_kind(first) or next(filter(None, map(_starter_kind, later)), None) or "closed"


def _without_lead_ins(clause: str) -> str:
    words = normalise(clause)
    while (lead := _LEAD_IN.match(words)) and len(words) > lead.end():
        words = " " + words[lead.end():]
    return words


def _starter_kind(clause: str) -> str | None:
    words = _without_lead_ins(clause)
    if _starts_with(words, HOW_FIGURE):
        return "closed"
    if _starts_with(words, OPEN_STARTERS) or _POLITE_OPEN.match(words):
        return "open"
    if _starts_with(words, CLOSED_STARTERS):
        return "closed"
    return None


@functools.cache
def _starter_pattern(starters: tuple[str, ...]) -> re.Pattern:
    return re.compile(" (?:" + "|".join(map(re.escape, starters)) + ") ")


def _starts_with(words: str, starters: tuple[str, ...]) -> bool:
    return _starter_pattern(starters).match(words) is not None


def is_question(sentence: str) -> bool:
    return sentence.rstrip("\"'”’)] ").endswith("?")


# --- filler words -------------------------------------------------------------------------------

# Always fillers (hesitation sounds). "Mm-hmm" and "yeah" are listening noises, not fillers.
HESITATIONS = ("um", "umm", "uh", "uhh", "uhm", "erm", "er", "ehm")
# Fillers only when set off as a phrase of their own (see count_fillers).
FILLER_PHRASES = ("you know", "i mean", "like", "sort of", "kind of")
_HESITATION = re.compile(r"\b(?:" + "|".join(HESITATIONS) + r")\b")
# "you know" / "i mean" followed by a pause (comma, dash, sentence end), not as in "do you know?"
_YOU_KNOW = re.compile(r"(?:\b([\w']+)\s+)?\b(?:you know|i mean)\b(?=\s*(?:[,.!?;…—–]|$))")
_NOT_FILLER_BEFORE_YOU_KNOW = frozenset(
    "do did does don't didn't if as would will can could might you what whatever".split()
)
# "like" between commas or opening a sentence before a comma: "it was, like, huge"; "Like, we ..."
_LIKE = re.compile(r"(?:^|,)\s*like\s*,")
# "kind of"/"sort of" as a hedge ("it's kind of slow"), not as a noun ("what kind of tool").
_HEDGE = re.compile(r"(?:\b([\w']+)\s+)?\b(?:kind|sort) of\b")
_NOT_HEDGE_BEFORE = frozenset(
    "what which that this these those the a an any some every each no same other one all "
    "my your our their his her its what's whats any".split()
)


def count_fillers(text: str) -> int:
    """Filler words in one turn's text (the rules are in docs/coaching.md)."""
    plain = straighten(text)
    count = len(_HESITATION.findall(plain))
    if "you know" in plain or "i mean" in plain:
        count += sum(1 for m in _YOU_KNOW.finditer(plain) if m.group(1) not in _NOT_FILLER_BEFORE_YOU_KNOW)
    if "kind of" in plain or "sort of" in plain:
        count += sum(1 for m in _HEDGE.finditer(plain) if m.group(1) not in _NOT_HEDGE_BEFORE)
    if "like" in plain:
        count += sum(len(_LIKE.findall(sentence)) for sentence in sentences(plain))
    return count


# --- pushy phrases ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PushyPhrase:
    """A phrase that pushes instead of helping, the kind of push it is, and why it hurts."""

    phrase: str
    category: str
    why: str = ""


_URGENCY = "false urgency"
_PRESSURE = "pressure"
_CLOSING = "closing question"
_PAST = "talking past an objection"
_TRUST = "trust me"

PUSHY_PHRASES: tuple[PushyPhrase, ...] = (
    # A deadline the customer did not set makes the decision about the seller's calendar.
    PushyPhrase("only until", _URGENCY, "a deadline the customer did not ask for"),
    PushyPhrase("limited time", _URGENCY, "a deadline the customer did not ask for"),
    PushyPhrase("offer ends", _URGENCY, "a deadline the customer did not ask for"),
    PushyPhrase("this week only", _URGENCY, "a deadline the customer did not ask for"),
    PushyPhrase("today only", _URGENCY, "a deadline the customer did not ask for"),
    PushyPhrase("price goes up", _URGENCY, "a threat instead of a reason"),
    PushyPhrase("before it's too late", _URGENCY, "a threat instead of a reason"),
    PushyPhrase("won't last", _URGENCY, "scarcity the customer cannot check"),
    PushyPhrase("last chance", _URGENCY, "scarcity the customer cannot check"),
    PushyPhrase("act now", _URGENCY, "hurry instead of help"),
    PushyPhrase("spots are filling up", _URGENCY, "scarcity the customer cannot check"),
    # Asking for the signature instead of for what the customer still needs to decide well.
    PushyPhrase("sign today", _CLOSING, "asks for the signature, not for what is still unclear"),
    PushyPhrase("are you ready to move forward", _CLOSING, "asks for the signature, not for what is still unclear"),
    PushyPhrase("ready to sign", _CLOSING, "asks for the signature, not for what is still unclear"),
    PushyPhrase("let's get the paperwork started", _CLOSING, "asks for the signature, not for what is still unclear"),
    PushyPhrase("get this signed", _CLOSING, "asks for the signature, not for what is still unclear"),
    PushyPhrase("sign on the dotted line", _CLOSING, "asks for the signature, not for what is still unclear"),
    PushyPhrase("what would it take", _CLOSING, "bargains for the deal instead of asking about the need"),
    PushyPhrase("if i could", _CLOSING, "the 'if I could ..., would you ...' trap close"),
    PushyPhrase("what's stopping you", _CLOSING, "treats the customer's doubts as an obstacle"),
    PushyPhrase("do we have a deal", _CLOSING, "asks for the signature, not for what is still unclear"),
    # Pressure: belittling doubt or comparing the customer to a crowd.
    PushyPhrase("you won't find a better price", _PRESSURE, "a claim instead of a comparison the customer can make"),
    PushyPhrase("you'd be crazy not to", _PRESSURE, "belittles a careful decision"),
    PushyPhrase("no-brainer", _PRESSURE, "belittles a careful decision"),
    PushyPhrase("everyone is buying", _PRESSURE, "the crowd instead of the customer's need"),
    PushyPhrase("everybody is switching", _PRESSURE, "the crowd instead of the customer's need"),
    PushyPhrase("you can't afford not to", _PRESSURE, "belittles a careful decision"),
    PushyPhrase("what are you waiting for", _PRESSURE, "hurry instead of help"),
    # "Trust me" asks for trust instead of earning it, and suggests the rest was not honest.
    PushyPhrase("i'll be honest with you", _TRUST, "implies the rest was not honest"),
    PushyPhrase("to be honest with you", _TRUST, "implies the rest was not honest"),
    PushyPhrase("trust me", _TRUST, "asks for trust instead of earning it"),
    PushyPhrase("believe me", _TRUST, "asks for trust instead of earning it"),
    # Talking past an objection: the customer's concern is dismissed instead of explored.
    PushyPhrase("i hear you, but", _PAST, "dismisses the concern it claims to hear"),
    PushyPhrase("don't worry about that", _PAST, "dismisses the concern instead of exploring it"),
    PushyPhrase("that's not really a problem", _PAST, "dismisses the concern instead of exploring it"),
    PushyPhrase("let me stop you there", _PAST, "cuts the customer off"),
    PushyPhrase("forget about the price", _PAST, "dismisses the concern instead of exploring it"),
    PushyPhrase("you're overthinking", _PAST, "belittles a careful decision"),
)

WORKSPACE_CATEGORY = "workspace"


class PushyMatcher:
    """Finds pushy phrases in a sentence: one regular expression over normalised text, built once
    per set of phrases (the defaults plus a workspace's own)."""

    def __init__(self, phrases: Iterable[PushyPhrase]):
        self.by_form: dict[str, PushyPhrase] = {}
        for phrase in phrases:
            form = normalise(phrase.phrase).strip()
            if form:
                self.by_form.setdefault(form, phrase)
        # Longest first, so "i hear you but" wins over a shorter phrase inside it.
        forms = sorted(self.by_form, key=len, reverse=True)
        self._pattern = re.compile(" (" + "|".join(re.escape(f) for f in forms) + ") ") if forms else None

    def find_any(self, text: str) -> bool:
        return self._pattern is not None and self._pattern.search(normalise(text)) is not None

    def find(self, sentence: str) -> list[PushyPhrase]:
        """Each phrase found in the sentence, once, in the order they appear."""
        if self._pattern is None:
            return []
        words, found, position = normalise(sentence), [], 0
        while match := self._pattern.search(words, position):
            phrase = self.by_form[match.group(1)]
            if phrase not in found:
                found.append(phrase)
            position = match.end() - 1  # the closing space may open the next phrase
        return found


def pushy_matcher(extra: Iterable[str | PushyPhrase] = ()) -> PushyMatcher:
    """The default lexicon plus a workspace's phrases (plain strings get category "workspace")."""
    extra = tuple(p if isinstance(p, PushyPhrase) else PushyPhrase(str(p), WORKSPACE_CATEGORY) for p in extra)
    return _matcher(extra)


@functools.lru_cache(maxsize=32)
def _matcher(extra: tuple[PushyPhrase, ...]) -> PushyMatcher:
    return PushyMatcher((*PUSHY_PHRASES, *extra))


# --- the customer's needs -----------------------------------------------------------------------

# A customer saying what is wrong or what it costs them, in the first person.
NEED_CUES = (
    "we need", "we really need", "we still need", "i need", "we struggle", "we're struggling",
    "we are struggling", "i struggle", "it costs us", "costs us", "costing us", "cost us",
    "we can't", "we cannot", "i can't", "we lose", "we're losing", "we are losing", "we lost",
    "the problem is", "our problem is", "my problem is", "the issue is", "our biggest issue",
    "the challenge is", "our challenge is", "we're spending", "we are spending", "we spend",
    "we waste", "we're wasting", "it takes us", "we keep having to", "we have no way to",
    "we don't have a way", "we're stuck", "we are stuck", "is killing us", "frustrating",
)
_NEED = re.compile(" (" + "|".join(re.escape(normalise(cue).strip()) for cue in NEED_CUES) + ") ")
_CUE_OF_FORM = {normalise(cue).strip(): cue for cue in NEED_CUES}


def need_cue(sentence: str) -> str | None:
    """The first need cue in the sentence, as listed in NEED_CUES, or None."""
    match = _NEED.search(normalise(sentence))
    return _CUE_OF_FORM[match.group(1)] if match else None


_NUMBER_WORDS = (
    "a few|several|a couple of|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    "fifteen|twenty|thirty|forty|fifty|sixty|a hundred|hundreds of|thousands of"
)
_RATE = (
    r"(?:\s+(?:a|an|per|each|every)\s+"
    r"(?:year|month|week|day|quarter|hour|deal|order|quote|customer|client|shipment|call))?"
)
_MONEY = re.compile(
    r"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:k|m|bn|million|thousand|billion)\b)?"
    r"|\b\d[\d,]*(?:\.\d+)?\s?(?:k|m|bn|million|thousand|billion)?\s?"
    r"(?:dollars|euros|pounds|usd|eur|gbp|grand|bucks)\b)"
    + _RATE,
    re.I,
)
_TIME = re.compile(
    r"(?<!once )(?<!twice )(?<!per )\b(?:\d+(?:\.\d+)?|" + _NUMBER_WORDS + r"|half an?|an?)\s+"
    r"(?:full\s+|whole\s+|extra\s+)?(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?)\b" + _RATE,
    re.I,
)
_SHARE = re.compile(r"\b\d+(?:\.\d+)?\s?(?:%|percent\b)", re.I)


def cost_in(sentence: str) -> str | None:
    """The amount a sentence puts on a problem, as written: money first ("$12,000 a month"), else
    time ("three days per quote"), else a share ("20%"); None when it names none."""
    for pattern in (_MONEY, _TIME, _SHARE):
        match = pattern.search(sentence)
        if match:
            return match.group(0).strip()
    return None
