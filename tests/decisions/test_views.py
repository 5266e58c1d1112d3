"""The decision screens for each persona: the specialist drafts and records, the signer approves, unit
clerks see only published decisions and their own lines, query counts of the list are fixed."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tdkt.accounts import freshness
from tdkt.awards.models import AwardRecord
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision, RewardFund, RewardFundEntry
from tests.conftest import client_for
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes


@pytest.fixture
def two_units(world):
    """A published decision with one line of unit A (person_a) and one of unit B (person_b)."""
    authority = make_authority()
    lines = [approved(make_dossier(world.unit_a), person=world.person_a),
             approved(make_dossier(world.unit_b), person=world.person_b)]
    (decision,) = services.draft_decisions(lines, by=world.users["specialist"], authority=authority)
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    services.publish_decision(decision, by=world.users["specialist"])
    return decision


def _names(response):
    return [line.display_name for line in response.context["lines"]]


def test_clerks_see_only_their_own_lines(world, two_units):
    url = reverse("decisions:detail", kwargs={"pk": two_units.pk})
    assert _names(client_for(world, "clerk_a").get(url)) == ["Nguyễn Văn An"]
    assert _names(client_for(world, "clerk_b").get(url)) == ["Giàng A Páo"]
    assert _names(client_for(world, "specialist").get(url)) == ["Nguyễn Văn An", "Giàng A Páo"]


def test_list_counts_only_the_lines_each_user_may_see(world, two_units):
    def counts(persona):
        return [(d.pk, d.line_count) for d in client_for(world, persona).get(reverse("decisions:list")).context["page"]]

    assert counts("clerk_a") == [(two_units.pk, 1)]
    assert counts("clerk_b") == [(two_units.pk, 1)]
    assert counts("specialist") == [(two_units.pk, 2)]


def test_clerks_do_not_see_unpublished_decisions(world):
    authority = make_authority()
    (decision,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                           by=world.users["specialist"], authority=authority)
    clerk = client_for(world, "clerk_a")
    assert clerk.get(reverse("decisions:detail", kwargs={"pk": decision.pk})).status_code == 404
    assert list(clerk.get(reverse("decisions:list")).context["page"]) == []


def test_the_whole_flow_through_the_screens(world):
    authority = make_authority()
    nomination = approved(make_dossier(world.unit_a), person=world.person_a)
    specialist, signer = client_for(world, "specialist"), client_for(world, "signer")
    response = specialist.post(reverse("decisions:draft"), {"authority": authority.pk, "date": "01/07/2026",
                                                            "nominations": [nomination.pk]})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("decisions:detail", args=[decision.pk])
    # The specialist may not approve; the signer may, once the tờ trình is cited, confirming on the step's page.
    assert specialist.post(reverse("decisions:approve", args=[decision.pk])).status_code == 403
    cite_proposal(decision)
    session = signer.session
    session[freshness.SESSION_SECOND_FACTOR_AT] = timezone.now().timestamp()  # just signed in with the code
    session.save()
    assert signer.post(reverse("decisions:approve", args=[decision.pk]), {"confirm": "on"}).status_code == 302
    decision.refresh_from_db()
    assert decision.state == DecisionState.APPROVED_FOR_SIGNING
    bad = specialist.post(reverse("decisions:sign", args=[decision.pk]), {
        "signed_pdf": SimpleUploadedFile("qd.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 64), "signed_on": "10/07/2026"})
    assert bad.status_code == 200
    assert bad.context["form"].errors["signed_pdf"] == [
        "Bản quyết định đã ký (PDF): không chấp nhận loại tệp này. Chỉ chấp nhận: tệp PDF."]
    good = specialist.post(reverse("decisions:sign", args=[decision.pk]), {
        "signed_pdf": SimpleUploadedFile("qd.pdf", pdf_bytes()), "signed_on": "10/07/2026"})
    assert good.status_code == 302
    decision.refresh_from_db()
    assert (decision.state, decision.number_text) == (DecisionState.SIGNED, "01/QĐ-UBND")
    assert AwardRecord.objects.get(person=world.person_a).decision_number == "01/QĐ-UBND"
    specialist.post(reverse("decisions:publish", args=[decision.pk]))
    assert Decision.objects.get().state == DecisionState.PUBLISHED
    signed = specialist.get(reverse("decisions:signed_copy", args=[decision.pk]))
    assert b"".join(signed.streaming_content).startswith(b"%PDF-")


def test_editing_a_draft_through_the_form(world):
    authority = make_authority()
    (decision,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                           by=world.users["specialist"], authority=authority)
    response = client_for(world, "specialist").post(reverse("decisions:edit", args=[decision.pk]), {
        "title": "Về việc tặng Bằng khen", "legal_bases": "Căn cứ A\nCăn cứ B", "execution_text": "Thi hành",
        "recipients": "Như Điều 3\nLưu: VT", "proposal": "Theo đề nghị của Giám đốc Sở Nội vụ",
        "proposal_reference": "45/TTr-SNV", "proposal_date": "10/11/2026",
        # The old typed signature fields are ignored: the signature comes from a post only.
        "signing_mode": "TM", "signer_on_behalf_of": "ỦY BAN NHÂN DÂN", "signer_position": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Bình"})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.legal_bases, decision.proposal_reference, decision.proposal_date, decision.signature_lines()) == (
        ["Căn cứ A", "Căn cứ B"], "45/TTr-SNV", datetime.date(2026, 11, 10), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"])


def test_list_query_count_does_not_grow(world, django_assert_num_queries):
    authority = make_authority()
    client = client_for(world, "specialist")
    client.get(reverse("decisions:list"))  # warm the session and scope
    services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                             by=world.users["specialist"], authority=authority)
    with django_assert_num_queries(6) as one:
        client.get(reverse("decisions:list"))
    for person in (world.person_b, world.person_a_child):
        services.draft_decisions([approved(make_dossier(world.unit_b), person=person, code="CSTD_TINH")],
                                 by=world.users["specialist"], authority=authority)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(reverse("decisions:list"))
    assert len(list(response.context["page"])) == 3
    # The page's line counts come from one grouped query over the page's decisions only (issue 23).
    assert [d.line_count for d in response.context["page"]] == [1, 1, 1]
    totals = [q["sql"] for q in one.captured_queries if "GROUP BY" in q["sql"]]
    assert len(totals) == 1 and " IN (" in totals[0]


def test_payments_excel_and_payout(world, two_units):
    fund = RewardFund.objects.create(name="Quỹ tỉnh", authority=two_units.authority)
    specialist = client_for(world, "specialist")
    response = specialist.get(reverse("decisions:payments_xlsx", args=[two_units.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == "DANH SÁCH CHI TIỀN THƯỞNG THEO QUYẾT ĐỊNH SỐ 01/QĐ-UBND"
    assert sheet["C2"].number_format == "dd/mm/yyyy" and sheet["C2"].value.date() == SIGNED_ON
    assert [sheet.cell(row=r, column=6).value for r in (8, 9)] == [3_800_000, 3_800_000]  # 1.5 × 2,530,000 ↑
    assert sheet.cell(row=8, column=6).number_format == "#,##0"
    assert [sheet.cell(row=11, column=2).value, sheet.cell(row=11, column=6).value] == ["TỔNG CỘNG", 7_600_000]
    payout = {"entry_date": "10/07/2026", "voucher_number": "PC-0125", "payer": "Lò Thị Mai"}
    specialist.post(reverse("decisions:payout", args=[two_units.pk]), payout)
    specialist.post(reverse("decisions:payout", args=[two_units.pk]), payout)  # a second click posts nothing
    entry = RewardFundEntry.objects.get(fund=fund)
    assert (entry.kind, entry.amount, entry.entry_date, entry.document_reference, entry.voucher_number,
            entry.payer, entry.line_kind) == (
        "spending", 7_600_000, SIGNED_ON, "01/QĐ-UBND ngày 10/07/2026", "PC-0125", "Lò Thị Mai", "award")
    specialist.post(reverse("decisions:fund_add", args=[fund.pk]), {
        "kind": "receipt", "entry_date": "01/01/2026", "amount": "100000000", "description": "Dự toán năm 2026"})
    ledger = specialist.get(reverse("decisions:fund"))
    assert [row.balance for row in ledger.context["rows"]] == [100_000_000, 92_400_000]
    assert ledger.context["balance"] == 92_400_000


def test_legal_basis_template_edited_on_screen_fills_the_next_draft(world):
    from tdkt.awards.models import AwardType
    from tdkt.decisions.models import LegalBasisTemplate

    authority = make_authority()
    award = AwardType.objects.get(code="BK_TINH")
    response = client_for(world, "specialist").post(reverse("decisions:template_create"), {
        "authority": authority.pk, "award_type": award.pk, "basis": "",
        "lines": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022\n\nCăn cứ Quy định của tỉnh",
        "note": "Bằng khen"})
    assert response.status_code == 302
    assert LegalBasisTemplate.objects.get().lines == ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                                                      "Căn cứ Quy định của tỉnh"]
    (decision,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                           by=world.users["specialist"], authority=authority)
    assert decision.legal_bases == ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                                    "Căn cứ Quy định của tỉnh"]
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    assert (decision.signer_id, decision.signer_name) == (world.users["signer"].pk, "chutich")


def test_a_large_selection_is_drafted_by_the_worker_with_progress(world, monkeypatch, django_capture_on_commit_callbacks):
    """A unit's year-end sheet (hundreds of lines) is drafted in the background; the page shows the job."""
    from tdkt.decisions import views
    from tdkt.jobs.models import Job

    monkeypatch.setattr(views, "DRAFT_IN_REQUEST_MAX", 1)
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    lines = [approved(dossier, person=person, position=index)
             for index, person in enumerate((world.person_a, world.person_a_child), start=1)]
    specialist = client_for(world, "specialist")
    with django_capture_on_commit_callbacks(execute=True):
        response = specialist.post(reverse("decisions:draft"), {
            "authority": authority.pk, "date": "01/07/2026", "nominations": [line.pk for line in lines]})
    job = Job.objects.get(kind="decisions.draft")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    decision = Decision.objects.get()
    assert (decision.authority, decision.lines.count(), decision.decision_date) == (
        authority, 2, datetime.date(2026, 7, 1))
    job.refresh_from_db()
    assert job.state == "succeeded"
