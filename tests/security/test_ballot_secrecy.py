"""Issue 14, attack 1: a read-only observer of the database tries to link votes to voters.

The observer is a second database connection (PostgreSQL: its own session, reading every table of the
public schema with each row's `xmin`; SQLite: a second connection to the same shared-cache in-memory test
database, reading every table with its `rowid`). It copies every table after every committed step: the
ballot opened, each of three votes, voting closed, the count. That is at least as much as polling every
20 ms would show, since nothing commits between the snapshots.

The scenario runs once for every assignment (permutation) of three known ballot papers to the three voters,
each on a freshly flushed database with its sequences reset, so that every id is the same in every run.
What the observer learns is the list of row changes at each step. After replacing only what is random by
nature — ciphertext and key bytes by their length, random ids, timestamps and transaction ids by their order
of first appearance — the six transcripts are identical: every assignment of the three ballots to the three
voters fits what the observer saw. No snapshot contains the plaintext encoding of a paper.

On PostgreSQL, a superuser then reads every page of every relation of the database with `pageinspect`
(tables, TOAST, indexes; dead tuples included): neither the ballot's private key nor a plaintext paper is
anywhere; the dead sealed tuples still there open only with that private key, which exists only locked
under the passphrase."""

import datetime
import itertools
import json
import os
import re
import sqlite3
import uuid

import pytest
from django.core.management import call_command
from django.db import connection

from tdkt.council import sealing
from tdkt.council.models import AgendaItem
from tdkt.council.services import ballots, counting, meetings
from tests import conftest
from tests.council.helpers import ELIGIBLE, MEETING_DATE, PASSPHRASE, make_board, mark, ready_dossier

pytestmark = pytest.mark.django_db(transaction=True)

# Three ballot papers over two items, all different; every assignment to the three voters is tried.
PAPERS = (("agree", "disagree"), ("disagree", "abstain"), ("abstain", "agree"))
UUID = re.compile(r"^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:?\d{2}|Z)?")


# --- the observer -------------------------------------------------------------------------------------------

class Observer:
    """A second connection that copies every table, with the row version column the database exposes."""

    def __init__(self):
        params = connection.settings_dict
        if connection.vendor == "postgresql":
            import psycopg

            self.conn = psycopg.connect(**connection.get_connection_params(), autocommit=True)
            self.version_column = "xmin::text"
        else:
            name = params["NAME"]
            if not str(name).startswith("file:"):  # an in-memory database without shared cache: unreachable
                pytest.skip("the SQLite test database is private to its connection; run with a shared one")
            self.conn = sqlite3.connect(str(name), uri=True, isolation_level=None)
            self.version_column = "rowid"

    def tables(self) -> list[str]:
        if connection.vendor == "postgresql":
            sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        else:
            sql = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        return [row[0] for row in self.conn.execute(sql).fetchall()]

    def snapshot(self) -> dict:
        copy = {}
        for table in self.tables():
            cursor = self.conn.execute(f'SELECT {self.version_column} AS row_version, * FROM "{table}"')
            columns = [d[0] for d in cursor.description]
            copy[table] = (columns, [tuple(row) for row in cursor.fetchall()])
        return copy

    def close(self):
        self.conn.close()


def _diff(before: dict, after: dict) -> list:
    """Rows added and removed per table (an update is one of each): what the observer learns at a step."""
    changes = []
    for table in sorted(set(before) | set(after)):
        columns, old = before.get(table, ([], []))
        columns, new = after.get(table, (columns, []))
        old_set, new_set = _multiset(old), _multiset(new)
        for row in new:
            if new_set.get(row, 0) > old_set.get(row, 0):
                changes.append(("+", table, columns, row))
                new_set[row] -= 1
        for row in old:
            if old_set.get(row, 0) > _multiset(new).get(row, 0):
                changes.append(("-", table, columns, row))
                old_set[row] -= 1
    return changes


def _multiset(rows):
    counts = {}
    for row in rows:
        counts[row] = counts.get(row, 0) + 1
    return counts


