"""The eligibility engine run over dossier lines: bulk history loading, one snapshot per line.

`check_nominations(lines)` evaluates every recipient against the line's current award and basis and
returns JSON-safe snapshots (eligibility.jsonio plus the rule set and the date of the check), keyed
by nomination id. The number of queries does not grow with the number of lines: one for the award
codes, one for the dossiers' years (when not already loaded), then `load_histories` (fixed per kind of
recipient and per distinct achievement year, see its docstring).

`refresh_live_verdicts(dossier)` stores those snapshots in `verdict_live` (with `verdict_live_at`) with one bulk
update. The refresh after a change of facts, for open lines only, is tdkt.dossiers.verdicts.recompute.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.awards.models import AwardType
from tdkt.awards.provincial import province_parameters
from tdkt.awards.queries import load_histories
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.eligibility.codes import Recipient, Verdict
from tdkt.eligibility.engine import evaluate_many
from tdkt.eligibility.jsonio import result_to_dict

SNAPSHOT_VERSION = 1

# Verdicts that stop a line (shown highlighted with their reasons before the unit submits).
BLOCKING_VERDICTS = frozenset({str(Verdict.INELIGIBLE)})


def recipient_key(nomination: Nomination) -> tuple[str, int]:
    """(engine recipient kind, id) of a line's recipient."""
    if nomination.person_id:
        return str(Recipient.INDIVIDUAL), nomination.person_id
    if nomination.unit_id:
        return str(Recipient.COLLECTIVE), nomination.unit_id
    return str(Recipient.HOUSEHOLD), nomination.household_id


def _dossier_facts(nominations) -> dict[int, tuple[int | None, dt.date | None]]:
    """(achievement year, lodged on) per dossier id: from the loaded dossiers, else one query."""
    facts: dict[int, tuple[int | None, dt.date | None]] = {}
    missing = set()
    for line in nominations:
        if line.dossier_id in facts:
            continue
        dossier = line._state.fields_cache.get("dossier")
        if dossier is None:
            missing.add(line.dossier_id)
        else:
            facts[line.dossier_id] = _facts_of(dossier.year, dossier.period_to, dossier.submitted_at)
    if missing:
        for pk, year, period_to, submitted_at in Dossier.objects.filter(pk__in=missing).values_list(
                "pk", "year", "period_to", "submitted_at"):
            facts[pk] = _facts_of(year, period_to, submitted_at)
    return facts


def _facts_of(year, period_to, submitted_at) -> tuple[int | None, dt.date | None]:
    achievement_year = year or (period_to.year if period_to else None)
    lodged_on = timezone.localdate(submitted_at) if submitted_at else None
    return achievement_year, lodged_on


def snapshot(result, *, evaluated_on: dt.date, year: int) -> dict:
    """The JSON-safe record of one engine Result, as stored on a line."""
    data = result_to_dict(result)
    data.update({"version": SNAPSHOT_VERSION, "ruleset": result.ruleset, "evaluated_on": evaluated_on.isoformat(),
                 "year": year})
    return data


def check_nominations(nominations, *, today: dt.date | None = None) -> dict[int, dict]:
    """Snapshots of the engine's verdict for each line, keyed by nomination id (fixed number of queries)."""
    lines = [line for line in nominations if line.pk is not None]
    return {line.pk: data for line, data in zip(lines, evaluate_lines(lines, today=today), strict=True)}


def evaluate_lines(lines, *, today: dt.date | None = None) -> list[dict]:
    """Snapshots for lines, saved or not (an import evaluates its lines before inserting them), in order."""
    lines = list(lines)
    if not lines:
        return []
    today = today or timezone.localdate()
    codes = dict(AwardType.objects.values_list("pk", "code"))
    facts = _dossier_facts(lines)
    by_year: dict[int, list[int]] = defaultdict(list)
    for index, line in enumerate(lines):
        by_year[facts[line.dossier_id][0] or today.year].append(index)
    snapshots: list[dict | None] = [None] * len(lines)
    for year, indexes in by_year.items():
        ids: dict[str, set[int]] = defaultdict(set)
        for index in indexes:
            kind, pk = recipient_key(lines[index])
            ids[kind].add(pk)
        histories = load_histories(
            person_ids=ids[str(Recipient.INDIVIDUAL)], unit_ids=ids[str(Recipient.COLLECTIVE)],
            household_ids=ids[str(Recipient.HOUSEHOLD)], year=year, open_on=today)
        candidates = [
            histories[recipient_key(lines[index])].candidate(
                id=str(lines[index].pk or f"new-{index}"), award=codes.get(lines[index].award_type_id, ""), year=year,
                basis=lines[index].basis or None, lodged_on=facts[lines[index].dossier_id][1])
            for index in indexes
        ]
        results = evaluate_many(candidates, decision_date=today, params=province_parameters())
        for index, result in zip(indexes, results, strict=True):
            snapshots[index] = snapshot(result, evaluated_on=today, year=year)
            _flag_unknown_birth(lines[index], snapshots[index], histories[recipient_key(lines[index])])
    return snapshots


BIRTH_UNKNOWN = "birth_year_unknown"


def _flag_unknown_birth(line, data: dict, history) -> None:
    """A person recorded without a year of birth (created from a list that did not give it): every verdict says
    so, as a finding shown with the reasons; the engine's verdict itself is left as it is (no query: the
    histories read the persons' birth data)."""
    if line.person_id and not getattr(history, "birth_known", True):
        data["findings"].append({"code": BIRTH_UNKNOWN, "passed": False, "citation": "", "message": _(
            "Year of birth unknown (năm sinh chưa rõ): complete the person's record before the dossier is "
            "appraised.")})


def refresh_live_verdicts(dossier: Dossier, *, nominations=None, today: dt.date | None = None) -> int:
    """Re-run the engine for the dossier's lines (or the given ones) and store `verdict_live` in bulk."""
    lines = list(nominations if nominations is not None else Nomination.objects.filter(dossier=dossier))
    for line in lines:
        line._state.fields_cache.setdefault("dossier", dossier)
    snapshots = check_nominations(lines, today=today)
    store_live(lines, [snapshots.get(line.pk) for line in lines])
    Nomination.objects.bulk_update(lines, ["verdict_live", "verdict_live_at"], batch_size=500)
    return len(lines)


def store_live(lines, snapshots, *, now=None) -> None:
    """Set the live verdict and its time on line objects (the caller saves them)."""
    now = now or timezone.now()
    for line, data in zip(lines, snapshots, strict=True):
        line.verdict_live = data
        line.verdict_live_at = now


def is_blocking(verdict: dict | None) -> bool:
    return bool(verdict) and verdict.get("verdict") in BLOCKING_VERDICTS


def failed_findings(verdict: dict | None) -> list[dict]:
    """The findings that did not pass: the reasons shown next to a line."""
    return [finding for finding in (verdict or {}).get("findings", ()) if not finding.get("passed")]


def reason_texts(findings: list[dict]) -> list[str]:
    """Findings as the officer reads them (pages and exports): the message, then its citation in brackets
    when it has one."""
    return [f"{finding.get('message', '')} ({finding['citation']})" if finding.get("citation")
            else finding.get("message", "") for finding in findings]
