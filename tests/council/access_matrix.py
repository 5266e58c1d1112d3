"""Persona matrix rows of the council app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict.

Council business is province-wide: unit clerks are refused by role (403) on every page, never a 404.
The world's council_member holds a seat; with no ballot open the vote page sends members back (302);
the written-opinion and paper-tally pages are the secretary's only (403 for everyone else)."""

OK, DENIED, LOGIN, POST_ONLY, BACK = 200, 403, 302, 405, 302
VIEW = [OK, DENIED, DENIED, OK, LOGIN]
ACTION = [POST_ONLY, DENIED, DENIED, POST_ONLY, LOGIN]

MATRIX = [
    ("council:meetings", None, VIEW),
    ("council:meeting_create", None, [OK, DENIED, DENIED, DENIED, LOGIN]),
    ("council:meeting", "meeting", VIEW),
    ("council:agenda_build", "meeting", ACTION),
    ("council:agenda_withdraw", "agenda_item", ACTION),
    ("council:attendance", "meeting", ACTION),
    ("council:meeting_open", "meeting", ACTION),
    ("council:meeting_close", "meeting", ACTION),
    ("council:ballot_open", "meeting", [BACK, DENIED, DENIED, BACK, LOGIN]),
    ("council:ballot_close", "meeting", [BACK, DENIED, DENIED, BACK, LOGIN]),
    ("council:ballot_count", "meeting", ACTION),
    ("council:vote", "meeting", [BACK, DENIED, DENIED, BACK, LOGIN]),
    ("council:written_opinion", "meeting", [DENIED, DENIED, DENIED, DENIED, LOGIN]),
    ("council:paper_tallies", "meeting", [DENIED, DENIED, DENIED, DENIED, LOGIN]),
    ("council:papers", "meeting", VIEW),
    ("council:papers_docx", "meeting", VIEW),
    ("council:minutes", "meeting", VIEW),
    ("council:minutes_lock", "meeting", ACTION),
    ("council:minutes_docx", "meeting", VIEW),
]


def _meeting(world):
    from tdkt.council.services import meetings
    from tests.council.helpers import ELIGIBLE, MEETING_DATE, make_board, ready_dossier

    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    return meeting


def _agenda_item(world):
    meeting = _meeting(world)
    return {"pk": meeting.pk, "item_pk": meeting.items.get().pk}


OBJECTS = {"meeting": _meeting, "agenda_item": _agenda_item}
