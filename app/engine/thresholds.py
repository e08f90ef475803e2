"""Every tunable number of the engine, in one place, with how it was chosen.

Figures quoted here come from ``python -m benchmarks.accuracy`` on the dev splits
in ``../shared/bench`` (see BENCHMARKS.md); changing a value means re-running it.
"""

# --- text preparation ------------------------------------------------------------

#: A quotation longer than this never protects its inside from sentence splits, so
#: an unbalanced quote cannot swallow the rest of the text (002 has no newlines).
MAX_QUOTE_CHARS = 600
#: A "sentence" longer than this is cut at a word boundary: no real sentence is
#: this long, and it keeps every later step bounded on adversarial input.
MAX_SENTENCE_CHARS = 1500
#: Paragraphs of at least this many words with no sentence punctuation are navigation (a run of
#: labels: "Home World Politics Business ...") ...
NAV_MIN_WORDS = 25
#: ... unless they read as prose: clause punctuation, or at least this share of function words
#: (news prose runs at 20-50% in the languages of :data:`text._FUNCTION_WORDS`; a menu's labels at
#: 0-10%, "Terms of Use", "About us").
NAV_PROSE_FUNCTION_SHARE = 0.15
#: Language id is trusted only on paragraphs this long and this confident
#: ("block" came out as Swedish at p=0.05).
LANGUAGE_MIN_WORDS = 5
LANGUAGE_MIN_PROBABILITY = 0.9
#: A whole text read as one for its language (pre-split sentences, a text of short lines) is read
#: this far: its opening tells its language as well as all of a 2 MB transcript would.
LANGUAGE_SAMPLE_CHARS = 2000
#: A paragraph with this share of English function words, one of no other language among them,
#: is English (no model call); English news prose runs at 35-50%, other languages' paragraphs near
#: 0-10%.
ENGLISH_FUNCTION_SHARE = 0.2
#: Unterminated lines this short inside the text are junk ("block", "Advertisement").
JUNK_MAX_WORDS = 4
#: A line of page furniture ("Read more: ...", "Sign up for our newsletter ...", a photo caption
#: with its agency credit) is at most this long: a paragraph that happens to start so is prose.
FURNITURE_MAX_WORDS = 30
#: An unterminated line opening "By" and a capitalised word, this long at most, is a byline
#: ("By Patricia Zengerle and David Morgan | Reuters"), not a sentence.
BYLINE_MAX_WORDS = 12
#: A credit's phrase is looked for this far before an agency's name ("sagte ein Sprecher der dpa")
#: and after it ("Anadolu Ajansı'nın haberine göre").
CREDIT_PHRASE_BEFORE_CHARS = 40
CREDIT_PHRASE_AFTER_CHARS = 24
#: Running-text credits are looked for in the first and last this many characters.
CREDIT_HEAD_CHARS = 20_000
CREDIT_TAIL_CHARS = 5_000
#: A first line without final punctuation and at most this many words is the title.
TITLE_MAX_WORDS = 30
#: Hard-wrapped text (a PDF's, a newspaper column's or an e-mail's, pasted) is read as paragraphs
#: when its longest line is WRAP_WIDTH characters (columns run 25 to 35, e-mail 72 to 80, a PDF's
#: page about 100; a web page's paragraphs are one line each, and far longer), most of its lines
#: run on to the next, the lines running on mostly fill the width and end in no sentence
#: punctuation, and the next line opens in lower case for WRAP_LOWER_SHARE of them at least (a
#: list or a timeline, one item a line, opens each with a capital or a digit). A line is then joined
#: with the next where that line's first word would not have fitted on it (a wrapper breaks only
#: there; a list, a poem or a headline breaks where its lines end). Set by hand (the
#: bench data comes split into sentences): wrapped at 28 and 35 characters, a story read line by
#: line lost its short lines as junk and read figures cut off from their units as changed.
WRAP_WIDTH = (25, 120)
WRAP_MIN_LINES = 6
WRAP_RUN_ON_SHARE = 0.5
WRAP_UNTERMINATED_SHARE = 0.5
WRAP_FILLED = 0.55
WRAP_FILLED_SHARE = 0.7
WRAP_LOWER_SHARE = 0.3

# --- alignment -------------------------------------------------------------------

