"""Builders of the initiatives tests: a work registered, evaluated and recognised through the services."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.decisions import services as decisions
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.initiatives import services
from tests.decisions.support import SIGNED_ON, cite_proposal, make_authority, pdf_bytes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def registered(world, *, by="clerk_a", unit=None, authors=None, title="Số hóa hồ sơ bệnh án điện tử", **extra):
    authors = authors if authors is not None else [(world.person_a, 60), (world.person_a_child, 40)]
    return services.register_work(by=world.users[by], unit=unit or world.unit_a, authors=authors, title=title,
                                  field=extra.pop("field", "Y tế"), **extra)


def evaluated(world, work, *, by="clerk_a", passed=True):
    return services.evaluate_work(work, by=world.users[by], meeting_date=datetime.date(2025, 5, 20), passed=passed,
                                  members=[(world.person_a_child, 85, "for"), (world.person_b, None, "for")],
                                  council_name="Hội đồng sáng kiến Sở Y tế")


def recognised(world, work=None, *, by="specialist", scope="TINH", day=datetime.date(2025, 6, 10)):
    work = work or evaluated(world, registered(world))
    return services.recognise_work(work, by=world.users[by], scope=scope, decision_number="125/QĐ-UBND",
                                   decision_date=day, recognised_by="Chủ tịch UBND tỉnh")


def _approved(line):
    """The line's way through appraisal and the council is the dossiers' tests' business: here it is set."""
    Dossier.objects.filter(pk=line.dossier_id).update(state=DossierState.CONSIDERED)
    Nomination.objects.filter(pk=line.pk).update(state=NominationState.APPROVED)
    line.refresh_from_db()
    return line


def sign_line(world, line, *, on=SIGNED_ON):
    """The line approved by the council, drafted into a decision of the province, approved and signed on `on`."""
    (decision,) = decisions.draft_decisions([_approved(line)], by=world.users["specialist"],
                                            authority=make_authority(), date=on - datetime.timedelta(days=5))
    decisions.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    return decisions.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=on)
