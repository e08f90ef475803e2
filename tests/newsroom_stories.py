"""Stories of kinds METER lacks (the texts are invented), as newsrooms store them: two agencies at
one press conference, a press release an agency and a paper both rewrote, a weekly figure in
an agency's template, and an agency's correction."""

#: Reuters' report of a minister's news conference.
PORT_STRIKE_REUTERS = (
    "Dutch port strike to end after pay deal, minister says\n"
    "\n"
    "ROTTERDAM (Reuters) - Dock workers at Rotterdam will return to work on Thursday after "
    "unions accepted a pay offer of 6.5% over two years, Dutch Infrastructure Minister Karin "
    "Veldman said on Wednesday.\n"
    "The nine-day strike had left more than 140 container ships waiting at anchor off the "
    "Dutch coast and disrupted supply chains across northern Europe.\n"
    '"This agreement is fair to the workers and it gets the port moving again," Veldman told '
    "a news conference in The Hague.\n"
    "Union leader Pieter de Groot said members had voted 71% in favour of the deal.\n"
    '"Our people held out for nine days and they won something real," de Groot said.\n'
    "The port authority estimated that clearing the backlog would take about two weeks.\n"
    "Rotterdam is Europe's largest port and handled about 440 million tonnes of cargo last "
    "year."
)

#: AP's own report of the same news conference an hour later: the same quotes, its own words.
PORT_STRIKE_AP = (
    "Rotterdam dockworkers vote to end strike, government says\n"
    "\n"
    "THE HAGUE, Netherlands (AP) - Striking dockworkers in Rotterdam have voted to accept a "
    "new wage agreement, ending a walkout that stranded scores of cargo vessels outside "
    "Europe's busiest harbor, the Dutch government announced Wednesday.\n"
    "Karin Veldman, the minister responsible for infrastructure, said crews would be back on "
    "the quays Thursday morning.\n"
    '"This agreement is fair to the workers and it gets the port moving again," Veldman told '
    "reporters.\n"
    "The FNV union said 71% of members who took part in the ballot backed the package, which "
    "raises pay by 6.5% across two years.\n"
    '"Our people held out for nine days and they won something real," said Pieter de Groot, '
    "who led the talks for the union.\n"
    "Shipping companies had diverted some vessels to Antwerp and Hamburg during the "
    "stoppage.\n"
    "Port officials warned that it could take a fortnight before normal operations resume."
)

#: A state agency's uncredited rewrite of Reuters' story: its sentences reworded, their words kept.
PORT_STRIKE_SANA = (
    "Rotterdam port strike ends after workers accept pay deal\n"
    "\n"
    "DAMASCUS (SANA) - Dock workers at the port of Rotterdam will go back to work on Thursday after "
    "their unions accepted a pay offer of 6.5 percent over two years, the Dutch infrastructure "
    "minister Karin Veldman announced on Wednesday.\n"
    "The strike, which lasted nine days, left more than 140 container ships waiting at anchor off "
    "the Dutch coast and disrupted supply chains across the north of Europe.\n"
    "Veldman told a news conference in The Hague that the agreement was fair to the workers and "
    "would get the port moving again.\n"
    "Union leader Pieter de Groot said members voted 71 percent in favour of the deal.\n"
    "The port authority estimated clearing the backlog would take around two weeks.\n"
    "Rotterdam, Europe's largest port, handled about 440 million tonnes of cargo last year."
)

#: A government press release.
MEALS_RELEASE = (
    "Government expands free school meals to 900,000 more children\n"
    "\n"
    "The Department for Education today announced that free school meals will be extended to "
    "every child in a household receiving Universal Credit from September 2027.\n"
    "The change means around 900,000 more children in England will be eligible for a free "
    "lunch every school day.\n"
    'Education Secretary Helen Marsh said: "No child should sit in a classroom too hungry to '
    'learn. This is the biggest expansion of free school meals in a generation."\n'
    "The measure will cost an estimated £1.2 billion a year and will be funded from the "
    "Treasury's reserve for children's services.\n"
    "Schools will receive additional funding of £2.61 per meal to cover the cost of the "
    "extra lunches.\n"
    "Local authorities will be given guidance on automatic enrolment by the end of March.\n"
    "Notes to editors: The Department for Education is responsible for children's services "
    "and education in England. For media enquiries contact the press office on 020 7783 8300."
)

