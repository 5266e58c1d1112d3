"""The demo province's khen cao: a State-level proposal built from the lines waiting at the province, sent up,
and the Prime Minister's decision that answers it, entered into the award history (the people's histories
show it). Nothing is made when the demo holds no State-level line."""

import datetime

from django.contrib.auth import get_user_model

from tdkt.central import proposals, register
from tdkt.central.transitions import COUNCIL_VOTE_AWARDS, PROPOSAL

DEMO_LINES = 5  # lines of the demo proposal: enough for a list, few enough to read


def load_demo(year: int) -> str:
    specialist = get_user_model().objects.filter(username="chuyenvien").first()
    for award in proposals.central_awards():
        if award.code in COUNCIL_VOTE_AWARDS:  # sent only after the council's vote, which the demo does not hold
            continue
        lines = list(proposals.proposable_lines(award)[:DEMO_LINES])
        if lines and specialist is not None:
            break
    else:
        return "Khen cao: chưa có dòng đề nghị khen cao nào ở tỉnh, bỏ qua."
    proposal = proposals.create_proposal(award_type=award, year=year - 1, nominations=lines, by=specialist)
    proposals.build_package(proposal, by=specialist)
    sent_on = datetime.date(year, 2, 10)
    PROPOSAL.handlers["send"](proposal, by=specialist, sent_on=sent_on, sent_via="dms", sent_reference="Hệ thống BNV")
    proposals.record_receipt(proposal, by=specialist, paper_received_on=sent_on + datetime.timedelta(days=4),
                             files_received_on=sent_on + datetime.timedelta(days=1))
    decision = register.record_decision(kind=proposal.decider_kind, number=f"{300 + proposal.pk}/QĐ-"
                                        f"{'TTg' if proposal.decider_kind == 'prime_minister' else 'CTN'}",
                                        signed_on=datetime.date(year, 4, 20), by=specialist)
    for line in lines:
        register.add_line(decision, name=register.recipient_name(line), award_type=award, by=specialist)
    added = register.commit(decision, by=specialist)
    return (f"Khen cao: 1 đề nghị “{award.name}” ({len(lines)} dòng) đã gửi, quyết định {decision.number} "
            f"đã ghi {added} khen thưởng vào lịch sử")


def wipe_demo() -> int:
    """Nothing: the award records a committed decision wrote are kept, as the decisions demo's are."""
    return 0
