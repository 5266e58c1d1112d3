"""A unit's year-end sheet (issue 16): a dossier of 1,500 lines sent to the unit's own authority (Sở Thử
Nghiệm, QĐ-STN) — 1,440 "Lao động tiên tiến" and 60 "Chiến sĩ thi đua cơ sở" — decided as a sheet.

Timed, each on a fresh copy of the dossier (built in bulk, untimed):
- verdicts for all lines (tdkt.dossiers.eligibility.refresh_live_verdicts): target ≤ 3 s;
- the sheet in the worker: the job "accept all eligible lines" (jobs.DECIDE_SHEET through
  tdkt.jobs.services.run_job, as the worker runs it: bulk.decide_sheet, one conditional UPDATE, one insert
  of history rows and one of audit rows per batch of 500), then the council's approval of the accepted lines
  in bulk (the machine's bulk form), the decision drafted from them (decisions.services.draft_decisions)
  and its Word document with the 1,500-line annex (decisions.documents.decision_docx): target ≤ 10 s on
  PostgreSQL. Queries of the job are counted for 300 lines and for 1,500 (fixed per batch).

Run alone: `.venv/bin/python bench/bench_unit_sheet.py` — on DATABASE_URL when set, else on a SQLite file
under var/bench/. The parent migrates, a child (`--child`) builds the data and times."""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url  # noqa: E402

VERDICTS_TARGET_MS = 3000.0
SHEET_TARGET_MS = 10000.0
RUNS = 3
LINES = 1_500
CSTD = 60
YEAR = 2025
CODE = "US-STN"


def build():
    """(unit, authority, the unit's officer, person ids), built when missing."""
    import datetime

    from tdkt.accounts.enums import Role
    from tdkt.accounts.models import Membership, User
    from tdkt.awards.models import AwardRecord, AwardType, Rating
    from tdkt.lib.vntext import fold
    from tdkt.orgs.enums import AuthorityKind, UnitKind
    from tdkt.orgs.models import IssuingAuthority, Unit
    from tdkt.people.models import Person

    unit = Unit.objects.filter(code=CODE).first()
    if unit is None:
        unit = Unit.objects.create(code=CODE, name="Sở Thử Nghiệm", kind=UnitKind.DEPARTMENT,
                                   established_on=datetime.date(2020, 1, 1))
        IssuingAuthority.objects.create(
            unit=unit, kind=AuthorityKind.AGENCY_HEAD, name="Sở Thử Nghiệm", symbol="QĐ-STN",
            submission_symbol="TTr-STN", place="Lào Cai", decider_title="GIÁM ĐỐC SỞ THỬ NGHIỆM",
            head_title="GIÁM ĐỐC", collective_body="")
        Person.objects.bulk_create([
            Person(full_name=f"Lê Thị Bảng {i:04d}", name_folded=fold(f"Lê Thị Bảng {i:04d}"), unit=unit,
                   category="civil_servant", birth_year=1975 + i % 25) for i in range(LINES)], batch_size=1000)
        people = list(Person.objects.filter(unit=unit).order_by("id").values_list("id", flat=True))
        Rating.objects.bulk_create([Rating(person_id=pk, year=year, level="HTTNV") for pk in people
                                    for year in (YEAR - 2, YEAR - 1, YEAR)], batch_size=2000)
        ldtt = AwardType.objects.get(code="LDTT")
        AwardRecord.objects.bulk_create([  # the CSTĐ cơ sở nominees' earlier titles
            AwardRecord(person_id=pk, award_type=ldtt, year=year, decision_number=f"{year % 100}/QĐ-STN",
                        decision_date=datetime.date(year + 1, 1, 15), decision_issuer="Sở Thử Nghiệm")
            for pk in people[:CSTD] for year in (YEAR - 2, YEAR - 1)], batch_size=1000)
    # The unit's own emulation officer receives, decides and drafts its round (issue 16): not the province.
    specialist, _created = User.objects.get_or_create(username="us-canbo", defaults={
        "full_name": "Cán bộ thi đua thử nghiệm"})
    Membership.objects.get_or_create(user=specialist, role=Role.UNIT_CLERK, unit=unit)
    people = list(Person.objects.filter(unit=unit).order_by("id").values_list("id", flat=True))
    return unit, unit.issuing_authority, specialist, people


