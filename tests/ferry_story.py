"""A wire story and what papers made of it (the texts are invented): pickups and what is not one."""

# A wire story of twelve body sentences and what three papers made of it: a rewrite keeping three
# of the twelve around sentences of its own, a report of the same event with its own quotes (one
# fact in common), and a story of another town's council.
WIRE_STORY = (
    "Ferry captain jailed over harbour crash\n\n"
    "By a Staff Reporter, Coastal Press Agency\n\n"
    "A ferry captain who crashed his vessel into a crowded pier at Port Elwin was jailed for four years "
    "at Barrowford Crown Court today. "
    "Martin Hale, 52, of Quay Street, Port Elwin, admitted endangering life after the Sea Lark struck the "
    "pier at 14 knots on August 3 last year. "
    "Eleven passengers and two anglers on the pier were taken to hospital, and a girl of nine lost two "
    "fingers. "
    "The court heard that Hale had drunk four pints of cider in the Anchor Inn an hour before sailing. "
    "A breath test taken after the crash showed him to be almost twice the legal limit for a master "
    "at sea. "
    "Prosecutor Helen Stroud said the captain had ignored a warning from his deckhand, Owen Pryce, that "
    "the ferry was approaching too fast. "
    'Judge Anthony Carrow told Hale: "You put the lives of everyone on board and on that pier at risk '
    'for the sake of a drink." '
    "He also banned Hale from commanding any vessel for ten years. "
    "The Sea Lark, built in 1988, carried up to 120 passengers on the crossing to Tarn Island. "
    "Its owners, Elwin Ferries, said they had since fitted speed limiters to all four of their boats. "
    "The company was fined 40,000 pounds last month for failing to check the fitness of its crews. "
    'Hale\'s solicitor said his client was "deeply ashamed" and had written to every passenger to '
    "apologise."
)
WIRE_REACTION = (
    "Pier crash passengers relieved at sentence\n\n"
    "By a Staff Reporter, Coastal Press Agency\n\n"
    "Passengers hurt when the ferry Sea Lark hit the pier at Port Elwin said today they were relieved "
    "that its captain had been jailed. "
    "Martin Hale, 52, was sentenced at Barrowford Crown Court this morning. "
    "Julie Marsh, whose son was on the pier, said the family could now try to move on. "
    "Elwin Ferries said the crossing to Tarn Island had run without incident since the crash. "
    "The harbour master has asked for a review of speed limits inside the harbour wall."
)
REWRITE = (
    "Drunk skipper rammed pier\n\n"
    "Holidaymakers screamed as the Sea Lark ploughed into the pier, witnesses said. "
    "A ferry captain who crashed his vessel into a crowded pier at Port Elwin was jailed for four years "
    "yesterday. "
    "The court heard that Hale had drunk four pints of cider in the Anchor Inn an hour before sailing. "
    'Judge Anthony Carrow told Hale: "You put the lives of everyone on board and on that pier at risk '
    'for the sake of a drink." '
    "Tarn Island residents have long complained about the crossing, which is their only link to the "
    "mainland. "
    "Local councillors want a second operator to be licensed."
)
SAME_EVENT = (
    "Ferry skipper's victims speak of terror\n\n"
    "Passengers on the ferry that hit Port Elwin pier last summer spoke yesterday of the moment they "
    "thought they would die. "
    '"There was a bang and then everyone was on the floor," said Julie Marsh, 34, who was travelling '
    "with her two sons. "
    "Her elder boy still will not go near the water, she said. "
    "Captain Martin Hale was jailed for four years at Barrowford Crown Court. "
    'Angler Peter Vose, 67, who was fishing from the pier, said: "I saw it coming and just ran. '
    "Two of my mates weren't so quick.\" "
    "Mrs Marsh said the family would never use the ferry again. "
    "Elwin Ferries declined to comment on her claims."
)
LIBRARY_STORY = (
    "Council approves new library\n\n"
    "Councillors in Barrowford approved plans for a new town library on Tuesday after a two-hour debate. "
    "The building, on the site of the old bus depot, will cost 3.2 million pounds and open in 2027. "
    "Opponents said the money should be spent on repairing roads. "
    "Council leader Ruth Okafor said the library would serve 20,000 residents. "
    "Work is due to start in the spring. "
    "The old library on Market Street will become a youth centre."
)
# A paper's news brief of the wire story: its lede and the ban in the paper's own words, no run of
# five words the wire has ("jailed for four years" is four), and nothing else.
BRIEF = (
    "Skipper jailed\n\n"
    "A drunk ferry skipper who rammed a packed pier at Port Elwin, injuring 13 people, has been jailed "
    "for four years. "
    "Martin Hale, 52, was also banned from commanding a vessel for ten years by Barrowford Crown Court."
)
# A paper's own story of the island's fears that takes three facts of the wire in the wire's
# phrases ("crashed ... into a crowded pier at Port Elwin", "drunk four pints of cider ... an hour
# before sailing", "Eleven passengers and two anglers on the pier were taken to hospital"): the
# engine's verdict is related, the pickup decision's is a pickup.
CONDENSED = (
    "Island fears after ferry skipper jailed\n\n"
    "Islanders on Tarn Island said yesterday they no longer trust the crossing after a ferry captain "
    "was jailed for four years. "
    "Martin Hale, who had drunk four pints of cider an hour before sailing, crashed the Sea Lark into "
    "a crowded pier at Port Elwin. "
    "Eleven passengers and two anglers on the pier were taken to hospital. "
    "Councillor Joan Bright said the island had been let down. "
    '"We need a safer service and we need it now," she said. '
    "Islanders will meet on Friday to discuss a petition to the county council. "
    "Several families have already started driving the long way round by the causeway. "
    "The ferry is the island's only link to the mainland in winter."
)
# The agency's story of the captain's appeal, a month on: three paragraphs of its own and the
# first story's background repeated word for word (the crash, the drink, the judge's words); and
# a paper's rewrite of the appeal story, background and all.
APPEAL_WIRE = (
    "Jailed ferry captain loses appeal\n\n"
    "By a Staff Reporter, Coastal Press Agency\n\n"
    "The ferry captain jailed over the Port Elwin pier crash lost his appeal against his sentence at "
    "the Court of Appeal in London today. "
    "Lawyers for Martin Hale had argued that four years was too long for a man of previous good "
    "character who had pleaded guilty at the first chance. "
    "Lady Justice Wren said the sentence was severe but that the judge had been right to treat the "
    "drinking as a grave aggravating feature. "
    "Hale, who watched by video link from Dartmoor prison, showed no emotion. "
    "His barrister, Nigel Ashworth, told the court that Hale had lost his home and his marriage since "
    "the crash. "
    "He said the captain had served the island for 22 years without a single complaint. "
    "The Crown argued that the sentence was already at the lenient end of the range. "
    "Two passengers who were injured sat in the public gallery. "
    "Lady Justice Wren, sitting with two other judges, took less than an hour to reach a decision. "
    "Hale's family left the court without speaking to reporters. "
    "The Court of Appeal has cut three sentences for maritime offences in the past five years. "
    "None of them involved drink. "
    "Eleven passengers and two anglers on the pier were taken to hospital, and a girl of nine lost two "
    "fingers. "
    "The court heard that Hale had drunk four pints of cider in the Anchor Inn an hour before sailing. "
    "The girl's parents said outside court that they were glad the appeal had failed. "
    "Elwin Ferries, which is being sued by six passengers, did not comment. "
    "The Maritime and Coastguard Agency is expected to publish its own report on the crash next month."
)
APPEAL_REWRITE = (
    "Drunk ferry skipper's appeal thrown out\n\n"
    "The ferry captain jailed over the Port Elwin pier crash lost his appeal against his sentence "
    "yesterday. "
    "Lady Justice Wren said the judge had been right to treat the drinking as a grave aggravating "
    "feature. "
    "Eleven passengers and two anglers on the pier were taken to hospital, and a girl of nine lost two "
    "fingers. "
    "The court heard that Hale had drunk four pints of cider in the Anchor Inn an hour before sailing."
)
