"""State-level proposals: lines, the package (Word and PDF opened and read), the state machine table."""

import datetime
import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from tdkt.central import proposals
from tdkt.central.enums import ProposalState as P
from tdkt.central.models import StateProposalChange
from tdkt.central.transitions import PROPOSAL
from tdkt.dossiers.enums import NominationState
from tests.central.support import SENT_ON, sent_proposal, state_lines


@pytest.fixture
def draft(world):
    lines = state_lines(world)
    return proposals.create_proposal(award_type=lines[0].award_type, year=2025, nominations=lines,
                                     by=world.users["specialist"])


def test_a_proposal_takes_the_accepted_lines_once(world, draft):
    assert draft.decider_kind == "prime_minister"
    assert draft.lines.count() == 2
    assert list(proposals.proposable_lines(draft.award_type)) == []
    assert list(draft.history.values_list("from_state", "to_state")) == [("", P.DRAFT)]


def test_a_province_level_award_is_refused(world):
    line = state_lines(world, code="BK_TINH")[0]
    with pytest.raises(ValidationError, match="không thuộc thẩm quyền quyết định của Trung ương"):
        proposals.create_proposal(award_type=line.award_type, year=2025, nominations=[line],
                                  by=world.users["specialist"])


def test_a_line_already_proposed_is_refused(world, draft):
    line = draft.lines.first().nomination
    other = proposals.create_proposal
    with pytest.raises(ValidationError, match="đã nằm trong một đề nghị khác"):
        other(award_type=line.award_type, year=2025, nominations=[line], by=world.users["specialist"])


def test_the_package_holds_the_cover_letter_and_the_list(world, draft):
    proposals.build_package(draft, by=world.users["specialist"])
    draft.refresh_from_db()
    with draft.word_file.open("rb") as handle:
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(handle.read())).paragraphs)
    assert "TỜ TRÌNH" in text
    assert "Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ)." in text
    assert "ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ" in text
    with draft.pdf_file.open("rb") as handle:
        pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "TỜ TRÌNH" in pdf_text
    assert "Nguyễn Văn An" in pdf_text


def test_sending_needs_the_package_and_records_the_dispatch(world, draft):
    by = world.users["specialist"]
    with pytest.raises(ValidationError, match="Hãy lập bộ hồ sơ"):
        PROPOSAL.handlers["send"](draft, by=by, sent_on=SENT_ON, sent_via="post")
    proposals.build_package(draft, by=by)
    with pytest.raises(ValidationError, match="Hãy ghi ngày gửi và hình thức gửi"):
        PROPOSAL.handlers["send"](draft, by=by, sent_on=None, sent_via="")
    PROPOSAL.handlers["send"](draft, by=by, sent_on=SENT_ON, sent_via="post", paper_sets=2)
    draft.refresh_from_db()
    assert (draft.state, draft.sent_on, draft.sent_via, draft.paper_sets) == (P.SENT, SENT_ON, "post", 2)


def test_received_only_when_both_paper_and_files_are_in(world):
    proposal = sent_proposal(world)
    by = world.users["specialist"]
    proposals.record_receipt(proposal, by=by, paper_received_on=datetime.date(2026, 3, 5))
    assert proposal.received_on is None
    proposals.record_receipt(proposal, by=by, paper_received_on=datetime.date(2026, 3, 5),
                             files_received_on=datetime.date(2026, 3, 3), central_note="Vụ Thi đua đã nhận")
    proposal.refresh_from_db()
    assert proposal.received_on == datetime.date(2026, 3, 5)
    with pytest.raises(ValidationError, match=r"Trung ương không thể nhận trước ngày gửi \(02/03/2026\)"):
        proposals.record_receipt(proposal, by=by, files_received_on=datetime.date(2026, 3, 1))


# (transition, state before, persona, expected state after or the error's message)
TABLE = [
    ("council_vote", P.DRAFT, "specialist", "không cần biểu quyết"),
    ("send", P.DRAFT, "clerk_a", PermissionDenied),
    ("return_with_requests", P.SENT, "specialist", P.RETURNED),
    ("return_with_requests", P.RESENT, "specialist", P.RETURNED),
    ("return_with_requests", P.DRAFT, "specialist", "không thể chuyển sang"),
    ("resend", P.RETURNED, "specialist", P.RESENT),
    ("resend", P.SENT, "specialist", "không thể chuyển sang"),
    ("return_with_requests", P.SENT, "council_member", PermissionDenied),
    ("decide", P.SENT, "specialist", PermissionDenied),
]


@pytest.mark.parametrize(("name", "before", "persona", "expected"), TABLE)
def test_transition_table(world, name, before, persona, expected):
    proposal = sent_proposal(world)
    type(proposal).objects.filter(pk=proposal.pk).update(state=before)  # the table's starting state
    proposal.refresh_from_db()
    user = world.users[persona]
    if name in {"send", "resend"} and expected not in (PermissionDenied,):
        action = lambda: PROPOSAL.run(proposal, name, by=user) if name == "send" else PROPOSAL.handlers[name](  # noqa: E731
            proposal, by=user, sent_on=SENT_ON, sent_via="hand")
    else:
        action = lambda: PROPOSAL.run(proposal, name, by=user, reason="Bổ sung báo cáo thành tích")  # noqa: E731
    if expected is PermissionDenied:
        with pytest.raises(PermissionDenied, match="^Anh/chị không được thực hiện thao tác này đối với đề nghị khen cao này"):
            action()
    elif expected in P.values:
        action()
        proposal.refresh_from_db()
        assert proposal.state == expected
        assert StateProposalChange.objects.filter(proposal=proposal).last().to_state == expected
    else:
        with pytest.raises(ValidationError, match=expected):
            action()


def test_an_award_with_a_council_vote_goes_through_the_vote(world):
    lines = state_lines(world, code="CSTD_TQ")
    by = world.users["specialist"]
    proposal = proposals.create_proposal(award_type=lines[0].award_type, year=2025, nominations=lines, by=by)
    proposals.build_package(proposal, by=by)
    with pytest.raises(ValidationError, match="phải có kết quả biểu quyết của Hội đồng TĐKT tỉnh trước khi gửi"):
        PROPOSAL.handlers["send"](proposal, by=by, sent_on=SENT_ON, sent_via="dms")
    type(lines[1]).objects.filter(pk=lines[1].pk).update(state=NominationState.ACCEPTED)
    with pytest.raises(ValidationError, match="Còn 1 dòng chưa được Hội đồng TĐKT tỉnh thông qua"):
        PROPOSAL.run(proposal, "council_vote", by=by)
    type(lines[1]).objects.filter(pk=lines[1].pk).update(state=NominationState.APPROVED)
    PROPOSAL.run(proposal, "council_vote", by=by)
    PROPOSAL.handlers["send"](proposal, by=by, sent_on=SENT_ON, sent_via="dms")
    assert proposal.state == P.SENT


def test_a_proposal_without_lines_is_refused(world):
    line = state_lines(world)[0]
    with pytest.raises(ValidationError, match="Hãy chọn ít nhất một dòng để đề nghị"):
        proposals.create_proposal(award_type=line.award_type, year=2025, nominations=[], by=world.users["specialist"])
