"""The checks of the cluster run, each across the two nodes: this process prepares rows with the domain functions
and the test factories (as the test suite does), then acts through the HTTP pages of node A, node B or the
balanced front, and reads the outcome back from the database. Each check raises AssertionError with what it saw.

Sessions: a signed-in session is a row of the database session store, made here for each persona (what the
sign-in page would write after the password and the TOTP code), so both nodes accept its cookie — which is the
point: no node keeps state of its own."""

from __future__ import annotations

import concurrent.futures
import hashlib
import re
import secrets
import string
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import requests

from cluster.stack import ACCEL_PREFIX, BALANCED, GUNICORN_PORTS, NODE_A, NODE_B, REPO

BASE = {"A": f"http://127.0.0.1:{NODE_A}", "B": f"http://127.0.0.1:{NODE_B}", "*": f"http://127.0.0.1:{BALANCED}"}
CONCURRENT_NUMBERS = 16
IMPORT_ROWS = 2100  # above BACKGROUND_ROWS (2000): validated and committed by the workers
SYNC_SECRET_ENV = "TDKT_CLUSTER_SYNC_SECRET"


class Browser(requests.Session):
    """One signed-in persona: the session cookie of a database session, and a CSRF cookie sent back as the header."""

    def __init__(self, user):
        super().__init__()
        self.csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.cookies.set("csrftoken", self.csrf)
        self.cookies.set("sessionid", session_for(user))

    def post(self, url, data=None, **kwargs):  # noqa: D102 - the CSRF header on every POST
        headers = {"X-CSRFToken": self.csrf, **kwargs.pop("headers", {})}
        return super().post(url, data=data, headers=headers, allow_redirects=False, timeout=60, **kwargs)


def session_for(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from tdkt.accounts.freshness import SESSION_SECOND_FACTOR_AT

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SESSION_SECOND_FACTOR_AT] = timezone.now().timestamp()  # the TOTP code was just given
    session.create()
    return session.session_key


@dataclass
class World:
    province: object
    home_affairs: object
    unit_a: object
    unit_a_child: object
    person_a: object
    council: object
    users: dict


def make_world() -> World:
    """The personas of tests/conftest.py's `world`, the part these checks need."""
    from tests.factories import make_council, make_person, make_unit, make_user

    from tdkt.accounts.enums import Role
    from tdkt.orgs.enums import UnitKind

    province = make_unit("Ủy ban nhân dân tỉnh Lào Cai", kind=UnitKind.PEOPLES_COMMITTEE, code="UBND")
    home_affairs = make_unit("Sở Nội vụ", parent=province, code="SNV")
    unit_a = make_unit("Sở Y tế", parent=province, code="SYT")
    unit_a_child = make_unit("Bệnh viện Đa khoa tỉnh", kind=UnitKind.PUBLIC_SERVICE, parent=unit_a, code="BVDK")
    person_a = make_person("Nguyễn Văn An", unit=unit_a, national_id="010090001234")
    council = make_council(province)
    users = {
        "specialist": make_user("chuyenvien", role=Role.PROVINCE_SPECIALIST, unit=home_affairs),
        "council_member": make_user("uyvien", role=Role.COUNCIL_MEMBER, unit=province, council=council),
        "signer": make_user("chutich", role=Role.SIGNER, unit=province),
    }
    return World(province, home_affairs, unit_a, unit_a_child, person_a, council, users)


def at_once(jobs):
    """Run the callables together (a thread each, released at the same moment); their results in order."""
    import threading

    barrier = threading.Barrier(len(jobs))

    def run(job):
        barrier.wait(timeout=30)
        return job()

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return [future.result(timeout=120) for future in [pool.submit(run, job) for job in jobs]]


