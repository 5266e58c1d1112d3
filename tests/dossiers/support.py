"""Factories for the dossier workflow tests: a dossier of unit A with lines, and its mandatory files."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.accounts.enums import Role
from tdkt.accounts.models import User
from tdkt.awards.models import AwardType
from tdkt.dossiers import workflow
from tdkt.dossiers.documents import add_document
from tdkt.dossiers.models import Nomination
from tests.factories import make_user

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32


def pdf(name="to-trinh.pdf", data=PDF_BYTES):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def award(code):
    return AwardType.objects.get(code=code)


def add_line(dossier, *, person=None, unit=None, code="LDTT", position=1):
    kind = award(code)
    return Nomination.objects.create(dossier=dossier, person=person, unit=unit, proposed_award_type=kind,
                                     award_type=kind, position=position)


def draft_of_unit_a(world, *, title="Hồ sơ khen thưởng cuối năm 2025", year=2025, **extra):
    return workflow.create_dossier(unit=world.unit_a, title=title, kind="year_end", by=world.users["clerk_a"],
                                   year=year, **extra)


def complete(dossier, by, lines):
    """The national-default mandatory files: tờ trình, biên bản, one report per line."""
    add_document(dossier, by=by, document_type="cover_letter", uploaded=pdf())
    add_document(dossier, by=by, document_type="council_minutes", uploaded=pdf("bien-ban.pdf"))
    for line in lines:
        add_document(dossier, by=by, document_type="achievement_report", uploaded=pdf("bao-cao.pdf"), nomination=line)


def ready_draft(world, *, people=None, code="LDTT"):
    """A complete draft of unit A with one line per person (person_a by default)."""
    dossier = draft_of_unit_a(world)
    lines = [add_line(dossier, person=person, code=code, position=index + 1)
             for index, person in enumerate(people or [world.person_a])]
    complete(dossier, world.users["clerk_a"], lines)
    return dossier, lines


def in_appraisal(world, **kwargs):
    dossier, lines = ready_draft(world, **kwargs)
    specialist = world.users["specialist"]
    workflow.submit_dossier(dossier, by=leader_a(world))
    workflow.receive_dossier(dossier, by=specialist)
    workflow.start_appraisal(dossier, by=specialist)
    for line in lines:
        line.refresh_from_db()
    return dossier, lines


def store_verdict(lines, code="eligible"):
    """Give lines a stored verdict, as the engine's snapshot at appraisal would (accepting a line whose
    verdict is not "eligible" needs a reason and a confirmation: tests of other steps start from eligible)."""
    for line in lines:
        line.verdict_at_appraisal = line.verdict_live = {"verdict": code, "findings": []}
    Nomination.objects.bulk_update(lines, ["verdict_at_appraisal", "verdict_live"])

def leader_a(world):
    """The leader of unit A (lãnh đạo): approves and sends what the clerk prepared."""
    user = User.objects.filter(username="lanhdao.a").first()
    return user or make_user("lanhdao.a", role=Role.UNIT_LEADER, unit=world.unit_a, full_name="Lê Văn Lãnh")
