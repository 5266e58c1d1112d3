"""People: citizen ID and birth validation on the person form, diacritic-insensitive search scoped to the
user's units, masking of personal data, Excel export (audited) and all-or-nothing import.

Language: the site serves Vietnamese (LANGUAGE_CODE "vi"). Tests run under translation.override("en")
(and send Accept-Language "en", for a LocaleMiddleware if there is one) to check the exact English source
text; tests taking the `vietnamese` fixture run under "vi" (dates dd/mm/yyyy) and expect the catalogue's
translation, looked up with gettext, so they hold whatever the state of the catalogue.
"""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from tdkt.audit.models import AuditEvent
from tdkt.people.enums import Gender, PersonCategory
from tdkt.people.models import Person
from tdkt.people.validators import mask_national_id
from tests.conftest import client_for
from tests.lib.test_uploads import tiny_pdf

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MB = 1024 * 1024
FILE_LABEL = "File (Excel .xlsx or CSV UTF-8)"
HEADER = ["Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Chức vụ", "Đối tượng", "Số CCCD"]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def vietnamese(english):
    with translation.override("vi"):
        yield


def vi(msgid: str, **params) -> str:
    with translation.override("vi"):
        return gettext(msgid) % params


def person_post(unit, **overrides):
    data = {
        "full_name": "Lò Văn Minh", "gender": Gender.MALE, "birth_date": "", "birth_year": "", "ethnicity": "Thái",
        "position": "Chuyên viên", "unit": unit.pk, "category": PersonCategory.CIVIL_SERVANT, "national_id": "",
    }
    data.update(overrides)
    return data


def state():
    return (list(Person.objects.order_by("id").values_list("id", "full_name", "national_id")),
            list(AuditEvent.objects.exclude(action="login").values_list("id", flat=True)))


@pytest.fixture
def clerk_a(world):
    return client_for(world, "clerk_a")


# --- the person form -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("national_id", "message"),
    [
        ("01009000123", "The citizen ID must have exactly 12 digits (this one has 11)."),
        ("0100900012345", "The citizen ID must have exactly 12 digits (this one has 13)."),
        ("01009000123A", "The citizen ID may contain digits only."),
        ("CCCD-0100900", "The citizen ID may contain digits only."),
        ("010 090 001 235", "The citizen ID may contain digits only."),
        ("０１００９０００１２３５", "The citizen ID may contain digits only."),  # full-width digits
        ("0100900012345678", "The citizen ID must have exactly 12 digits (this one has 16)."),
    ],
    ids=["11-digits", "13-digits", "letter", "prefix", "spaces", "full-width", "16-digits"],
)
def test_invalid_citizen_id_is_refused_on_the_field(world, clerk_a, national_id, message):
    before = state()
    response = clerk_a.post(reverse("people:create"), person_post(world.unit_a, national_id=national_id), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"national_id": [message]}
    assert message in response.content.decode()
    assert state() == before


def test_a_citizen_id_longer_than_the_column_gets_one_message(world, clerk_a):
    before = state()
    response = clerk_a.post(reverse("people:create"),
                            person_post(world.unit_a, national_id="01009000123456789"), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "national_id": ["The citizen ID must have exactly 12 digits (this one has 17)."]
    }
    assert state() == before


def test_invalid_citizen_id_message_is_in_vietnamese_by_default(world, clerk_a, vietnamese):
    before = state()
    response = clerk_a.post(reverse("people:create"), person_post(world.unit_a, national_id="01009000123"))
    assert response.status_code == 200
    expected = vi("The citizen ID must have exactly 12 digits (this one has %(count)d).", count=11)
    assert response.context["form"].errors == {"national_id": [expected]}
    assert state() == before


