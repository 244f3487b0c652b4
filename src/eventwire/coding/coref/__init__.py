"""Document-level coreference and background: what one article tells of one happening.

- ``context``: ``DocContext``, the article-level state (paragraphs, headline, dates and places
  of each sentence, the events told so far) that mentions are read against;
- ``clauses``: which clauses tell no event of the day (negated, intended, habitual, history,
  a period of a conflict, a state left by an act);
- ``dating``: which day a sentence's date gives a mention (the event noun's own date, a period
  opened by "since", a statement's or a claim's day);
- ``merge``: mentions of one happening become one event (type family, actors, place, day;
  references, reports and dated references);
- ``refine``: the place of a merged event, read from the article.
"""
