"""The signal of a state change, for apps that sit above a machine's app and must follow its objects
(tdkt.initiatives frees an initiative when the dossier line that claimed it leaves the running) without
the lower app knowing them."""

from django.dispatch import Signal

# Sent by the primitive (change_state, change_states) inside its transaction, after the history and audit
# rows: sender is the machine's model; keyword arguments `machine`, `objects` (the moved objects, their new
# state set), `transition` (its name, or "" when moved without a declared transition), `to` and `by`.
# A receiver that raises undoes the change: what it writes belongs to the same transaction.
state_changed = Signal()
