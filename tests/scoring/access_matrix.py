"""Persona matrix rows of the scoring app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict.

In the world, the block's head unit is unit_a (clerk_a acts for the group) and unit_b is a member."""

from decimal import Decimal

SPEC_ONLY = [200, 403, 403, 403, 302]
SPEC_POST = [405, 403, 403, 403, 302]
ANY_POST = [405, 405, 405, 405, 302]
ALL = [200, 200, 200, 200, 302]
READERS = [200, 403, 403, 200, 302]

MATRIX = [
    ("scoring:index", None, ALL),
    ("scoring:overview", None, [200, 403, 403, 200, 302]),
    ("scoring:template_create", "group_year", SPEC_ONLY),
    ("scoring:template", "scoring_template", SPEC_ONLY),
    ("scoring:round_create", "scoring_template", SPEC_ONLY),
    ("scoring:template_import", "scoring_template", SPEC_ONLY),
    ("scoring:criterion_edit", "scoring_criterion", SPEC_ONLY),
    ("scoring:criterion_delete", "scoring_criterion", SPEC_POST),
    ("scoring:round", "scoring_round", ALL),
    ("scoring:round_state", "scoring_round", ANY_POST),
    # During self-scoring the head unit's clerk sees neither the panel nor the members' sheets (issue 20).
    ("scoring:review", "scoring_round", [200, 403, 403, 200, 302]),
    ("scoring:adjust", "scoring_round", ANY_POST),
    ("scoring:leaderboard", "scoring_round", ALL),
    ("scoring:tally", "scoring_round", [403, 200, 403, 403, 302]),
    ("scoring:propose", "scoring_round", ANY_POST),
    ("scoring:government_flag", "scoring_round", SPEC_POST),
    ("scoring:government_flag_withdraw", "scoring_government_proposal", SPEC_POST),
    ("scoring:minutes", "scoring_round", [200, 200, 403, 200, 302]),
    ("scoring:export", "scoring_round", [200, 200, 403, 200, 302]),
    ("scoring:sheet", "scoring_sheet_of_unit_b", [200, 404, 200, 200, 302]),
    ("scoring:sheet_review", "scoring_sheet_of_unit_b", ANY_POST),
    ("scoring:sheet_absent", "scoring_sheet_of_unit_b", SPEC_POST),
    ("scoring:sheet_absent_undo", "scoring_sheet_of_unit_b", SPEC_POST),
    ("scoring:sheet_save", "scoring_sheet_of_unit_b", ANY_POST),
    ("scoring:evidence_upload", "scoring_sheet_of_unit_b", ANY_POST),
    ("scoring:sheet_submit", "scoring_sheet_of_unit_b", ANY_POST),
    ("scoring:evidence", "scoring_score_of_unit_b", [200, 404, 200, 200, 302]),
    ("scoring:report_upload", "scoring_sheet_of_unit_b", ANY_POST),
    ("scoring:report", "scoring_report_of_unit_b", [200, 404, 200, 200, 302]),
    ("scoring:answer", "scoring_adjustment_of_unit_b", [403, 403, 200, 403, 302]),
    # The province in its inter-provincial cluster: the standing body writes, the province's readers read.
    ("scoring:province_clusters", None, READERS),
    ("scoring:province_open_year", "province_cluster", SPEC_POST),
    ("scoring:province_year", "province_cluster_year", READERS),
    ("scoring:province_submit", "province_cluster_year", SPEC_POST),
    ("scoring:province_result", "province_cluster_year", SPEC_POST),
    ("scoring:province_report", "province_cluster_year", READERS),
    ("scoring:province_export", "province_cluster_year", READERS),
    ("scoring:province_score", "province_criterion", SPEC_POST),
    ("scoring:province_evidence", "province_criterion", READERS),
]


def _template(world):
    from tests.scoring.support import make_template

    return make_template(world)


def _criterion(world):
    return _template(world).criteria.get(code="1.2")


def _round(world):
    from tests.scoring.support import make_round

    return make_round(world)


def _sheet_of_unit_b(world):
    return {"pk": _round(world).pk, "unit_id": world.unit_b.pk}


def _score_of_unit_b(world):
    from tdkt.movements.scoring.sheets import save_self_score
    from tests.scoring.support import criterion, pdf_upload

    scoring_round = _round(world)
    return save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.1"), by=world.users["clerk_b"],
                           points=Decimal(8), evidence=pdf_upload())


def _adjustment_of_unit_b(world):
    from tdkt.movements.scoring.services import change_round_state
    from tdkt.movements.scoring.sheets import adjust_score

    score = _score_of_unit_b(world)
    change_round_state(score.sheet.round, "under_review", by=world.users["clerk_a"])  # the head adjusts in review
    return adjust_score(score.sheet.round, world.unit_b, score.criterion, by=world.users["clerk_a"],
                        points=Decimal(6), reason="Kế hoạch ban hành chậm")


def _report_of_unit_b(world):
    from tdkt.movements.scoring.sheets import save_report
    from tests.scoring.support import pdf_upload

    scoring_round = _round(world)
    save_report(scoring_round, world.unit_b, by=world.users["clerk_b"], uploaded=pdf_upload("bao-cao.pdf"))
    return {"pk": scoring_round.pk, "unit_id": world.unit_b.pk}


def _government_proposal(world):
    from tdkt.awards.models import AwardType
    from tdkt.movements.scoring.models import LeaderProposal

    scoring_round = _round(world)
    return LeaderProposal.objects.create(round=scoring_round, unit=world.unit_a, rank=1, year=2026,
                                         award_type=AwardType.objects.get(code="CO_CP"))


def _province_cluster(world):
    from tdkt.movements.scoring import province

    return province.create_cluster(by=world.users["specialist"], name="Cụm thi đua các tỉnh miền núi, biên giới phía Bắc",
                                   code="MNBG", member_provinces="Lào Cai\nLai Châu\nĐiện Biên")


def _province_cluster_year(world):
    from tdkt.movements.scoring import province

    return province.open_year(_province_cluster(world), by=world.users["specialist"], year=2026)


def _province_criterion(world):
    from tdkt.movements.scoring import province
    from tests.scoring.support import pdf_upload

    criterion = province.add_criterion(_province_cluster_year(world), by=world.users["specialist"], code="1",
                                       title="Tổ chức phong trào thi đua", max_points=Decimal(20))
    return province.save_score(criterion, by=world.users["specialist"], points=Decimal(18), evidence=pdf_upload())


OBJECTS = {
    "province_cluster": _province_cluster,
    "province_cluster_year": _province_cluster_year,
    "province_criterion": _province_criterion,
    "scoring_template": _template,
    "scoring_criterion": _criterion,
    "scoring_round": _round,
    "scoring_sheet_of_unit_b": _sheet_of_unit_b,
    "scoring_score_of_unit_b": _score_of_unit_b,
    "scoring_adjustment_of_unit_b": _adjustment_of_unit_b,
    "scoring_government_proposal": _government_proposal,
    "scoring_report_of_unit_b": _report_of_unit_b,
}
