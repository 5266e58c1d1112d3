"""Factories for the hiệp y and công khai tests: a dossier of unit A in appraisal, its lines, an agency
answering through unit B's users, requests and notices written through the services."""

import datetime

from tdkt.awards.models import AwardType
from tdkt.dossiers.consultations import services as consultations
from tdkt.dossiers.consultations.models import ConsultedAgency
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination

D = datetime.date


def make_dossier(unit, *, state=DossierState.IN_APPRAISAL, title="Hồ sơ đề nghị khen thưởng năm 2025") -> Dossier:
    return Dossier.objects.create(unit=unit, year=2025, title=title, state=state)


def add_line(dossier, *, person=None, unit=None, code="BK_TINH", position=1, state=NominationState.ACCEPTED,
             **extra) -> Nomination:
    kind = AwardType.objects.get(code=code)
    return Nomination.objects.create(dossier=dossier, person=person, unit=unit, proposed_award_type=kind,
                                     award_type=kind, position=position, state=state, **extra)


def police(unit=None) -> ConsultedAgency:
    """The seeded police agency; answering through `unit`'s clerks when given."""
    agency = ConsultedAgency.objects.get(name="Công an tỉnh")
    if unit is not None:
        agency.unit = unit
        agency.save(update_fields=["unit"])
    return agency


def tax() -> ConsultedAgency:
    return ConsultedAgency.objects.get(name="Thuế tỉnh")


def dossier_with_two_lines(world):
    """Unit A's dossier: person A (with birth date and citizen ID) for CSTĐTQ, person A-child for a Bằng khen."""
    dossier = make_dossier(world.unit_a)
    first = add_line(dossier, person=world.person_a, code="CSTD_TQ", position=1)
    second = add_line(dossier, person=world.person_a_child, code="BK_TINH", position=2)
    return dossier, first, second


FIRST_MONDAY_OF_MARCH = D(2026, 3, 2)  # answer due Monday 16/03/2026


def request_to_unit_b_agency(world, *, sent_on=FIRST_MONDAY_OF_MARCH):
    """A request about unit A's two lines to the police, who answer through unit B's clerk."""
    dossier, first, second = dossier_with_two_lines(world)
    [request] = consultations.send_consultation(dossier, by=world.users["specialist"], agencies=[police(world.unit_b)],
                                                nominations=[first, second], sent_on=sent_on)
    return request
