"""The life of a decision: draft → approved for signing → signed → published, one function per change.

Each step is declared once in tdkt.decisions.transitions (DECISION); each function here is the domain
function of its step: its own rules, then `DECISION.perform`, which updates conditionally (two clicks give
one change and one clear refusal) and writes the decision's timeline row (DecisionEvent: who, from, to,
when, why) and the audit row in the same transaction. Views, commands and tests call these.

Who does what (tdkt.decisions.rules): the province specialist drafts and edits drafts; the signer
approves a draft for signing; the văn thư of the standing body (the province specialist) — or the
signer — records the signed copy (uploads the scanned or digitally signed PDF), which numbers the
decision if it has no number yet; the specialist publishes.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards import facts
from tdkt.awards.deciders import may_decide, refusal_message
from tdkt.awards.enums import AwardLevel, AwardSource, InitiativeScope
from tdkt.awards.models import AwardRecord, Initiative
from tdkt.awards.signals import awards_entered
from tdkt.decisions import drafting, rules, signature, snapshot
from tdkt.decisions.amendments import apply_amendments
from tdkt.decisions.enums import DecisionKind, DecisionState, LineKind
from tdkt.decisions.events import decision_signed, log_decision_event, record_decision_created
from tdkt.decisions.models import Decision, DecisionLine, LegalBasisTemplate, LineAwardRecord
from tdkt.decisions.numbering import take_number
from tdkt.decisions.signing import checks as signature_checks
from tdkt.decisions.signing.verify import SignatureRefused
from tdkt.decisions.transitions import DECISION
from tdkt.dossiers.authority import province_authority
from tdkt.dossiers.enums import DossierState, NominationState
from tdkt.dossiers.models import Dossier, Nomination
from tdkt.dossiers.state import actor_user
from tdkt.dossiers.transitions import DOSSIER, NOMINATION
from tdkt.lib.uploads import UploadError, read_upload, sniff_upload
from tdkt.orgs.enums import GRASSROOTS_AUTHORITY_KINDS, AuthorityKind, SignerRank
from tdkt.orgs.models import SignerPost

SIGNED_PDF_MAX_BYTES = 30 * 1024 * 1024
# The initiative a CSTĐ title rests on must be recognised at least at this scope (Luật Đ21–23).
CSTD_INITIATIVE_SCOPE = {"CSTD_CS": InitiativeScope.CO_SO, "CSTD_TINH": InitiativeScope.TINH,
                         "CSTD_TQ": InitiativeScope.TOAN_QUOC}
SCOPE_RANK = {InitiativeScope.CO_SO: 1, InitiativeScope.TINH: 2, InitiativeScope.TOAN_QUOC: 3}
# Lines of a dossier that still wait for something; a dossier is decided when none is left.
PENDING_LINE_STATES = frozenset({NominationState.PROPOSED, NominationState.NEEDS_FIX, NominationState.ACCEPTED,
                                 NominationState.ON_HOLD, NominationState.APPROVED})


def _state_label(value) -> str:
    return DECISION.state_label(value)


# --- the signer's post ----------------------------------------------------------------------------------


def signing_day(decision: Decision) -> datetime.date:
    """The day whose posts may sign: the decision's date when set (kept from drafting), else today."""
    return decision.decision_date or timezone.localdate()


def posts_on(authority, day: datetime.date):
    """The signer posts of `authority` held on `day`: the head first, then acting heads, then deputies."""
    order = {SignerRank.HEAD: 0, SignerRank.ACTING: 1, SignerRank.DEPUTY: 2}
    posts = SignerPost.objects.filter(authority=authority).on(day).select_related("authority", "user")
    return sorted(posts, key=lambda post: (order.get(post.rank, 9), post.full_name, post.pk))


def signer_values(post: SignerPost | None) -> dict:
    """The decision's signer columns written from the post (never typed): the user, the old text columns."""
    if post is None:
        return {"signer_post": None}
    return {"signer_post": post, "signer": post.user, **signature.legacy_fields(signature.block_for_post(post))}


def _check_post(decision: Decision, post: SignerPost | None) -> None:
    if post is None:
        return
    allowed = {choice.pk for choice in posts_on(decision.authority, signing_day(decision))}
    if post.pk not in allowed:
        raise ValidationError({"signer_post": _("%(post)s does not hold a post of %(authority)s on %(day)s: "
                                                "choose one of its signers on that date.") % {
            "post": post, "authority": decision.authority, "day": f"{signing_day(decision):%d/%m/%Y}"}})


