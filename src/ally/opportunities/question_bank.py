"""The discovery questions every workspace starts with: open questions that ask rather than tell.

Each is (driver, purpose, text). A workspace gets its own copy the first time its question bank is
used (bank.ensure_question_bank) and then edits it freely; these defaults never change it again.
"""

DEFAULT_QUESTIONS: tuple[tuple[str, str, str], ...] = (
    # Growth
    ("growth", "need", "Where do you want the business to be a year from now, and what stands in the way?"),
    ("growth", "need", "Which part of the business would you grow first if you had the capacity?"),
    ("growth", "need", "What have your best customers started asking you for lately?"),
    ("growth", "need", "How are you thinking about growth this year compared with last year?"),
    ("growth", "cost", "What happens to your plans for this year if nothing changes?"),
    # Risk
    ("risk", "need", "What worries you most about the way things run today?"),
    ("risk", "need", "Tell me about the last time something went wrong. What happened next?"),
    ("risk", "need", "Which of your suppliers or tools would hurt most if it failed tomorrow?"),
    ("risk", "need", "What would your board or your auditors ask you about first?"),
    ("risk", "cost", "If that happened again next quarter, what would it cost you, in money or in trust?"),
    # Efficiency
    ("efficiency", "need", "Walk me through a typical week: where does time go that you wish it didn't?"),
    ("efficiency", "need", "Which tasks does your team repeat by hand that nobody enjoys?"),
    ("efficiency", "need", "Where does work wait on someone, or get done twice?"),
    ("efficiency", "need", "How do you know today whether the work is on track?"),
    ("efficiency", "cost", "How many hours a week does that take across the team, and what would you do with them "
                           "instead?"),
    # Missed opportunity
    ("missed_opportunity", "need", "What have you had to say no to recently that you wish you could have said yes "
                                   "to?"),
    ("missed_opportunity", "need", "Which customers or projects slipped away last year, and why?"),
    ("missed_opportunity", "need", "What would you start tomorrow if it were easy?"),
    ("missed_opportunity", "cost", "What is it worth to you when an opportunity like that slips away?"),
    # Personal
    ("personal", "need", "What would make this year a success for you personally?"),
    ("personal", "need", "How does this affect your own day-to-day?"),
    ("personal", "need", "What would you like to be known for in your role?"),
    ("personal", "need", "Who else feels this the way you do?"),
    ("personal", "cost", "How is this weighing on you and your team while it stays as it is?"),
    # Other: general discovery, timing and decision questions
    ("other", "need", "What has changed for you since we last spoke?"),
    ("other", "need", "What are you hoping we can help you think through?"),
    ("other", "need", "If you could change one thing about how you work today, what would it be?"),
    ("other", "cost", "What does leaving this as it is for another six months cost you?"),
    ("other", "timing", "Why is this coming up now rather than last year?"),
    ("other", "timing", "What would have to happen for this to become a priority?"),
    ("other", "timing", "What happens if you decide to wait until next year?"),
    ("other", "timing", "What else is competing for your attention and budget right now?"),
    ("other", "decision", "How will you decide which option is right for you?"),
    ("other", "decision", "Who else will be part of this decision, and what matters to each of them?"),
    ("other", "decision", "What would you need to see or know to feel confident about a choice?"),
    ("other", "decision", "How have you made decisions like this before, and how did they turn out?"),
    ("other", "decision", "What would tell you that none of the options is right for you?"),
)