#: Reuters' story written from the release, with context of its own.
MEALS_REUTERS = (
    "Britain to extend free school meals to 900,000 more children\n"
    "\n"
    "LONDON (Reuters) - Britain will give free school lunches to every child in a household "
    "on Universal Credit from September 2027, the government said on Monday, extending the "
    "benefit to around 900,000 more children in England.\n"
    "The expansion, which the government said would cost about 1.2 billion pounds ($1.5 "
    "billion) a year, comes as Prime Minister Daniel Okafor's Labour government faces "
    "pressure from its own lawmakers over child poverty.\n"
    '"No child should sit in a classroom too hungry to learn," Education Secretary Helen '
    "Marsh said in a statement.\n"
    "Campaigners have long argued that the current earnings threshold of 7,400 pounds a year "
    "excludes many working families.\n"
    "The Child Poverty Action Group welcomed the move but said it should have come sooner.\n"
    "(Reporting by Sarah Lyons; Editing by Mark Heinrich)"
)

#: A paper's story written from the release, not from Reuters.
MEALS_PAPER = (
    "Free school meals extended to 900,000 more pupils\n"
    "\n"
    "Free school meals will be extended to every child in a household receiving Universal "
    "Credit from September 2027, the Department for Education announced today.\n"
    "Around 900,000 more children in England will be eligible for a free lunch every school "
    "day as a result.\n"
    'Education Secretary Helen Marsh said: "No child should sit in a classroom too hungry to '
    'learn. This is the biggest expansion of free school meals in a generation."\n'
    "The measure will cost an estimated £1.2 billion a year, funded from the Treasury's "
    "reserve for children's services.\n"
    "Schools will get an extra £2.61 per meal to cover the cost.\n"
    "Headteachers in Leeds told the Evening Post they welcomed the news but worried about "
    "kitchen capacity."
)

#: An agency's weekly jobless claims story...
CLAIMS_WEEK_1 = (
    "US weekly jobless claims fall to 218,000\n"
    "\n"
    "WASHINGTON (Reuters) - The number of Americans filing new claims for unemployment "
    "benefits fell last week, suggesting the labor market remained resilient despite higher "
    "borrowing costs.\n"
    "Initial claims for state unemployment benefits dropped 7,000 to a seasonally adjusted "
    "218,000 for the week ended Nov. 7, the Labor Department said on Thursday.\n"
    "Economists polled by Reuters had forecast 222,000 claims for the latest week.\n"
    "The number of people receiving benefits after an initial week of aid, a proxy for "
    "hiring, rose 12,000 to 1.87 million during the week ending Oct. 31.\n"
    "The four-week moving average of claims, considered a better measure of labor market "
    "trends as it irons out week-to-week volatility, fell 2,500 to 221,250."
)

#: ... and the next week's, in the same template.
CLAIMS_WEEK_2 = (
    "US weekly jobless claims rise to 231,000\n"
    "\n"
    "WASHINGTON (Reuters) - The number of Americans filing new claims for unemployment "
    "benefits rose more than expected last week, but the labor market remained tight.\n"
    "Initial claims for state unemployment benefits increased 13,000 to a seasonally "
    "adjusted 231,000 for the week ended Nov. 14, the Labor Department said on Thursday.\n"
    "Economists polled by Reuters had forecast 220,000 claims for the latest week.\n"
    "The number of people receiving benefits after an initial week of aid, a proxy for "
    "hiring, fell 9,000 to 1.86 million during the week ending Nov. 7.\n"
    "The four-week moving average of claims, considered a better measure of labor market "
    "trends as it irons out week-to-week volatility, rose 1,750 to 223,000."
)