def test_valid_citizen_id_is_saved_and_audited_masked(world, clerk_a, vietnamese):
    response = clerk_a.post(
        reverse("people:create"),
        person_post(world.unit_a, national_id=" 001090001235 ", birth_date="12/05/1990"),
    )
    person = Person.objects.get(national_id="001090001235")
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"pk": person.pk})
    assert (person.full_name, person.name_folded, person.unit_id, person.birth_date, person.birth_year) == (
        "Lò Văn Minh", "lo van minh", world.unit_a.pk, datetime.date(1990, 5, 12), 1990,
    )
    event = AuditEvent.objects.get(action="create")
    assert (event.object_type, event.object_id, event.actor_name) == ("people.person", str(person.pk), "vanthu.a")
    assert event.changes["after"]["national_id"] == "***"


def test_a_blank_citizen_id_is_stored_as_null(world, clerk_a):
    clerk_a.post(reverse("people:create"), person_post(world.unit_a, full_name="Vàng Thị Mỷ"))
    clerk_a.post(reverse("people:create"), person_post(world.unit_a, full_name="Lý A Sử"))
    assert list(Person.objects.filter(full_name__in=["Vàng Thị Mỷ", "Lý A Sử"]).values_list("national_id",
                                                                                        flat=True)) == [None, None]


def test_a_citizen_id_already_recorded_is_refused(world, clerk_a):
    before = state()
    response = clerk_a.post(reverse("people:create"), person_post(world.unit_a, national_id="010090001234"), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"national_id": ["Person with this Citizen ID already exists."]}
    assert state() == before


