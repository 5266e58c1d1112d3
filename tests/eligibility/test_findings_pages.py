"""What officers see of the findings: the appraisal page and the export rows show the verdict's label,
the findings in words and the province's own regulation — no parameter name, no English code, no
other province's regulation."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from tdkt.awards.provincial import province_parameters
from tdkt.dossiers import workflow
from tdkt.dossiers.exports import reasons_text, verdict_text
from tdkt.dossiers.models import Nomination
from tests.conftest import client_for
from tests.dossiers.support import add_line, complete, draft_of_unit_a, leader_a

pytestmark = pytest.mark.django_db

IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\s*=")
VERDICT_CODES = re.compile(r">\s*(eligible|ineligible|needs_review|on_hold)\s*<")
LAO_CAI = "Quyết định 18/2026/QĐ-UBND ngày 30/3/2026 của Ủy ban nhân dân tỉnh Lào Cai (chưa xác định điều, khoản)"


@pytest.mark.parametrize(("province", "number"), [
    ("Lào Cai", "Quyết định 18/2026/QĐ-UBND"),
    ("Bắc Ninh", "Quyết định 86/2025/QĐ-UBND"),
    ("Hà Giang", None),
])
def test_each_province_cites_only_its_own_regulation(province, number):
    with override_settings(PROVINCE_NAME=province):
        regulation = province_parameters().regulation
    assert (regulation.number if regulation else None) == number


def _collective_in_appraisal(world):
    """A TTLĐXS line for unit A with no member figures: its findings cite the provincial regulation."""
    dossier = draft_of_unit_a(world)
    line = add_line(dossier, unit=world.unit_a, code="TTLDXS")
    complete(dossier, world.users["clerk_a"], [line])
    specialist = world.users["specialist"]
    workflow.submit_dossier(dossier, by=leader_a(world))  # the unit leader approves and sends
    workflow.receive_dossier(dossier, by=specialist)
    workflow.start_appraisal(dossier, by=specialist)
    return dossier, Nomination.objects.get(pk=line.pk)


@override_settings(PROVINCE_NAME="Lào Cai")
def test_appraisal_page_and_export_speak_to_people(world):
    dossier, line = _collective_in_appraisal(world)
    snapshot = line.verdict_at_appraisal or line.verdict_at_submission
    assert snapshot["verdict"] == "ineligible"
    page = client_for(world, "specialist").get(reverse("dossiers:appraise", kwargs={"pk": dossier.pk})).content.decode()
    assert "Chưa đủ điều kiện" in page
    assert f"Luật TĐKT 2022, Điều 27; {LAO_CAI}" in page
    for text in (page, verdict_text(line), reasons_text(line)):
        assert not IDENTIFIER.search(text)
        assert not VERDICT_CODES.search(text)
        assert "Bắc Ninh" not in text and "tham số" not in text
    assert verdict_text(line) == "Chưa đủ điều kiện"
    assert f"Luật TĐKT 2022, Điều 27; {LAO_CAI}" in reasons_text(line)