def wait_for(condition, what: str, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


# --- 1. decision numbering -------------------------------------------------------------------------------------


def check_numbering(world) -> str:
    """16 decisions approved for signing are numbered by 16 requests at once, alternating nodes A and B:
    numbers 1…16 of the authority's register, each once."""
    from tests.decisions.support import approved, cite_proposal, make_authority, make_dossier
    from tests.factories import make_person

    from tdkt.decisions import services
    from tdkt.decisions.models import Decision

    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    drafts = []
    for index in range(CONCURRENT_NUMBERS):
        # A valid personal ID: the award is then told to the national database (check_outbox), not held back.
        person = make_person(f"Nguyễn Văn Số {index}", unit=world.unit_a, national_id=f"010090{index + 1:06d}")
        (decision,) = services.draft_decisions([approved(dossier, person=person, position=index + 1)],
                                               by=world.users["specialist"], authority=authority)
        services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
        drafts.append(decision)
    clerks = [Browser(world.users["specialist"]) for _ in drafts]

    def take(index, decision):
        node = "AB"[index % 2]
        return node, clerks[index].post(f"{BASE[node]}/decisions/{decision.pk}/number/", {"confirm": "on"})

    answers = at_once([lambda i=i, d=d: take(i, d) for i, d in enumerate(drafts)])
    bad = [(node, r.status_code, r.headers.get("Location")) for node, r in answers if r.status_code != 302]
    assert not bad, f"numbering requests not redirected to the decision: {bad}"
    numbers = sorted(Decision.objects.filter(pk__in=[d.pk for d in drafts]).values_list("number", flat=True))
    assert numbers == list(range(1, CONCURRENT_NUMBERS + 1)), f"numbers taken: {numbers}"
    return f"{CONCURRENT_NUMBERS} concurrent requests (8 per node): numbers 1…{CONCURRENT_NUMBERS}, no gap, no repeat"


def sign_all(world, authority_decisions) -> None:
    from tests.decisions.support import SIGNED_ON, pdf_bytes

    from tdkt.decisions import services

    data = pdf_bytes()
    for decision in authority_decisions:
        services.sign_decision(decision, by=world.users["specialist"], signed_pdf=data, signed_on=SIGNED_ON)


# --- 2. the secret ballot --------------------------------------------------------------------------------------


def check_ballot(world) -> str:
    """Each of the 5 members sends the same vote through node A and node B at the same moment: one vote each is
    sealed, the other refused; a later attempt is refused too; the count finds 5 votes per item."""
    from tests.council.helpers import ELIGIBLE, PASSPHRASE, close_and_count, make_board, open_meeting, ready_dossier
    from tests.factories import make_person

    from tdkt.council.models import AgendaItem, BallotParticipation, SealedBallot
    from tdkt.council.services import ballots

    class _World:  # make_board and ready_dossier read these attributes of the suite's world
        council, province, home_affairs, users = world.council, world.province, world.home_affairs, world.users

    board = make_board(_World, plain_members=3)
    ready_dossier(world.unit_a, (make_person("Lò Văn Phiếu", unit=world.unit_a), "BK_TINH", ELIGIBLE),
                  (world.unit_a_child, "BK_TINH", ELIGIBLE))
    meeting = open_meeting(board)
    ballot = ballots.open_ballot(meeting, by=board.chair, passphrase=PASSPHRASE)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    vote = {"action": "send"} | {f"item-{item.pk}": "agree" for item in items}
    voters = [board.chair, board.secretary, *board.members]
    url = f"/council/{meeting.pk}/vote/"
    jobs = []
    for user in voters:
        browser = Browser(user)
        jobs += [lambda b=browser: b.post(BASE["A"] + url, vote), lambda b=browser: b.post(BASE["B"] + url, vote)]
    answers = at_once(jobs)
    # Sealed: a redirect to the meeting. Refused: the redirect of "you have already voted", or the paper again
    # with the refusal of cast_vote (the two sends raced past the page's own check). Never an error.
    assert all(r.status_code in (200, 302) for r in answers), [r.status_code for r in answers]
    assert BallotParticipation.objects.filter(ballot=ballot).count() == len(voters)
    assert SealedBallot.objects.filter(ballot=ballot).count() == len(voters)
    again = Browser(voters[0]).post(BASE["B"] + url, vote)
    assert again.status_code == 302 and again.headers["Location"] == f"/council/{meeting.pk}/", again.headers
    assert SealedBallot.objects.filter(ballot=ballot).count() == len(voters)
    close_and_count(ballot, by=board.chair)
    totals = [(i.agree, i.disagree, i.abstain) for i in AgendaItem.objects.filter(meeting=meeting).order_by("position")]
    assert totals == [(len(voters), 0, 0)] * len(items), totals
    return f"{len(voters)} members × 2 simultaneous sends (A and B): {len(voters)} sealed votes, counted once each"


# --- 3. the award-history import, run by the two workers -------------------------------------------------------


def check_import(world) -> tuple[str, int]:
    """A 2,100-row file is uploaded through node A, mapped through node B, committed through node A; the two
    workers validate and commit it, each job taken by exactly one of them; 2,100 ratings, once."""
    from django_tasks_db.models import DBTaskResult
    from tests.awards.import_support import RATING_HEADER, csv_bytes

    from tdkt.awards.imports.models import BatchState, ImportBatch
    from tdkt.awards.models import Rating
    from tdkt.jobs.models import Job

    rows = [RATING_HEADER] + [[f"Người Thử {n}", 1980 + n % 30, "SYT", 2024, "HTTNV"] for n in range(IMPORT_ROWS)]
    data = csv_bytes(rows)
    browser = Browser(world.users["specialist"])
    sent = browser.post(BASE["A"] + "/awards/imports/new/", {"kind": "ratings", "unit": str(world.unit_a.pk)},
                        files={"file": ("xep-loai-2024.csv", data, "text/csv")})
    assert sent.status_code == 302, (sent.status_code, sent.text[:2000])
    batch = ImportBatch.objects.get(pk=int(re.search(r"/imports/(\d+)/columns/", sent.headers["Location"])[1]))
    mapping = {name: str(index) for name, index in batch.mapping.items()}
    mapped = browser.post(f"{BASE['B']}/awards/imports/{batch.pk}/columns/", mapping)
    assert mapped.status_code == 302, (mapped.status_code, mapped.text[:2000])
    wait_for(lambda: ImportBatch.objects.filter(pk=batch.pk, state=BatchState.VALIDATED).exists(), "validation")
    committed = browser.post(f"{BASE['A']}/awards/imports/{batch.pk}/commit/", {})
    assert committed.status_code == 302, committed.status_code
    wait_for(lambda: ImportBatch.objects.filter(pk=batch.pk, state=BatchState.COMMITTED).exists(), "the commit")
    assert Rating.objects.filter(year=2024, person__full_name__startswith="Người Thử").count() == IMPORT_ROWS
    jobs = list(Job.objects.filter(kind__startswith="awards.import_").order_by("id")
                .values_list("kind", "state", "attempts", "progress_done"))
    assert jobs == [("awards.import_validate", "succeeded", 1, IMPORT_ROWS),
                    ("awards.import_commit", "succeeded", 1, IMPORT_ROWS)], jobs
    job_ids = set(Job.objects.filter(kind__startswith="awards.import_").values_list("pk", flat=True))
    runs = [(r.args_kwargs["args"][0], r.worker_ids, r.status) for r in DBTaskResult.objects.all()
            if r.task_path.endswith("run_job_task") and r.args_kwargs["args"][0] in job_ids]
    assert sorted(job for job, _w, _s in runs) == sorted(job_ids), runs
    assert all(len(workers) == 1 and status == "SUCCESSFUL" for _j, workers, status in runs), runs
    workers = sorted({w for _j, ws, _s in runs for w in ws})
    return f"{IMPORT_ROWS} rows: validate and commit jobs each run once (workers {', '.join(workers)})", batch.pk


# --- 4. media uploaded through A, served through B by nginx ----------------------------------------------------


def check_media(world, batch_pk: int) -> str:
    """The import's file (uploaded through node A) downloaded through node B: node B answers with
    X-Accel-Redirect and no body; nginx sends the bytes, and never serves the internal location to a client."""
    from tdkt.awards.imports.models import ImportBatch

    batch = ImportBatch.objects.get(pk=batch_pk)
    stored = Path(batch.file.path).read_bytes()
    browser = Browser(world.users["specialist"])
    direct = browser.get(f"http://127.0.0.1:{GUNICORN_PORTS[1]}/awards/imports/{batch_pk}/file/", timeout=30)
    assert direct.status_code == 200 and direct.content == b"", (direct.status_code, len(direct.content))
    assert direct.headers["X-Accel-Redirect"] == ACCEL_PREFIX + batch.file.name, direct.headers
    through = browser.get(f"{BASE['B']}/awards/imports/{batch_pk}/file/", timeout=30)
    assert through.status_code == 200, (through.status_code, through.headers)  # NODE_B reaches node B only
    assert through.content == stored and "X-Accel-Redirect" not in through.headers
    assert through.headers["Content-Disposition"] == 'attachment; filename="xep-loai-2024.csv"', through.headers
    assert "no-store" in through.headers["Cache-Control"], through.headers
    outsider = requests.get(f"{BASE['*']}{ACCEL_PREFIX}{batch.file.name}", timeout=30)
    assert outsider.status_code == 404, outsider.status_code
    anonymous = requests.get(f"{BASE['B']}/awards/imports/{batch_pk}/file/", allow_redirects=False, timeout=30)
    assert anonymous.status_code == 302 and anonymous.headers["Location"].startswith("/login/"), anonymous.headers
    login = requests.get(f"{BASE['*']}/login/", timeout=30)
    static = re.search(r'(/static/[^"]+\.css)"', login.text)[1]
    styles = requests.get(BASE["*"] + static, timeout=30)
    assert styles.status_code == 200 and "immutable" in styles.headers["Cache-Control"], styles.headers
    return (f"{len(stored):,} bytes uploaded via A, sent by nginx via B (X-Accel-Redirect); internal location 404 "
            "from outside; static files from STATIC_ROOT")


# --- 5. the outbox: outbound sync to a real HTTP receiver ------------------------------------------------------


class Receiver:
    """A provincial platform on a free local port (standard library only): /token hands out a token (every token
    it gave stays valid: two workers each hold one), /push stores each Idempotency-Key once and counts the
    pushes of a key it already holds — a message sent twice."""

    SECRET = "cluster-sync-secret"

    def __init__(self):
        import json
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.lock = threading.Lock()
        self.tokens: set = set()
        self.stored: dict = {}
        self.duplicates = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):  # noqa: N802 - the name http.server calls
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with receiver.lock:
                    if self.path == "/token":
                        if body.get("secret_key") != Receiver.SECRET:
                            return self.answer(401, {"error": "invalid_client"})
                        token = secrets.token_hex(8)
                        receiver.tokens.add(token)
                        return self.answer(200, {"access_token": token, "expires_in": 3600})
                    if self.headers.get("Authorization", "").removeprefix("Bearer ") not in receiver.tokens:
                        return self.answer(401, {"error": "invalid_token"})
                    key = self.headers.get("Idempotency-Key", "")
                    if key in receiver.stored:
                        receiver.duplicates += 1
                        return self.answer(409, {"error": "duplicate"})
                    receiver.stored[key] = body
                return self.answer(200, {"status": "accepted"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def make_receiver(http):
    from tdkt.integration.models import Receiver as Destination
    from tdkt.integration.models import ReceiverKind

    return Destination.objects.create(name="Nền tảng LGSP tỉnh Lào Cai", kind=ReceiverKind.NATIONAL_CADRE_DB,
                                      url=http.base + "/push", token_url=http.base + "/token", access_key="tdkt",
                                      secret_env=SYNC_SECRET_ENV)


def check_outbox(world, http) -> str:
    """Signing the 16 numbered decisions queues one message per award; the two workers deliver them: each
    reaches the receiver exactly once (a resend would be a duplicate there) and every message is marked sent."""
    from tdkt.decisions.models import Decision
    from tdkt.integration.models import MessageState, OutboundMessage

    decisions = list(Decision.objects.filter(number__isnull=False, state="approved_for_signing").order_by("number"))
    sign_all(world, decisions)
    queued = OutboundMessage.objects.exclude(state=MessageState.HELD)
    expected = queued.count()
    assert expected >= len(decisions), (expected, list(OutboundMessage.objects.values_list("state", flat=True)))
    wait_for(lambda: not queued.exclude(state=MessageState.DELIVERED).exists(), "delivery of the outbox")
    keys = set(queued.values_list("idempotency_key", flat=True))
    assert set(http.stored) == keys, (len(http.stored), len(keys))
    assert http.duplicates == 0, f"{http.duplicates} messages were sent twice"
    return f"{expected} messages from {len(decisions)} signed decisions delivered exactly once by the two workers"


# --- 6. "Việc của tôi" kept on every node ----------------------------------------------------------------------

HOME_VISITS = 8  # per node: enough to reach each of its gunicorn workers, each keeping its own copy


def check_kept_agenda(world) -> str:
    """A clerk's returned dossier shows on his home through both nodes (each of their workers then keeps his
    agenda); this process — a third one — renames it, then moves it on: every home through A and B shows the new
    title at once, then no longer lists it (the shared version, raised after each commit, tdkt.workflow.agenda_version)."""
    from tests.factories import make_user

    from tdkt.accounts.enums import Role
    from tdkt.dossiers.enums import DossierState
    from tdkt.dossiers.models import Dossier
    from tdkt.workflow.machine import MACHINES
    from tdkt.workflow.primitive import change_states

    clerk = make_user("vanthu.cum", role=Role.UNIT_CLERK, unit=world.unit_a)
    dossier = Dossier.objects.create(unit=world.unit_a, year=2025, title="Hồ sơ trả lại để bổ sung",
                                     state=DossierState.RETURNED)
    browser = Browser(clerk)
    marker = f'data-kind="dossier" data-pk="{dossier.pk}"'

    def homes():
        pages = []
        for node in "AB":
            for _ in range(HOME_VISITS):
                response = browser.get(BASE[node] + "/", timeout=60, allow_redirects=False)
                assert response.status_code == 200, (node, response.status_code, response.headers.get("Location"))
                pages.append((node, response.text))
        return pages

    assert all(marker in page and "Hồ sơ trả lại để bổ sung" in page for _node, page in homes())
    dossier.title = "Hồ sơ đã đổi tên"
    dossier.save(update_fields=["title"])
    stale = [node for node, page in homes() if "Hồ sơ đã đổi tên" not in page]
    assert not stale, f"homes still showing the old title through {stale}"
    change_states(MACHINES["dossier"], [dossier], DossierState.AWAITING_APPROVAL, by=clerk,
                  allowed_from={DossierState.RETURNED})
    stale = [node for node, page in homes() if marker in page]
    assert not stale, f"homes still listing the moved dossier through {stale}"
    return (f"{2 * HOME_VISITS} homes a round through A and B: a rename and a state change made by a third process "
            "seen by every worker at once")


# --- 7. backup and restore -------------------------------------------------------------------------------------


def check_backup_restore(stack, pg_cluster) -> str:
    """tdkt-backup of the live system (as the application role), then tdkt-restore into a new empty database
    and media folder (as the owner): same rows, same files, checksums checked; a damaged backup is refused."""
    import psycopg

    env = dict(stack.env) | {"PG_BINDIR": "/usr/lib/postgresql/15/bin"}
    backup_dir = stack.root / "backup"
    made = subprocess.run([str(REPO / "deploy/bin/tdkt-backup"), str(backup_dir)], env=env, capture_output=True,
                          text=True, check=False, timeout=300)
    assert made.returncode == 0, made.stderr
    folder = Path(made.stdout.strip().splitlines()[-1])
    superuser = pg_cluster("superuser-url")
    with psycopg.connect(superuser, autocommit=True) as connection:
        connection.execute("CREATE DATABASE tdkt_restored OWNER tdkt_owner")
    owner_url = pg_cluster("owner-url").rsplit("/", 1)[0] + "/tdkt_restored"
    restored_media = stack.root / "media-restored"
    restore_env = env | {"DATABASE_OWNER_URL": owner_url, "MEDIA_ROOT": str(restored_media)}
    done = subprocess.run([str(REPO / "deploy/bin/tdkt-restore"), str(folder)], env=restore_env, capture_output=True,
                          text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    tables = ("decisions_decision", "awards_rating", "council_ballotparticipation", "integration_outboundmessage",
              "audit_auditevent", "awards_importbatch")
    app_url = pg_cluster("url")
    counts = {}
    for url in (app_url, app_url.rsplit("/", 1)[0] + "/tdkt_restored"):  # the application role reads both
        with psycopg.connect(url) as connection:
            counts[url] = [connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]  # noqa: S608
    before, after = counts.values()
    assert before == after, dict(zip(tables, zip(before, after, strict=True), strict=True))
    assert media_digest(Path(stack.env["MEDIA_ROOT"])) == media_digest(restored_media)
    again = subprocess.run([str(REPO / "deploy/bin/tdkt-restore"), str(folder)], env=restore_env,
                           capture_output=True, text=True, check=False, timeout=120)
    assert again.returncode == 1 and "restore only into an empty one" in again.stderr, again.stderr
    with (folder / "media.tar.gz").open("ab") as archive:
        archive.write(b"x")
    damaged = subprocess.run([str(REPO / "deploy/bin/tdkt-restore"), str(folder)], env=restore_env,
                             capture_output=True, text=True, check=False, timeout=120)
    assert damaged.returncode == 1 and "checksums" in damaged.stderr, damaged.stderr
    return (f"backup {folder.name}: {dict(zip(tables, after, strict=True))} rows and "
            f"{sum(1 for p in restored_media.rglob('*') if p.is_file())} files restored identical; a non-empty "
            "target and a damaged backup refused")


def media_digest(root: Path) -> dict:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "healthz" not in p.parts}
