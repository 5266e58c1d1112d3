"""Personal data (issue 14, item 8): every reading of a full citizen ID or birth date is logged, in one insert
per page or file; a person's data can be exported on request and pseudonymised where the law allows it;
the logs cannot be deleted by the application."""

import json
import os
import re
import stat

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.models import Nomination
from tdkt.people.models import Person
from tests.certificates.support import issued_decision
from tests.conftest import client_for
from tests.factories import award_type, make_award, make_person
from tests.nominees.helpers import make_dossier


def access_rows():
    return list(AuditEvent.objects.filter(action="view_personal").order_by("id").values_list(
        "actor_name", "object_id", "object_repr", "changes"))


def audit_inserts(queries) -> int:
    return sum(1 for q in queries if q["sql"].lstrip().upper().startswith("INSERT") and "audit_auditevent" in q["sql"])


@pytest.mark.parametrize(("persona", "logged"), [
    ("specialist", True),        # province-wide personal data
    ("clerk_a", True),           # the person's own unit
    ("council_member", False),   # reads the page, sees the year of birth and a masked ID only
    ("signer", False),
])
def test_the_person_page_logs_who_saw_the_full_id_and_birth_date(world, persona, logged):
    person = world.person_a
    response = client_for(world, persona).get(reverse("people:detail", args=[person.pk]))
    assert response.status_code == 200
    shown = "010090001234" in response.content.decode()
    assert shown is logged
    expected = [(world.users[persona].username, str(person.pk), "Nguyễn Văn An", {
        "fields": ["birth_date", "national_id"], "via": "page", "where": f"/people/{person.pk}/"})]
    assert access_rows() == (expected if logged else [])


def test_a_person_without_id_or_birth_date_reveals_nothing_to_log(world):
    client_for(world, "specialist").get(reverse("people:detail", args=[world.person_b.pk]))
    assert access_rows() == []


@pytest.mark.parametrize("extra_people", [0, 4])
def test_the_people_export_logs_each_person_revealed_in_one_insert(world, extra_people):
    for number in range(extra_people):
        make_person(f"Người thứ {number}", unit=world.unit_a, national_id=f"0100900055{number:02d}")
    client = client_for(world, "clerk_a")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people:export"))
        b"".join(response.streaming_content)
    assert response.status_code == 200
    # One audit row for the export, one bulk insert for the persons, whatever their number.
    assert audit_inserts(queries.captured_queries) == 2
    rows = access_rows()
    revealed = {int(object_id) for _actor, object_id, _name, _changes in rows}
    # clerk_a sees full data for unit A only: person_a and the extra people (person_b is another unit's).
    assert revealed == set(Person.objects.filter(unit=world.unit_a, national_id__isnull=False)
                           .values_list("pk", flat=True))
    assert {changes["via"] for *_rest, changes in rows} == {"export"}
    assert len(rows) == 1 + extra_people


def test_the_dossier_lines_panel_logs_the_lines_showing_personal_data(world):
    dossier = make_dossier(world.unit_a)
    for position, person in enumerate((world.person_a, world.person_a_child), 1):
        Nomination.objects.create(dossier=dossier, person=person, position=position, award_type=award_type("LDTT"),
                                  proposed_award_type=award_type("LDTT"))
    response = client_for(world, "clerk_a").get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 200
    # person_a has an ID and a birth date; person_a_child has neither: nothing revealed, nothing logged.
    assert [(object_id, changes["fields"], changes["via"]) for _a, object_id, _n, changes in access_rows()] == [
        (str(world.person_a.pk), ["birth_date", "national_id"], "page")]


def test_the_access_log_cannot_be_deleted_or_changed_by_the_application(world):
    client_for(world, "specialist").get(reverse("people:detail", args=[world.person_a.pk]))
    rows = AuditEvent.objects.filter(action="view_personal")
    with pytest.raises(PermissionError, match="^The audit log is append-only$"):
        rows.delete()
    with pytest.raises(PermissionError, match="^The audit log is append-only$"):
        rows.update(actor_name="ai đó")
    assert rows.count() == 1


# --- export on request ------------------------------------------------------------------------------------


