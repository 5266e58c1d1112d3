"""The statutory statistical forms through the API (`read:statistics`): the same figures, rows and columns as the
reports' own computation and its Excel file; a unit's token reads its own units' forms only (another unit's is
404), the standing body the province and any unit; a token without the scope gets 403; bad years are refused in
Vietnamese; the answer carries an ETag and costs a fixed number of queries."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.api.scopes import READ_STATISTICS, allowed_scopes, default_scopes
from tdkt.awards.models import AwardRecord
from tdkt.reports.statistics import layout, service
from tdkt.reports.statistics.excel import write_form
from tests.api.support import client, token
from tests.factories import award_type

YEAR = 2026
FORM = "/api/v1/statistics/forms/0603"


def bk(code="BK_TINH", day=datetime.date(2026, 3, 2), **recipient):
    number = AwardRecord.objects.count() + 1  # a record is unique per recipient, award, year and decision
    return AwardRecord.objects.create(**recipient, award_type=award_type(code), year=day.year, decision_date=day,
                                      decision_number=f"{number}/QĐ-UBND")


@pytest.fixture
def awards(world):
    bk(person=world.person_a)
    bk(person=world.person_a_child)
    bk(person=world.person_b)
    bk("CSTD_TINH", person=world.person_a)
    bk(unit=world.unit_a)
    bk(day=datetime.date(2025, 11, 30), person=world.person_a)  # the statistical year before
    return world


def api(world, persona, *scopes):
    return client(token(world, persona, *scopes))


def excel_rows(result) -> list[list]:
    """The body rows of the reports' own Excel file (values as written), from the row of column numbers on."""
    buffer = io.BytesIO()
    write_form(result, buffer)
    sheet = openpyxl.load_workbook(buffer).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    start = next(i for i, row in enumerate(rows) if row[:2] == ["A", "B"]) + 1
    width = len(result.definition.columns) + 2
    return [row[:width] for row in rows[start:start + len(result.definition.rows)]]


@pytest.mark.parametrize(("persona", "unit"), [("specialist", None), ("specialist", "unit_b"), ("clerk_a", None)])
def test_the_figures_are_the_reports_figures_and_the_excel_rows(awards, persona, unit):
    unit_obj = getattr(awards, unit) if unit else None
    query = {"year": YEAR} | ({"unit": unit_obj.pk} if unit_obj else {})
    body = api(awards, persona).get(FORM, query).json()
    expected_unit = awards.unit_a if persona == "clerk_a" else unit_obj
    result = service.compute_form(service.resolve("0603", YEAR, expected_unit.code if expected_unit else ""))
    assert body["reporting_unit_id"] == (expected_unit.pk if expected_unit else None)
    assert [column["number"] for column in body["columns"]] == [c.number for c in result.definition.columns]
    for row in body["rows"]:
        if row["heading"]:
            assert row["values"] is None
        else:
            assert row["values"] == [result.cells[row["code"]][c["number"]] for c in body["columns"]]
    # Label (with its indent), code and counts: exactly the rows of the Excel file.
    api_rows = [[layout.INDENT * row["indent"] + row["label"], row["code"],
                 *(row["values"] if row["values"] is not None else [None] * len(body["columns"]))]
                for row in body["rows"]]
    assert api_rows == [[None if value == "" else value for value in row] for row in excel_rows(result)]
    assert body["header"] == [line.text for line in layout.header_lines(result)]
    assert body["checks_ok"] is True and len(body["checks"]) == len(result.checks)


def test_exact_figures_of_0603_for_the_province_and_a_unit(awards):
    specialist = api(awards, "specialist")
    body = specialist.get(FORM, {"year": YEAR}).json()
    rows = {row["code"]: row for row in body["rows"]}
    assert rows["01"]["values"][:3] == [5, 4, 1]  # total, Bằng khen, chiến sĩ thi đua
    assert rows["11"]["values"][0] == 1  # one collective
    assert (body["period_from"], body["period_to"], body["receipt_date"]) == ("2025-12-01", "2026-11-30",
                                                                               "2026-12-15")
    assert body["reporting_unit_name"] == "Ủy ban nhân dân tỉnh Lào Cai"
    assert body["header"][0] == "Biểu số: 0603.N/BNV-TĐKT"
    assert body["circular"]["status"] == "Mẫu theo TT 02/2023, chưa đối chiếu phụ lục chính thức"
    assert "unclassified_individuals" in [warning["code"] for warning in body["warnings"]]
    unit_b = specialist.get(FORM, {"year": YEAR, "unit": awards.unit_b.pk}).json()
    assert {row["code"]: row for row in unit_b["rows"]}["01"]["values"][0] == 1
    previous = specialist.get(FORM, {"year": 2025}).json()
    assert {row["code"]: row for row in previous["rows"]}["01"]["values"][0] == 1


