"""Signals of a person's life for the apps above this one (tdkt.integration repoints its outbound messages)."""

from django.dispatch import Signal

# Sent by merge_persons inside its transaction, once every record has moved: keyword arguments `duplicate`
# (the person merged away), `kept` (the person kept, its fields filled) and `by`. Apps whose rows hold a
# person's id as a plain number (no foreign key the merge could follow) move them here.
person_merged = Signal()