class Normaliser:
    """Replaces only what is random by nature; every other value is kept as the observer read it."""

    def __init__(self):
        self.tokens = {}

    def token(self, kind, value) -> str:
        key = (kind, value)
        if key not in self.tokens:
            self.tokens[key] = f"<{kind}{sum(1 for k in self.tokens if k[0] == kind)}>"
        return self.tokens[key]

    def value(self, column, value):
        if column == "row_version":
            return self.token("version", str(value))
        if isinstance(value, memoryview | bytes | bytearray):
            return ("bytes", len(bytes(value)))
        if isinstance(value, uuid.UUID):
            return self.token("uuid", value.hex)
        if isinstance(value, datetime.datetime | datetime.date):
            return self.token("time", value.isoformat())
        if isinstance(value, dict | list):
            value = json.dumps(value, sort_keys=True, ensure_ascii=False)
        if isinstance(value, str):
            if UUID.match(value):
                return self.token("uuid", value.replace("-", ""))
            return STAMP.sub(lambda m: self.token("time", m.group(0)), value)
        return value

    def step(self, changes) -> list:
        rows = [(sign, table, tuple(self.value(c, v) for c, v in zip(columns, row, strict=True)))
                for sign, table, columns, row in changes]
        return sorted(rows, key=repr)


# --- one run ------------------------------------------------------------------------------------------------

def _fresh_world():
    """An empty database with its sequences reset, the seeded rows and the personas back: every id of a run
    is then the same as in every other run."""
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "sqlite":  # flush leaves rows at 0 in SQLite's sequence table; start from none
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM sqlite_sequence")
    connection.creation.deserialize_db_from_string(conftest._SEEDED["snapshot"])
    return conftest.world._get_wrapped_function()(None)


def _run(assignment, *, capture_keys=None) -> tuple[list, list]:
    """One meeting where the chair and two members cast the papers of `assignment`; the observer's
    transcript (normalised steps) and every raw snapshot."""
    world = _fresh_world()
    board = make_board(world)
    ready_dossier(world.unit_a, (world.person_a, "BK_TINH", ELIGIBLE), (world.person_a_child, "BK_TINH", ELIGIBLE))
    meeting = meetings.create_meeting(board.council, date=MEETING_DATE, place="Hội trường", by=board.secretary)
    meetings.build_agenda(meeting, by=board.secretary)
    mark(board, meeting)
    meetings.open_meeting(meeting, by=board.secretary)
    first, second = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    voters = [board.chair, board.members[0], board.members[1]]
    observer = Observer()
    try:
        snapshots = [observer.snapshot()]
        ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
        snapshots.append(observer.snapshot())
        for voter, paper in zip(voters, assignment, strict=True):
            ballots.cast_vote(ballot, by=voter, choices={first.pk: paper[0], second.pk: paper[1]})
            snapshots.append(observer.snapshot())
        ballot = ballots.close_ballot(ballot, by=board.chair)
        snapshots.append(observer.snapshot())
        counting.count_ballot(ballot, by=board.chair, passphrase=PASSPHRASE)
        snapshots.append(observer.snapshot())
    finally:
        observer.close()
    normaliser = Normaliser()
    transcript = [normaliser.step(_diff(a, b)) for a, b in itertools.pairwise(snapshots)]
    plains = [sealing.encode(ballot.pk, [first.pk, second.pk], {first.pk: p[0], second.pk: p[1]}) for p in PAPERS]
    return transcript, snapshots, plains


def _every_value(snapshots):
    for snapshot in snapshots:
        for _table, (_columns, rows) in snapshot.items():
            for row in rows:
                yield from row


def test_every_assignment_of_the_ballots_to_the_voters_fits_what_the_observer_saw():
    transcripts = {}
    for assignment in itertools.permutations(PAPERS):
        transcript, snapshots, plains = _run(assignment)
        transcripts[assignment] = transcript
        for value in _every_value(snapshots):
            raw = bytes(value) if isinstance(value, memoryview | bytes | bytearray) else str(value).encode()
            assert not [plain for plain in plains if plain in raw], "a plaintext paper is readable in a table"
            assert sealing.PREFIX not in raw
    reference = transcripts[PAPERS]
    for assignment, transcript in transcripts.items():
        differences = [(n, sorted(set(map(repr, a)) ^ set(map(repr, b))))
                       for n, (a, b) in enumerate(zip(transcript, reference, strict=True)) if a != b]
        assert differences == [], f"the observer can tell {assignment} from {PAPERS}"