#: Character n-gram size for the similarity of squashed text.
NGRAM = 4
#: The pair score is a logistic blend of these overlaps (see similarity.pair_score),
#: fitted by logistic regression on pooled dev pairs (argrewrite and aesop gold links
#: against sampled non-links, MSRP labels, METER best matches of B sentences), each
#: data set weighted equally (fit: w = dice 2.32, containment -0.67, word dice 2.65,
#: word containment 1.07, length ratio -0.50, bias -2.13). All are doubled here: the
#: 0.5 boundary stays where the fit put it, identical sentences score ~1.
PAIR_WEIGHTS = {
    "bias": -4.26,
    "gram_dice": 4.64,
    "gram_containment": -1.34,
    "word_dice": 5.30,
    "word_containment": 2.14,
    "length_ratio": -1.00,
}
#: Above this many sentence pairs, candidates come from the inverted index only.
DENSE_PAIR_LIMIT = 40_000
#: Candidates kept per sentence from the inverted index.
CANDIDATES_PER_SENTENCE = 6
#: Index terms shared by a large share of sentences carry no evidence ...
MAX_TERM_SHARE = 0.02
#: ... (but a term is always usable below this many sentences);
MIN_TERM_DF_CAP = 50
#: each sentence looks up this many of its rarest terms.
LOOKUP_TERMS = 6

#: A pair at least this similar is an anchor: strong evidence of reuse on its own.
ANCHOR_SCORE = 0.5
#: Weaker pairs are accepted between anchors, in order.
GAP_SCORE = 0.2
#: ... down to this when the texts are loose retellings: anchors for fewer than
#: LOOSE_ANCHOR_SHARE of the shorter text's sentences. Chosen inside cross-validation on the
#: four sets (``python -m benchmarks.tune --nested``) it would be 0.01, for Aesop's fables
#: (link F1 57.8 -> 60.1); that links newspapers' own reports to the wire, and METER pickup F1
#: fell in four folds of five (87.2 -> 86.1). The newspapers decide (BENCHMARKS.md).
LOOSE_GAP_SCORE = 0.02
LOOSE_ANCHOR_SHARE = 0.35
#: ... and when such a weak pair is this many times its sentence's second best.
STANDOUT = 2.0
#: Two sentences with the same words in the same order but a few, each put in place of
#: one, are one sentence edited: an anchor, whatever the n-gram score (a weekday swap
#: scores 0). Every word changed needs this many words shared: "It rained on Friday."
#: vs "... on Tuesday." (3 shared) says too little to be sure, "The bridge collapsed on
#: Tuesday, police said." (6 shared) is the same report, and so is a lede whose day and
#: one figure changed with 18 words kept ("on Sunday ... in the 89th minute" -> "on
#: Saturday ... in the 79th minute"). Chosen by reading, not tuned; it only turns
#: dropped+added into reworded for sentences that differ in a word or two.
IN_PLACE_EDIT_MIN_SHARED = 5
#: ... at most this many words changed in place when the two name different weekdays (one
#: otherwise: with two words changed and the rest in place, a pair scores as an anchor) ...
IN_PLACE_EDIT_MAX_WORDS = 2
#: ... and their squashed lengths differ by at most this a word changed (a cheap check first).
IN_PLACE_EDIT_MAX_CHARS = 12
#: A moved anchor must be at least this strong (near-duplicates cause false moves).
MOVED_SCORE = 0.35
#: Titles are paired with titles only, with this much evidence.
TITLE_SCORE = 0.3
#: A neighbour joins a group (split / merge) when this share of its n-grams is in the partner.
JOIN_CONTAINMENT = 0.6
#: ... and the group's score improves by at least this much,
JOIN_GAIN = 0.02
#: ... or when the neighbour's own pair score with the partner reaches this.
JOIN_SCORE = 0.1
#: ... and covers this share of what the partner has beyond the group.
JOIN_LEFTOVER = 0.2
#: Without any anchor, an in-order chain of weak pairs still proves reuse when it
#: beats the chains of shuffled orders by this factor ...
ORDER_GAIN = 1.0
#: ... and holds this share of the shorter text's sentences.
ORDER_SHARE = 0.3
#: Pairs down to this score join such a chain when the two texts are of a length (the longer
#: at most FAINT_CHAIN_LENGTH_RATIO times the shorter): one text told again, sentence for
#: sentence in other words, where no pair is strong and order is the evidence, which the
#: shuffles test. Set to LOOSE_GAP_SCORE, nothing changes. Aesop link F1 57.8 -> 60.1
#: (cross-validated), every other set's figures and METER's pickups as served unchanged; a
#: newspaper's own report of a wire story is shorter than the wire by more, and without the
#: length condition its weak chains linked it (METER false pickups of the same story 40 -> 44
#: in the folds). The faint pairs join the shuffled orders too, so a chain of stronger pairs
#: whose order was barely better than chance may no longer be (seeds 003 and 004, a Reuters
#: story of 2020 and PressTV's rewrite of one of 2019, were related and are now unrelated).
#: BENCHMARKS.md, "Faint chains".
FAINT_CHAIN_SCORE = 0.01
FAINT_CHAIN_LENGTH_RATIO = 2.0
#: How many shuffles estimate the chance level (fixed seeds).
ORDER_SHUFFLES = 8

