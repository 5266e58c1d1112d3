"""Signals of a person's life for the apps above this one (tdkt.integration repoints its outbound messages;
tdkt.decisions refuses a merge that would change a signed decision)."""

from django.dispatch import Signal

# Sent by merge_persons inside its transaction, once every record has moved: keyword arguments `duplicate`
# (the person merged away), `kept` (the person kept, its fields filled) and `by`. Apps whose rows hold a
# person's id as a plain number (no foreign key the merge could follow) move them here.
person_merged = Signal()

# Sent by merge_persons before anything moves, with the same keyword arguments. A receiver raises
# ValidationError (a Vietnamese message) to refuse the merge: rows it owns cannot move to the kept person.
merge_requested = Signal()
