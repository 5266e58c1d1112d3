"""Every Excel export, fed values a spreadsheet would run as a formula (CSV/formula injection: `=`, `+`, `-`,
`@`, tab, carriage return at the start), writes them as text: the real file is opened with openpyxl, no cell
is a formula, each hostile value is read back as a text cell, and numbers are still numbers.

One case per exporter; each puts the seven values into text the exporter prints (a task, a line's position,
a person's name, a criterion code, a unit name, a recipient's name, an imported cell), stored as is with
`.update()`, as a CSV import may leave them."""

import datetime
from decimal import Decimal

import openpyxl
import pytest

from tdkt.awards.imports.models import ImportRow
from tdkt.awards.imports.report import write_report
from tdkt.awards.models import AwardType
from tdkt.decisions import payments
from tdkt.decisions import queries as decision_queries
from tdkt.decisions import services as decision_services
from tdkt.decisions.models import DecisionLine
from tdkt.dossiers import exports as dossier_exports
from tdkt.movements import registration_io
from tdkt.movements.registration_compare import ComparisonLine, UnitComparison
from tdkt.movements.scoring import exports as scoring_exports
from tdkt.movements.scoring import queries as scoring_queries
from tdkt.movements.scoring import sheets as scoring_sheets
from tdkt.movements.scoring.models import Criterion
from tdkt.orgs.models import Unit
from tdkt.people.exports import write_people_xlsx
from tdkt.people.models import Person
from tdkt.plans import exports as plan_exports
from tdkt.plans import queries as plan_queries
from tdkt.plans.models import PlanTask
from tests.awards.import_support import AWARD_HEADER, check
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, pdf_bytes
from tests.decisions.support import make_dossier as make_considered_dossier
from tests.factories import make_person, make_unit
from tests.nominees.helpers import make_dossier, make_line
from tests.plans.tracking import tracked_plan
from tests.scoring.support import criterion, make_round

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-cmd", "@SUM(A1)", "\tleading tab", "\rleading CR",
           "=cmd|' /C calc'!A0"]
TODAY = datetime.date(2026, 5, 10)


def _units(world) -> list:
    """Seven units named with the hostile values."""
    units = [make_unit(parent=world.province) for _value in HOSTILE]
    for unit, value in zip(units, HOSTILE, strict=True):
        Unit.objects.filter(pk=unit.pk).update(name=value)
    return list(Unit.objects.filter(pk__in=[u.pk for u in units]).order_by("id"))


def plan_tasks(world, path):
    tracked = tracked_plan(world)
    tasks = list(tracked.plan.tasks.order_by("sort_order"))
    for task, content, due in zip(tasks, HOSTILE[:5], [*HOSTILE[5:], "", "", ""], strict=True):
        PlanTask.objects.filter(pk=task.pk).update(content=content, due_text=due)
    tasks = list(tracked.plan.tasks.order_by("sort_order"))
    plan_queries.attach_units(tasks)
    plan_exports.write_tasks_xlsx(path, tracked.plan, tasks, today=TODAY)
    return []  # the plan's annex has no number cells (the task numbers are the plan's text)


def _nominee_lines(world):
    dossier = make_dossier(world.unit_a, state="ready_for_council")
    for position, value in enumerate(HOSTILE, 1):
        person = make_person(f"Người {position}", unit=world.unit_a)
        make_line(dossier, person=person, code="LDTT", position=position, position_and_unit=value)
    return dossier


def dossier_list(world, path):
    dossier_exports.write_dossier_xlsx(path, _nominee_lines(world), today=TODAY)
    return [(0, "A8", 1)]  # I. CÁ NHÂN, the award, then line 1


def selection_list(world, path):
    _nominee_lines(world)
    lines = dossier_exports.selection_lines(states=["ready_for_council"], year=2025)
    dossier_exports.write_selection_xlsx(path, lines, year=2025, today=TODAY)
    return [(0, "A14", 7)]


def people(world, path):
    for number, value in enumerate(HOSTILE):
        person = make_person(f"Người {number}", unit=world.unit_a)
        Person.objects.filter(pk=person.pk).update(full_name=value, position=value)
    write_people_xlsx(path, Person.objects.filter(full_name__in=HOSTILE).order_by("id"),
                      can_see_personal_data=lambda unit_id: True)
    return [(0, "A2", 1), (0, "A8", 7)]


