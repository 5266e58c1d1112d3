"""The signature block derived from the signer's post (never typed), the tờ trình cited, Điều 2's bonus
article from the catalogue, the draft's date kept, and who may approve (issue 16 items 3 and 4)."""

import datetime
import io
from types import SimpleNamespace

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from tdkt.accounts.enums import Role
from tdkt.awards.models import AwardType
from tdkt.decisions import documents, services, signature
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tdkt.decisions.queries import all_lines
from tdkt.decisions.signature import SignatureBlock, legacy_fields, signature_block
from tdkt.orgs.enums import SignerRank
from tdkt.orgs.models import SignerPost
from tests.decisions.support import approved, cite_proposal, make_authority, make_dossier
from tests.factories import make_user

UBND, DEPARTMENT = "ỦY BAN NHÂN DÂN", ""

# collective body, head title, rank, post title, name → lines
BLOCKS = [
    (UBND, "CHỦ TỊCH", SignerRank.HEAD, "CHỦ TỊCH", "Hồ Đức Phớc", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
    (UBND, "CHỦ TỊCH", SignerRank.DEPUTY, "Phó Chủ tịch", "Nguyễn Văn Bình",
     ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    (UBND, "CHỦ TỊCH", SignerRank.ACTING, "Phó Chủ tịch", "Lê Văn Cường", ("TM. ỦY BAN NHÂN DÂN", "Q. CHỦ TỊCH")),
    (DEPARTMENT, "GIÁM ĐỐC", SignerRank.HEAD, "GIÁM ĐỐC", "Trần Thị Dung", ("GIÁM ĐỐC",)),
    (DEPARTMENT, "GIÁM ĐỐC", SignerRank.DEPUTY, "PHÓ GIÁM ĐỐC", "Phạm Văn Em", ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
    (DEPARTMENT, "Giám đốc", SignerRank.ACTING, "PHÓ GIÁM ĐỐC", "Vũ Thị Giang", ("Q. GIÁM ĐỐC",)),
]


@pytest.mark.parametrize(("body", "head", "rank", "title", "name", "lines"), BLOCKS,
                         ids=[f"{row[2]}-{row[1]}-{bool(row[0])}" for row in BLOCKS])
def test_the_block_follows_the_post(body, head, rank, title, name, lines):
    block = signature_block(collective_body=body, head_title=head, rank=rank, title=title, name=name)
    assert block == SignatureBlock(lines=lines, name=name)
    assert SignatureBlock.from_dict(block.as_dict()) == block


@pytest.mark.parametrize(("decider", "body", "decides_as_body"), [
    # NĐ152 Đ6.2.b / NĐ129 Đ59 give awards to the chairman himself: his own decision, no TM. line.
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI", UBND, False),
    ("Chủ tịch Ủy ban nhân dân xã Bảo Hà", UBND, False),
    # A decision of the committee as a collective body (Luật Tổ chức CQĐP; the Lạng Sơn seed's plans): TM.
    ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", UBND, True),
    ("GIÁM ĐỐC SỞ Y TẾ", DEPARTMENT, False),
])
def test_tm_only_when_the_collective_body_decides(decider, body, decides_as_body):
    authority = SimpleNamespace(collective_body=body, head_title="GIÁM ĐỐC" if body == DEPARTMENT else "CHỦ TỊCH",
                                decider_title=decider)
    assert signature.decides_as_body(authority) is decides_as_body
    post = SimpleNamespace(authority=authority, rank=SignerRank.DEPUTY, title="PHÓ CHỦ TỊCH", full_name="Lò Văn Bình")
    assert signature.block_for_post(post).lines[0].startswith("TM.") is decides_as_body


def test_an_unknown_rank_is_refused():
    with pytest.raises(ValueError, match=r"^unknown signer rank: 'chief'$"):
        signature_block(collective_body="", head_title="GIÁM ĐỐC", rank="chief", title="", name="")


@given(head=st.sampled_from(["CHỦ TỊCH", "GIÁM ĐỐC", "TỔNG GIÁM ĐỐC"]), body=st.sampled_from(["", UBND]),
       title=st.text(alphabet="PHÓ CHỦTỊGIÁMĐỐC ", max_size=20), name=st.text(max_size=30))
def test_a_head_never_signs_kt_and_a_deputy_always_does(head, body, title, name):
    as_head = signature_block(collective_body=body, head_title=head, rank=SignerRank.HEAD, title=title, name=name)
    as_deputy = signature_block(collective_body=body, head_title=head, rank=SignerRank.DEPUTY, title=title, name=name)
    assert not any(line.startswith("KT.") for line in as_head.lines)
    assert as_head.lines[-1] == head
    assert f"KT. {head}" in as_deputy.lines
    assert as_head.lines[0].startswith("TM. ") == bool(body) == as_deputy.lines[0].startswith("TM. ")
    assert as_head.name == as_deputy.name == " ".join(name.split())


def test_the_old_columns_are_written_from_the_block():
    deputy = signature_block(collective_body="", head_title="GIÁM ĐỐC", rank=SignerRank.DEPUTY,
                             title="PHÓ GIÁM ĐỐC", name="Phạm Văn Em")
    assert legacy_fields(deputy) == {"signing_mode": "KT", "signer_on_behalf_of": "GIÁM ĐỐC",
                                     "signer_position": "PHÓ GIÁM ĐỐC", "signer_name": "Phạm Văn Em"}


# catalogue legal basis → the provision Điều 2 cites
PROVISIONS = [
    ("Luật TĐKT 2022 Đ24.1; tiền thưởng NĐ 152/2025/NĐ-CP Đ50", "Điều 50 Nghị định số 152/2025/NĐ-CP"),
    ("Luật TĐKT 2022 Đ20; NĐ 86/2023/NĐ-CP; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2",
     "khoản 2 Điều 50 Nghị định số 152/2025/NĐ-CP"),
    ("Luật TĐKT 2022 Đ71; NĐ 152/2025/NĐ-CP Đ6.2.b; tiền thưởng tối đa Đ54.1.d",
     "điểm d khoản 1 Điều 54 Nghị định số 152/2025/NĐ-CP"),
    ("Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ11, Đ28.1.a, Đ33.1, Đ38, Đ51", "Điều 51 Nghị định số 152/2025/NĐ-CP"),
    ("Luật TĐKT 2022 Đ96; NĐ 152/2025/NĐ-CP Đ6.1.g, Đ55; QĐ 637/QĐ-BNV (công khai tại xã 05 ngày)",
     "Điều 55 Nghị định số 152/2025/NĐ-CP"),
    ("Luật TĐKT 2022 Đ29; NĐ 152/2025/NĐ-CP Đ8, Đ50.2; NĐ 86/2023/NĐ-CP", "khoản 2 Điều 50 Nghị định số 152/2025/NĐ-CP"),
    ("Quy định của tỉnh", "Điều 49 Nghị định số 152/2025/NĐ-CP"),
    ("", "Điều 49 Nghị định số 152/2025/NĐ-CP"),
]


@pytest.mark.parametrize(("legal_basis", "provision"), PROVISIONS, ids=[row[1] + row[0][:20] for row in PROVISIONS])
def test_the_bonus_article_comes_from_the_catalogue(legal_basis, provision):
    assert documents.bonus_provision(AwardType(legal_basis=legal_basis)) == provision


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "provision"), [("LDTT", "Điều 50"), ("BK_TINH", "Điều 54"),
                                                 ("CO_TINH", "khoản 2 Điều 50")])
def test_every_seeded_award_with_a_bonus_cites_its_own_article(code, provision):
    award = AwardType.objects.get(code=code)
    assert documents.bonus_provision(award) == f"{provision} Nghị định số 152/2025/NĐ-CP"


def test_the_proposal_line_cites_the_tờ_trình():
    decision = Decision(proposal="Theo đề nghị của Giám đốc Sở Nội vụ", proposal_reference="45/TTr-SNV",
                        proposal_date=datetime.date(2026, 11, 10))
    assert documents.proposal_line(decision) == ("Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV "
                                                 "ngày 10/11/2026")
    decision.proposal_reference = ""
    assert documents.proposal_line(decision) == "Theo đề nghị của Giám đốc Sở Nội vụ"


# --- with the database -----------------------------------------------------------------------------------


@pytest.fixture
def province(world):
    """The provincial authority with its chairman (the signer persona) and a vice-chairman."""
    authority = make_authority()
    since = datetime.date(2021, 1, 1)
    chairman = SignerPost.objects.create(authority=authority, user=world.users["signer"], full_name="Hồ Đức Phớc",
                                         rank=SignerRank.HEAD, title="CHỦ TỊCH", valid_from=since)
    vice_user = make_user("phochutich", role=Role.SIGNER, unit=world.province)
    vice = SignerPost.objects.create(authority=authority, user=vice_user, full_name="Nguyễn Văn Bình",
                                     rank=SignerRank.DEPUTY, title="PHÓ CHỦ TỊCH", valid_from=since)
    return authority, chairman, vice


def _draft(world, authority, **extra):
    (decision,) = services.draft_decisions([approved(make_dossier(world.unit_a), person=world.person_a)],
                                           by=world.users["specialist"], authority=authority, **extra)
    return decision


def _signature_cell(decision) -> list[str]:
    document = docx.Document(io.BytesIO(documents.decision_docx(decision, all_lines(decision))))
    return [p.text for p in document.tables[1].cell(0, 1).paragraphs if p.text]


def test_the_draft_defaults_to_the_head_and_keeps_its_date(world, province):
    authority, chairman, _vice = province
    decision = _draft(world, authority, date=datetime.date(2026, 11, 20))
    assert (decision.signer_post, decision.signer_id, decision.decision_date) == (
        chairman, world.users["signer"].pk, datetime.date(2026, 11, 20))
    # The chairman's own decision (NĐ152 Đ6.2.b gives the award to him, not to the committee): "CHỦ TỊCH" over
    # his name, no TM. line.
    assert _signature_cell(decision) == ["CHỦ TỊCH", "Hồ Đức Phớc"]
    document = docx.Document(io.BytesIO(documents.decision_docx(decision, all_lines(decision))))
    assert document.tables[0].cell(1, 1).text == "Lào Cai, ngày 20 tháng 11 năm 2026"


def test_a_vice_chairman_signs_kt_and_cannot_approve_the_chairmans_post(world, province):
    authority, chairman, vice = province
    decision = cite_proposal(_draft(world, authority))
    services.update_draft(decision, by=world.users["specialist"], signer_post=vice)
    decision = Decision.objects.get(pk=decision.pk)
    assert _signature_cell(decision) == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình"]
    assert (decision.signing_mode, decision.signer_position, decision.signer_name) == (
        "KT", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình")
    # The chairman's account is not the vice-chairman's post: refused, the draft stays.
    with pytest.raises(PermissionDenied, match=r"^Anh/chị không được thực hiện thao tác này đối với quyết định này\.$"):
        services.approve_for_signing(decision, by=world.users["signer"])
    services.update_draft(decision, by=world.users["specialist"], signer_post=chairman)
    services.approve_for_signing(decision, by=world.users["signer"])
    assert Decision.objects.get(pk=decision.pk).state == DecisionState.APPROVED_FOR_SIGNING


def test_a_post_of_another_authority_or_out_of_office_is_refused(world, province):
    authority, _chairman, _vice = province
    other = make_authority(name="Ủy ban nhân dân xã Sa Pa")
    stranger = SignerPost.objects.create(authority=other, full_name="Lò Văn Hải", rank=SignerRank.HEAD,
                                         title="CHỦ TỊCH", valid_from=datetime.date(2021, 1, 1))
    retired = SignerPost.objects.create(authority=authority, full_name="Đỗ Văn Khải", rank=SignerRank.DEPUTY,
                                        title="PHÓ CHỦ TỊCH", valid_from=datetime.date(2016, 1, 1),
                                        valid_to=datetime.date(2021, 6, 30))
    decision = _draft(world, authority, date=datetime.date(2026, 11, 20))
    for post in (stranger, retired):
        with pytest.raises(ValidationError, match=rf"^\{{'signer_post': \['{post} không giữ chức vụ của Ủy ban nhân "
                                                  r"dân tỉnh Lào Cai vào ngày 20/11/2026: hãy chọn một người ký có "
                                                  r"chức vụ vào ngày đó\.'\]\}$"):
            services.update_draft(decision, by=world.users["specialist"], signer_post=post)
    assert Decision.objects.get(pk=decision.pk).signer_post_id == province[1].pk


def test_approval_is_refused_while_the_tờ_trình_is_not_cited(world, province):
    authority, _chairman, _vice = province
    decision = _draft(world, authority)
    with pytest.raises(ValidationError, match=r"^\['Hãy nhập Số tờ trình, Ngày tờ trình trong dự thảo trước khi duyệt "
                                              r"trình ký: quyết định phải dẫn tờ trình đề nghị\.'\]$"):
        services.approve_for_signing(decision, by=world.users["signer"])
    services.update_draft(decision, by=world.users["specialist"], proposal_reference="45/TTr-SNV",
                          proposal_date=datetime.date(2026, 11, 10))
    services.approve_for_signing(decision, by=world.users["signer"])
    document = docx.Document(io.BytesIO(documents.decision_docx(decision, all_lines(decision))))
    assert "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 10/11/2026." in [
        p.text for p in document.paragraphs]


def test_an_authority_with_posts_needs_one_chosen(world, province):
    authority, _chairman, _vice = province
    decision = cite_proposal(_draft(world, authority))
    services.update_draft(decision, by=world.users["specialist"], signer_post=None)
    with pytest.raises(ValidationError, match=r"^\['Hãy chọn người ký \(chức vụ người ký\) trong dự thảo trước khi "
                                              r"duyệt trình ký\.'\]$"):
        services.approve_for_signing(decision, by=world.users["signer"])


def test_a_department_head_signs_in_his_own_name(world):
    from tests.factories import make_authority as make_unit_authority

    authority = make_unit_authority(world.unit_a, symbol="QĐ-SYT")
    SignerPost.objects.create(authority=authority, full_name="Trần Thị Dung", rank=SignerRank.HEAD, title="GIÁM ĐỐC",
                              valid_from=datetime.date(2021, 1, 1))
    dossier = make_dossier(world.unit_a, cover_letter_number="12/TTr-BVĐK", cover_letter_date=datetime.date(2026, 11, 3),
                           receiving_authority=authority)
    (decision,) = services.draft_decisions([approved(dossier, person=world.person_a, code="LDTT")],
                                           by=world.users["clerk_a"])
    # A unit's own round cites the cover letter of the dossier it decides.
    assert (decision.proposal_reference, decision.proposal_date) == ("12/TTr-BVĐK", datetime.date(2026, 11, 3))
    assert _signature_cell(decision) == ["GIÁM ĐỐC", "Trần Thị Dung"]
