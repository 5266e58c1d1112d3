"""Shared helpers of the statutory forms' tests: a naive count of award records, independent of the engine's
SQL (the group and the recipient are read from the objects, as an officer would read them)."""

from tdkt.awards.models import AwardRecord
from tdkt.reports.periods import Period
from tdkt.reports.statistics import filters

YEAR = 2026


def naive_facts(record: AwardRecord) -> dict:
    if record.person_id:
        recipient = "individual"
        group = record.person_group or record.person.statistical_group or "unclassified"
    else:
        recipient = "collective" if record.unit_id else "household"
        group = None
    return {"codes": record.award_type.code, "level": record.award_type.level, "recipient": recipient,
            "enterprise": record.is_enterprise, "group": group, "basis": record.basis}


def naive_cells(definition, period: Period, unit_ids=None) -> dict:
    """Every cell of an awards form counted record by record in Python."""
    records = []
    for record in AwardRecord.objects.select_related("award_type", "person", "household"):
        if record.decision_date is None or not period.start <= record.decision_date <= period.end:
            continue
        if unit_ids is not None:
            owner = record.person.unit_id if record.person_id else record.unit_id or record.household.unit_id
            if owner not in unit_ids:
                continue
        facts = naive_facts(record)
        if filters.matches(definition.base, facts):
            records.append(facts)
    return {row.code: {column.number: sum(1 for facts in records if filters.matches(row.filter, facts)
                                          and filters.matches(column.filter, facts))
                       for column in definition.columns}
            for row in definition.rows if row.filter is not None}