def test_birth_date_in_the_future_is_refused(world, clerk_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = state()
    response = clerk_a.post(
        reverse("people:create"), person_post(world.unit_a, birth_date=tomorrow.isoformat()), **EN
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_date": ["The date of birth cannot be in the future."]}
    assert state() == before


def test_birth_date_in_the_future_is_refused_in_vietnamese(world, clerk_a, vietnamese):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    before = state()
    response = clerk_a.post(reverse("people:create"),
                            person_post(world.unit_a, birth_date=tomorrow.strftime("%d/%m/%Y")))
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_date": [vi("The date of birth cannot be in the future.")]}
    assert state() == before


def test_birth_year_in_the_future_is_refused(world, clerk_a):
    before = state()
    next_year = timezone.localdate().year + 1
    response = clerk_a.post(reverse("people:create"), person_post(world.unit_a, birth_year=str(next_year)), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_year": ["The year of birth cannot be in the future."]}
    assert state() == before


def test_birth_year_must_match_the_birth_date(world, clerk_a):
    before = state()
    response = clerk_a.post(reverse("people:create"),
                            person_post(world.unit_a, birth_date="1990-05-12", birth_year="1991"), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_year": ["The year of birth does not match the date of birth."]}
    assert state() == before


def test_a_clerk_cannot_record_a_person_in_another_unit(world, clerk_a):
    before = state()
    response = clerk_a.post(reverse("people:create"), person_post(world.unit_b), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "unit": ["Unit: the chosen unit is not among the units you may choose here."]
    }
    assert sorted(u.code for u in response.context["form"].fields["unit"].queryset) == ["BVDK", "SYT"]
    assert state() == before


def test_a_clerk_records_a_person_in_a_sub_unit(world, clerk_a):
    response = clerk_a.post(reverse("people:create"), person_post(world.unit_a_child, full_name="Lý A Sử"))
    assert response.status_code == 302
    assert Person.objects.get(full_name="Lý A Sử").unit_id == world.unit_a_child.pk


# --- search ----------------------------------------------------------------------------------------------


def names(response):
    return [p.full_name for p in response.context["page"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van an", ["Nguyễn Văn An"]),
        ("NGUYEN", ["Nguyễn Văn An"]),
        ("Nguyễn Văn An", ["Nguyễn Văn An"]),
        ("van an", ["Nguyễn Văn An"]),
        ("dang thi dao", ["Đặng Thị Đào"]),
        ("đào", ["Đặng Thị Đào"]),
        ("ĐÀO", ["Đặng Thị Đào"]),
        ("Páo", ["Giàng A Páo"]),
        ("  giang   a  ", ["Giàng A Páo"]),
        ("a", ["Đặng Thị Đào", "Giàng A Páo", "Nguyễn Văn An"]),
        ("", ["Đặng Thị Đào", "Giàng A Páo", "Nguyễn Văn An"]),
        ("tran", []),
    ],
)
def test_search_ignores_diacritics_and_case(world, query, expected):
    response = client_for(world, "specialist").get(reverse("people:list"), {"q": query})
    assert response.status_code == 200
    assert names(response) == expected


def test_search_finds_a_decomposed_query(world):
    import unicodedata

    query = unicodedata.normalize("NFD", "Đặng Thị Đào")
    assert names(client_for(world, "specialist").get(reverse("people:list"), {"q": query})) == ["Đặng Thị Đào"]


@pytest.mark.parametrize("query", ["", "nguyen van an", "dang", "đào", "a", "Páo"])
def test_clerk_b_never_finds_unit_a_people(world, query):
    response = client_for(world, "clerk_b").get(reverse("people:list"), {"q": query})
    assert all(name == "Giàng A Páo" for name in names(response))
    assert names(response) == (["Giàng A Páo"] if query in ("", "a", "Páo") else [])


def test_clerk_a_finds_unit_a_and_its_sub_unit_only(world):
    response = client_for(world, "clerk_a").get(reverse("people:list"), {"q": "a"})
    assert names(response) == ["Đặng Thị Đào", "Nguyễn Văn An"]


# --- masking of personal data ------------------------------------------------------------------------------


def test_mask_national_id_keeps_the_last_three_digits():
    assert mask_national_id("010090001234") == "•••••••••234"
    assert mask_national_id("") == ""


def test_council_member_sees_the_masked_id_and_only_the_birth_year(world, vietnamese):
    response = client_for(world, "council_member").get(reverse("people:detail", kwargs={"pk": world.person_a.pk}))
    assert response.status_code == 200
    assert response.context["show_personal"] is False
    assert response.context["national_id_display"] == "•••••••••234"
    html = response.content.decode()
    assert '<dd id="national-id">•••••••••234</dd>' in html
    assert "010090001234" not in html
    assert "04/03/1985" not in html
    assert "<dd>1985</dd>" in html


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_specialist_and_clerk_see_the_full_id_and_birth_date(world, persona, vietnamese):
    response = client_for(world, persona).get(reverse("people:detail", kwargs={"pk": world.person_a.pk}))
    assert response.status_code == 200
    assert response.context["show_personal"] is True
    assert response.context["national_id_display"] == "010090001234"
    html = response.content.decode()
    assert '<dd id="national-id">010090001234</dd>' in html
    assert "<dd>04/03/1985</dd>" in html


def test_clerk_b_cannot_open_unit_a_person(world):
    assert client_for(world, "clerk_b").get(reverse("people:detail", kwargs={"pk": world.person_a.pk})).status_code == 404


# --- export ----------------------------------------------------------------------------------------------


EXPORT_HEADER = ("No.", "Full name", "Gender", "Date of birth", "Ethnicity", "Position", "Unit", "Category",
                 "Citizen ID")


def export_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-ca-nhan-')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["People"]
    return list(book.active.iter_rows(values_only=True))


def test_export_as_specialist_has_full_data_and_is_audited(world):
    client = client_for(world, "specialist")
    response = client.get(reverse("people:export"), **EN)
    assert export_rows(response) == [
        EXPORT_HEADER,
        (1, "Đặng Thị Đào", None, None, None, None, "Bệnh viện Đa khoa tỉnh", "Civil servant", None),
        (2, "Giàng A Páo", None, None, "H'Mông", None, "Sở Giáo dục và Đào tạo", "Civil servant", None),
        (3, "Nguyễn Văn An", None, "04/03/1985", None, None, "Sở Y tế", "Civil servant", "010090001234"),
    ]
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_name, event.object_type, event.object_id) == ("chuyenvien", "people.person", "")
    assert event.changes == {"query": "", "rows": 3}
    assert event.object_repr == "People list (3 rows)"


def test_export_as_council_member_masks_personal_data(world):
    response = client_for(world, "council_member").get(reverse("people:export"), {"q": "nguyen"}, **EN)
    assert export_rows(response) == [
        EXPORT_HEADER,
        (1, "Nguyễn Văn An", None, "1985", None, None, "Sở Y tế", "Civil servant", "•••••••••234"),
    ]
    event = AuditEvent.objects.get(action="export")
    assert (event.actor_name, event.changes) == ("uyvien", {"query": "nguyen", "rows": 1})


def test_export_as_clerk_b_holds_only_unit_b(world):
    response = client_for(world, "clerk_b").get(reverse("people:export"), **EN)
    assert export_rows(response) == [
        EXPORT_HEADER,
        (1, "Giàng A Páo", None, None, "H'Mông", None, "Sở Giáo dục và Đào tạo", "Civil servant", None),
    ]
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_export_headers_are_in_vietnamese_by_default(world, vietnamese):
    response = client_for(world, "specialist").get(reverse("people:export"))
    assert response.status_code == 200
    header = next(openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.iter_rows(
        values_only=True))
    with translation.override("vi"):
        assert header == tuple(gettext(h) for h in EXPORT_HEADER)


# --- import ----------------------------------------------------------------------------------------------

GOOD_ROWS = [
    ["Lò Văn Minh", "Nam", "12/05/1990", "Thái", "Chuyên viên", "Công chức", "001090012345"],
    ["Hoàng Thị Lan", "Nữ", "1988", "Tày", "Kế toán", "Viên chức", ""],
    ["Sùng A Chư", "nam", "", "H'Mông", "Công nhân", "Người lao động", ""],
]
EXPECTED_PEOPLE = [
    ("Hoàng Thị Lan", Gender.FEMALE, None, 1988, "Tày", "Kế toán", PersonCategory.PUBLIC_EMPLOYEE, None),
    ("Lò Văn Minh", Gender.MALE, datetime.date(1990, 5, 12), 1990, "Thái", "Chuyên viên",
     PersonCategory.CIVIL_SERVANT, "001090012345"),
    ("Sùng A Chư", Gender.MALE, None, None, "H'Mông", "Công nhân", PersonCategory.WORKER, None),
]
BAD_ROWS = [
    ["Lò Văn Minh", "Nam", "12/05/1990", "Thái", "Chuyên viên", "Công chức", "001090012345"],  # row 2: fine
    ["Hoàng Thị Lan", "Nữ", "31/02/1990", "Tày", "Kế toán", "Viên chức", ""],  # row 3: no 31 February
    ["Sùng A Chư", "Không rõ", "1985", "H'Mông", "Công nhân", "Người lao động", ""],  # row 4: gender
    ["Vàng Thị Mỷ", "Nữ", "1992", "H'Mông", "", "Nông dân", "00109001234"],  # row 5: 11 digits
    ["Lý A Sử", "Nam", "1990", "Dao", "", "Nông dân", "001090012345"],  # row 6: same ID as row 2
]
BAD_ROW_ERRORS = [
    "Row 3: column “Ngày sinh”: “31/02/1990” is not a date dd/mm/yyyy or a year",
    "Row 4: column “Giới tính”: “Không rõ” is not Nam or Nữ",
    "Row 5: citizen ID: The citizen ID must have exactly 12 digits (this one has 11).",
    "Row 6: column “Số CCCD”: the same citizen ID is on row 2",
]


def csv_bytes(rows, header=HEADER) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    return buffer.getvalue().encode()


def xlsx_bytes(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def post_import(client, unit, data: bytes, name: str, **extra):
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(reverse("people:import"), {"unit": unit.pk, "file": upload}, **extra)


def imported(unit):
    return list(
        Person.objects.filter(unit=unit).exclude(full_name="Nguyễn Văn An").order_by("name_folded").values_list(
            "full_name", "gender", "birth_date", "birth_year", "ethnicity", "position", "category", "national_id"
        )
    )


def import_events():
    return list(AuditEvent.objects.filter(action="import").values_list("object_type", "object_id", "changes"))


def test_valid_csv_import_creates_everyone_and_one_audit_row(world, clerk_a):
    response = post_import(clerk_a, world.unit_a, csv_bytes(GOOD_ROWS), "danh-sach.csv")
    assert response.status_code == 302
    assert response["Location"] == reverse("orgs:detail", kwargs={"pk": world.unit_a.pk})
    assert imported(world.unit_a) == EXPECTED_PEOPLE
    assert Person.objects.count() == 3 + 3
    assert import_events() == [("orgs.unit", str(world.unit_a.pk), {"people_created": 3})]
    assert AuditEvent.objects.exclude(action__in=["login", "import"]).count() == 0


def test_csv_with_semicolons_and_bom_is_imported(world, clerk_a):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([HEADER, *GOOD_ROWS])
    data = ("\ufeff" + buffer.getvalue()).encode()
    response = post_import(clerk_a, world.unit_a, data, "danh-sach.csv")
    assert response.status_code == 302
    assert imported(world.unit_a) == EXPECTED_PEOPLE


def test_csv_with_bad_rows_creates_nothing_and_lists_each_row(world, clerk_a):
    before = state()
    response = post_import(clerk_a, world.unit_a, csv_bytes(BAD_ROWS), "danh-sach.csv", **EN)
    assert response.status_code == 200
    assert response.context["report"].errors == BAD_ROW_ERRORS
    assert response.context["report"].created == 0
    html = response.content.decode()
    for error in BAD_ROW_ERRORS:
        assert f"<li>{error}</li>" in html.replace("&#x27;", "'")
    assert "Nothing was imported. Correct these rows and try again:" in html
    assert state() == before
    assert import_events() == []


def test_bad_rows_are_listed_in_vietnamese_by_default(world, clerk_a, vietnamese):
    response = post_import(clerk_a, world.unit_a, csv_bytes(BAD_ROWS[:2]), "danh-sach.csv")
    assert response.status_code == 200
    with translation.override("vi"):
        column = gettext("column “Ngày sinh”: “%(value)s” is not a date dd/mm/yyyy or a year") % {"value": "31/02/1990"}
        expected = gettext("Row %(row)d: %(errors)s") % {"row": 3, "errors": column}
    assert response.context["report"].errors == [expected]


def test_a_citizen_id_already_in_the_database_is_a_row_error(world, clerk_a):
    rows = [*GOOD_ROWS, ["Trần Văn Bình", "Nam", "1990", "Kinh", "", "Công chức", "010090001234"]]
    before = state()
    response = post_import(clerk_a, world.unit_a, csv_bytes(rows), "danh-sach.csv", **EN)
    assert response.context["report"].errors == ["Row 5: citizen ID: Person with this Citizen ID already exists."]
    assert state() == before


def test_a_file_without_the_name_column_is_refused(world, clerk_a):
    before = state()
    response = post_import(clerk_a, world.unit_a, csv_bytes([["Nam", "1990"]], header=["Giới tính", "Năm sinh"]),
                           "danh-sach.csv", **EN)
    assert response.context["report"].errors == ["Row 1: no “Họ và tên” column was found in the header."]
    assert state() == before


def test_valid_xlsx_import_creates_everyone(world, clerk_a):
    rows = [list(row) for row in GOOD_ROWS]
    rows[0][2] = datetime.datetime(1990, 5, 12)  # a real date cell, as Excel stores it
    rows[1][2] = 1988  # a number cell
    response = post_import(clerk_a, world.unit_a, xlsx_bytes(rows), "danh-sach.xlsx")
    assert response.status_code == 302
    assert imported(world.unit_a) == EXPECTED_PEOPLE
    assert import_events() == [("orgs.unit", str(world.unit_a.pk), {"people_created": 3})]


def test_xlsx_with_bad_rows_creates_nothing(world, clerk_a):
    before = state()
    response = post_import(clerk_a, world.unit_a, xlsx_bytes(BAD_ROWS), "danh-sach.xlsx", **EN)
    assert response.status_code == 200
    assert response.context["report"].errors == BAD_ROW_ERRORS
    assert state() == before


def test_xlsx_named_csv_is_read_as_xlsx(world, clerk_a):
    response = post_import(clerk_a, world.unit_a, xlsx_bytes(GOOD_ROWS), "danh-sach.csv")
    assert response.status_code == 302
    assert imported(world.unit_a) == EXPECTED_PEOPLE


def test_a_one_column_csv_is_imported(world, clerk_a):
    data = "Họ và tên\nLò Văn Minh\nHoàng Thị Lan\n".encode()
    response = post_import(clerk_a, world.unit_a, data, "danh-sach.csv")
    assert response.status_code == 302
    assert [p[0] for p in imported(world.unit_a)] == ["Hoàng Thị Lan", "Lò Văn Minh"]


def test_non_utf8_csv_is_refused_naming_the_field(world, clerk_a):
    # Windows Vietnamese code page (cp1258), as old Excel versions save "CSV": "ọ" is o + 0xF2 (dot below).
    data = "Ho\u0323 và tên,Dân to\u0323c\nLê Văn Tám,Kinh\n".encode("cp1258")
    assert data[:4] == b"Ho\xf2 "
    before = state()
    response = post_import(clerk_a, world.unit_a, data, "danh-sach.csv", **EN)
    assert response.status_code == 200
    assert response.context["report"] is None
    assert response.context["form"].errors == {"file": [
        f"{FILE_LABEL}: the text file is not UTF-8 encoded (invalid byte at position 2). Save it again as “CSV UTF-8”."
    ]}
    assert state() == before


def test_non_utf8_csv_message_names_the_field_in_vietnamese(world, clerk_a, vietnamese):
    data = "Ho\u0323 và tên\nLê Văn Tám\n".encode("cp1258")
    response = post_import(clerk_a, world.unit_a, data, "danh-sach.csv")
    with translation.override("vi"):
        label = gettext(FILE_LABEL)
    [message] = response.context["form"].errors["file"]
    assert message.startswith(f"{label}: ")
    assert "UTF-8" in message


@override_settings(UPLOAD_MAX_BYTES=MB)
def test_oversized_upload_is_refused(world, clerk_a):
    data = csv_bytes(GOOD_ROWS)
    data += b"," * (MB + 1 - len(data))
    assert len(data) == MB + 1
    before = state()
    response = post_import(clerk_a, world.unit_a, data, "danh-sach.csv", **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [f"{FILE_LABEL}: the file is 1,0 MB, larger than the limit of 1 MB."]
    }
    assert state() == before


@override_settings(UPLOAD_MAX_BYTES=MB)
def test_oversized_upload_message_gives_the_real_size(world, clerk_a):
    data = csv_bytes(GOOD_ROWS)
    data += b"," * (3 * MB - len(data))
    response = post_import(clerk_a, world.unit_a, data, "danh-sach.csv", **EN)
    assert response.context["form"].errors == {
        "file": [f"{FILE_LABEL}: the file is 3,0 MB, larger than the limit of 1 MB."]
    }


@pytest.mark.parametrize("name", ["danh-sach.pdf", "danh-sach.csv", "danh-sach.xlsx"])
def test_a_pdf_is_refused_as_an_import_whatever_its_name(world, clerk_a, name):
    before = state()
    response = post_import(clerk_a, world.unit_a, tiny_pdf(), name, **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": [f"{FILE_LABEL}: this type of file is not accepted. Accepted: CSV text file, Excel file (XLSX)."]
    }
    assert state() == before


def test_an_empty_upload_is_refused(world, clerk_a):
    before = state()
    response = post_import(clerk_a, world.unit_a, b"", "danh-sach.csv", **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["The submitted file is empty."]}
    assert state() == before


def test_a_clerk_cannot_import_into_another_unit(world, clerk_a):
    before = state()
    response = post_import(clerk_a, world.unit_b, csv_bytes(GOOD_ROWS), "danh-sach.csv", **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "unit": ["Unit: the chosen unit is not among the units you may choose here."]
    }
    assert state() == before


def test_a_council_member_cannot_import(world):
    client = client_for(world, "council_member")
    before = state()
    response = post_import(client, world.unit_a, csv_bytes(GOOD_ROWS), "danh-sach.csv")
    assert response.status_code == 403
    assert state() == before
