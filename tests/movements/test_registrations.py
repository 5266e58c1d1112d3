"""Registrations: saving and submitting, the Excel import (all-or-nothing, row-numbered errors), the template,
and the registered / proposed / awarded comparison in a fixed number of queries."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from tdkt.accounts.enums import Role
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration
from tdkt.movements.registration_compare import comparison
from tdkt.movements.registration_io import import_registrations, write_comparison_xlsx, write_template_xlsx
from tdkt.movements.registrations import save_registration, sign_registration, submit_registration
from tests.factories import award_type, make_award, make_person, make_user
from tests.movements.support import pdf_upload, xlsx_upload

HEADER = ["Mã đơn vị", "Tên đơn vị", "Danh hiệu tập thể", "Lao động tiên tiến", "Chiến sĩ thi đua cơ sở", "Chỉ tiêu"]


def _import(world, rows, persona="specialist", year=2026):
    upload = read_upload(xlsx_upload(rows), allowed={"xlsx"}, max_bytes=10**6, field_label="Tệp")
    return import_registrations(upload, by=world.users[persona], year=year)


def test_save_then_submit_once(world):
    clerk = world.users["clerk_a"]
    registration = save_registration(by=clerk, unit=world.unit_a, year=2026, collective_award=award_type("TTLDXS"),
                                      items={award_type("LDTT"): 40, award_type("CSTD_CS"): 5}, targets="Hoàn thành 100%")
    assert sorted((i.award_type.code, i.count) for i in registration.items.all()) == [("CSTD_CS", 5), ("LDTT", 40)]
    submit_registration(registration, by=clerk)
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SUBMITTED
    assert registration.submitted_by == clerk
    with pytest.raises(ValidationError, match=r"^\['Đăng ký này đã được gửi\.'\]$"):
        submit_registration(registration, by=clerk)  # a second click submits nothing more
    with pytest.raises(ValidationError, match=r"^\['Đăng ký thi đua năm 2026 của “Sở Y tế” đã được gửi, không thể sửa nữa\.'\]$"):
        save_registration(by=clerk, unit=world.unit_a, year=2026, items={award_type("LDTT"): 1})


def test_clerk_may_not_register_for_another_unit(world):
    with pytest.raises(ValidationError, match=r"^\{'unit': \['Bạn không được đăng ký thay cho “Sở Giáo dục và Đào tạo”\.'\]\}$") as caught:
        save_registration(by=world.users["clerk_a"], unit=world.unit_b, year=2026)
    assert "unit" in caught.value.message_dict


def test_collective_title_must_be_for_collectives(world):
    with pytest.raises(ValidationError, match=r"^\{'collective_award': \['“Lao động tiên tiến” không phải là danh hiệu tập thể\.'\]\}$") as caught:
        save_registration(by=world.users["clerk_a"], unit=world.unit_a, year=2026, collective_award=award_type("LDTT"))
    assert "collective_award" in caught.value.message_dict


def test_import_saves_all_rows(world):
    report = _import(world, [HEADER, ["SYT", "Sở Y tế", "Tập thể lao động xuất sắc", 40, 5, "Chỉ tiêu A"],
                             ["sgddt", "", "", "", 3, ""]])
    assert report.errors == []
    assert report.saved == 2
    saved = {r.unit.code: r for r in Registration.objects.filter(year=2026).select_related("unit", "collective_award")}
    assert saved["SYT"].collective_award.code == "TTLDXS"
    assert saved["SYT"].targets == "Chỉ tiêu A"
    assert sorted((i.award_type.code, i.count) for i in saved["SYT"].items.all()) == [("CSTD_CS", 5), ("LDTT", 40)]
    assert [(i.award_type.code, i.count) for i in saved["SGDDT"].items.all()] == [("CSTD_CS", 3)]


BAD_FILES = [
    ("unknown award column", [HEADER[:3] + ["Danh hiệu không có"], ["SYT", "", "", 1]],
     "Row 1: column 4: “Danh hiệu không có” is not a known title"),
    ("unknown collective award", [HEADER, ["SYT", "", "Cờ bay", 1, 1, ""]],
     "Row 2: column “Danh hiệu tập thể”: “Cờ bay” is not a known title"),
    ("negative count", [HEADER, ["SYT", "", "", -3, 1, ""]],
     "Row 2: column “Lao động tiên tiến”: “-3” is not a whole number of zero or more"),
    ("duplicate unit row", [HEADER, ["SYT", "", "", 1, 1, ""], ["SYT", "", "", 2, 0, ""]],
     "Row 3: “Sở Y tế” is already on row 2"),
    ("unknown unit", [HEADER, ["XYZ", "", "", 1, 1, ""]], "Row 2: “XYZ” is not the code of a unit"),
    ("no unit code column", [["Tên đơn vị", "Lao động tiên tiến"], ["Sở Y tế", 1]], "Row 1: no “Mã đơn vị” column"),
]


@pytest.mark.parametrize(("case", "rows", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_import_refuses_bad_rows_and_saves_nothing(world, case, rows, message):
    """A good row in the same file is not saved either: all or nothing."""
    report = _import(world, rows + [["SGDDT", "", "", 1, 0, ""]])
    assert report.saved == 0
    assert len(report.errors) == 1
    assert Registration.objects.count() == 0


def test_import_errors_name_the_row_exactly(world):
    from django.utils import translation

    with translation.override("en"):
        report = _import(world, [HEADER, ["SYT", "", "", -3, 1, ""], ["SYT", "", "", 2, 0, ""]])
    assert report.errors == [
        "Row 2: column “Lao động tiên tiến”: “-3” is not a whole number of zero or more",
        "Row 3: “Sở Y tế” is already on row 2",
    ]
    assert Registration.objects.count() == 0


@pytest.mark.parametrize(("case", "rows", "message"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_import_messages_in_english_source(world, case, rows, message):
    from django.utils import translation

    with translation.override("en"):
        report = _import(world, rows)
    assert report.errors[0] == message


def test_import_refuses_a_clerk_for_another_unit(world):
    from django.utils import translation

    with translation.override("en"):
        report = _import(world, [HEADER, ["SGDDT", "", "", 1, 0, ""]], persona="clerk_a")
    assert report.errors == ["Row 2: you may not register for “Sở Giáo dục và Đào tạo”"]


def test_import_refuses_a_pdf(world):
    with pytest.raises(UploadError, match=r"^Tệp: không chấp nhận loại tệp này\. Chỉ chấp nhận: tệp Excel \(XLSX\)\.$"):
        read_upload(pdf_upload("dang-ky.xlsx"), allowed={"xlsx"}, max_bytes=10**6, field_label="Tệp")


def test_template_reads_back(world, tmp_path):
    assert write_template_xlsx(tmp_path / "t.xlsx", [world.unit_a], [award_type("LDTT"), award_type("CSTD_CS")]) == 1
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Mã đơn vị", "Tên đơn vị", "Danh hiệu tập thể", award_type("LDTT").name,
                       award_type("CSTD_CS").name, "Chỉ tiêu"]
    assert rows[1][:2] == ["SYT", "Sở Y tế"]


def _dossier_with_lines(world, unit, year, lines):
    from tdkt.dossiers.models import Dossier, Nomination

    dossier = Dossier.objects.create(unit=unit, title="Hồ sơ", year=year)
    for i, (person, code) in enumerate(lines):
        Nomination.objects.create(dossier=dossier, person=person, position=i, proposed_award_type=award_type(code),
                                  award_type=award_type(code))
    return dossier


def test_comparison_registered_proposed_awarded(world, django_assert_num_queries):
    clerk = world.users["clerk_a"]
    registration = save_registration(by=clerk, unit=world.unit_a, year=2026, collective_award=award_type("TTLDXS"),
                                     items={award_type("LDTT"): 3})
    submit_registration(registration, by=clerk, today=datetime.date(2026, 1, 5))
    assert comparison(clerk, 2026) == []  # submitted, not yet signed by the leader: it does not count
    sign_registration(registration, by=make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a))
    other = make_person("Lê Văn Ba", unit=world.unit_a)
    _dossier_with_lines(world, world.unit_a, 2026, [(world.person_a, "LDTT"), (other, "LDTT")])
    make_award(person=world.person_a, code="LDTT", year=2026)
    make_award(unit=world.unit_a, code="TTLDXS", year=2026)
    make_award(person=world.person_b, code="LDTT", year=2026)  # unit B: not in clerk A's report
    with django_assert_num_queries(7):
        rows = comparison(clerk, 2026)
    assert [(r.unit.code, [(line.award.code, line.registered, line.proposed, line.awarded) for line in r.lines])
            for r in rows] == [("SYT", sorted([("TTLDXS", 1, 0, 1), ("LDTT", 3, 2, 1)],
                                              key=lambda t: (award_type(t[0]).sort_order, t[0])))]
    province = comparison(world.users["specialist"], 2026)
    assert [r.unit.code for r in province] == ["SGDDT", "SYT"]
    buffer = io.BytesIO()
    assert write_comparison_xlsx(buffer, 2026, rows) == 2
    sheet = openpyxl.load_workbook(buffer).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert sorted(values) == sorted([["Sở Y tế", "SYT", award_type("TTLDXS").name, 1, 0, 1],
                                     ["Sở Y tế", "SYT", award_type("LDTT").name, 3, 2, 1]])