def _proposal_prefill(nominations, authority) -> dict:
    """A unit's own round cites the cover letter of the dossier it decides (one dossier, letter numbered);
    the province cites the standing body's tờ trình, which the specialist fills in."""
    if authority.kind not in GRASSROOTS_AUTHORITY_KINDS:
        return {}
    letters = {(n.dossier.cover_letter_number, n.dossier.cover_letter_date) for n in nominations}
    if len(letters) != 1:
        return {}
    (number, day), = letters
    return {"proposal_reference": number, "proposal_date": day} if number and day else {}




# --- drafting ---------------------------------------------------------------------------------------


def decision_authority(nominations, chosen=None):
    """The authority whose decision the lines go into: their dossiers' receiving authority (a unit's or a
    commune's own), or the province's (`chosen`, else the provincial chairman's). All lines of one decision
    share it: mixing a unit's round with the province's, or two units' rounds, is refused."""
    receiving = {n.dossier.receiving_authority_id: n.dossier.receiving_authority for n in nominations}
    if len(receiving) > 1:
        names = sorted(authority.name if authority else str(AuthorityKind.PROVINCE_CHAIR.label)
                       for authority in receiving.values())
        raise ValidationError(_("The chosen lines go to different authorities (%(names)s): draft one decision per "
                                "authority.") % {"names": "; ".join(names)})
    (own,) = receiving.values()
    if own is not None:
        if chosen is not None and chosen.pk != own.pk:
            raise ValidationError({"authority": _("These lines were sent to %(own)s: its decision is drafted under "
                                                  "its own header, not %(chosen)s.") % {
                "own": own.name, "chosen": chosen.name}})
        return own
    if chosen is not None and chosen.kind in GRASSROOTS_AUTHORITY_KINDS:
        raise ValidationError({"authority": _("These lines were sent to the province: %(chosen)s does not "
                                              "decide them.") % {"chosen": chosen.name}})
    authority = chosen or province_authority()
    if authority is None:
        raise ValidationError({"authority": _("No issuing authority of the province is set up.")})
    return authority


