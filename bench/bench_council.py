"""Council ballot at a large meeting: 31 members vote on 300 nominations (one submission each), the ballot
closes (300 lines approved or not, their dossier considered), and the minutes .docx is built.
Targets (ours, no issue figure): a vote ≤ 200 ms, the close and count ≤ 5 s, the minutes ≤ 2 s; the query count of
a vote is printed and does not grow with the number of items.

Run alone: `.venv/bin/python bench/bench_council.py` — on DATABASE_URL when set, else on a SQLite file under
var/bench/. The parent migrates, a child (`--child`) builds fresh data (a closed ballot cannot be reused)."""

import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import emit, manage, report_line, run_child, setup_django, sqlite_url, timed_ms  # noqa: E402

MEMBERS = 31
ITEMS = 300


PASSPHRASE = "bench: mật khẩu phiên bầu 2026"  # the chair's passphrase (bench data only)


def build(members=MEMBERS):
    from tdkt.accounts.models import User
    from tdkt.awards.models import AwardType
    from tdkt.council.services import ballots, meetings
    from tdkt.dossiers.models import Dossier, Nomination
    from tdkt.dossiers.postings.models import PublicNotice
    from tdkt.lib.vntext import fold
    from tdkt.orgs.models import Council, CouncilMember, Unit
    from tdkt.people.models import Person

    tag = f"BHD{int(time.time() * 1000) % 10**9}"
    unit = Unit.objects.create(code=tag, name=f"Ủy ban thử nghiệm {tag}", kind="department",
                               established_on=datetime.date(2020, 1, 1))
    names = [f"Nguyễn Văn Thử {i:04d}" for i in range(ITEMS + members)]
    Person.objects.bulk_create([Person(full_name=n, name_folded=fold(n), unit=unit, category="civil_servant")
                                for n in names], batch_size=1000)
    people = list(Person.objects.filter(unit=unit).order_by("id"))
    User.objects.bulk_create([User(username=f"{tag.lower()}-{i}", password="!") for i in range(members)])
    users = list(User.objects.filter(username__startswith=f"{tag.lower()}-").order_by("id"))
    council = Council.objects.create(name=f"Hội đồng thử nghiệm {tag}", unit=unit, level="province",
                                     term_start=datetime.date(2025, 7, 1))
    roles = ["chair"] + ["member"] * (members - 2) + ["secretary"]
    CouncilMember.objects.bulk_create([
        CouncilMember(council=council, person=people[ITEMS + i], role=role, user=users[i],
                      term_start=council.term_start) for i, role in enumerate(roles)])
    codes = ["CSTD_TQ", "CSTD_TINH", "BK_TINH"]
    kinds = {code: AwardType.objects.get(code=code) for code in codes}
    dossier = Dossier.objects.create(unit=unit, title="Hồ sơ thử nghiệm", year=2025, state="ready_for_council")
    Nomination.objects.bulk_create([
        Nomination(dossier=dossier, person=people[i], position=i + 1, proposed_award_type=kinds[codes[i % 3]],
                   award_type=kinds[codes[i % 3]], state="accepted") for i in range(ITEMS)], batch_size=1000)
    # CSTĐ toàn quốc must have been posted, its comments over before the meeting (NĐ152 Đ44.2).
    notice = PublicNotice.objects.create(title=f"Thông báo công khai {tag}", state="closed",
                                         published_on=datetime.date(2026, 11, 2), ends_on=datetime.date(2026, 11, 16),
                                         closed_on=datetime.date(2026, 11, 17))
    notice.nominations.set(Nomination.objects.filter(dossier=dossier, award_type__requires_public_posting=True))
    secretary, chair = users[-1], users[0]
    meeting = meetings.create_meeting(council, date=datetime.date(2026, 12, 20), place="Hội trường", by=secretary)
    # Only this dossier: other benchmarks' ready lines stay out of this agenda.
    meetings.build_agenda(meeting, by=secretary)
    meeting.items.exclude(nomination__dossier=dossier).delete()
    meetings.set_attendance(meeting, {a.pk: "present" for a in meeting.attendances.all()}, by=secretary)
    meetings.open_meeting(meeting, by=secretary)
    ballot = ballots.open_ballot(meeting, by=chair, passphrase=PASSPHRASE)
    return meeting, ballot, users


def child():
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.council.documents import minutes_docx
    from tdkt.council.services import ballots, counting

    meeting, ballot, users = build()
    item_ids = list(meeting.items.order_by("position").values_list("pk", flat=True))
    choices = [{pk: ("agree", "agree", "disagree", "abstain")[(pk + n) % 4] for pk in item_ids} for n in range(MEMBERS)]
    samples, queries = [], 0
    for n, user in enumerate(users):
        def vote(user=user, n=n):
            ballots.cast_vote(ballot, by=user, choices=choices[n])

        if n == 0:
            with CaptureQueriesContext(connection) as captured:
                samples.append(timed_ms(vote))
            queries = len(captured)
        else:
            samples.append(timed_ms(vote))
    dataset = f"{MEMBERS} members, {ITEMS} nominations"
    emit("council_vote_300_items", connection.vendor, samples, 200.0, queries=queries, dataset=dataset)
    def close_and_count():
        counting.count_ballot(ballots.close_ballot(ballot, by=users[0]), by=users[0], passphrase=PASSPHRASE)

    emit("council_close_ballot_300_items", connection.vendor, [timed_ms(close_and_count)], 5000.0, dataset=dataset)
    emit("council_minutes_docx_300_items", connection.vendor, [timed_ms(lambda: minutes_docx(meeting))
                                                               for _ in range(3)], 2000.0, dataset=dataset)


def main():
    if "--child" in sys.argv:
        child()
        return
    url = os.environ.get("DATABASE_URL") or sqlite_url("council.sqlite3")
    manage(url, "migrate", "--noinput", quiet=True)
    for result in run_child("bench_council.py", url, "--child"):
        print(report_line(result))


if __name__ == "__main__":
    main()
