"""Conversation coach: is the seller asking or telling?

Pure cores, no Django (tested on their own, wired into pages, API and CLI elsewhere):

- ``transcripts`` reads a call transcript (WebVTT from Teams or Zoom, SRT, or "Name: text" lines,
  with or without timestamps) into turns, and reports a bad file with one error naming its line.
- ``metrics`` measures a conversation from the seller's side: talk share, questions (open or
  closed), longest monologue and longest customer story, patience, interruptions, filler words,
  pushy phrases, and the customer's own statements of need. ``lexicon`` holds the word lists and
  rules it uses, ``benchmarks`` the published figures to show beside them.
- ``speakers`` maps the names in a transcript to known people; ``timeline`` lays the speaking turns
  out for a chart.

What the numbers mean, exactly as computed, is in docs/coaching.md.
"""
