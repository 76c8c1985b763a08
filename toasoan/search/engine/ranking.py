"""Ranking weights shared by every engine, so they rank the same way."""

# Boosts: title over body, exact over folded when the query has diacritics, phrases over words.
TITLE_BOOST = 0.6  # BM25 on a short title field already weighs each word heavily
EXACT_BOOST = 1.0
FOLDED_BOOST_ACCENTED = 0.35  # "ban hành" still matches "bán hàng", far behind
FOLDED_BOOST_UNACCENTED = 1.0
PHRASE_BOOST = 1.5
TITLE_PHRASE_BOOST = 1.5
# A short query (a search box) whose every word is in the title: that item is about it.
TITLE_ALL_WORDS_BOOST = 5.0
IDENTIFIER_BOOST = 6.0
ABBREVIATION_BOOST = 0.8
# Queries of up to this many words (a search box) need all of them; longer ones (questions) any.
ALL_WORDS_UP_TO = 4
