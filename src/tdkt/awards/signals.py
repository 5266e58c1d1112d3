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
