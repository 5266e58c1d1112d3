"""Hiệp y and công khai for the council papers: `answers_for` and `comment_summary` over 2,000 nominees
(five agencies consulted about all of them, 100 objections, one notice with 500 public comments), and the
public notice page listing 200 and 2,000 nominees. Targets (ours, no issue figure): ≤ 300 ms for each summary,
≤ 150 ms for a 200-nominee notice page, ≤ 500 ms for an extreme 2,000-nominee one (real provincial lists of
posted awards — orders, CSTĐTQ — hold tens of names); the
query count of the summaries is printed and does not grow with the number of lines (the pages' counts are
tested in tests/postings: the test client resets the query log at each request).

Run alone: `.venv/bin/python bench/bench_consultations.py` — on DATABASE_URL when set, else on a SQLite
file under var/bench/. The parent migrates, a child (`--child`) builds the data once with bulk_create."""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    emit,
    manage,
    plain_static,
    query_figure,
    report_line,
    run_child,
    setup_django,
    signed_in_client,
    sqlite_url,
    time_requests,
    timed_ms,
)

TARGET_MS = 300.0
PAGE_TARGETS_MS = {"postings_public_notice_page_200": 150.0, "postings_public_notice_page_2000": 500.0}
RUNS = 11
LINES = 2_000
COMMENTS = 500
CODE = "BHY-UNIT"


def build():
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.consultations.enums import Answer, RequestState
    from tdkt.dossiers.consultations.models import ConsultationObjection, ConsultationRequest, ConsultedAgency
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.dossiers.postings.enums import NoticeState
    from tdkt.dossiers.postings.models import PublicComment, PublicNotice
    from tdkt.lib.vntext import fold
    from tdkt.orgs.models import Unit
    from tdkt.people.models import Person

    unit = Unit.objects.filter(code=CODE).first()
    if unit is not None:
        dossier = Dossier.objects.get(unit=unit)
        return dossier, PublicNotice.objects.get(title="Bench notice"), PublicNotice.objects.get(title="Bench 200")
    unit = Unit.objects.create(code=CODE, name="Sở thử nghiệm hiệp y", kind="department",
                               established_on=datetime.date(2020, 1, 1))
    Person.objects.bulk_create([Person(full_name=f"Trần Thị Thử {i:04d}", name_folded=fold(f"Trần Thị Thử {i:04d}"),
                                       unit=unit, category="civil_servant", position="Chuyên viên",
                                       birth_date=datetime.date(1980, 1, 1)) for i in range(LINES)], batch_size=1000)
    people = list(Person.objects.filter(unit=unit).order_by("id").values_list("id", flat=True))
    award = AwardType.objects.get(code="CSTD_TQ")
    dossier = Dossier.objects.create(unit=unit, title="Hồ sơ thử nghiệm hiệp y", year=2025, state="public_posting")
    Nomination.objects.bulk_create([Nomination(dossier=dossier, person_id=pk, position=i + 1, proposed_award_type=award,
                                               award_type=award, state="accepted") for i, pk in enumerate(people)],
                                   batch_size=1000)
    lines = list(dossier.nominations.order_by("id").values_list("id", flat=True))
    today = datetime.date(2026, 3, 2)
    through = ConsultationRequest.nominations.through
    for index, agency in enumerate(ConsultedAgency.objects.order_by("id")[:5]):
        answered = index % 2 == 0
        request = ConsultationRequest.objects.create(
            dossier=dossier, agency=agency, sent_on=today, due_on=today + datetime.timedelta(days=14),
            state=RequestState.ANSWERED if answered else RequestState.SENT,
            answer=Answer.OBJECTION if index == 0 else (Answer.NO_OBJECTION if answered else ""),
            answered_on=today + datetime.timedelta(days=5) if answered else None)
        through.objects.bulk_create([through(consultationrequest_id=request.pk, nomination_id=pk) for pk in lines],
                                    batch_size=2000)
        if index == 0:
            ConsultationObjection.objects.bulk_create([ConsultationObjection(request=request, nomination_id=pk,
                                                                             reason="Vi phạm") for pk in lines[:100]])
    notice = PublicNotice.objects.create(title="Bench notice", state=NoticeState.PUBLISHED, published_on=today,
                                         ends_on=datetime.date(2100, 1, 1))
    notice.nominations.set(lines)
    PublicComment.objects.bulk_create([PublicComment(notice=notice, nomination_id=lines[i % LINES] if i % 5 else None,
                                                     name="Người góp ý", contact="0900", text=f"Góp ý {i}",
                                                     ip_hash=f"{i:064d}") for i in range(COMMENTS)])
    small = PublicNotice.objects.create(title="Bench 200", state=NoticeState.PUBLISHED, published_on=today,
                                        ends_on=datetime.date(2100, 1, 1))
    small.nominations.set(lines[:200])
    return dossier, notice, small


def child():
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from tdkt.dossiers.consultations.queries import answers_for
    from tdkt.dossiers.postings.queries import comment_summary

    plain_static()
    dossier, notice, small = build()
    lines = list(dossier.nominations.order_by("id"))
    dataset = f"{LINES} nominees, 5 agencies, {COMMENTS} comments"
    for label, run in (("consultations_answers_for", lambda: answers_for(lines)),
                       ("postings_comment_summary", lambda: comment_summary(lines))):
        run()
        with CaptureQueriesContext(connection) as captured:
            run()
        queries = len(captured.captured_queries)  # read now: a later request resets the connection's query log
        samples = [timed_ms(run) for _ in range(RUNS)]
        emit(label, connection.vendor, samples, PAGE_TARGETS_MS.get(label, TARGET_MS), queries=queries,
             dataset=dataset)
    client = signed_in_client()  # the public notice is read by anonymous citizens
    for label, notice_pk in (("postings_public_notice_page_200", small.pk), ("postings_public_notice_page_2000",
                                                                            notice.pk)):
        url = reverse("postings:public_detail", kwargs={"pk": notice_pk})
        samples, counts, _ = time_requests(client, url, RUNS)
        emit(label, connection.vendor, samples, PAGE_TARGETS_MS.get(label, TARGET_MS), queries=query_figure(counts),
             per_request=True, dataset=dataset)


def main():
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("consultations.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_consultations.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