def fresh_sheet(unit, authority, people, *, size=LINES, run=0):
    """A new dossier of the sheet, in appraisal, with `size` lines (bulk, untimed; states as created)."""
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.enums import DossierState
    from tdkt.dossiers.models import Dossier, Nomination

    ldtt, cstd = AwardType.objects.get(code="LDTT"), AwardType.objects.get(code="CSTD_CS")
    dossier = Dossier.objects.create(unit=unit, title=f"Danh sách đề nghị khen thưởng năm {YEAR} ({run})", year=YEAR,
                                     state=DossierState.IN_APPRAISAL, receiving_authority=authority,
                                     authority=authority.kind)
    Nomination.objects.bulk_create([
        Nomination(dossier=dossier, position=index + 1, person_id=pk, proposed_award_type=cstd if index < CSTD else ldtt,
                   award_type=cstd if index < CSTD else ldtt, position_and_unit="Chuyên viên, Sở Thử Nghiệm")
        for index, pk in enumerate(people[:size])], batch_size=2000)
    return dossier


def decide_in_worker(dossier, specialist) -> int:
    """The job as the worker runs it, then the decision with its annex; the number of annex lines."""
    from tdkt.decisions import documents
    from tdkt.decisions.queries import all_lines
    from tdkt.decisions.services import draft_decisions
    from tdkt.dossiers import bulk, jobs
    from tdkt.dossiers.enums import NominationState
    from tdkt.dossiers.models import Nomination
    from tdkt.dossiers.transitions import NOMINATION
    from tdkt.jobs.services import run_job, start_job

    # The officer's reason for each line that is not eligible (the CSTĐ cơ sở lines here), as the sheet's form sends.
    exceptions = {str(line.pk): "Đã xét bổ sung minh chứng." for line in bulk.exceptions_of(bulk.undecided_lines(dossier))}
    job = start_job(jobs.DECIDE_SHEET, by=specialist, params={"dossier": dossier.pk, "exceptions": exceptions,
                                                              "rejections": {}})
    job.refresh_from_db()  # the immediate task backend (bench settings) already ran it on commit
    if job.state == "queued":
        run_job(job.pk)
        job.refresh_from_db()
    assert job.state == "succeeded", job.error
    accepted = list(Nomination.objects.filter(dossier=dossier, state=NominationState.ACCEPTED)
                    .select_related("person", "unit", "household", "award_type"))
    for start in range(0, len(accepted), 500):  # the council's vote, in bulk (its own step, system actor)
        NOMINATION.perform_many(accepted[start:start + 500], "approve", by="bench")
    decisions = draft_decisions(accepted, by=specialist, authority=dossier.receiving_authority)
    lines = 0
    for decision in decisions:
        annex = all_lines(decision)
        lines += len(annex)
        documents.decision_docx(decision, annex)
    return lines


def child() -> None:
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.dossiers import bulk
    from tdkt.dossiers.eligibility import refresh_live_verdicts
    from tdkt.dossiers.models import Nomination

    unit, authority, specialist, people = build()
    queries = {}
    for size in (300, LINES):
        dossier = fresh_sheet(unit, authority, people, size=size, run=f"q{size}")
        refresh_live_verdicts(dossier)
        with CaptureQueriesContext(connection) as captured:
            outcome = bulk.decide_sheet(dossier, by=specialist, exceptions={
                line.pk: "Đã xét bổ sung minh chứng." for line in bulk.exceptions_of(bulk.undecided_lines(dossier))})
        queries[size] = len(captured)
        accepted = outcome.accepted
    verdict_samples, sheet_samples = [], []
    annex = 0
    for run in range(RUNS):
        dossier = fresh_sheet(unit, authority, people, run=run)
        started = time.perf_counter()
        refresh_live_verdicts(dossier)
        verdict_samples.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        annex = decide_in_worker(dossier, specialist)
        sheet_samples.append((time.perf_counter() - started) * 1000)
    eligible = Nomination.objects.filter(dossier=dossier, state="approved").count()
    emit("unit_sheet_verdicts_1500_lines", connection.vendor, verdict_samples, VERDICTS_TARGET_MS,
         dataset=f"{LINES} lines ({LINES - CSTD} LĐTT, {CSTD} CSTĐ cơ sở) of a unit's own round")
    emit("unit_sheet_bulk_accept_and_decision_1500_lines", connection.vendor, sheet_samples, SHEET_TARGET_MS,
         queries=f"{queries[300]}–{queries[LINES]}",
         dataset=f"job 'accept all eligible' ({accepted} of {LINES} accepted, the lines not eligible each with a reason; "
                 f"{eligible} approved), council approval in bulk, draft decisions with {annex} annex lines and "
                 f"their .docx; queries of the accept for 300 / {LINES} lines: {queries[300]} / {queries[LINES]}")


def main() -> None:
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("unit_sheet.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_unit_sheet.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
