"""Shared set-up of the document-package tests: a signed decision, a tờ trình with its number, a central
decision's package as the Prime Minister's office would send it."""

import datetime

from tdkt.decisions import services
from tdkt.lib import edxml
from tdkt.lib.edxml import Agency, Envelope
from tests.central.support import sent_proposal
from tests.central.test_register_documents import word_decision
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes

SIGNED_PDF = pdf_bytes()


def signed_decision(world):
    """Bằng khen of the province's chairman for person A of Sở Y tế's dossier, approved and signed."""
    authority = make_authority()
    dossier = make_dossier(world.unit_a)
    nomination = approved(dossier, person=world.person_a, position_and_unit="Chuyên viên, Sở Y tế")
    decision = services.draft_decisions([nomination], by=world.users["specialist"], authority=authority,
                                        date=datetime.date(2026, 7, 1))[0]
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    return services.sign_decision(decision, by=world.users["specialist"], signed_pdf=SIGNED_PDF, signed_on=SIGNED_ON)


def numbered_proposal(world):
    proposal = sent_proposal(world)
    type(proposal).objects.filter(pk=proposal.pk).update(submission_number="125/TTr-UBND",
                                                         submission_date=datetime.date(2026, 2, 27))
    proposal.refresh_from_db()
    return proposal


def central_package(*, sender="TTG", number="812", files=None, reference="", kind="decision",
                    message_id="ttg-812") -> bytes:
    envelope = Envelope(message_id=message_id, kind=kind, sender=Agency(sender, "Văn phòng Chính phủ"),
                        receivers=(Agency("UBND-TINH", "Ủy ban nhân dân tỉnh Lào Cai"),), number=number,
                        symbol="QĐ-TTg", date=datetime.date(2026, 5, 20), doc_type="Quyết định",
                        title="Về việc tặng Bằng khen của Thủ tướng Chính phủ", issuer="Thủ tướng Chính phủ",
                        signer_name="Phạm Minh Chính", signer_position="THỦ TƯỚNG", reference=reference)
    return edxml.write_package(envelope, files if files is not None else [("qd-812.docx", word_decision(), "")])