@transaction.atomic
def draft_decisions(nominations, *, by, authority=None, date: datetime.date | None = None) -> list[Decision]:
    """Draft decisions from council-approved nominations: one per award type, kind and achievement year,
    under the authority the lines' dossiers were sent to (decision_authority; `authority` chooses among
    the province's).

    Refuses (ValidationError naming the line) a nomination that is not approved, already sits on a
    decision that has not been revoked, or whose award the authority may not decide (tdkt.awards.deciders)."""
    nominations = list(nominations)
    if not nominations:
        raise ValidationError(_("Choose at least one approved nomination."))
    ids = [n.pk for n in nominations]
    nominations = list(Nomination.objects.filter(pk__in=ids).select_related(
        "dossier__receiving_authority", "person__unit", "unit__parent", "household__unit", "award_type").order_by(
        "dossier_id", "position", "id"))
    authority = decision_authority(nominations, authority)
    user = actor_user(by)
    if user is not None and not rules.manages_authority(user, authority):
        raise PermissionDenied(_("Only the officers of %(authority)s draft its decisions.") % {
            "authority": authority.name})
    errors = []
    upward = authority.kind == AuthorityKind.PROVINCE_CHAIR  # the province proposes State-level awards upward
    for nomination in nominations:
        if (upward and nomination.award_type.level == AwardLevel.STATE) or may_decide(authority.kind,
                                                                                      nomination.award_type):
            continue
        errors.append(_("Line %(name)s: %(refusal)s") % {
            "name": nomination.recipient, "refusal": refusal_message(nomination.award_type, authority.name)})
    for nomination in nominations:
        if nomination.state != NominationState.APPROVED:
            errors.append(_("Line %(name)s (%(award)s) is “%(state)s”, not approved by the council.") % {
                "name": nomination.recipient, "award": nomination.award_type, "state": nomination.get_state_display()})
    for nomination in nominations:
        if upward and nomination.award_type.level == AwardLevel.STATE:
            errors.append(_("Line %(name)s (%(award)s) is decided at State level: prepare the cover letter to the "
                            "upper level instead.") % {"name": nomination.recipient, "award": nomination.award_type})
    taken = set(DecisionLine.objects.filter(nomination_id__in=ids, decision__kind=DecisionKind.AWARD)
                .values_list("nomination_id", flat=True))
    for nomination in nominations:
        if nomination.pk in taken:
            errors.append(_("Line %(name)s (%(award)s) is already on a decision.") % {
                "name": nomination.recipient, "award": nomination.award_type})
    if errors:
        raise ValidationError(errors)
    day = date or timezone.localdate()
    head = next(iter(posts_on(authority, day)), None)
    salaries = drafting.salary_table()
    decisions = []
    for (_award_id, basis, year), members in sorted(drafting.group_nominations(nominations).items(),
                                                   key=lambda item: (item[1][0].award_type.sort_order, item[0][2])):
        award = members[0].award_type
        periods = [(m.dossier.period_from, m.dossier.period_to) for m in members]
        starts = [start for start, _end in periods if start]
        ends = [end for _start, end in periods if end]
        decision = Decision.objects.create(
            authority=authority, kind=DecisionKind.AWARD, year=day.year, title=drafting.decision_title(award),
            award_type=award, basis=basis, achievement_year=year, period_from=min(starts) if starts else None,
            period_to=max(ends) if ends else None,
            legal_bases=drafting.legal_bases_for(authority, award, basis), proposal=drafting.DEFAULT_PROPOSAL,
            achievement_text=f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}",
            execution_text=drafting.DEFAULT_EXECUTION, recipients=list(drafting.DEFAULT_RECIPIENTS),
            created_by=actor_user(by),
            # A date given at drafting is the decision's date until numbering sets another one explicitly.
            decision_date=date, **_proposal_prefill(members, authority),
            **({"signer_on_behalf_of": authority.head_title}
               | (signer_values(head) if head and head.rank != SignerRank.DEPUTY else {})))
        lines = [DecisionLine(decision=decision, **drafting.line_values(m, sort_order=i))
                 for i, m in enumerate(members, start=1)]
        drafting.apply_amounts(lines, day, salaries=salaries, year=year)
        DecisionLine.objects.bulk_create(lines)
        record_decision_created(by, decision)
        log_decision_event(decision, by=by, from_state="", to_state=DecisionState.DRAFT,
                           reason=_("Drafted from %(count)d approved nominations.") % {"count": len(lines)})
        decisions.append(decision)
    return decisions


# The signer is chosen as a post (signer_post); the signature's text columns are written from it, never typed.
EDITABLE_FIELDS = ("title", "basis", "achievement_year", "period_from", "period_to", "legal_bases", "proposal",
                   "proposal_reference", "proposal_date", "achievement_text", "execution_text", "recipients",
                   "signer_post")


