"""A retried import commit adds nothing and shows the first result (issue 14, item 7).

For each importer: the same commit sent twice with one idempotency key (a lost response, a double submit,
the browser's back button) → the counts are unchanged and the second response is the first result with the
message "Danh sách này đã được nhập lúc … — kết quả lần nhập trước: …"; a new key after a real change
imports again. The unique key decides between racing commits: a commit whose key another commit has just
taken rolls back, its import included."""

import io
import re
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from tdkt.api.models import ApiToken
from tdkt.awards.imports.models import BatchState
from tdkt.awards.models import AwardRecord, Rating
from tdkt.dossiers.models import Nomination
from tdkt.jobs import idempotency
from tdkt.jobs.models import ImportCommit
from tdkt.movements.models import RegistrationItem
from tdkt.movements.scoring import services as scoring_services
from tdkt.people.models import Person
from tdkt.plans.models import Plan
from tests.awards.import_support import RATING_HEADER, check
from tests.conftest import client_for
from tests.movements.support import xlsx_upload
from tests.nominees.files import upload as nominee_upload
from tests.nominees.files import xlsx_bytes as nominee_xlsx
from tests.nominees.helpers import make_dossier
from tests.plans.support import make_draft

EARLIER = re.compile(r"^Danh sách này đã được nhập lúc \d\d:\d\d \d\d/\d\d/\d{4} — kết quả lần nhập trước: (.+)$")


def _xlsx(rows, name="danh-sach.xlsx") -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


@dataclass
class Importer:
    """One import flow: `commit(client, key, version)` sends the commit (version 2 = the file after a real
    change); `count()` is what the import adds; `result` is where the first commit's result is shown."""

    name: str
    commit: Callable
    count: Callable
    summary: str  # the first result's one-line summary, as the retry shows it


def people_importer(world):
    def commit(client, key, version):
        rows = [["Họ và tên", "Ngày sinh"], ["Lò Văn Nam", "01/02/1990"], ["Hà Thị Mai", "1992" if version else "sớm"]]
        if version == 2:
            rows.append(["Vàng A Sử", "1988"])
        return client.post(reverse("people:import"), {"unit": world.unit_a.pk, "file": _xlsx(rows),
                                                      "idempotency_key": key})
    return Importer("people", commit, lambda: Person.objects.count(), "Đã nhập 2 cá nhân.")


def nominee_importer(world):
    dossier = make_dossier(world.unit_a)

    def commit(client, key, version):
        rows = [[1, "Nguyễn Văn An", "", "Lao động tiên tiến" if version else "Bằng khen UBND"]]
        if version == 2:  # another line: the same person twice in one dossier would be refused
            rows = [[1, "Tập thể Bệnh viện Đa khoa tỉnh", "Sở Y tế", "Tập thể lao động tiên tiến"]]
        return client.post(reverse("nominees:import", kwargs={"pk": dossier.pk}),
                           {"file": nominee_upload(nominee_xlsx(rows)), "idempotency_key": key})
    return Importer("nominees", commit, lambda: Nomination.objects.count(), "Đã nhập 1 dòng.")


def registration_importer(world):
    def commit(client, key, version):
        rows = [["Mã đơn vị", "Lao động tiên tiến"], ["SYT", 45 if version else -1]] + (
            [["BVDK", 12]] if version == 2 else [])
        return client.post(reverse("movements:registration_import"),
                           {"year": 2026, "file": xlsx_upload(rows), "idempotency_key": key})
    return Importer("registrations", commit, lambda: RegistrationItem.objects.count(),
                    "Đã lưu 1 bản nháp đăng ký thi đua.")


def scoring_importer(world):
    template = scoring_services.create_template(world.group_year, by=world.users["specialist"], title="Bảng tiêu chí")

    def commit(client, key, version):
        header = ["Mã", "Tiêu chí", "Điểm tối đa", "Loại", "Minh chứng", "Hệ số"]
        # Version 2 adds a new code (a code already there is refused, as it should be).
        rows = [header, ["2", "Mô hình mới", 5, "thưởng"] if version == 2 else
                ["1", "Công tác chỉ đạo", 30 if version else "ba mươi"]]
        return client.post(reverse("scoring:template_import", args=[template.pk]),
                           {"workbook": _xlsx(rows, "tieu-chi.xlsx"), "idempotency_key": key})
    return Importer("scoring", commit, lambda: template.criteria.count(), "Đã nhập 1 tiêu chí.")