def test_export_person_data_writes_everything_held_to_a_private_json_file(world, tmp_path):
    make_award(person=world.person_a, code="LDTT", year=2024)
    out = tmp_path / "du-lieu.json"
    old = os.umask(0)
    try:
        call_command("export_person_data", str(world.person_a.pk), out=str(out), by="chuyenvien")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text())
    assert data["person_id"] == world.person_a.pk
    person = data["sections"]["people.person"][0]
    assert (person["full_name"], person["national_id"], person["birth_date"]) == (
        "Nguyễn Văn An", "010090001234", "1985-03-04")
    assert [(r["year"], r["person"]) for r in data["sections"]["awards.awardrecord"]] == [(2024, world.person_a.pk)]
    assert "audit.auditevent" in data["sections"]
    events = AuditEvent.objects.filter(object_type="people.person", object_id=str(world.person_a.pk))
    assert sorted(events.values_list("action", flat=True)) == ["export", "view_personal"]


def test_export_person_data_as_xlsx_has_one_sheet_per_section(world, tmp_path):
    out = tmp_path / "du-lieu.xlsx"
    call_command("export_person_data", str(world.person_a.pk), out=str(out), by="chuyenvien")
    book = openpyxl.load_workbook(out, read_only=True)
    assert book.sheetnames[0] == "people.person"
    assert "audit.auditevent" in book.sheetnames


@pytest.mark.parametrize(("args", "message"), [
    (["999999", "--out", "{tmp}/a.json", "--by", "chuyenvien"], "Không có cá nhân mã 999999."),
    (["{person}", "--out", "{tmp}/a.json", "--by", "không-ai"], "Không có người dùng “không-ai”."),
    (["{person}", "--out", "{tmp}/existing.json", "--by", "chuyenvien"],
     "Tệp {tmp}/existing.json đã có; hãy chọn tên khác (không ghi đè)."),
    (["{person}", "--out", "{tmp}/a.csv", "--by", "chuyenvien"], "Tệp xuất ra phải có đuôi .json hoặc .xlsx."),
])
def test_export_person_data_refusals(world, tmp_path, args, message):
    (tmp_path / "existing.json").write_text("{}")
    args = [a.format(tmp=tmp_path, person=world.person_a.pk) for a in args]
    with pytest.raises(CommandError, match=f"^{re.escape(message.format(tmp=tmp_path))}$"):
        call_command("export_person_data", *args)
    assert (tmp_path / "existing.json").read_text() == "{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.json"]


# --- erasure ----------------------------------------------------------------------------------------------


def test_erasure_pseudonymises_a_person_with_no_record(world):
    person = make_person("Hoàng Thị Lan", unit=world.unit_a, national_id="010190001111")
    call_command("erase_person_data", str(person.pk), by="chuyenvien")
    person.refresh_from_db()
    assert (person.full_name, person.national_id, person.birth_date, person.birth_year, person.gender,
            person.ethnicity, person.position) == (f"Người đã xóa dữ liệu #{person.pk}", None, None, None, "", "", "")
    event = AuditEvent.objects.get(object_type="people.person", object_id=str(person.pk), action="update")
    assert "Hoàng Thị Lan" not in json.dumps(event.changes, ensure_ascii=False) + event.object_repr
    assert "010190001111" not in json.dumps(event.changes)


@pytest.mark.parametrize(("record", "message"), [
    ("decision", r"^“Nguyễn Văn An” \(#\d+\) có tên trong quyết định đã ban hành \(123/QĐ-UBND\): quyết định đã ban "
                 r"hành là hồ sơ phải lưu giữ, nên không thể xóa dữ liệu của người này\.$"),
    ("award", r"^“Nguyễn Văn An” \(#\d+\) có lịch sử khen thưởng: lịch sử khen thưởng là hồ sơ phải lưu giữ, nên "
              r"không thể xóa dữ liệu của người này\.$"),
])
def test_erasure_refuses_a_person_in_an_issued_decision_or_the_award_history(world, record, message):
    if record == "decision":
        issued_decision(world)
    else:
        make_award(person=world.person_a, code="LDTT", year=2024)
    with pytest.raises(CommandError, match=message):
        call_command("erase_person_data", str(world.person_a.pk), by="chuyenvien")
    world.person_a.refresh_from_db()
    assert (world.person_a.full_name, world.person_a.national_id) == ("Nguyễn Văn An", "010090001234")
