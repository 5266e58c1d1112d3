"""Input hygiene (issue 14, item 4), through the real forms, importers and views:

- control, bidirectional-override and invisible format characters never reach the database, from a form
  (every text field, through tdkt.lib.forms.install_input_hygiene) or from an import (tdkt.lib.vntext.normalize
  and tdkt.lib.vndates.cell_text); cleaning is idempotent (property test);
- a date before 1900 (01/01/0001 used to give an HTTP 500) is a message naming the field, in forms and imports;
- a citizen ID with no real province code, an impossible century digit, or a year of birth that differs from
  the person's is refused with a message;
- an unwritable media folder is a Vietnamese message on upload (not HTTP 500), and /healthz says so.
"""

import datetime
import unicodedata

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from vietnam_provinces import Province

from tdkt.dossiers.models import DossierDocument
from tdkt.lib.hygiene import clean_text, has_hidden_characters, is_removed
from tdkt.lib.vndates import cell_text
from tdkt.lib.vntext import normalize
from tdkt.people.models import Person
from tdkt.people.validators import CITIZEN_ID_PROVINCE_CODES, national_id_birth_year, validate_national_id
from tests.conftest import client_for
from tests.dossiers.support import PDF_BYTES, draft_of_unit_a
from tests.people.test_people import csv_bytes, person_post, post_import

RLO, LRI, PDI, ZWSP, ZWJ, BOM, SHY = "\u202e", "\u2066", "\u2069", "\u200b", "\u200d", "\ufeff", "\u00ad"
BIDI_AND_MARKS = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C]]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


# --- the cleaning function ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "multiline", "expected"), [
    (f"Nguyễn Văn An{RLO}nạb", False, "Nguyễn Văn Annạb"),
    (f"{LRI}Lê Thị{PDI} Chi", False, "Lê Thị Chi"),
    (f"Trần{ZWSP} Văn{ZWJ} Bình{BOM}", False, "Trần Văn Bình"),
    (f"Đinh{SHY}Thị", False, "ĐinhThị"),
    ("Ha\x00\x07\x1b[31mNội", False, "Ha[31mNội"),
    ("C1\x85\x9b here", False, "C1  here"),
    ("line one\r\nline two\rthree\tfour", True, "line one\nline two\nthree\tfour"),
    ("line one\r\nline two\tx", False, "line one line two x"),
    ("para\u2028graph\u2029end", True, "para\ngraph\nend"),
    ("Nguye\u0302\u0303n", False, "Nguyễn"),  # NFD in, NFC out
    ("", False, ""),
    (None, True, ""),
])
def test_clean_text_removes_hidden_characters_and_keeps_nfc(text, multiline, expected):
    assert clean_text(text, multiline=multiline) == expected


@pytest.mark.parametrize("ch", BIDI_AND_MARKS)
def test_every_bidirectional_control_and_mark_is_removed(ch):
    assert is_removed(ch) is True
    assert clean_text(f"a{ch}b") == "ab"


@given(st.text(), st.booleans())
def test_cleaned_text_holds_no_hidden_character_and_cleaning_is_idempotent(text, multiline):
    cleaned = clean_text(text, multiline=multiline)
    assert not has_hidden_characters(cleaned, multiline=multiline)
    assert not any(ch in cleaned for ch in BIDI_AND_MARKS)
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs"} or (multiline and ch in "\t\n") for ch in cleaned)
    assert clean_text(cleaned, multiline=multiline) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)


@given(st.text())
def test_import_normalisers_never_keep_hidden_characters(text):
    for value in (normalize(text), cell_text(text)):
        assert not has_hidden_characters(value)
        assert normalize(value) == value


# --- the form layer: every text field of the project ----------------------------------------------------------


class FreeTextForm(forms.Form):
    title = forms.CharField()
    note = forms.CharField(widget=forms.Textarea)
    password = forms.CharField(strip=False, widget=forms.PasswordInput)


