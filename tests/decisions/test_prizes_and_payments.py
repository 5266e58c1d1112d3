"""Contest prizes (thưởng thành tích cao tại các cuộc thi) as lines of their own kind with a typed amount, and
the payment sheet with its Ký nhận column, voucher number and payer: the .xlsx is opened and read back."""

import io

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.awards.models import AwardRecord
from tdkt.decisions import documents, payments, prizes, services
from tdkt.decisions.certificates.services import issue_certificates
from tdkt.decisions.enums import LineKind
from tdkt.decisions.models import RewardFund, RewardFundEntry
from tdkt.decisions.queries import all_lines
from tests.conftest import client_for
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes

CONTEST = "Học sinh giỏi quốc gia năm 2026"


@pytest.fixture
def draft(world):
    nomination = approved(make_dossier(world.unit_a), person=world.person_b)
    (decision,) = services.draft_decisions([nomination], by=world.users["specialist"], authority=make_authority())
    return decision


def _prize(client, decision, **fields):
    data = {"contest": CONTEST, "unit": "", "full_name": "", "position_and_unit": "", "amount": "5000000"} | fields
    return client.post(reverse("decisions:contest_prize_add", args=[decision.pk]), data)


def _sign(world, decision):
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    decision.refresh_from_db()
    return decision


def _sheet(response):
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_a_contest_prize_keeps_the_typed_amount_and_enters_neither_history_nor_certificates(world, draft):
    client = client_for(world, "specialist")
    response = _prize(client, draft, unit=str(world.unit_a.pk), full_name="  nguyễn   văn an ")
    assert response.status_code == 302 and response["Location"] == reverse("decisions:detail", args=[draft.pk])
    prize = draft.lines.get(kind=LineKind.CONTEST_PRIZE)
    assert (prize.person, prize.group, prize.contest, prize.amount, prize.coefficient, prize.position_and_unit,
            prize.owner_unit) == (world.person_a, "individual", CONTEST, 5_000_000, None, "Sở Y tế", world.unit_a)
    page = client.get(reverse("decisions:detail", args=[draft.pk])).content.decode()
    assert f"Thưởng thành tích cao tại cuộc thi: {CONTEST}" in page
    decision = _sign(world, draft)
    assert decision.lines.get(kind=LineKind.CONTEST_PRIZE).amount == 5_000_000  # not recomputed at signing
    award_line = decision.lines.get(kind=LineKind.AWARD)
    assert list(AwardRecord.objects.values_list("person__full_name", flat=True)) == ["Giàng A Páo"]
    certificates = issue_certificates(decision, by=world.users["specialist"])
    assert [c.line for c in certificates] == [award_line]


def test_a_unit_wins_a_prize_when_no_name_is_given(world, draft):
    _prize(client_for(world, "specialist"), draft, unit=str(world.unit_b.pk), amount="3000000",
           contest="Hội thi Tin học trẻ")
    prize = draft.lines.get(kind=LineKind.CONTEST_PRIZE)
    assert (prize.unit, prize.group, prize.display_name, prize.amount) == (
        world.unit_b, "collective", "Sở Giáo dục và Đào tạo", 3_000_000)
    assert prizes.annex_groups(list(draft.lines.all())) == [("Thưởng thành tích cao tại cuộc thi Hội thi Tin học trẻ",
                                                             [prize])]


def test_bad_prizes_are_refused_naming_the_field_and_nothing_is_saved(world, draft):
    client = client_for(world, "specialist")
    unknown = _prize(client, draft, unit=str(world.unit_b.pk), full_name="Trần Văn Khống")
    assert unknown.status_code == 200
    assert ("Không có người tên “Trần Văn Khống” trong Sở Giáo dục và Đào tạo: thêm người này vào đơn vị trước."
            in unknown.content.decode())
    zero = _prize(client, draft, unit=str(world.unit_b.pk), amount="0")
    assert zero.context["form"].errors["amount"] == ["Đảm bảo giá trị này lớn hơn hoặc bằng với 1 ."]
    huge = _prize(client, draft, unit=str(world.unit_b.pk), amount="20000000000")
    assert huge.context["form"].errors["amount"] == [
        "20.000.000.000 đồng vượt quá mức một khoản thưởng có thể có; kiểm tra lại số tiền."]
    assert not draft.lines.filter(kind=LineKind.CONTEST_PRIZE).exists()
    with pytest.raises(ValidationError, match="Ghi tên cuộc thi"):
        prizes.add_contest_prize(draft, by=world.users["specialist"], contest="  ", unit=world.unit_b, amount=1)


def test_a_signed_decision_takes_no_prize(world, draft):
    decision = _sign(world, draft)
    assert _prize(client_for(world, "specialist"), decision, unit=str(world.unit_a.pk)).status_code == 404
    with pytest.raises(ValidationError, match="chỉ thêm được vào dự thảo quyết định khen thưởng"):
        prizes.add_contest_prize(decision, by=world.users["specialist"], contest=CONTEST, unit=world.unit_a,
                                 amount=1_000_000)