def test_the_observer_sees_a_vote_as_a_mark_and_a_sealed_row_only():
    transcript, _snapshots, _plains = _run(PAPERS)
    vote = transcript[1]  # the first vote
    tables = sorted({table for _sign, table, _row in vote})
    assert [t for t in tables if t != "sqlite_sequence"] == [
        "audit_auditevent", "council_ballotparticipation", "council_sealedballot"]
    # Nothing updated (SQLite's own sequence table aside): no counter moved.
    assert all(sign == "+" for sign, table, _row in vote if table != "sqlite_sequence")
    count = transcript[-1]
    assert sorted({table for sign, table, _row in count if sign == "-" and table.startswith("council_")}) == [
        "council_agendaitem", "council_ballot", "council_ballotkey", "council_sealedballot"]


# --- PostgreSQL: the pages themselves ------------------------------------------------------------------------

def _superuser():
    import psycopg

    url = os.environ.get("DATABASE_SUPERUSER_URL")
    if url:
        return psycopg.connect(url, dbname=connection.settings_dict["NAME"], autocommit=True)
    return psycopg.connect(**connection.get_connection_params(), autocommit=True)


def _every_page(conn):
    """(relation, block, raw page) of every relation with storage: tables, TOAST, indexes, sequences."""
    relations = conn.execute(
        "SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relkind IN ('r', 't', 'i', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
        "AND c.relpersistence = 'p'").fetchall()
    for (relation,) in relations:
        blocks = conn.execute("SELECT pg_relation_size(%s::regclass) / current_setting('block_size')::int",
                              [relation]).fetchone()[0]
        for block in range(blocks):
            page = conn.execute("SELECT get_raw_page(%s, %s)", [relation, block]).fetchone()[0]
            yield relation, block, bytes(page)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pageinspect is a PostgreSQL extension")
def test_no_page_of_the_database_holds_the_private_key_or_a_plain_ballot(monkeypatch):
    keys = []

    def capture():
        key = original()
        keys.append(bytes(key))
        return key

    original = sealing.new_keypair
    monkeypatch.setattr(sealing, "new_keypair", capture)  # a wrapper: the real key pair, captured
    _transcript, _snapshots, plains = _run(PAPERS)
    assert len(keys) == 1
    private_key = keys[0]
    conn = _superuser()
    try:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")
        conn.execute("CHECKPOINT")
        pages = list(_every_page(conn))
        sealed_tuples = conn.execute(
            "SELECT t_data FROM generate_series(0, pg_relation_size('council_sealedballot') / "
            "current_setting('block_size')::int - 1) AS block, "
            "LATERAL heap_page_items(get_raw_page('council_sealedballot', block::int)) WHERE t_data IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    assert pages
    assert not [(rel, block) for rel, block, page in pages if private_key in page]
    assert not [(rel, block) for rel, block, page in pages if any(plain in page for plain in plains)]
    assert not [(rel, block) for rel, block, page in pages if sealing.PREFIX in page]
    from nacl.public import PrivateKey

    length = 48 + len(plains[0])  # ephemeral public key + MAC + the fixed-length paper
    assert sealed_tuples, "the deleted sealed rows are expected as dead tuples until VACUUM"
    for (data,) in sealed_tuples:
        data = bytes(data)
        windows = [data[i:i + length] for i in range(len(data) - length + 1)]
        assert not [w for w in windows if sealing.open_sealed(PrivateKey.generate(), w) is not None]
        # Only the destroyed private key opens it — in no page; its locked copy needs the passphrase.
        opened = [plain for w in windows if (plain := sealing.open_sealed(PrivateKey(private_key), w)) is not None]
        assert len(opened) == 1 and opened[0] in plains