@transaction.atomic
def update_draft(decision: Decision, *, by, **fields) -> Decision:
    """Edit the wording of a draft (only drafts may be edited; a signed decision never)."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.state != DecisionState.DRAFT:
        raise ValidationError(_("Only a draft decision can be edited; this one is “%(state)s”.") % {
            "state": _state_label(locked.state)})
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    if "signer_post" in fields:
        _check_post(locked, fields["signer_post"])
        fields = {**fields, **signer_values(fields["signer_post"])}
    before = {name: str(getattr(locked, name)) for name in fields}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["signed_pdf"])
    locked.save()
    record(by, AuditAction.UPDATE, locked, changes={
        name: [before[name], str(getattr(locked, name))] for name in fields if before[name] != str(getattr(locked, name))})
    return locked


@transaction.atomic
def remove_line(line: DecisionLine, *, by) -> None:
    decision = Decision.objects.select_for_update().get(pk=line.decision_id)
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(_("Lines can be removed from a draft decision only."))
    record(by, AuditAction.DELETE, line, changes={"decision": decision.pk, "line": line.display_name})
    line.delete()


# --- approval, numbering, signing, publication ----------------------------------------------------------


@DECISION.implements("approve")
def _approve_on_its_page(decision: Decision, *, by, reason: str = "") -> Decision:
    """The generic page and the API cannot approve: the step asks for confirmation and a fresh second factor."""
    raise ValidationError(_("Approve the decision for signing on its own page: it asks you to confirm and, for "
                            "the signer, to enter the authenticator code again."))


@transaction.atomic
def approve_for_signing(decision: Decision, *, by, reason: str = "") -> Decision:
    """The signer approves the draft (views call it after the confirmation and the fresh second factor)."""
    decision.refresh_from_db()  # the caller's copy may be stale (its signer's post above all)
    DECISION.check_actor(decision, DECISION["approve"], by)
    if not decision.lines.exists():
        raise ValidationError(_("A decision without any line cannot be approved for signing."))
    user = actor_user(by)
    # The caller's copy may be stale.
    stored = Decision.objects.select_related("signer", "authority", "signer_post__authority").get(pk=decision.pk)
    missing = [label for label, value in ((_("Proposal (tờ trình) number"), stored.proposal_reference),
                                          (_("Proposal (tờ trình) date"), stored.proposal_date)) if not value]
    if stored.kind == DecisionKind.AWARD and missing:
        raise ValidationError(_("Fill in %(fields)s of the draft before approving it for signing: the decision "
                                "cites the tờ trình it answers.") % {"fields": ", ".join(missing)})
    if stored.signer_post_id:
        if user is not None and stored.signer_post.user_id != user.pk:
            raise ValidationError(_("Only %(post)s, whose post signs this decision, can approve it for signing.")
                                  % {"post": stored.signer_post})
        return DECISION.perform(decision, "approve", by=by, reason=reason, **signer_values(stored.signer_post))
    if SignerPost.objects.filter(authority=stored.authority_id).exists():
        raise ValidationError(_("Choose who signs (the signer's post) in the draft before approving it for "
                                "signing."))
    # An authority without recorded posts (data older than posts): the approving signer, as before.
    signer = stored.signer if stored.signer_id else user
    name = stored.signer_name or getattr(signer, "full_name", "") or ""
    return DECISION.perform(decision, "approve", by=by, reason=reason, signer=signer, signer_name=name)


@DECISION.implements("return_to_draft")
@transaction.atomic
def return_to_draft(decision: Decision, *, by, reason: str) -> Decision:
    """Back to the specialist; refused once numbered (a number given is never dropped, see numbering)."""
    if not reason:
        raise ValidationError(_("Say why the decision goes back to draft."))
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.number is not None:
        raise ValidationError(_("This decision already has number %(number)s: it can only be signed.") % {
            "number": locked.number_text})
    return DECISION.perform(decision, "return_to_draft", by=by, reason=reason)


@DECISION.implements("take_number")
def _number_on_its_page(decision: Decision, *, by, reason: str = "") -> Decision:
    """The generic page and the API cannot take a number: the step asks for confirmation (and the signer for a
    fresh second factor) on its own page."""
    raise ValidationError(_("Take the number on its own page: it asks you to confirm and, for the signer, to "
                            "enter the authenticator code again."))


@transaction.atomic
def assign_number(decision: Decision, *, by, year: int | None = None) -> Decision:
    """The văn thư takes the number for an approved decision (before scanning the signed paper)."""
    DECISION.check_actor(decision, DECISION["take_number"], by)
    locked = Decision.objects.select_for_update().select_related("authority").get(pk=decision.pk)
    if locked.state != DecisionState.APPROVED_FOR_SIGNING:
        raise ValidationError(_("Only a decision approved for signing can be numbered."))
    if locked.number is not None:
        raise ValidationError(_("This decision already has number %(number)s.") % {"number": locked.number_text})
    number_year = year or timezone.localdate().year
    number = take_number(locked.authority, number_year)
    DECISION.perform(locked, "take_number", by=by, number=number, year=number_year,
                     reason=_("Numbered %(number)s.") % {"number": f"{number:02d}/{locked.authority.symbol}"})
    decision.number, decision.year = number, number_year
    decision.state_changed_at, decision.updated_at = locked.state_changed_at, locked.updated_at
    return decision


def check_signed_pdf(signed_pdf, *, label: str) -> bytes:
    """The bytes of the signed copy if they are a PDF; UploadError with a precise message otherwise."""
    if isinstance(signed_pdf, bytes | bytearray):
        upload = sniff_upload(bytes(signed_pdf), allowed={"pdf"}, max_bytes=SIGNED_PDF_MAX_BYTES, field_label=label)
    else:
        upload = read_upload(signed_pdf, allowed={"pdf"}, max_bytes=SIGNED_PDF_MAX_BYTES, field_label=label)
    if not upload.data.rstrip().endswith(b"%%EOF") and b"%%EOF" not in upload.data[-2048:]:
        raise UploadError(_("%(field)s: the PDF file is cut short (no end-of-file marker); scan or export it "
                            "again.") % {"field": label})
    return upload.data


@transaction.atomic
def sign_decision(decision: Decision, *, by, signed_pdf, signed_on: datetime.date) -> Decision:
    """Record the signed copy: number the decision (if not yet), date it, store the PDF and its sha256,
    recompute the bonuses with the base salary in force on `signed_on`, then put the awards into the
    history (one AwardRecord per line), consume the initiatives of CSTĐ lines, mark the nominations
    awarded and close the dossiers whose lines are all settled. Corrections and revocations apply to
    the records of the lines they amend."""
    label = _("Signed copy (PDF)")
    data = check_signed_pdf(signed_pdf, label=label)
    locked = (Decision.objects.select_for_update(of=("self",))
              .select_related("authority", "award_type", "signer_post__authority").get(pk=decision.pk))
    if locked.state != DecisionState.APPROVED_FOR_SIGNING:
        raise ValidationError(_("Only a decision approved for signing can be signed; this one is “%(state)s”.") % {
            "state": _state_label(locked.state)})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    try:  # a digitally signed copy must be the approved draft, intact and trusted (tdkt.decisions.signing.verify)
        signatures = signature_checks.check_copy(locked, data, field=label)
    except SignatureRefused as refusal:
        raise UploadError(str(refusal)) from None
    lines = list(locked.lines.select_related("award_type", "nomination__dossier", "amends_line", "person__unit",
                                             "unit", "household__unit"))
    if not lines:
        raise ValidationError(_("A decision without any line cannot be signed."))
    year = signed_on.year if locked.number is None else locked.year
    number = locked.number if locked.number is not None else take_number(locked.authority, year)
    if locked.kind == DecisionKind.AWARD:  # corrections and revocations pay nothing themselves
        drafting.apply_amounts(lines, signed_on, year=locked.achievement_year)
    for line in lines:  # frozen now: once the decision is signed the database refuses any change to its lines
        line.snapshot = snapshot.line_snapshot(line)
    DecisionLine.objects.bulk_update(lines, ["amount", "amount_note", "snapshot"])
    digest = hashlib.sha256(data).hexdigest()
    locked.signed_pdf_sha256 = digest
    locked.signed_pdf.save(f"{digest}.pdf", ContentFile(data), save=False)
    DECISION.perform(locked, "sign", by=by, number=number, year=year, decision_date=signed_on, signed_pdf=locked.signed_pdf.name,
                     signed_pdf_sha256=digest, signed_pdf_size=len(data), signed_at=timezone.now(),
                     signed_by=actor_user(by), snapshot=snapshot.decision_snapshot(locked))
    signature_checks.store_signatures(locked, signatures, data, by=by)
    if locked.kind == DecisionKind.AWARD:
        _enter_history(locked, lines, by=by)
    else:
        apply_amendments(locked, lines, by=by)
    decision_signed.send(sender=Decision, decision=locked, lines=lines, by=by)
    # The records were bulk-inserted (no signal): the recipients' other open lines are refreshed after commit.
    facts.changed(person_ids=[line.person_id for line in lines], unit_ids=[line.unit_id for line in lines],
                  household_ids=[line.household_id for line in lines])
    decision.refresh_from_db()
    return decision


@DECISION.implements("sign")
def _sign_without_copy(decision: Decision, *, by, reason: str = "") -> Decision:
    """The generic page and the API cannot sign: the step needs the signed PDF and its date (its own page)."""
    raise ValidationError(_("Record the signed copy on its own page: upload the signed PDF and its date."))


def record_values(decision: Decision, line: DecisionLine) -> dict:
    """The history row a signed line becomes (exact fields; see tests/decisions/test_signing.py)."""
    return {
        "person_id": line.person_id, "unit_id": line.unit_id, "household_id": line.household_id,
        "award_type_id": line.award_type_id, "basis": decision.basis, "year": decision.achievement_year,
        "period_from": decision.period_from, "period_to": decision.period_to,
        "decision_number": decision.number_text, "decision_date": decision.decision_date,
        "decision_issuer": decision.authority.name, "source": AwardSource.ISSUED_HERE,
        # As frozen on the line at signing (tdkt.decisions.snapshot): the group when awarded.
        "person_group": (line.snapshot or {}).get("person_group", ""),
        "is_enterprise": bool((line.snapshot or {}).get("enterprise", False)),
    }


def _enter_history(decision: Decision, lines: list[DecisionLine], *, by) -> None:
    lines = [line for line in lines if line.kind == LineKind.AWARD]  # a contest prize is cash, not an award
    user = actor_user(by)
    records = AwardRecord.objects.bulk_create([AwardRecord(created_by=user, **record_values(decision, line))
                                               for line in lines])
    LineAwardRecord.objects.bulk_create([LineAwardRecord(line=line, award_record=award_record)
                                         for line, award_record in zip(lines, records, strict=True)])
    record(by, AuditAction.CREATE, decision, object_repr=decision.number_text,
           changes={"award_records": [award_record.pk for award_record in records]})
    pairs = list(zip(lines, records, strict=True))
    held = set()  # initiatives claimed by other dossiers' lines: the fallback below leaves them alone
    for _receiver, response in awards_entered.send(sender=Decision, decision=decision, pairs=pairs, by=by):
        held |= set(response or ())
    _consume_initiatives(decision, pairs, by=by, held=held)
    _settle_nominations(lines, by=by, reason=_("Awarded by decision %(number)s.") % {"number": decision.number_text})


def _consume_initiatives(decision, pairs, *, by, held=frozenset()) -> None:
    """Mark as used (Initiative.used_for) the initiative a CSTĐ title rests on (CV 5007/BNV-TĐKT III.5.c).

    The initiative the dossier line claimed was marked by the awards_entered receiver (tdkt.initiatives);
    for a line without a claim, which initiative is decidable from the data the way the eligibility engine
    picks it, leaving aside those other lines hold (`held`): the first
    unused initiative (by year, then id) the recipient authored, recognised at the scope the title needs,
    within the achievement period. Where the title rests on the rating alone (CSTĐ cơ sở with HTXSNV,
    Luật Đ23.2) the data cannot tell, and the initiative is still consumed: the conservative reading."""
    first = decision.period_from.year if decision.period_from else decision.achievement_year
    last = decision.period_to.year if decision.period_to else decision.achievement_year
    covered = set(Initiative.objects.filter(used_for__in=[record for _line, record in pairs])
                  .values_list("used_for_id", flat=True))
    for line, award_record in pairs:
        scope = CSTD_INITIATIVE_SCOPE.get(line.award_type.code)
        if scope is None or not line.person_id or award_record.pk in covered:
            continue
        candidates = Initiative.objects.filter(authors=line.person_id, used_for__isnull=True,
                                               year__gte=first, year__lte=last).exclude(pk__in=held).order_by("year", "id")
        chosen = next((i for i in candidates if SCOPE_RANK.get(i.scope, 0) >= SCOPE_RANK[scope]), None)
        if chosen is None:
            continue
        if Initiative.objects.filter(pk=chosen.pk, used_for__isnull=True).update(used_for=award_record):
            record(by, AuditAction.UPDATE, chosen, changes={"used_for": [None, award_record.pk]})


def _settle_nominations(lines, *, by, reason) -> None:
    dossier_ids = set()
    for line in lines:
        nomination = line.nomination
        if nomination is None or nomination.state != NominationState.APPROVED:
            continue
        NOMINATION.perform(nomination, "award", by=by, reason=reason)
        dossier_ids.add(nomination.dossier_id)
    for dossier in Dossier.objects.filter(pk__in=dossier_ids).exclude(state__in={DossierState.DECIDED}):
        if dossier.nominations.filter(state__in=PENDING_LINE_STATES).exists():
            continue
        DOSSIER.perform(dossier, "decide", by=by, reason=reason)


@DECISION.implements("publish")
@transaction.atomic
def publish_decision(decision: Decision, *, by, reason: str = "") -> Decision:
    return DECISION.perform(decision, "publish", by=by, reason=reason, published_at=timezone.now())


# --- legal-basis templates ------------------------------------------------------------------------------


@transaction.atomic
def save_legal_basis_template(template, *, by, authority, award_type, basis, lines, note=""):
    """Create (template None) or edit a template of "Căn cứ" lines; audited with before and after."""
    if not lines:
        raise ValidationError({"lines": _("Write at least one legal basis.")})
    before = None if template is None else {"lines": list(template.lines), "note": template.note}
    template = template or LegalBasisTemplate()
    template.authority, template.award_type, template.basis = authority, award_type, basis or ""
    template.lines, template.note = lines, note or ""
    template.save()
    record(by, AuditAction.CREATE if before is None else AuditAction.UPDATE, template,
           changes={"before": before, "after": {"lines": lines, "note": template.note}})
    return template