def test_the_payment_sheet_has_ky_nhan_voucher_payer_and_the_prizes_apart(world, draft):
    client = client_for(world, "specialist")
    _prize(client, draft, unit=str(world.unit_a.pk), full_name="Nguyễn Văn An", amount="5000000")
    decision = _sign(world, draft)
    fund = RewardFund.objects.create(name="Quỹ thi đua, khen thưởng tỉnh", authority=decision.authority)
    before = _sheet(client.get(reverse("decisions:payments_xlsx", args=[decision.pk])))
    assert [before.cell(row=r, column=1).value for r in (4, 5)] == ["Số chứng từ: ", "Người chi: "]
    missing = client.post(reverse("decisions:payout", args=[decision.pk]), {"entry_date": "10/07/2026"})
    assert missing.status_code == 302 and not RewardFundEntry.objects.exists()
    client.post(reverse("decisions:payout", args=[decision.pk]), {
        "entry_date": "12/07/2026", "voucher_number": "PC-0125", "payer": "Lò Thị Mai"})
    entries = list(RewardFundEntry.objects.filter(fund=fund).order_by("id"))
    assert [(e.line_kind, e.amount, e.voucher_number, e.payer, e.description) for e in entries] == [
        ("award", 3_800_000, "PC-0125", "Lò Thị Mai", f"Chi tiền thưởng theo Quyết định số {decision.number_text}"),
        ("contest_prize", 5_000_000, "PC-0125", "Lò Thị Mai",
         f"Chi thưởng thành tích cao tại cuộc thi theo Quyết định số {decision.number_text}")]
    sheet = _sheet(client.get(reverse("decisions:payments_xlsx", args=[decision.pk])))
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row)]
    assert rows[3][0] == "Số chứng từ: PC-0125" and rows[4][0] == "Người chi: Lò Thị Mai"
    assert rows[6] == ["STT", "Họ tên / Tập thể", "Chức vụ, đơn vị", "Nhóm", "Hệ số", "Số tiền (đồng)", "Ký nhận",
                       "Ghi chú"]
    assert rows[7][:4] + rows[7][5:] == [1, "Giàng A Páo", rows[7][2], "cá nhân", 3_800_000, None, None]
    assert rows[8][:4] + rows[8][4:] == [2, "Nguyễn Văn An", "Sở Y tế", "thưởng thành tích cao tại cuộc thi",
                                         None, 5_000_000, None, CONTEST]
    assert rows[9][1:6] == ["Cộng cá nhân (1)", None, None, None, 3_800_000]
    assert rows[10][1:6] == ["Cộng thưởng thành tích cao tại cuộc thi (1)", None, None, None, 5_000_000]
    assert rows[11][1:6] == ["TỔNG CỘNG", None, None, None, 8_800_000]
    assert rows[13][1:3] == ["NGƯỜI LẬP BIỂU", "NGƯỜI CHI TIỀN"] and rows[17][2] == "Lò Thị Mai"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # values, never formulas
    page = client.get(reverse("decisions:payments", args=[decision.pk])).content.decode()
    assert "PC-0125" in page and "Lò Thị Mai" in page and 'id="payout-form"' not in page
    ledger = client.get(reverse("decisions:fund")).content.decode()
    assert ledger.count("<td>PC-0125</td><td>Lò Thị Mai</td>") == 2


def test_a_payout_is_posted_once_even_when_only_the_prizes_remain(world, draft):
    decision = _sign(world, draft)
    fund = RewardFund.objects.create(name="Quỹ tỉnh", authority=decision.authority)
    lines = list(decision.lines.all())
    payments.post_payout(fund, decision, lines, by=world.users["specialist"], voucher_number="PC-1", payer="A")
    with pytest.raises(ValidationError, match="đã được ghi sổ"):
        payments.post_payout(fund, decision, lines, by=world.users["specialist"], voucher_number="PC-2", payer="B")
    assert RewardFundEntry.objects.count() == 1


def test_the_annex_lists_the_prizes_after_the_awards_with_their_amounts(world, draft):
    _prize(client_for(world, "specialist"), draft, unit=str(world.unit_b.pk), amount="3000000",
           contest="Hội thi Tin học trẻ")
    document = docx.Document(io.BytesIO(documents.decision_docx(draft, all_lines(draft))))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("I. CÁ NHÂN")
    assert texts[start:start + 4] == [
        "I. CÁ NHÂN", "1. Giàng A Páo, Sở Giáo dục và Đào tạo;",
        "II. Thưởng thành tích cao tại cuộc thi Hội thi Tin học trẻ",
        "1. Sở Giáo dục và Đào tạo: 3.000.000 đồng."]
