"""Small factories for the nominee tests: dossiers and lines written directly."""

import datetime

from tdkt.awards.models import AwardType
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.orgs.enums import UnitKind
from tests.factories import make_authority, make_person


def make_dossier(unit, *, year=2025, title="Hồ sơ đề nghị khen thưởng năm 2025", state="draft", to_province=False,
                 **extra) -> Dossier:
    """A dossier of the unit's own round (to the authority of the unit, or of its parent department), where the
    grassroots titles these tests mostly propose are decided; `to_province=True` for the province's awards."""
    if not to_province and "receiving_authority" not in extra:
        department = unit.parent if unit.parent and unit.parent.kind == UnitKind.DEPARTMENT else unit
        extra["receiving_authority"] = make_authority(department)
        extra.setdefault("authority", extra["receiving_authority"].kind)
    return Dossier.objects.create(unit=unit, year=year, title=title, state=state, **extra)


def award(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def make_line(dossier, *, person=None, unit=None, household=None, code="LDTT", position=0, **extra) -> Nomination:
    kind = award(code)
    return Nomination.objects.create(dossier=dossier, person=person, unit=unit, household=household,
                                     proposed_award_type=kind, award_type=kind, position=position, **extra)


def make_people(unit, count, *, prefix="Người thử"):
    return [make_person(f"{prefix} {index:04d}", unit=unit, birth_date=datetime.date(1980, 1, 1) +
                        datetime.timedelta(days=index)) for index in range(count)]
