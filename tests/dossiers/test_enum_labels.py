"""Enum labels translated everywhere (issue 15 §5): no raw code ("eligible", "ineligible", "needs_review",
"proposed"…) shows as a label on the appraisal page, the dossier page or the Excel export; the API keeps
its codes and gives each one's Vietnamese label beside it, and its schema describes every code with its
label. One table of verdict labels serves the pages and the exports."""

import datetime
import io
import re
from html.parser import HTMLParser

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from tdkt.api.models import ApiToken
from tdkt.dossiers import exports
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.line_decisions import VERDICT_LABELS
from tdkt.dossiers.models import Nomination
from tdkt.eligibility.codes import Verdict
from tests.conftest import client_for
from tests.nominees.helpers import make_dossier, make_line, make_people

pytestmark = pytest.mark.django_db

VERDICTS = [Verdict.ELIGIBLE, Verdict.INELIGIBLE, Verdict.NEEDS_REVIEW, Verdict.ON_HOLD]
LABELS = {Verdict.ELIGIBLE: "Đủ điều kiện", Verdict.INELIGIBLE: "Chưa đủ điều kiện",
          Verdict.NEEDS_REVIEW: "Hội đồng xem xét", Verdict.ON_HOLD: "Tạm dừng xét"}
CODES = re.compile(r"\b(" + "|".join(sorted({*Verdict, *NominationState.values, *DossierState.values}, key=len,
                                             reverse=True)) + r")\b")


class VisibleText(HTMLParser):
    """The text a reader sees: text nodes outside <script>/<style>, and the labels of buttons and fields
    (value/placeholder/title/aria-label); never the names, ids or values sent back to the server."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        attrs = dict(attrs)
        for name in ("placeholder", "title", "aria-label", "data-confirm"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


@pytest.fixture
def appraised(world):
    dossier = make_dossier(world.unit_a, state=DossierState.IN_APPRAISAL)
    lines = [make_line(dossier, person=person, position=index,
                       verdict_at_appraisal={"verdict": code, "award": "LDTT", "findings": []})
             for index, (person, code) in enumerate(zip(make_people(world.unit_a, 4), VERDICTS, strict=True), 1)]
    return dossier, lines


def test_the_one_table_of_verdict_labels():
    assert {code: str(label) for code, label in VERDICT_LABELS.items()} == LABELS
    assert not hasattr(exports, "VERDICT_TEXT")


@pytest.mark.parametrize(("page", "persona"), [("dossiers:appraise", "specialist"), ("dossiers:detail", "specialist"),
                                               ("dossiers:detail", "clerk_a")])
def test_no_raw_code_on_the_pages(world, appraised, page, persona):
    dossier, _lines = appraised
    response = client_for(world, persona).get(reverse(page, args=[dossier.pk]))
    assert response.status_code == 200
    text = visible(response.content.decode())
    assert CODES.findall(text) == []
    if page == "dossiers:appraise":
        for label in LABELS.values():
            assert label in text


def test_no_raw_code_in_the_excel_export(appraised):
    dossier, _lines = appraised
    buffer = io.BytesIO()
    exports.write_dossier_xlsx(buffer, dossier, today=datetime.date(2026, 1, 15))
    buffer.seek(0)
    cells = [str(cell) for sheet in openpyxl.load_workbook(buffer).worksheets
             for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert [cell for cell in cells if CODES.search(cell)] == []
    assert {label for label in LABELS.values() if label in cells} == set(LABELS.values())


def test_the_api_keeps_its_codes_and_gives_their_labels(world, appraised):
    dossier, lines = appraised
    Nomination.objects.filter(pk=lines[0].pk).update(state=NominationState.ACCEPTED)
    _row, raw = ApiToken.issue(world.users["specialist"], "QLVB")
    body = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(f"/api/v1/dossiers/{dossier.pk}").json()
    assert (body["state"], body["state_label"], body["kind"], body["kind_label"]) == (
        "in_appraisal", "Đang thẩm định", "year_end", "Tổng kết năm")
    assert [(n["state"], n["state_label"], n["verdict"], n["verdict_label"]) for n in body["nominations"]] == [
        ("accepted", "Đạt qua thẩm định", "eligible", "Đủ điều kiện"),
        ("proposed", "Đề nghị", "ineligible", "Chưa đủ điều kiện"),
        ("proposed", "Đề nghị", "needs_review", "Hội đồng xem xét"),
        ("proposed", "Đề nghị", "on_hold", "Tạm dừng xét")]


def _descriptions(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                found.append(value)
            else:
                _descriptions(value, found)
    elif isinstance(node, list):
        for value in node:
            _descriptions(value, found)
    return found


def test_the_api_schema_describes_each_code_with_its_label(db):
    schema = Client().get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    nomination = components["NominationOut"]["properties"]
    assert nomination["verdict"]["description"] == (
        "Kết quả kiểm tra điều kiện đã lưu của dòng (mã; null khi chưa kiểm tra). Các mã: `eligible`: Đủ điều "
        "kiện; `ineligible`: Chưa đủ điều kiện; `needs_review`: Hội đồng xem xét; `on_hold`: Tạm dừng xét.")
    assert "`proposed`: Đề nghị;" in nomination["state"]["description"]
    assert "`in_appraisal`: Đang thẩm định;" in components["DossierOut"]["properties"]["state"]["description"]
    parameters = {item["name"]: item for item in schema["paths"]["/api/v1/dossiers"]["get"]["parameters"]}
    assert "`in_appraisal`: Đang thẩm định;" in parameters["state"]["description"]  # the list's filters too
    assert "`year_end`:" in parameters["kind"]["description"]
    # every code a description names is followed by its label, never left bare
    for description in _descriptions(schema, []):
        for code in re.findall(r"`([a-z_]+)`", description):
            assert re.search(rf"`{code}`: [^;`.]*\w", description), (code, description)
        assert CODES.findall(re.sub(r"`[a-z_]+`", "", description)) == [], description