def test_every_text_form_field_is_cleaned_and_passwords_are_kept_as_typed():
    form = FreeTextForm({"title": f" Báo cáo{RLO} tổng kết\n", "note": f"Dòng 1\r\nDòng{ZWSP} 2\x07",
                         "password": f" mật{RLO}khẩu "})
    assert form.is_valid()
    assert form.cleaned_data == {"title": "Báo cáo tổng kết", "note": "Dòng 1\nDòng 2",
                                 "password": f" mật{RLO}khẩu "}


def test_a_name_typed_with_an_override_is_stored_clean(world):
    response = client_for(world, "clerk_a").post(reverse("people:create"), person_post(
        world.unit_a, full_name=f"Lò Văn{RLO} Minh{ZWSP}", position=f"Chuyên viên{LRI}\x1b"))
    assert response.status_code == 302
    person = Person.objects.get(name_folded="lo van minh")
    assert (person.full_name, person.position) == ("Lò Văn Minh", "Chuyên viên")


def test_an_imported_name_with_an_override_is_stored_clean(world):
    rows = [[f"Lò Văn{RLO} Minh", "Nam", "12/05/1990", f"Thái{BOM}", f"Chuyên{ZWJ} viên", "Công chức", ""]]
    response = post_import(client_for(world, "clerk_a"), world.unit_a, csv_bytes(rows), "danh-sach.csv")
    assert response.status_code == 302
    person = Person.objects.get(name_folded="lo van minh")
    assert (person.full_name, person.ethnicity, person.position) == ("Lò Văn Minh", "Thái", "Chuyên viên")


