"""What an issued decision said, frozen at signing: the authority's name, symbol, parent and place, the
signature block, the award's name and level and the kind of commendation on the decision; on each line the
name as printed, the person's category, position and statistical group, the recipient kind, the unit's name,
whether a collective recipient is an enterprise, and the award's name. Published pages and the decision page read these once signed, so renaming an award, a unit or an
authority later does not rewrite an issued decision.

The lines are frozen just before the decision's state changes (the database refuses any change to a line of a
signed decision); the decision's own snapshot goes into the UPDATE that signs it (the trigger checks the
stored state, still "approved for signing", and freezes the column from then on)."""

from __future__ import annotations

from tdkt.decisions import drafting
from tdkt.orgs.enums import UnitKind


def is_enterprise_line(line) -> bool:
    """A collective recipient that is an enterprise (the forms' "trong đó: doanh nghiệp")."""
    return line.unit_id is not None and line.unit.kind == UnitKind.ENTERPRISE


def decision_snapshot(decision) -> dict:
    authority, award = decision.authority, decision.award_type
    return {
        "authority": {"name": authority.name, "symbol": authority.symbol, "parent_name": authority.parent_name,
                      "place": authority.place, "decider_title": authority.decider_title,
                      "head_title": authority.head_title},
        "signature": decision.signature().as_dict(),
        "award": {"name": award.name, "short_name": award.short_name, "level": award.level,
                  "category": award.category},
        "basis": decision.basis,
        "proposal": {"reference": decision.proposal_reference,
                     "date": decision.proposal_date.isoformat() if decision.proposal_date else None},
    }


def line_snapshot(line) -> dict:
    """`line` with person, unit (and its parent), household and award_type loaded."""
    person = line.person
    unit = line.unit or (person.unit if person is not None and person.unit_id else None)
    if unit is None and line.household_id:
        unit = line.household.unit
    return {
        "display_name": line.display_name,
        "position_and_unit": line.position_and_unit,
        "person_category": person.category if person is not None else "",
        "person_position": person.position if person is not None else "",
        # The statistical dimensions of the forms 0602.N/0603.N (tdkt.reports): blank group = "chưa phân loại".
        "person_group": person.statistical_group if person is not None else "",
        "enterprise": is_enterprise_line(line),
        "recipient_kind": drafting.recipient_kind_of(line),
        "unit_name": unit.name if unit is not None else "",
        "award_name": line.award_type.name,
        "award_short_name": line.award_type.short_name,
    }
