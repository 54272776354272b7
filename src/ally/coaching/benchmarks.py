"""Published figures to show beside a call's metrics, each with where it was published.

Only figures found in a source are here, with that source; where the only source found repeats
someone else's figure, ``caveat`` says so. Published research measures what its authors' tools
measure, which is close to but not exactly Ally's definitions: ``caveat`` says where they differ.
No benchmark was found for filler words or interruptions, so none is shown for them.

A benchmark is a reference point for a coaching conversation, not a target to hit: a seller who
talks 43% of a call in which the customer needed a walkthrough was right to talk.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str
    year: int | None  # None when the copy found carries no date
    url: str


@dataclass(frozen=True, slots=True)
class Benchmark:
    """``low``/``high`` bound the range the source recommends (None when open); ``target`` is its
    best value when it gives one."""

    metric: str
    summary: str
    sources: tuple[Source, ...]
    low: float | None = None
    high: float | None = None
    target: float | None = None
    caveat: str = ""

    def as_json(self) -> dict:
        return {
            "metric": self.metric,
            "summary": self.summary,
            "low": self.low,
            "high": self.high,
            "target": self.target,
            "caveat": self.caveat,
            "sources": [
                {"title": s.title, "publisher": s.publisher, "year": s.year, "url": s.url} for s in self.sources
            ],
        }


_TALK_RATIO = Source(
    "The Highest Converting Talk-to-Listen Ratio in Sales, Based on 25,537 Sales Calls (Chris Orlob; "
    "revisited as 'Mastering the talk-to-listen ratio in sales calls' by Dan Morgese, 20 March 2025)",
    "Gong Labs",
    2016,
    "https://www.gong.io/resources/labs/talk-to-listen-conversion-ratio/",
)
_QUESTIONS = Source(
    "Navigating sales conversations: from first call to closed deal (slide deck)",
    "Gong",
    None,
    "https://www.slideshare.net/slideshow/navigating-sales-conversations-from-first-call-to-closed-deal/105791822",
)
_WINNING = Source(
    "The Science of Winning Sales Conversations (infographic on 257,967 B2B sales calls, as published by "
    "its designer, Lemonly)",
    "Gong",
    None,
    "https://lemonly.com/work/winning-sales-conversations-infographic",
)
_NINE_MINUTES = Source(
    "Why great salespeople never pitch for more than 9 minutes (Chris Orlob, 5 December 2018)",
    "Gong Labs",
    2018,
    "https://www.gong.io/resources/labs/great-salespeople-never-pitch-for-more-than-9-minutes-heres-why/",
)
_PAUSE_BLOG = Source(
    "Give me 2 seconds",
    "Feel Good About Selling (blog, quoting Gong)",
    None,
    "https://feelgoodaboutselling.com/sales-blog/give-me-2-seconds",
)
_PAUSE_OBJECTIONS = Source(
    "The Power Of The Pause On A Sales Call (quoting Gong's analysis of 67,149 sales call recordings)",
    "Break Into Tech Sales (blog)",
    None,
    "https://breakintotechsales.com/power-of-the-pause",
)

BENCHMARKS: dict[str, Benchmark] = {
    b.metric: b
    for b in (
        Benchmark(
            "seller_talk_share",
            "In Gong Labs' analysis of 25,537 B2B sales conversations the highest-converting calls had the "
            "seller talking 43% of the time and listening 57%; talking more than 65% of the call went with "
            "lower conversion. The average rep talked 65-75% of the time.",
            (_TALK_RATIO,),
            high=0.65,
            target=0.43,
            caveat="Gong divides by the call's talk time as its diarisation hears it; Ally divides the "
            "transcript's cue time, which counts overlapping speech for each speaker.",
        ),
        Benchmark(
            "seller_question_count",
            "Calls in which the seller asked 11-14 questions had the highest success rate in Gong's analysis "
            "of over a million sales meetings; beyond that, more questions brought diminishing returns.",
            (_QUESTIONS,),
            low=11,
            high=14,
            caveat="Gong counts questions in discovery calls; a demo or a check-in has its own rhythm.",
        ),
        Benchmark(
            "longest_customer_story_s",
            "When a customer spoke for 4 minutes straight (short interruptions such as clarifying questions "
            "included) the chance of winning rose; when their longest uninterrupted stretch was at most 50 "
            "seconds, the close rate was below average (Gong, 257,967 B2B sales calls).",
            (_WINNING,),
            low=240,
            caveat="Gong lets short interruptions sit inside the customer's stretch; Ally ends it at any "
            "seller cue, even a 'mm-hmm', so Ally's figure is the stricter one.",
        ),
        Benchmark(
            "longest_seller_monologue_s",
            "Win rates fell quickly once a 'company overview' ran past two minutes (Gong, 257,967 calls), "
            "and in won deals the sales-deck presentation lasted 9 minutes or less (Gong Labs 2018, "
            "121,828 web meetings).",
            (_WINNING, _NINE_MINUTES),
            high=120,
            caveat="Both figures measure a pitch, not any monologue: no published figure for the longest "
            "monologue itself was found, and two minutes is the nearest.",
        ),
        Benchmark(
            "patience_s",
            "A pause of about one second before answering is a good average according to Gong, as quoted by "
            "a sales blog; after an objection, top performers were reported to pause about 1.5 seconds, five "
            "times the 0.3 seconds of average performers (Gong, 67,149 calls).",
            (_PAUSE_BLOG, _PAUSE_OBJECTIONS),
            target=1.0,
            caveat="Secondhand: Gong's own page for these figures was not found. A 0.6-1 second range is "
            "sometimes quoted; no source for it was found, so it is not used.",
        ),
    )
}


def benchmarks_as_json() -> dict[str, dict]:
    return {metric: benchmark.as_json() for metric, benchmark in BENCHMARKS.items()}