PERSONAS = {"people": "clerk_a", "nominees": "clerk_a", "registrations": "clerk_a", "scoring": "specialist"}
FORM_IMPORTERS = [people_importer, nominee_importer, registration_importer, scoring_importer]


@pytest.mark.parametrize("make_importer", FORM_IMPORTERS, ids=lambda f: f.__name__)
def test_a_resent_commit_adds_nothing_and_shows_the_first_result(world, make_importer):
    importer = make_importer(world)
    client = client_for(world, PERSONAS[importer.name])
    key = str(uuid.uuid4())
    before = importer.count()
    first = importer.commit(client, key, 1)
    assert first.status_code == 302
    after_first = importer.count()
    assert after_first > before
    retry = importer.commit(client, key, 1)
    assert (retry.status_code, retry["Location"], importer.count()) == (302, first["Location"], after_first)
    shown = [str(m) for m in client.get(retry["Location"]).context["messages"]]
    assert [EARLIER.match(m).group(1) for m in shown if EARLIER.match(m)] == [importer.summary]
    # Remembered once: under the form's key, or (nominees) under the batch the form's key named.
    assert ImportCommit.objects.filter(result_url=first["Location"]).count() == 1
    # A new form (a new key) with a really changed file imports again.
    again = importer.commit(client, str(uuid.uuid4()), 2)
    assert again.status_code == 302
    assert importer.count() > after_first


@pytest.mark.parametrize("make_importer", FORM_IMPORTERS, ids=lambda f: f.__name__)
def test_a_commit_with_errors_is_not_remembered_so_the_corrected_file_goes_through(world, make_importer):
    """Nothing imported → nothing remembered: the clerk corrects the file and sends the same form again."""
    importer = make_importer(world)
    client = client_for(world, PERSONAS[importer.name])
    key = str(uuid.uuid4())
    before = importer.count()
    refused = importer.commit(client, key, 0)  # version 0: one row wrong
    assert (refused.status_code, importer.count(), ImportCommit.objects.exists()) == (200, before, False)
    assert importer.commit(client, key, 1).status_code == 302
    assert importer.count() > before
    assert ImportCommit.objects.count() == 1


def test_the_forms_carry_a_fresh_key_each_time_they_are_rendered(world):
    client = client_for(world, "clerk_a")
    keys = [re.search(r'name="idempotency_key" value="([0-9a-f-]{36})"', client.get(reverse("people:import"))
                      .content.decode()).group(1) for _ in range(2)]
    assert len(set(keys)) == 2 and all(uuid.UUID(k).version == 4 for k in keys)


def test_a_resent_plan_save_shows_the_plan_it_made(world):
    """The plan import keeps its rows in a preview (PlanDraft): the preview's id is the key."""
    draft = make_draft(world.users["specialist"])
    client = client_for(world, "specialist")
    first = client.post(reverse("plans:draft_save", kwargs={"pk": draft.pk}))
    plan = Plan.objects.get()
    retry = client.post(reverse("plans:draft_save", kwargs={"pk": draft.pk}), follow=True)
    assert (Plan.objects.count(), retry.redirect_chain[0][0]) == (1, first["Location"])
    shown = [str(m) for m in retry.context["messages"]]  # with the first save's message, never followed
    assert [EARLIER.match(m).group(1) for m in shown if EARLIER.match(m)] == [
        f"Đã lưu kế hoạch với {plan.tasks.count()} nhiệm vụ."]