def test_a_unit_token_reads_its_own_units_and_gets_404_for_another(awards):
    clerk = api(awards, "clerk_a")
    own = clerk.get(FORM, {"year": YEAR})
    assert own.status_code == 200
    assert (own.json()["reporting_unit_id"], own.json()["rows"][0]["values"][0]) == (awards.unit_a.pk, 4)
    assert clerk.get(FORM, {"year": YEAR, "unit": awards.unit_a_child.pk}).json()["rows"][0]["values"][0] == 1
    for unit in (awards.unit_b.pk, awards.province.pk, 987654):
        response = clerk.get(FORM, {"year": YEAR, "unit": unit})
        assert (response.status_code, response.json()) == (404, {"detail": "Không tìm thấy."})
    assert api(awards, "clerk_b").get(FORM, {"year": YEAR, "unit": awards.unit_a.pk}).status_code == 404


def test_scope_unknown_form_and_bad_year(awards):
    response = api(awards, "specialist", "read:awards").get(FORM)
    assert (response.status_code, response.json()) == (
        403, {"detail": "Mã truy cập API này không có quyền read:statistics."})
    specialist = api(awards, "specialist")
    assert specialist.get("/api/v1/statistics/forms/0699").status_code == 404
    assert specialist.get(FORM, {"circular": "18/2025"}).status_code == 404
    assert specialist.get(FORM, {"circular": "02-2023", "year": YEAR}).status_code == 200
    response = specialist.get(FORM, {"year": 12})
    assert response.status_code == 422 and "year" in response.json()["detail"]
    assert specialist.get(FORM, {"year": "hai nghìn"}).status_code == 422


def test_the_catalogue_lists_forms_years_and_units(awards, monkeypatch):
    monkeypatch.setattr("tdkt.api.statistics.timezone.localdate", lambda: datetime.date(2026, 12, 3))
    body = api(awards, "clerk_a").get("/api/v1/statistics/forms").json()
    circular = body["circulars"][0]
    assert (body["default_circular"], circular["id"], circular["confirmed"]) == ("02/2023", "02/2023", False)
    assert [form["form"] for form in circular["forms"]] == ["0601", "0602", "0603", "0604", "0605"]
    assert circular["forms"][2]["code"] == "0603.N/BNV-TĐKT"
    assert body["current_year"] == 2027  # December counts to the next statistical year
    assert body["years"][1] == {"year": 2026, "period_from": "2025-12-01", "period_to": "2026-11-30"}
    assert len(body["years"]) == 10
    assert body["province_wide"] is False
    assert [unit["code"] for unit in body["units"]] == ["BVDK", "SYT"]
    wide = api(awards, "specialist").get("/api/v1/statistics/forms").json()
    assert (wide["province_wide"], wide["units"]) == (True, [])


def test_read_statistics_is_a_default_read_scope_of_every_role_that_sees_the_forms():
    for roles in ({"province_specialist"}, {"unit_clerk"}, {"unit_leader"}, {"council_member"}, {"signer"}):
        assert READ_STATISTICS in allowed_scopes(roles)
        assert READ_STATISTICS in default_scopes(roles)
    assert READ_STATISTICS not in allowed_scopes(set())


def test_etag_and_a_fixed_number_of_queries(awards):
    specialist = api(awards, "specialist")
    first = specialist.get(FORM, {"year": YEAR})
    assert specialist.get(FORM, {"year": YEAR}, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    with CaptureQueriesContext(connection) as few:
        specialist.get(FORM, {"year": YEAR})
    for index in range(30):
        bk(person=awards.person_b, day=datetime.date(2026, 5, 1 + index % 28))
    with CaptureQueriesContext(connection) as many:
        body = specialist.get(FORM, {"year": YEAR}).json()
    assert body["rows"][0]["values"][0] == 35
    assert len(many) == len(few)
