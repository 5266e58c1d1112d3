"""PDF copies of generated documents as background jobs (tdkt.jobs): LibreOffice may take a minute and a
decision's annex may run to thousands of lines, so the rendering (tdkt.decisions.pdf) runs in the worker
and the user downloads the file from the job page. Both jobs only compute a file: they are retry-safe."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.awards.models import AwardType
from tdkt.decisions import (
    documents,
    listsheets,  # noqa: F401  (declares the Excel of the decisions list and the fund)
    queries,
    services,
)
from tdkt.decisions.models import Decision
from tdkt.decisions.pdf import decision_pdf, docx_to_pdf
from tdkt.decisions.queries import get_decision_for_user
from tdkt.decisions.rules import is_manager, is_province_manager
from tdkt.decisions.signing.checks import register_draft
from tdkt.decisions.submissions import state_level_nominations, submission_docx
from tdkt.jobs.registry import register
from tdkt.orgs.models import IssuingAuthority

DECISION_PDF = "decisions.pdf"
DRAFT = "decisions.draft"
DRAFT_TIME_LIMIT = 900
SUBMISSION_PDF = "decisions.submission_pdf"
PDF_TIME_LIMIT = 300  # LibreOffice itself is stopped after CONVERT_TIMEOUT_S (180 s)


def can_read_decision(user, params: dict) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        get_decision_for_user(user, params.get("decision"))
    except Http404:
        return False
    return True


def run_decision_pdf(job, progress) -> None:
    decision = Decision.objects.select_related("authority", "award_type").get(pk=job.params["decision"])
    progress.set_total(1)
    data = decision_pdf(decision, queries.all_lines(decision))
    # A copy made while the decision awaits signing is a draft to sign: its signed copy must begin with it.
    register_draft(decision, data, by=get_user_model().objects.filter(pk=job.created_by_id).first())
    progress.result_path(documents.decision_filename(decision, "pdf")).write_bytes(data)
    progress.advance()


def can_make_submission(user, params: dict) -> bool:
    return getattr(user, "is_authenticated", False) and is_province_manager(user)


def submission_for(award_pk: int):
    """(award, .docx bytes) of the Tờ trình for a State-level award; Http404 when there is nothing to submit."""
    award = AwardType.objects.filter(pk=award_pk).first()
    nominations = list(state_level_nominations().filter(award_type=award)) if award else []
    authority = IssuingAuthority.objects.filter(active=True).first()
    if not nominations or authority is None:
        raise Http404
    return award, submission_docx(authority, award, nominations, year=timezone.localdate().year)


def run_submission_pdf(job, progress) -> None:
    progress.set_total(1)
    try:
        award, data = submission_for(job.params["award"])
    except Http404:
        raise ValidationError(_("There is no nomination to submit for this award any more.")) from None
    progress.result_path(f"to-trinh-{award.code.lower()}.pdf").write_bytes(docx_to_pdf(data))
    progress.advance()


def can_draft(user, params: dict) -> bool:
    return getattr(user, "is_authenticated", False) and is_manager(user)


def run_draft(job, progress) -> None:
    """Draft the decisions of a large selection (a unit's year-end sheet: hundreds of lines, one decision per
    award with its annex) in the worker; the drafting page does it in the request for a few lines."""
    user = get_user_model().objects.get(pk=job.created_by_id)
    params = job.params
    if not can_draft(user, params):
        raise ValidationError(_("You may no longer draft decisions; nothing was drafted."))
    progress.set_total(1)
    nominations = list(queries.draftable_nominations(user).filter(pk__in=params["nominations"]))
    authority = IssuingAuthority.objects.filter(pk=params.get("authority")).first()
    drafted = services.draft_decisions(nominations, by=user, authority=authority,
                                       date=datetime.date.fromisoformat(params["date"]) if params.get("date") else None)
    progress.advance()
    progress.set_link(reverse("decisions:detail", args=[drafted[0].pk]) if len(drafted) == 1
                      else reverse("decisions:list"))


# Registered when tdkt.jobs autodiscovers the apps' `jobs` modules (JobsConfig.ready()).
register(DECISION_PDF, title=_("PDF copy of a decision"), run=run_decision_pdf, can_access=can_read_decision,
         retry_safe=True, time_limit=PDF_TIME_LIMIT)
# Not retry-safe: it writes decisions (in one transaction: a dead worker leaves nothing half-drafted).
register(DRAFT, title=_("Draft decisions from approved lines"), run=run_draft, can_access=can_draft,
         retry_safe=False, time_limit=DRAFT_TIME_LIMIT)
register(SUBMISSION_PDF, title=_("PDF copy of a submission (Tờ trình)"), run=run_submission_pdf,
         can_access=can_make_submission, retry_safe=True, time_limit=PDF_TIME_LIMIT)
