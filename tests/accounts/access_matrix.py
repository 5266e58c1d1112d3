"""Persona-matrix rows of the session endpoints (tdkt.accounts.idle): the page's question about its session
answers anyone (an ended session is answered too), renewing is a signed-in POST."""

MATRIX = [
    ("accounts:session_status", None, [200, 200, 200, 200, 200]),
    ("accounts:session_renew", None, [405, 405, 405, 405, 302]),
]