def test_a_resent_history_import_commit_shows_the_first_result(world):
    """The history import stages its rows in a batch; the batch is the key (in the request, or in the
    background job that commits a long file)."""
    specialist = world.users["specialist"]
    batch = check(specialist, world.unit_a, [RATING_HEADER, ["Lò Văn Nam", "1990", "", 2024, "HTTNV"]],
                  kind="ratings")
    client = client_for(world, "specialist")
    first = client.post(reverse("awards:import_commit", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == BatchState.COMMITTED
    counts = (Person.objects.count(), Rating.objects.count(), AwardRecord.objects.count())
    retry = client.post(reverse("awards:import_commit", args=[batch.pk]), follow=True)
    assert retry.redirect_chain[0][0] == first["Location"]
    assert (Person.objects.count(), Rating.objects.count(), AwardRecord.objects.count()) == counts
    shown = [str(m) for m in retry.context["messages"]]  # with the first commit's message, never followed
    assert [EARLIER.match(m).group(1) for m in shown if EARLIER.match(m)] == ["Đã ghi 1 bản ghi và 1 người mới."]


@pytest.mark.django_db(transaction=True)
def test_the_unique_key_decides_between_racing_commits(world):
    """PostgreSQL: two connections really interleave (SQLite serialises writers, and its shared in-memory test
    database cannot take a second writer at all, so there the earlier() check alone decides).

    Two commits with one key, the second finding nothing yet (the first had not committed when it looked):
    while the second imports, the first commits on another connection; the second's key row is refused by
    the unique constraint, its import rolls back with it, and it answers with the first's result."""
    if connection.vendor != "postgresql":
        pytest.skip("needs a second connection writing while the first is in its transaction: PostgreSQL")
    key = uuid.uuid4()
    people = Person.objects.count()

    def first_commit():
        try:
            idempotency.commit_once(key, by=world.users["clerk_a"], kind="test", run=lambda: (
                Person.objects.create(full_name="Lần gửi thứ nhất", unit=world.unit_a, category="other"),
                "/first/", "một người"))
        finally:
            connection.close()

    def second_import():
        racer = threading.Thread(target=first_commit)  # commits between our earlier() and our insert
        racer.start()
        racer.join()
        Person.objects.create(full_name="Lần gửi thứ hai", unit=world.unit_a, category="other")
        return None, "/second/", "một người"

    second = idempotency.commit_once(key, by=world.users["clerk_a"], kind="test", run=second_import)
    assert (second.earlier.result_url, Person.objects.count()) == ("/first/", people + 1)
    assert list(Person.objects.filter(full_name__startswith="Lần gửi").values_list("full_name", flat=True)) == [
        "Lần gửi thứ nhất"]


def test_a_key_clash_on_another_constraint_is_not_taken_for_a_retry(world):
    """IntegrityError of the import itself (not the key's) is raised, not mistaken for a retry."""
    def failing():
        with transaction.atomic():
            Person.objects.create(full_name="A", unit=world.unit_a, category="other", national_id="010090001234")
        return None, "/x/", ""
    with pytest.raises(IntegrityError, match=r"(?s)^(UNIQUE constraint failed: people_person\.national_id"
                                             r"|duplicate key value violates unique constraint .*)$"):
        idempotency.commit_once(uuid.uuid4(), by=None, kind="test", run=failing)
    assert not ImportCommit.objects.exists()


def test_an_api_import_retried_with_its_idempotency_key_adds_nothing(world):
    """The JSON API: the `Idempotency-Key` header names the batch; the retry answers with the first batch."""
    _row, raw = ApiToken.issue(world.users["clerk_a"], "QLVB")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    dossier = make_dossier(world.unit_a)
    key = str(uuid.uuid4())
    data = nominee_xlsx([[1, "Nguyễn Văn An", "", "Lao động tiên tiến"]])
    url = f"/api/v1/dossiers/{dossier.pk}/import"
    answers = [client.post(url, {"file": nominee_upload(data)}, HTTP_IDEMPOTENCY_KEY=key) for _ in range(2)]
    assert [(a.status_code, a.json()["batch"], a.json()["lines"]) for a in answers] == [
        (201, uuid.UUID(key).hex, 1)] * 2
    assert Nomination.objects.filter(dossier=dossier).count() == 1
    refused = client.post(url, {"file": nominee_upload(data)}, HTTP_IDEMPOTENCY_KEY="lần-hai")
    assert refused.status_code == 400
    assert refused.json()["errors"] == ["Idempotency-Key: phải là một UUID, ví dụ 3f0c8a52-1d2e-4b7a-9c61-0e5d4f2a7b18."]
