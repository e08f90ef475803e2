"""The stories of the watch tests: a wire story, and an outlet's article taken from it in the
versions its timeline publishes."""

from __future__ import annotations

WIRE_TITLE = "Flood waters force thousands from homes in northern Italy"
WIRE = [
    "MILAN (Reuters) - Heavy rain flooded towns across northern Italy on Tuesday, forcing more than "
    "4,000 people from their homes, officials said.",
    "The civil protection agency said rivers in Emilia-Romagna had burst their banks in 12 places overnight.",
    '"We have never seen water rise this fast," said regional president Stefano Bonaccini.',
    "Rescue teams used boats and helicopters to reach residents trapped on rooftops in the town of Faenza.",
    "Rail services between Bologna and Rimini were suspended and schools in 30 municipalities were closed.",
    "Forecasters expect more rain on Wednesday, and the government is due to declare a state of emergency.",
    "The region was hit by deadly floods in May 2023 that killed 17 people and caused billions of euros "
    "in damage.",
]
WIRE_TEXT = "\n\n".join([WIRE_TITLE, *WIRE])

OUTLET_TITLE = "Thousands flee as floods hit northern Italy"
#: The outlet's first version: the wire's sentences, its credit gone, a typo and a line of its own.
OUTLET_V1 = [
    "Heavy rain flooded towns across northern Italy on Tuesday, forcing more than 4,000 people from "
    "their homes, officials said.",
    "The civil protection agency said rivers in Emilia-Romagna had burst their banks in 12 places overnight.",
    '"We have never seen water rise this fast," said regional president Stefano Bonaccini.',
    "Rescue teams used boats and helicopters to reach residents trapped on rooftops in the town of Faenza.",
    "Rail services between Bologna and Rimini were suspended and schools in 30 municipalities were closed.",
    "Forecasters expect more rain on Wednesday, and the goverment is due to declare a state of emergency.",
    "Our correspondent in Bologna saw streets turned into rivers as shops closed early.",
]
#: A stealth edit: the quotation altered, no note to readers.
OUTLET_V2 = [
    *OUTLET_V1[:2],
    '"We have never seen water rise like this, and nobody warned us," said regional president '
    "Stefano Bonaccini.",
    *OUTLET_V1[3:],
]
#: A typo fixed ("goverment"), nothing else: a new version that must not alert.
OUTLET_V3 = [*OUTLET_V2[:5], OUTLET_V2[5].replace("goverment", "government"), OUTLET_V2[6]]
#: The same text as V3 with other spacing and punctuation: not a new version at all.
OUTLET_V3_RESPACED = [paragraph.replace(", ", " ,  ") for paragraph in OUTLET_V3]

OTHER_TITLE = "Local council approves new cycle lanes"
OTHER = [
    "The city council voted on Monday to build 14 kilometres of protected cycle lanes by 2028.",
    "Councillors from three parties backed the plan after a two-hour debate in the town hall.",
    "Shop owners on the high street had asked for loading bays to be kept, and the plan keeps them.",
]
