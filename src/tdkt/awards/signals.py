"""The signal of award records entering the history from a signed decision. It lives here, below both the
app that signs (tdkt.decisions) and the apps that follow the awards (tdkt.initiatives), which sit side by side
and may not import each other."""

from django.dispatch import Signal

# Sent by tdkt.decisions.services.sign_decision inside its transaction once an award decision's lines are in
# the history, before the initiatives of its CSTĐ lines are consumed: keyword arguments `decision`, `pairs`
# ([(decision line, AwardRecord)]) and `by`. A receiver marks the initiatives the lines claimed as used
# (tdkt.initiatives) and returns the ids of the Initiative rows other lines still hold, which the fallback
# choice must not take. A receiver that raises undoes the signing.
awards_entered = Signal()

# Sent inside the writer's transaction when per-person initiative records (tdkt.awards.models.Initiative) enter
# the history in bulk — by the history import's commit and by the archive's commit of a decision recognising
# initiatives — so that the initiatives register (tdkt.initiatives, above this app) enters them at once
# rather than at the next daily `adopt_initiatives`. Keyword arguments: `records` (saved Initiative rows, their
# authors linked), `details` ({record pk: {"authors": [(person id, share % or None)], "field": str, "unit_id":
# int or None, "names": [str]}}; shares None: equal shares; a record without details gets its linked authors in
# equal shares, as adopt_initiatives gives them), `source` (a short text for the history row) and
# `by`. A receiver that raises undoes the whole commit.
initiatives_recorded = Signal()