def scores(world, path):
    scoring_round = make_round(world)
    scoring_sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"),
                                   by=world.users["clerk_b"], points=Decimal(18))
    criteria = Criterion.objects.filter(template=scoring_round.template).order_by("id")
    for item, value in zip(criteria, HOSTILE[1:6], strict=False):  # a code is at most 20 characters
        Criterion.objects.filter(pk=item.pk).update(code=value)
    Unit.objects.filter(pk=world.unit_a.pk).update(name=HOSTILE[0])
    Unit.objects.filter(pk=world.unit_b.pk).update(name=HOSTILE[6])
    scoring_round.refresh_from_db()
    ranked = scoring_queries.leaderboards([scoring_round])[scoring_round.pk]
    scoring_exports.write_scores_xlsx(path, scoring_round, ranked, [])
    return [(0, "D3", float(criteria[0].max_points)), (1, "A2", 1)]


def registration_template(world, path):
    registration_io.write_template_xlsx(path, _units(world), list(AwardType.objects.filter(code="LDTT")))
    return []  # the template's cells are text to fill in


def registration_comparison(world, path):
    award = AwardType.objects.get(code="LDTT")
    rows = [UnitComparison(unit, lines=[ComparisonLine(award, registered=n, proposed=1, awarded=0)])
            for n, unit in enumerate(_units(world), 1)]
    registration_io.write_comparison_xlsx(path, 2026, rows)
    return [(0, "D3", 1), (0, "D9", 7)]


def payment_list(world, path):
    people = [world.person_a, world.person_b, world.person_a_child, make_person("Lò Văn Tư", unit=world.unit_b)]
    lines = [approved(make_considered_dossier(person.unit), person=person) for person in people]
    (decision,) = decision_services.draft_decisions(lines, by=world.users["specialist"], authority=make_authority())
    values = [*HOSTILE, "Ghi chú"]
    for n, line in enumerate(DecisionLine.objects.filter(decision=decision).order_by("id")):
        DecisionLine.objects.filter(pk=line.pk).update(display_name=values[2 * n], position_and_unit=values[2 * n + 1])
    decision_services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    decision_services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(),
                                    signed_on=SIGNED_ON)
    payments.write_payments_xlsx(path, decision, decision_queries.all_lines(decision))
    return [(0, "A8", 1), (0, "F8", 3_800_000)]  # below the voucher and payer rows


def import_report(world, path):
    """The importer refuses a formula in the file; the report must still be safe for whatever a row holds."""
    batch = check(world.users["specialist"], world.unit_a,
                  [AWARD_HEADER, *[[f"Người {n}", "", "Sở Y tế", "LĐTT", 2023, "12/QĐ-SYT", "15/01/2024"]
                                   for n in range(len(HOSTILE))]], fmt="csv")
    for row, value in zip(batch.rows.order_by("number"), HOSTILE, strict=True):
        ImportRow.objects.filter(pk=row.pk).update(raw={**row.raw, AWARD_HEADER[0]: value},
                                                   parsed={**(row.parsed or {}), "name": value})
    write_report(path, batch)
    return [(0, "A2", 2), (0, "A8", 8)]


EXPORTERS = [plan_tasks, dossier_list, selection_list, people, scores, registration_template,
             registration_comparison, payment_list, import_report]


def _read_back(value: str) -> str:
    return value.replace("\r", "_x000D_")  # XlsxWriter's escape of a carriage return, left as is by openpyxl


@pytest.mark.parametrize("export", EXPORTERS, ids=[export.__name__ for export in EXPORTERS])
def test_hostile_text_is_written_as_text(world, tmp_path, export):
    path = tmp_path / "export.xlsx"
    numbers = export(world, path)
    book = openpyxl.load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert [value for value in HOSTILE if _read_back(value) not in texts] == []
    read = [book.worksheets[index][coordinate] for index, coordinate, _value in numbers]
    assert [(cell.value, cell.data_type) for cell in read] == [(value, "n") for _i, _c, value in numbers]