#: An agency's story...
STORM = (
    "Storm Bettina forces closure of Hamburg port, cancels 300 flights\n"
    "\n"
    "HAMBURG (Reuters) - Storm Bettina battered northern Germany on Thursday with winds of "
    "up to 140 km per hour, forcing the closure of the port of Hamburg and the cancellation "
    "of more than 300 flights, authorities said.\n"
    "Hamburg airport said 312 departures and arrivals had been cancelled, while Deutsche "
    "Bahn halted long-distance trains between Hamburg and Berlin.\n"
    "Police said a 54-year-old man was killed when a tree fell on his car near Lueneburg.\n"
    '"We ask everyone to stay indoors until the evening," Hamburg interior senator Jan Voss '
    "told reporters.\n"
    "The German weather service DWD said the storm would move towards Denmark overnight."
)

#: ... its correction of one figure (the age: 54 -> 45)...
STORM_CORRECTED = (
    "CORRECTED-Storm Bettina forces closure of Hamburg port, cancels 300 flights\n"
    "\n"
    "(Corrects age of man killed in paragraph 3 to 45 from 54)\n"
    "HAMBURG (Reuters) - Storm Bettina battered northern Germany on Thursday with winds of "
    "up to 140 km per hour, forcing the closure of the port of Hamburg and the cancellation "
    "of more than 300 flights, authorities said.\n"
    "Hamburg airport said 312 departures and arrivals had been cancelled, while Deutsche "
    "Bahn halted long-distance trains between Hamburg and Berlin.\n"
    "Police said a 45-year-old man was killed when a tree fell on his car near Lueneburg.\n"
    '"We ask everyone to stay indoors until the evening," Hamburg interior senator Jan Voss '
    "told reporters.\n"
    "The German weather service DWD said the storm would move towards Denmark overnight."
)

#: ... an outlet's copy of the first file...
STORM_COPY = (
    "Storm shuts Hamburg port, 300 flights cancelled\n"
    "\n"
    "Storm Bettina battered northern Germany on Thursday with winds of up to 140 km per "
    "hour, forcing the closure of the port of Hamburg and the cancellation of more than 300 "
    "flights.\n"
    "Hamburg airport said 312 departures and arrivals had been cancelled, while Deutsche "
    "Bahn halted long-distance trains between Hamburg and Berlin.\n"
    "Police said a 54-year-old man was killed when a tree fell on his car near Lueneburg.\n"
    '"We ask everyone to stay indoors until the evening," Hamburg interior senator Jan Voss '
    "said."
)

#: ... and an aggregator's copy of the correction, credited.
STORM_REPUBLISHED = (
    "Storm Bettina forces closure of Hamburg port, cancels 300 flights\n"
    "\n"
    "Source: Reuters\n"
    "Storm Bettina battered northern Germany on Thursday with winds of up to 140 km per "
    "hour, forcing the closure of the port of Hamburg and the cancellation of more than 300 "
    "flights, authorities said.\n"
    "Hamburg airport said 312 departures and arrivals had been cancelled, while Deutsche "
    "Bahn halted long-distance trains between Hamburg and Berlin.\n"
    "Police said a 45-year-old man was killed when a tree fell on his car near Lueneburg.\n"
    '"We ask everyone to stay indoors until the evening," Hamburg interior senator Jan Voss '
    "told reporters.\n"
    "The German weather service DWD said the storm would move towards Denmark overnight.\n"
    "This article was republished from Reuters via our news partner feed."
)

#: AP's report of the news conference in its own words, the facts in Reuters' order: the engine
#: reads a copy, though no sentence is kept word for word.
PORT_STRIKE_AP_REWORDED = (
    "Rotterdam dockworkers end strike after wage deal\n"
    "\n"
    "THE HAGUE, Netherlands (AP) - Rotterdam's dockworkers will go back to work Thursday, ending a "
    "nine-day strike that left more than 140 container ships waiting offshore, the Dutch government "
    "announced Wednesday.\n"
    "Workers accepted a wage increase of 6.5% over two years, with 71% of union members voting in "
    "favor, union negotiator Pieter de Groot said.\n"
    "Infrastructure Minister Karin Veldman called the deal fair and said the port would be moving "
    "again within days.\n"
    "Clearing the backlog is expected to take about two weeks, according to the port authority.\n"
    "Shipping lines diverted some cargo to Antwerp and Hamburg during the walkout."
)
