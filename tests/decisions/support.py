"""Shared set-up for the decisions tests: an issuing authority, approved nominations, a real PDF."""

import datetime
import io

from tdkt.awards.models import AwardType
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.orgs.models import IssuingAuthority

SIGNED_ON = datetime.date(2026, 7, 10)


def make_authority(**extra) -> IssuingAuthority:
    values = {"name": "Ủy ban nhân dân tỉnh Lào Cai", "symbol": "QĐ-UBND", "place": "Lào Cai",
              "decider_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI"} | extra
    return IssuingAuthority.objects.create(**values)


def make_dossier(unit, *, year=2025, state=DossierState.CONSIDERED, **extra) -> Dossier:
    return Dossier.objects.create(unit=unit, title=f"Hồ sơ khen thưởng năm {year}", year=year,
                                  period_from=datetime.date(year, 1, 1), period_to=datetime.date(year, 12, 31),
                                  state=state, **extra)


def approved(dossier, *, person=None, unit=None, household=None, code="BK_TINH", position=1, **extra) -> Nomination:
    award = AwardType.objects.get(code=code)
    return Nomination.objects.create(dossier=dossier, person=person, unit=unit, household=household,
                                     proposed_award_type=award, award_type=award, state=NominationState.APPROVED,
                                     position=position, **extra)


def pdf_bytes(text: str = "Quyết định đã ký") -> bytes:
    """A real one-page PDF (fpdf2 with the bundled font)."""
    from fpdf import FPDF

    from tdkt.lib.fonts import SERIF

    pdf = FPDF()
    pdf.add_font("Serif", "", str(SERIF[""]))
    pdf.add_page()
    pdf.set_font("Serif", size=14)
    pdf.cell(text=text)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


PROPOSAL_REFERENCE = "45/TTr-SNV"
PROPOSAL_DATE = datetime.date(2026, 7, 1)


def cite_proposal(decision, reference: str = PROPOSAL_REFERENCE, day: datetime.date = PROPOSAL_DATE):
    """Fill in the tờ trình a draft cites (approval for signing is refused without it); returns the decision."""
    from tdkt.decisions.models import Decision

    Decision.objects.filter(pk=decision.pk).update(proposal_reference=reference, proposal_date=day)
    decision.proposal_reference, decision.proposal_date = reference, day
    return decision
