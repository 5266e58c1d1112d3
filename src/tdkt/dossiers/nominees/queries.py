"""Reads for the lines of a dossier: the lines panel of the dossier page, the person search of the line form,
and the lines of an import batch. A fixed number of queries whatever the number of lines."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from tdkt.accounts.scope import get_scope
from tdkt.audit.access import PAGE, record_personal_access, revealed
from tdkt.awards.models import AwardType
from tdkt.dossiers import verdicts
from tdkt.dossiers.eligibility import failed_findings, is_blocking, reason_texts
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.line_decisions import verdict_label
from tdkt.dossiers.models import Nomination
from tdkt.dossiers.nominees.matching import dossier_unit_ids
from tdkt.dossiers.nominees.quotas import quota_panel
from tdkt.dossiers.nominees.services import can_edit_lines
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.orgs.models import Unit

RATING_FINDING = "rating"  # the engine's finding on the year's rating (tdkt.eligibility.rules.individual)
LINE_RELATIONS = ("person__unit", "unit", "household", "award_type", "proposed_award_type")
# What the dossier page reads of the lines and their relations, and nothing else: building 2,100 full model
# instances for a 300-line dossier took longer than its query.
PANEL_FIELDS = (
    "dossier_id", "position", "state", "position_and_unit", "fix_request", "decision_reason", "import_batch",
    "verdict_live", "verdict_live_at", "verdict_at_submission", "verdict_at_appraisal", "basis", "report_file",
    "person__full_name", "person__unit_id", "person__birth_date", "person__birth_year", "person__national_id",
    "person__unit__name", "unit__name", "household__head_name", "household__unit_id",
    "award_type__name", "award_type__code", "proposed_award_type__name", "proposed_award_type__code",
)


@dataclass
class LineRow:
    """One line as the panel shows it."""

    line: Nomination
    verdict: dict | None
    reasons: list
    blocking: bool
    show_personal: bool

    @property
    def computed_text(self) -> str:
        """"computed at dd/mm/yyyy HH:MM" of the shown verdict."""
        return verdicts.computed_text(self.line)

    @property
    def verdict_code(self) -> str:
        return (self.verdict or {}).get("verdict", "")

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict_code) if self.verdict else "—"

    @property
    def reason_texts(self) -> list[str]:
        return reason_texts(self.reasons)

    @property
    def award_changed(self) -> bool:
        return self.line.award_type_id != self.line.proposed_award_type_id

    @property
    def birth_text(self) -> str:
        person = self.line.person
        if not (self.show_personal and person):
            return ""
        if person.birth_date:
            return person.birth_date.strftime("%d/%m/%Y")
        return str(person.birth_year or "")

    @property
    def national_id_text(self) -> str:
        person = self.line.person
        return person.national_id or "" if self.show_personal and person else ""


def current_verdict(line: Nomination) -> dict | None:
    """The latest stored snapshot (tdkt.dossiers.verdicts.current): no rule runs while the panel renders."""
    return verdicts.current(line)


def line_rows(lines, user) -> list[LineRow]:
    scope = get_scope(user)
    rows = []
    for line in lines:
        verdict = current_verdict(line)
        owner = line.person.unit_id if line.person_id else None
        rows.append(LineRow(line=line, verdict=verdict, reasons=failed_findings(verdict), blocking=is_blocking(verdict),
                            show_personal=bool(owner and scope.can_see_personal_data(owner))))
    return rows


# The relations shared by many lines (a few award types, a few units for 300 persons): fetched once each and
# attached, instead of one instance per line and relation through the join (issue 23: building ≈ 1,500 model
# instances was a third of a 300-line dossier page).
SHARED_FIELDS = ("award_type__name", "award_type__code", "proposed_award_type__name", "proposed_award_type__code",
                 "person__unit__name")
OWN_FIELDS = tuple(field for field in PANEL_FIELDS if field not in SHARED_FIELDS) + (
    "award_type", "proposed_award_type")


def dossier_lines(dossier) -> list[Nomination]:
    """Every line of the dossier with what the panel and the dossier page print (three queries: the lines, their
    award types, their persons' units); the dossier page loads them once for the panel, the checklist and the
    upload form."""
    lines = list(Nomination.objects.filter(dossier=dossier).select_related("person", "unit", "household")
                 .only(*OWN_FIELDS).order_by("position", "id"))
    awards = AwardType.objects.only("name", "code").in_bulk(
        {line.award_type_id for line in lines} | {line.proposed_award_type_id for line in lines})
    units = Unit.objects.only("name").in_bulk({line.person.unit_id for line in lines if line.person_id})
    for line in lines:
        line.dossier = dossier
        line.award_type = awards.get(line.award_type_id)
        line.proposed_award_type = awards.get(line.proposed_award_type_id)
        if line.person_id:
            line.person.unit = units.get(line.person.unit_id)
    return lines


LINES_CHUNK = 50  # rows the dossier page renders itself; the rest come by nominees:line_rows (issue 23)


def lines_context(dossier, user, lines=None, *, chunk: int | None = None, start: int = 0) -> dict:
    """Context of `nominees/_lines.html` for the dossier page (merge it into the page's context).

    chunk: render only the first rows (the dossier page: a 300-line panel was two thirds of its time); the
    counts, warnings and quotas still cover every line, and the rest is fetched by lines-more.js from
    nominees:line_rows, or shown whole on the lines page by the link without script. Actions on all lines
    (accept all eligible, exports) work on the dossier, never on the rows on screen.
    start: the first row shown (nominees:line_rows sends the rows after the page's chunk). The access log names
    the persons of the rows shown, not of every line counted."""
    lines = dossier_lines(dossier) if lines is None else lines
    rows = line_rows(lines, user)
    shown = rows[start:start + chunk] if chunk else rows[start:]
    log_personal_access(shown, user, where=f"dossier {dossier.pk}")
    can_edit = can_edit_lines(dossier, user)
    quota_usage, quota_warnings = quota_panel(dossier, lines)
    return {
        "lines_dossier": dossier,
        "line_rows": rows,
        "line_rows_shown": shown,
        "lines_more": max(0, len(rows) - start - chunk) if chunk else 0,
        "lines_chunk": chunk or 0,
        "lines_can_edit": can_edit,
        "lines_returned": dossier.state == DossierState.RETURNED,
        "lines_ineligible_count": sum(1 for row in rows if row.blocking),
        "lines_quota_warnings": quota_warnings,
        "lines_quota_usage": quota_usage,
        "lines_batches": sorted({line.import_batch for line in lines if line.import_batch}) if can_edit else [],
        "lines_any_personal": any(row.show_personal for row in rows),
        "lines_needs_fix_state": NominationState.NEEDS_FIX,
        "lines_rating_sheets": rating_sheets(rows, user),
    }


def rating_sheets(rows, user) -> list[tuple]:
    """(unit, year) of the ratings sheets that would complete the lines refused for their rating (the
    rule's finding "rating"), for the units whose history the user may write; no query (units loaded)."""
    scope = get_scope(user)
    sheets = {}
    for row in rows:
        person = row.line.person
        if person is None or not scope.can_write_unit(person.unit_id):
            continue
        if any(finding.get("code") == RATING_FINDING for finding in row.reasons) and row.verdict.get("year"):
            sheets[(person.unit_id, row.verdict["year"])] = (person.unit, row.verdict["year"])
    return [sheets[key] for key in sorted(sheets)]


def batch_rows(dossier, batch: str, user) -> list[LineRow]:
    lines = Nomination.objects.filter(dossier=dossier, import_batch=batch).select_related(*LINE_RELATIONS)
    rows = line_rows(lines, user)
    log_personal_access(rows, user, where=f"dossier {dossier.pk}, batch {batch}")
    return rows


def log_personal_access(rows: list[LineRow], user, *, where: str) -> None:
    """The lines showing a person's full citizen ID or birth date, in the access log (one bulk insert)."""
    record_personal_access(user, [(row.line.person_id, row.line.person.full_name,
                                   revealed(row.line.person.national_id, row.line.person.birth_date))
                                  for row in rows if row.show_personal], via=PAGE, where=where)


def get_line_for_user(user, pk, *, write=False) -> Nomination:
    """A line with its dossier; 404 for another unit's line."""
    line = Nomination.objects.select_related("dossier__unit", *LINE_RELATIONS).filter(pk=pk).first()
    if line is None:
        raise Http404
    get_dossier_for_user(user, line.dossier_id, write=write)
    return line


def collective_choices(dossier, user):
    scope = get_scope(user)
    unit_ids = [pk for pk in dossier_unit_ids(dossier) if scope.can_read_unit(pk)]
    return Unit.objects.filter(pk__in=unit_ids, dissolved_on__isnull=True).order_by("name")