# --- dates before 1900 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["01/01/0001", "1899-12-31", "01/01/1000"])
def test_a_birth_date_before_1900_is_a_form_error_naming_the_field_not_a_500(world, typed):
    before = Person.objects.count()
    response = client_for(world, "clerk_a").post(reverse("people:create"),
                                                 person_post(world.unit_a, birth_date=typed), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_date": ["Date of birth: the date must be in 1900 or later."]}
    assert Person.objects.count() == before


def test_the_date_message_is_in_vietnamese_by_default(world):
    with translation.override("vi"):
        response = client_for(world, "clerk_a").post(reverse("people:create"),
                                                     person_post(world.unit_a, birth_date="01/01/0001"))
    assert response.context["form"].errors == {"birth_date": ["Ngày sinh: ngày phải từ năm 1900 trở đi."]}


def test_a_birth_year_before_1900_is_a_form_error(world):
    response = client_for(world, "clerk_a").post(reverse("people:create"),
                                                 person_post(world.unit_a, birth_year="1850"), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"birth_year": ["The year of birth must be 1900 or later."]}


def test_an_imported_date_before_1900_is_a_row_error_and_nothing_is_saved(world):
    before = Person.objects.count()
    rows = [["Lò Văn Minh", "Nam", "12/05/1990", "Thái", "", "Công chức", ""],
            ["Lò Văn Nam", "Nam", "01/01/0001", "Thái", "", "Công chức", ""],
            ["Lò Văn Bắc", "Nam", "1850", "Thái", "", "Công chức", ""]]
    response = post_import(client_for(world, "clerk_a"), world.unit_a, csv_bytes(rows), "danh-sach.csv", **EN)
    assert response.status_code == 200
    assert response.context["report"].errors == [
        "Row 3: column “Ngày sinh”: “01/01/0001” is before 1900",
        "Row 4: column “Ngày sinh”: “1850” is before 1900"]
    assert Person.objects.count() == before


# --- citizen IDs --------------------------------------------------------------------------------------------


def test_the_province_codes_are_the_pre_2025_codes_of_the_vietnam_provinces_package():
    legacy = {f"{int(source.code):03d}" for province in Province.iter_all() for source in province.get_legacy_sources()}
    assert legacy == CITIZEN_ID_PROVINCE_CODES
    assert len(CITIZEN_ID_PROVINCE_CODES) == 63


@pytest.mark.parametrize(("value", "message"), [
    ("003090001234", "The citizen ID begins with 003, which is no province code (its first 3 digits are the code "
                     "of the province where the birth was registered)."),
    ("000090001234", "The citizen ID begins with 000, which is no province code (its first 3 digits are the code "
                     "of the province where the birth was registered)."),
    ("097090001234", "The citizen ID begins with 097, which is no province code (its first 3 digits are the code "
                     "of the province where the birth was registered)."),
    ("010590001234", "The 4th digit of the citizen ID (century of birth and gender) must be 0, 1, 2 or 3, not 5."),
    ("010990001234", "The 4th digit of the citizen ID (century of birth and gender) must be 0, 1, 2 or 3, not 9."),
])
def test_an_impossible_citizen_id_is_refused(value, message):
    with pytest.raises(ValidationError, match=r"citizen ID") as refused:
        validate_national_id(value)
    assert refused.value.messages == [message]


@pytest.mark.parametrize(("value", "year"), [
    ("001090001234", 1990), ("010185001234", 1985), ("079205001234", 2005), ("096312001234", 2012),
])
def test_a_real_citizen_id_passes_and_states_its_year_of_birth(value, year):
    validate_national_id(value)
    assert national_id_birth_year(value) == year


def test_a_citizen_id_with_a_fake_province_is_refused_by_the_form(world):
    response = client_for(world, "clerk_a").post(reverse("people:create"),
                                                 person_post(world.unit_a, national_id="003090001234"), **EN)
    assert response.status_code == 200
    assert response.context["form"].errors == {"national_id": [
        "The citizen ID begins with 003, which is no province code (its first 3 digits are the code of the province "
        "where the birth was registered)."]}


@pytest.mark.parametrize("birth", [{"birth_date": "12/05/1991"}, {"birth_year": "1989"}])
def test_a_citizen_id_must_state_the_persons_year_of_birth(world, birth):
    response = client_for(world, "clerk_a").post(reverse("people:create"), person_post(
        world.unit_a, national_id="001090001299", **birth), **EN)
    year = 1991 if "birth_date" in birth else 1989
    assert response.status_code == 200
    assert response.context["form"].errors == {"national_id": [
        f"The citizen ID states the year of birth 1990 (digits 4 to 6), but the year of birth is {year}."]}


def test_an_imported_citizen_id_with_a_fake_province_is_a_row_error(world):
    rows = [["Lò Văn Minh", "Nam", "12/05/1990", "Thái", "", "Công chức", "099090001234"]]
    response = post_import(client_for(world, "clerk_a"), world.unit_a, csv_bytes(rows), "danh-sach.csv", **EN)
    assert response.context["report"].errors == [
        "Row 2: citizen ID: The citizen ID begins with 099, which is no province code (its first 3 digits are the "
        "code of the province where the birth was registered)."]


# --- storage -----------------------------------------------------------------------------------------------


@pytest.fixture
def unwritable_media(settings, tmp_path):
    """A media folder that cannot be created (it would sit under a regular file): refused even to root, unlike
    chmod."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = str(blocker / "media")
    return settings.MEDIA_ROOT


def test_an_upload_to_an_unwritable_storage_is_a_message_not_a_500(world, unwritable_media):
    dossier = draft_of_unit_a(world)
    response = client_for(world, "clerk_a").post(reverse("dossiers:upload", kwargs={"pk": dossier.pk}), {
        "document_type": "cover_letter", "uploaded": SimpleUploadedFile("to-trinh.pdf", PDF_BYTES)}, **EN)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The file could not be saved: the server's file storage cannot be written to. Nothing was saved; please tell "
        "the system administrator."]
    assert DossierDocument.objects.count() == 0


def test_healthz_reports_an_unwritable_storage(db, unwritable_media):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["storage"] == {"status": "error", "error": "NotADirectoryError"}
    assert response.json()["database"]["status"] == "ok"


def test_healthz_reports_a_writable_storage(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["storage"] == {"status": "ok"}
    assert list((tmp_path / "media" / "healthz").iterdir()) == []  # the probe file is removed


def test_birth_dates_from_1900_on_are_accepted(world):
    response = client_for(world, "clerk_a").post(reverse("people:create"), person_post(
        world.unit_a, full_name="Lò Văn Cổ", birth_date="01/01/1900"))
    assert response.status_code == 302
    assert Person.objects.get(name_folded="lo van co").birth_date == datetime.date(1900, 1, 1)
