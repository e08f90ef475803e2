"""A story and an outlet's copy of it that only moves one paragraph (the schools one goes last):
nothing reworded, dropped or added, one sentence moved."""

FLOODS = """Floods close roads in the north

Heavy rain flooded roads across the northern province on Tuesday, officials said.

Schools in three towns were closed as water levels rose through the morning.

The weather service expects more rain on Wednesday and Thursday.

Residents were told to avoid travel until the water recedes.
"""

FLOODS_MOVED = """Floods close roads in the north

Heavy rain flooded roads across the northern province on Tuesday, officials said.

The weather service expects more rain on Wednesday and Thursday.

Residents were told to avoid travel until the water recedes.

Schools in three towns were closed as water levels rose through the morning.
"""
