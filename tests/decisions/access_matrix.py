"""Persona matrix rows of the decisions app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict.

Unit clerks see published decisions that carry a line of their unit (clerk_a: a line of Sở Y tế), never
drafts (404); the signer's own actions are tested in tests/decisions/test_views.py."""

MATRIX = [
    ("decisions:list", None, [200, 200, 200, 200, 302]),
    ("decisions:draft", None, [200, 403, 403, 403, 302]),
    ("decisions:detail", "decisions_published", [200, 200, 404, 200, 302]),
    ("decisions:edit", "decisions_draft", [200, 404, 404, 403, 302]),
    ("decisions:line_remove", "decisions_draft_line", [405, 405, 405, 403, 302]),
    ("decisions:approve", "decisions_draft", [403, 403, 403, 403, 302]),
    ("decisions:return", "decisions_approved", [403, 403, 403, 403, 302]),
    ("decisions:number", "decisions_approved", [200, 404, 404, 403, 302]),  # GET: the confirmation page
    ("decisions:sign", "decisions_approved", [200, 404, 404, 403, 302]),
    ("signing:remote_start", "decisions_approved", [200, 404, 404, 403, 302]),
    ("signing:remote_finish", "signing_pending", [200, 404, 404, 403, 302]),
    ("signing:sign_server", "decisions_approved", [403, 403, 403, 403, 302]),  # the signer's (test_signing_links)
    ("decisions:publish", "decisions_published", [405, 405, 405, 403, 302]),
    ("decisions:correct", "decisions_published", [200, 404, 404, 403, 302]),
    ("decisions:revoke", "decisions_published", [200, 404, 404, 403, 302]),
    ("decisions:docx", "decisions_published", [200, 200, 404, 200, 302]),
    ("decisions:pdf", "decisions_draft", [405, 404, 404, 405, 302]),  # POST starts a job (tests/jobs)
    ("decisions:signed_copy", "decisions_published", [200, 200, 404, 200, 302]),
    ("decisions:payments", "decisions_published", [200, 403, 403, 403, 302]),
    ("decisions:payments_xlsx", "decisions_published", [200, 403, 403, 403, 302]),
    ("decisions:payout", "decisions_published", [405, 403, 403, 403, 302]),
    ("decisions:contest_prize_add", "decisions_draft", [200, 403, 403, 403, 302]),
    ("decisions:fund", None, [200, 403, 403, 403, 302]),
    ("decisions:fund_add", "decisions_fund", [200, 403, 403, 403, 302]),
    ("decisions:templates", None, [200, 403, 403, 403, 302]),
    ("decisions:template_create", None, [200, 403, 403, 403, 302]),
    ("decisions:template_edit", "decisions_template", [200, 403, 403, 403, 302]),
    ("decisions:submissions", None, [200, 403, 403, 403, 302]),
    ("decisions:submission_docx", "decisions_state_award", [200, 403, 403, 403, 302]),
    ("decisions:submission_pdf", "decisions_state_award", [405, 403, 403, 403, 302]),
]


def _draft_decision(world):
    from tdkt.decisions import services
    from tests.decisions.support import approved, make_authority, make_dossier

    nomination = approved(make_dossier(world.unit_a), person=world.person_a)
    (decision,) = services.draft_decisions([nomination], by=world.users["specialist"], authority=make_authority())
    return decision


def _approved_decision(world):
    from tdkt.decisions import services
    from tests.decisions.support import cite_proposal

    decision = _draft_decision(world)
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    return decision


def _published_decision(world):
    from tdkt.decisions import services
    from tests.decisions.support import SIGNED_ON, pdf_bytes

    decision = _approved_decision(world)
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    return services.publish_decision(decision, by=world.users["specialist"])


def _draft_line(world):
    return _draft_decision(world).lines.get()


def _fund(world):
    from tdkt.decisions.models import RewardFund

    return RewardFund.objects.create(name="Quỹ thi đua, khen thưởng tỉnh Lào Cai")


def _state_level_award(world):
    from tests.decisions.support import approved, make_authority, make_dossier

    make_authority()
    nomination = approved(make_dossier(world.unit_a), person=world.person_a, code="BK_TTG")
    return {"award_pk": nomination.award_type_id}


def _template(world):
    from tdkt.decisions.models import LegalBasisTemplate

    return LegalBasisTemplate.objects.create(lines=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"])


def _pending_signature(world):
    from tdkt.decisions.signing.models import PendingSignature

    return PendingSignature.objects.create(decision=_approved_decision(world), prepared_pdf=b"%PDF-1.7",
                                           document_digest="ab" * 32, reserved_start=10, reserved_end=20)


OBJECTS = {"decisions_template": _template, "decisions_draft": _draft_decision, "decisions_approved": _approved_decision,
           "decisions_published": _published_decision, "decisions_draft_line": _draft_line, "decisions_fund": _fund,
           "decisions_state_award": _state_level_award, "signing_pending": _pending_signature}