# --- verdict ---------------------------------------------------------------------
# The verdict is a fitted model (app/engine/verdict_model.json, written by
# ``python -m benchmarks.fit_verdict``), not cut-offs: see app/engine/verdict.py.
#: One rule stays beside it, for what METER cannot teach (its wire side is several
#: times each article): a text carrying 35% of base with 3 or more clearly reused
#: sentences (an anchor each) is at least derived. Set by hand, before the model
#: (on METER dev, cross-validated, it moves the article macro-F1 by the figure in
#: BENCHMARKS.md's ablation).
VERDICT_REWRITE_BASE_RETAINED = 0.35
VERDICT_REWRITE_REUSED_SENTENCES = 3

#: A word replacement this short (in words, either side) that puts one figure for another is
#: that figure changed in place ("12" -> "15", "rose 1.2" -> "fell 0.8"), wherever else either
#: value is stated. Longer replacements rewrite a clause, and a figure in them may have been moved
#: from another sentence ("Hale, 52," -> "Hale, who had drunk four pints"). Set by reading.
FIGURE_IN_PLACE_WORDS = 3

#: A negation added or dropped is a finding when the word change holding it is a replacement this
#: short, both sides' words counted ("resigned" -> "did not resign": 4), or an insertion or deletion
#: of the negation with at most one other word ("not", "did not"), in a group at least an anchor.
#: A longer replacement counts when it keeps a word of the claim on both sides and changes no more
#: than this many words besides the negations ("arrested two" -> "have not arrested any").
#: Longer changes rewrite a clause, and METER's rewrites move negations in and out of those: 281
#: changes holding a negation in METER dev's copies and derived texts, mostly clauses of ten words
#: or more, and "pleads not guilty to" -> "denies" (5). Set by hand from reading them; the longer
#: replacements it lets in add no negation finding on METER, ArgRewrite or Aesop dev.
NEGATION_CHANGE_WORDS = 4

#: A reworded group longer than this, in words on either side, gets no meaning judgement: the
#: model was fitted on sentences (MSRP's are 10 to 40 words), and its subsequence and edit
#: measures cost the product of the two lengths (a 66,000-word pre-split "sentence" took 1.8 s).
#: Ten long news sentences merged into one group stay under it.
MEANING_MAX_WORDS = 400

#: A reworded group whose meaning model (``meaning.py``) gives at least this probability
#: keeps its meaning: more likely than not. Not tuned: the model's probabilities are
#: calibrated to MSRP's human judgements, so the even odds are the natural cut.
SAME_MEANING = 0.5

# --- specifics: quotations, figures, credits -------------------------------------

#: A quotation whose best counterpart scores at least this (rapidfuzz ratio on
#: squashed text, 0-100) is "altered"; below it, "missing".
QUOTE_ALTERED_RATIO = 80
#: Inside the sentence matched to the quotation's own, a quotation this alike is the
#: same one altered ("never" -> "now" in a six-word quote scores ~70): the alignment
#: already vouches for the context. Chosen by reading such pairs, not tuned.
QUOTE_ALTERED_IN_PARTNER_RATIO = 60
#: A quotation of at most this many words, in the matched sentence, with at most
#: QUOTE_SHORT_WORDS_CHANGED words cut, added (or one changed: two) and two kept, is the same one
#: altered: a short key's characters say too little ("no reasonable doubt" -> "no doubt" scores
#: 59). Chosen by reading such pairs, not tuned.
QUOTE_SHORT_WORDS = 6
QUOTE_SHORT_WORDS_CHANGED = 2
#: A quotation of the outlet's holding the wire's whole and at most this many words of its own
#: inside the same marks is the wire's, words put in the speaker's mouth ("catastrophic" ->
#: "catastrophic and hopeless"); with more, it is another, longer quotation of the same speech
#: ("golden career" within a sentence of the testimony the wire did not quote), which the wire
#: cannot vouch for either way. Chosen by reading what the rule flagged on METER's and MSRP's dev
#: pairs, not tuned: the additions of more words were fuller quotations of the same speech.
QUOTE_LENGTHENED_WORDS = 3
#: Up to this many quotations in other, an altered quote is looked for among all of
#: them; beyond, only among those of the matched sentences (keeps long texts linear).
QUOTE_FULL_SEARCH = 200
#: Up to this many characters of (squashed) text, a quotation is searched everywhere;
#: beyond, within this many sentences of its matched ones.
QUOTE_FULL_SEARCH_CHARS = 200_000
QUOTE_SEARCH_WINDOW = 25

