"""A Reuters story of a flood and AFP's own report of it (the texts are invented): another agency's
report of the event, related to the wire story, which credits its own agency and drops no credit."""

REUTERS_FLOOD = (
    "Storm floods town\n\nBERLIN (Reuters) - Floods swept through the town of Altdorf on Tuesday after "
    "two days of heavy rain, killing three people, police said. About 400 residents were moved to a "
    "school gym overnight. The river Alt rose 2.5 metres above its usual level, the water authority "
    "said. Mayor Petra Lang said the town had not seen such floods since 1954. Rail services to Munich "
    "were suspended."
)
AFP_FLOOD = (
    "Altdorf counts the cost\n\nAltdorf (AFP) - Shopkeepers in Altdorf were shovelling mud out of their "
    'stores on Wednesday. "We lost everything in the basement," baker Jonas Brandt told AFP. Floods '
    "swept through Altdorf on Tuesday after two days of rain, killing three people, police said. "
    "Insurers expect claims to run into millions of euros. The regional government promised emergency "
    "aid of 5 million euros."
)
