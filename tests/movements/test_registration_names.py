"""Registrations by name (issue 20 item 4): the pasted list matched to the unit's own people and collectives
(honorifics, prose, merged cells; unmatched lines reported, nothing half-saved), the deadline in working days
with the delay and its required reason, the leader's signature, the units that have not registered and
their reminder, and the year-end comparison by name with its early warnings, in fixed queries."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.accounts.enums import Role
from tdkt.lib.uploads import read_upload
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import MovementReminder, Registration, RegistrationItem
from tdkt.movements.models_registrations import RegistrationEntry
from tdkt.movements.registration_compare import comparison, named_comparison
from tdkt.movements.registration_io import import_registrations, write_comparison_xlsx
from tdkt.movements.registration_names import match_names, read_names
from tdkt.movements.registrations import (
    register_names,
    set_registration_call,
    sign_registration,
    submit_registration,
)
from tdkt.movements.reminders import RunResult, missing_unit_ids, remind_call
from tdkt.workcalendar.calendar import add_working_days, working_days_between
from tests.factories import award_type, make_award, make_initiative, make_person, make_unit, make_user
from tests.movements.support import xlsx_upload

PASTE = ("STT\tHọ và tên\tChức vụ, đơn vị\tDanh hiệu đăng ký\n"
         "I. Tập thể\t\t\t\n"
         "1\tTập thể Bệnh viện Đa khoa tỉnh\t\tTập thể lao động tiên tiến\n"
         "II. Cá nhân\t\t\t\n"
         "2\tĐ/c Nguyễn Văn An\tChuyên viên\tChiến sĩ thi đua cơ sở\n"
         "3\tThạc sĩ Đặng Thị Đào\tBác sĩ, Bệnh viện Đa khoa tỉnh\tLao động tiên tiến\n"
         "4\tÔng Trần Văn Bình\tKế toán\t\n"  # merged title cell: pasted empty under the one above
         "5\tBà Lê Thị Chi\tĐiều dưỡng\t\n")


@pytest.fixture
def staff(world):
    return {"binh": make_person("Trần Văn Bình", unit=world.unit_a),
            "chi": make_person("Lê Thị Chi", unit=world.unit_a_child)}


@pytest.fixture
def leader_a(world):
    return make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a)


def _names(registration):
    return [(e.person.full_name if e.person else e.unit.name, e.award_type.code)
            for e in registration.entries.select_related("person", "unit", "award_type")]


def test_pasted_list_with_honorifics_sections_and_merged_cells_is_matched(world, staff):
    registration, report = register_names(by=world.users["clerk_a"], unit=world.unit_a, year=2026, text=PASTE)
    assert report.problems == [] and report.general == []
    assert _names(registration) == [("Bệnh viện Đa khoa tỉnh", "TTLDTT"), ("Nguyễn Văn An", "CSTD_CS"),
                                    ("Đặng Thị Đào", "LDTT"), ("Trần Văn Bình", "LDTT"), ("Lê Thị Chi", "LDTT")]
    # the numbers per individual title follow from the names (the older count columns keep working)
    assert sorted(RegistrationItem.objects.filter(registration=registration).values_list(
        "award_type__code", "count")) == [("CSTD_CS", 1), ("LDTT", 3)]
    assert registration.state == RegistrationState.DRAFT


def test_lines_typed_and_prose_with_a_default_title(world, staff):
    text = ("1. Đ/c Nguyễn Văn An – Chiến sĩ thi đua cơ sở\n"
            "2) Bà Lê Thị Chi, Điều dưỡng\n"
            "Đăng ký danh hiệu Lao động tiên tiến cho các ông (bà): Trần Văn Bình, Kế toán; "
            "Thạc sĩ Đặng Thị Đào, Bác sĩ.\n")
    registration, report = register_names(by=world.users["clerk_a"], unit=world.unit_a, year=2026, text=text,
                                          default_title=award_type("LDTT"))
    assert report.problems == []
    assert _names(registration) == [("Nguyễn Văn An", "CSTD_CS"), ("Lê Thị Chi", "LDTT"),
                                    ("Trần Văn Bình", "LDTT"), ("Đặng Thị Đào", "LDTT")]


def test_unmatched_lines_are_reported_and_nothing_is_saved(world, staff):
    text = ("1. Ông Nguyễn Văn An – Lao động tiên tiến\n"
            "2. Bà Hoàng Thị Mơ – Lao động tiên tiến\n"  # nobody of that name in the unit
            "3. Giàng A Páo – Lao động tiên tiến\n"  # a person of another unit
            "4. Ông Trần Văn Bình – Tập thể lao động tiên tiến\n"  # a collective title for a person
            "5. Ông Nguyễn Văn An – Chiến sĩ thi đua cơ sở\n")  # twice
    registration, report = register_names(by=world.users["clerk_a"], unit=world.unit_a, year=2026, text=text)
    assert registration is None
    assert [str(p) for p in report.problems] == [
        "Dòng 2 (“Bà Hoàng Thị Mơ”): không có ai tên như vậy trong “Sở Y tế” và các đơn vị trực thuộc; hãy thêm "
        "người đó trước hoặc sửa lại tên.",
        "Dòng 3 (“Giàng A Páo”): không có ai tên như vậy trong “Sở Y tế” và các đơn vị trực thuộc; hãy thêm người "
        "đó trước hoặc sửa lại tên.",
        "Dòng 4 (“Ông Trần Văn Bình”): “Tập thể lao động tiên tiến” không phải là danh hiệu cá nhân.",
        "Dòng 5 (“Ông Nguyễn Văn An”): đã đăng ký ở dòng 1."]
    assert not Registration.objects.exists() and not RegistrationEntry.objects.exists()


def test_namesakes_are_settled_by_the_year_of_birth(world):
    make_person("Nguyễn Văn An", unit=world.unit_a_child, birth_year=1990)
    lines, _problems = read_names("Ông Nguyễn Văn An – Lao động tiên tiến")
    report = match_names(world.unit_a, lines)
    assert [p.message for p in report.problems] == [
        "có 2 người cùng tên trong “Sở Y tế”: ghi thêm năm sinh (“Nguyễn Văn An, 1985”)."]
    lines, _problems = read_names("Ông Nguyễn Văn An, 1985 – Lao động tiên tiến")
    assert [m.person for m in match_names(world.unit_a, lines).matched] == [world.person_a]


def test_a_submitted_registration_is_not_replaced_by_names(world, staff):
    clerk = world.users["clerk_a"]
    registration, _report = register_names(by=clerk, unit=world.unit_a, year=2026, text=PASTE)
    submit_registration(registration, by=clerk)
    with pytest.raises(ValidationError, match="đã được gửi, không thể sửa nữa"):
        register_names(by=clerk, unit=world.unit_a, year=2026, text=PASTE)


# --- deadline in working days, delay and reason -----------------------------------------------------------


def test_late_registration_needs_a_reason_and_shows_its_delay(world, staff):
    clerk = world.users["clerk_a"]
    call = set_registration_call(by=world.users["specialist"], year=2026, opened_on=datetime.date(2026, 1, 5),
                                 working_days=15)
    assert call.due_on == add_working_days(datetime.date(2026, 1, 5), 15)
    registration, _report = register_names(by=clerk, unit=world.unit_a, year=2026, text=PASTE)
    late_on = datetime.date(2026, 11, 30)  # ten months after the deadline
    days = working_days_between(call.due_on, late_on)
    assert days > 150
    with pytest.raises(ValidationError, match=rf"^\{{'reason': \['Đăng ký gửi muộn {days} ngày làm việc \(hạn "
                                              rf"{call.due_on:%d/%m/%Y}\): phải nêu lý do gửi muộn\.'\]\}}$"):
        submit_registration(registration, by=clerk, reason="  ", today=late_on)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.DRAFT and registration.late_days == 0
    submit_registration(registration, by=clerk, reason="Đơn vị sáp nhập, chậm kiện toàn", today=late_on)
    registration.refresh_from_db()
    assert (registration.state, registration.late_days, registration.late_reason) == (
        RegistrationState.SUBMITTED, days, "Đơn vị sáp nhập, chậm kiện toàn")
    assert registration.state_changes.get().reason == "Đơn vị sáp nhập, chậm kiện toàn"


def test_on_time_registration_needs_no_reason(world, staff):
    set_registration_call(by=world.users["specialist"], year=2026, due_on=datetime.date(2026, 1, 31))
    registration, _report = register_names(by=world.users["clerk_a"], unit=world.unit_a, year=2026, text=PASTE)
    submit_registration(registration, by=world.users["clerk_a"], today=datetime.date(2026, 1, 30))
    registration.refresh_from_db()
    assert (registration.late_days, registration.late_reason) == (0, "")


def test_call_needs_a_date_or_working_days(world):
    with pytest.raises(ValidationError, match=r"^\{'opened_on': \['Nhập ngày ban hành thông báo để tính số ngày "
                                              r"làm việc\.'\]\}$"):
        set_registration_call(by=world.users["specialist"], year=2026, working_days=10)
    with pytest.raises(ValidationError, match=r"^\{'due_on': "):
        set_registration_call(by=world.users["specialist"], year=2026)


# --- the leader's signature --------------------------------------------------------------------------------


def test_only_the_units_leader_signs(world, staff, leader_a):
    clerk = world.users["clerk_a"]
    registration, _report = register_names(by=clerk, unit=world.unit_a, year=2026, text=PASTE)
    with pytest.raises(ValidationError, match=r"^\['Chỉ ký được đăng ký đã gửi\.'\]$"):
        sign_registration(registration, by=leader_a)
    submit_registration(registration, by=clerk)
    leader_b = make_user("lanhdao.b", role=Role.UNIT_LEADER, unit=world.unit_b)
    for user in (clerk, world.users["specialist"], leader_b):
        with pytest.raises(ValidationError, match=r"^\['Chỉ lãnh đạo của “Sở Y tế” được ký xác nhận đăng ký của "
                                                  r"đơn vị\.'\]$"):
            sign_registration(registration, by=user)
    signed = sign_registration(registration, by=leader_a)
    assert (signed.state, signed.signed_by) == (RegistrationState.SIGNED, leader_a)
    assert list(signed.state_changes.values_list("to_state", flat=True)) == ["submitted", "signed"]


# --- units that have not registered ------------------------------------------------------------------------


def test_missing_units_and_the_reminder_sent_once(world, staff, mailoutbox):
    world.users["clerk_b"].email = "vanthu.b@example.invalid"
    world.users["clerk_b"].save(update_fields=["email"])
    call = set_registration_call(by=world.users["specialist"], year=2026, due_on=datetime.date(2026, 1, 31))
    registration, _report = register_names(by=world.users["clerk_a"], unit=world.unit_a, year=2026, text=PASTE)
    assert missing_unit_ids(call) == sorted([world.unit_a.pk, world.unit_b.pk])  # a draft is not sent
    submit_registration(registration, by=world.users["clerk_a"], today=datetime.date(2026, 1, 20))
    assert missing_unit_ids(call) == [world.unit_b.pk]
    result = RunResult()
    remind_call(call, datetime.date(2026, 2, 2), result)
    assert (result.registration_reminders, result.mails) == (1, 1)
    assert mailoutbox[0].to == ["vanthu.b@example.invalid"] and "31/01/2026" in mailoutbox[0].body
    again = RunResult()
    remind_call(call, datetime.date(2026, 2, 2), again)
    assert (again.registration_reminders, again.already_sent) == (0, 1)
    assert MovementReminder.objects.count() == 1


# --- year-end comparison by name ---------------------------------------------------------------------------


def _signed_names(world, leader, text=PASTE, unit=None, clerk=None):
    clerk = clerk or world.users["clerk_a"]
    registration, report = register_names(by=clerk, unit=unit or world.unit_a, year=2026, text=text)
    assert report.problems == [], report.problems
    submit_registration(registration, by=clerk)
    return sign_registration(registration, by=leader)


def test_named_comparison_registered_proposed_awarded_and_early_warnings(world, staff, leader_a):
    _signed_names(world, leader_a)
    make_award(person=staff["binh"], code="LDTT", year=2026)
    make_award(unit=world.unit_a_child, code="TTLDTT", year=2026)
    lines = {(line.recipient_id, line.is_person): line for line in named_comparison(world.users["clerk_a"], 2026)}
    an = lines[(world.person_a.pk, True)]
    assert an.registered.code == "CSTD_CS" and an.awarded == []
    assert len(an.warnings) == 1 and "sáng kiến" in an.warnings[0], an.warnings  # no recognised initiative yet
    assert [a.code for a in lines[(staff["binh"].pk, True)].awarded] == ["LDTT"]
    assert lines[(staff["binh"].pk, True)].got_registered
    assert lines[(world.unit_a_child.pk, False)].got_registered
    assert all(not line.warnings for key, line in lines.items() if key != (world.person_a.pk, True))
    # the per-unit table counts the named collective and the people
    rows = comparison(world.users["clerk_a"], 2026)
    totals = {row.unit.code: {line.award.code: (line.registered, line.awarded) for line in row.lines}
              for row in rows}
    # the collective's own award is counted under the collective (the unit it was given to)
    assert totals == {"SYT": {"CSTD_CS": (1, 0), "LDTT": (3, 1), "TTLDTT": (1, 0)}, "BVDK": {"TTLDTT": (0, 1)}}


def test_a_recognised_initiative_lifts_the_warning(world, staff, leader_a):
    make_initiative(world.person_a, year=2026)
    _signed_names(world, leader_a)
    an = next(line for line in named_comparison(world.users["clerk_a"], 2026)
              if line.is_person and line.recipient_id == world.person_a.pk)
    assert an.warnings == []


def test_another_units_clerk_sees_none_of_it(world, staff, leader_a):
    _signed_names(world, leader_a)
    assert named_comparison(world.users["clerk_b"], 2026) == []
    assert comparison(world.users["clerk_b"], 2026) == []


def test_comparison_export_has_a_sheet_by_name(world, staff, leader_a):
    _signed_names(world, leader_a)
    clerk = world.users["clerk_a"]
    buffer = io.BytesIO()
    write_comparison_xlsx(buffer, 2026, comparison(clerk, 2026), named_comparison(clerk, 2026))
    sheet = openpyxl.load_workbook(buffer)["Theo ten 2026"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Đơn vị đăng ký", "Cá nhân, tập thể", "Danh hiệu đăng ký", "Đề nghị", "Được khen thưởng",
                       "Cảnh báo sớm"]
    assert [row[1] for row in rows[1:]] == ["Bệnh viện Đa khoa tỉnh", "Nguyễn Văn An", "Đặng Thị Đào",
                                            "Trần Văn Bình", "Lê Thị Chi"]
    assert rows[2][2] == "Chiến sĩ thi đua cơ sở" and "sáng kiến" in rows[2][5]
    assert [row[5] for row in rows[3:]] == [None, None, None]


def _queries(user):
    with CaptureQueriesContext(connection) as per_unit:
        comparison(user, 2026)
    with CaptureQueriesContext(connection) as by_name:
        named_comparison(user, 2026)
    return len(per_unit), len(by_name)


def test_comparison_queries_do_not_grow_with_units(world, staff, leader_a):
    specialist = world.users["specialist"]
    _signed_names(world, leader_a)
    _queries(specialist)  # the user's scope, computed once per request
    small = _queries(specialist)
    for index in range(6):
        unit = make_unit(f"Phòng {index}", parent=world.province)
        make_person(f"Cán Bộ Số {index}", unit=unit)
        leader = make_user(f"lanhdao.{index}", role=Role.UNIT_LEADER, unit=unit)
        _signed_names(world, leader, text=f"Đ/c Cán Bộ Số {index} – Chiến sĩ thi đua cơ sở", unit=unit,
                      clerk=specialist)
        make_award(unit=unit, code="TTLDTT", year=2026)
    assert _queries(specialist) == small and small[0] == 7


def test_the_excel_import_does_not_overwrite_names_with_numbers(world, staff):
    register_names(by=world.users["clerk_a"], unit=world.unit_a, year=2026, text=PASTE)
    upload = read_upload(xlsx_upload([["Mã đơn vị", "Lao động tiên tiến"], ["SYT", 40]]), allowed={"xlsx"},
                         max_bytes=10**6, field_label="Tệp")
    report = import_registrations(upload, by=world.users["clerk_a"], year=2026)
    assert report.errors == ["Dòng 2: “Sở Y tế” đã đăng ký theo danh sách tên: sửa danh sách tên, không sửa số lượng"]
    assert sorted(RegistrationItem.objects.values_list("award_type__code", "count")) == [("CSTD_CS", 1), ("LDTT", 3)]