# --- fragments -------------------------------------------------------------------

#: A shared run of words is a fragment from this many words (passim's n-gram size is 5,
#: Churnalism's 4 to 7): shorter runs ("said on Tuesday") are chance.
FRAGMENT_MIN_WORDS = 4
#: ... and only with this many words that are not function words ("one of the ...").
FRAGMENT_MIN_CONTENT_WORDS = 2
#: An n-gram found more often than this in base is boilerplate or a repeat: not looked up.
FRAGMENT_MAX_REPEATS = 8

# --- findings --------------------------------------------------------------------

#: A figure given with fewer digits and within this share of the source's ("$95.3 billion" ->
#: "$95 billion", 0.3%; "61.4%" -> "61%") is rounded, a low finding; further off ("42" -> "40",
#: 4.8%; "68" -> "70", 2.9%) it is changed. Set by hand: where a reader would still call it the
#: same figure.
ROUNDED_MAX_SHARE = 0.025
#: A whole number given with fewer digits after a word that says it is round or a bound ("about
#: 12,000", "more than 12,000" for 12,345: 2.8%; "nearly 3,500" for 3,482) is rounded within
#: this share of it, on the side a bound says; further off, or on the other side ("fewer than
#: 12,000"), it is changed. Set by hand, as ROUNDED_MAX_SHARE.
ROUNDED_WITH_WORD_MAX_SHARE = 0.1

#: The lede: the first this many body sentences (who, what, when, where, and the
#: nut graf of an inverted pyramid). A convention of news writing, not tuned.
LEDE_SENTENCES = 3
#: The wire's lede is pushed down when this many of its later sentences are moved above it: the
#: version opens with the wire's background ("lede moved"). One may be a rewrite's new way into
#: the same news; two are the story told in another order. Chosen by reading such rewrites.
LEDE_PUSHED_BY = 2
#: A clause cut from a close rewording is a caveat dropped when it opens with a word of condition
#: or concession ("if", "unless", "although") and holds at least this many words: "if both sides
#: agree" is a condition, "if" alone a word. Chosen by reading, not tuned.
CAVEAT_MIN_WORDS = 3
#: A phrase of at most this many words the version puts between quotation marks where the wire
#: wrote it plain is only marked ('the "truce"'); longer, it is a quotation the quotations' check
#: reads (words given as someone's: 'called the election "a fraud"'). Chosen by reading, not tuned.
SCARE_QUOTE_WORDS = 1

#: Two names are spellings of one when their rapidfuzz ratio (lower case) reaches this ("Kyiv" and
#: "Kiev", "Peskov" and "Peskow"); under it, a name swapped for another ("Airbnb" -> "DoorDash") or a
#: quotation given to someone else. Set by reading transliterations, not tuned.
SAME_NAME_RATIO = 60
#: A quotation's speaker is still named in a sentence when one of its words reaches this ratio with
#: a name there ("Gaddafi" and "Kadhafi" 71, "Peskov" and "Peskow" 83): stricter than
#: SAME_NAME_RATIO, for a sentence names others beside its speaker, and other people's names are
#: as close ("Biden" and "Blinken" 67, "Helen" and the defendant "Hale" 67). Set by reading.
SAME_SPEAKER_RATIO = 70

#: An unterminated line of at most this many words above a page's headline is a section label or
#: a menu word ("World", "Asia Pacific", "EXCLUSIVE", "Menu"): the headline below it is still the
#: title. Longer junk ends the search for one, as the first line of content does.
LABEL_MAX_WORDS = 3

#: A word put for a phrase ("rebels" -> "Takfiri terrorists") is a label swapped in a sentence at
#: least this similar to the base's: the rest of it kept nearly word for word. Below it, such a
#: replacement is most often a clause told again, its words misaligned ("heard" -> "south
#: London"), as METER dev's papers show: set by reading the word swaps it adds there (at 0.5,
#: about half of the 90 new ones were such pairs; see BENCHMARKS.md, engine 1.2.6).
PHRASE_SWAP_SIMILARITY = 0.9
