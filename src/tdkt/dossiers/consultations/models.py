"""Consultation of other agencies (hiệp y, lấy ý kiến) about chosen nominees of a dossier, NĐ152 Đ34; and the
requests other bodies send the province about its own people and units (hiệp y đến, InboundRequest)."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.consultations.enums import (
    OPEN_REQUEST_STATES,
    AgencyKind,
    Answer,
    InboundState,
    RequestState,
    SubjectAnswer,
    SubjectKind,
)
from tdkt.workflow.models import StateChange

# The default answer period of a request received from another body, in working days (see
# ConsultationPolicy.inbound_answer_working_days: the seed's figure, a provincial parameter).
INBOUND_ANSWER_WORKING_DAYS = 10


def inbound_file_path(instance, filename: str) -> str:
    """Under MEDIA_ROOT/inbound/, named by content hash; served only through an access-checked view."""
    return inbound_file_name(instance.file_sha256, filename)


def inbound_file_name(sha256: str, filename: str) -> str:
    suffix = PurePosixPath((filename or "").lower()).suffix
    return f"inbound/{sha256[:2]}/{sha256}{suffix if suffix in ('.pdf', '.docx') else '.bin'}"


class ConsultationPolicy(models.Model):
    """The province's parameters for hiệp y (one row, pk=1; edited by an administrator)."""

    # NĐ152 Đ34.6 [V]: the consulted body answers within 10 working days. The province may set its own.
    answer_working_days = models.PositiveSmallIntegerField(_("working days to answer"), default=10)
    # NĐ152 Đ34.6 [V] lets the BNV proceed when a consulted body stays silent past the limit. Whether the
    # province's council may do the same is provincial practice, not verified [U]: a named parameter.
    proceed_without_answer = models.BooleanField(
        _("proceed when an agency does not answer in time"), default=True,
        help_text=_("When off, a dossier waits for every agency's answer before it goes to the council."))
    # Requests other bodies send the province (hiệp y đến): the Lào Cai seed plans "hiệp y … theo đề nghị của
    # các cơ quan" and NĐ152 Đ34.6 [V] gives a consulted body 10 working days; how long the province itself
    # takes is its own practice [U], so a named parameter with the seed's default (docs/consultations.md).
    inbound_answer_working_days = models.PositiveSmallIntegerField(
        _("working days to answer a request received"), default=INBOUND_ANSWER_WORKING_DAYS)

    class Meta:
        verbose_name = _("consultation settings")
        verbose_name_plural = _("consultation settings")

    def __str__(self):
        return str(_("consultation settings"))

    @classmethod
    def current(cls) -> "ConsultationPolicy":
        policy, _created = cls.objects.get_or_create(pk=1)
        return policy


class ConsultedAgency(models.Model):
    """An agency asked for its opinion on nominees (Công an, Thuế, BHXH, Thanh tra, …)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.OTHER)
    # Users of this unit (unit clerk or unit leader) answer in the system; without it, answers come on paper.
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("unit answering in the system"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="consulted_agencies")
    active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    class Meta:
        verbose_name = _("consulted agency")
        verbose_name_plural = _("consulted agencies")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.short_name or self.name


class ConsultationRequest(models.Model):
    """A request to one agency for its opinion on chosen nominees of one dossier (đề nghị hiệp y)."""

    dossier = models.ForeignKey("dossiers.Dossier", verbose_name=_("dossier"), on_delete=models.CASCADE,
                                related_name="consultation_requests")
    agency = models.ForeignKey(ConsultedAgency, verbose_name=_("agency"), on_delete=models.PROTECT,
                               related_name="requests")
    nominations = models.ManyToManyField("dossiers.Nomination", verbose_name=_("nominees"),
                                         related_name="consultation_requests")
    sent_on = models.DateField(_("sent on"))
    due_on = models.DateField(_("answer due on"), db_index=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=16, choices=RequestState.choices, default=RequestState.SENT,
                             db_index=True)
    overdue_flagged_on = models.DateField(_("flagged overdue on"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=16, choices=Answer.choices, blank=True)
    answer_text = models.TextField(_("opinion"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered or recorded by"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    recorded_on_paper = models.BooleanField(_("answer received on paper"), default=False)
    paper_reference = models.CharField(_("number and date of the reply letter"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation request")
        verbose_name_plural = _("consultation requests")
        ordering = ["due_on", "id"]
        constraints = [
            # One open request per agency and dossier: a second one waits for the first answer.
            models.UniqueConstraint(fields=["dossier", "agency"], condition=Q(state__in=sorted(OPEN_REQUEST_STATES)),
                                    name="consultation_one_open_request_per_agency"),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("sent_on")), name="consultation_due_after_sent"),
            models.CheckConstraint(
                condition=~Q(state=RequestState.ANSWERED) | (~Q(answer="") & Q(answered_on__isnull=False)),
                name="consultation_answered_has_answer"),
        ]
        indexes = [models.Index(fields=["agency", "state"])]

    def __str__(self):
        return f"{self.agency} — {self.dossier}"


class RequestStateChange(StateChange):
    """History of a request's state (tdkt.workflow): sent, flagged overdue, answered."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("consultation request state change")
        verbose_name_plural = _("consultation request state changes")


class ConsultationObjection(models.Model):
    """The agency objects to one nominee of the request (the line is put on hold with this reason)."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="objections")
    nomination = models.ForeignKey("dossiers.Nomination", verbose_name=_("nominee"), on_delete=models.CASCADE,
                                   related_name="consultation_objections")
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [models.UniqueConstraint(fields=["request", "nomination"], name="objection_once_per_line")]

    def __str__(self):
        return self.reason[:80]


class InboundRequest(models.Model):
    """A consultation request another body sends the province about the province's people or collectives
    (hiệp y đến): recorded from its document or by hand, answered by the responsible specialist, and
    answered with a Decree-30 letter (tdkt.dossiers.consultations.inbound_letter)."""

    requesting_body = models.CharField(_("requesting body"), max_length=255)
    reference_number = models.CharField(_("number of their document"), max_length=64)
    reference_date = models.DateField(_("date of their document"))
    subject = models.CharField(_("subject"), max_length=500)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("answer due on"), db_index=True)
    state = models.CharField(_("state"), max_length=16, choices=InboundState.choices, default=InboundState.RECEIVED,
                             db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("responsible specialist"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")
    # The request's document, checked and stored under MEDIA_ROOT by content hash (never served directly).
    file = models.FileField(_("document"), upload_to=inbound_file_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    # The answer letter (công văn V/v hiệp y): its general opinion, and what the registry gives it when sent.
    opinion = models.TextField(_("general opinion"), blank=True)
    letter_issuer = models.CharField(_("issuing body of the answer"), max_length=255, blank=True)
    letter_number = models.CharField(_("number of the answer letter"), max_length=64, blank=True)
    letter_date = models.DateField(_("date of the answer letter"), null=True, blank=True)
    signature = models.CharField(_("signature title"), max_length=255, blank=True,
                                 help_text=_("One line per row, e.g. “KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”."))
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consultation request received")
        verbose_name_plural = _("consultation requests received")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("received_on")), name="inbound_due_after_received"),
            models.CheckConstraint(condition=Q(state=InboundState.RECEIVED) | Q(assignee__isnull=False),
                                   name="inbound_assigned_has_assignee"),
            models.CheckConstraint(condition=~Q(state=InboundState.SENT) | (~Q(letter_number="")
                                                                             & Q(letter_date__isnull=False)),
                                   name="inbound_sent_has_letter_number"),
        ]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self):
        return f"{self.reference_number} — {self.requesting_body}"


class InboundSubject(models.Model):
    """One person or collective the request asks about: linked to the registered person or unit when the
    match is certain, else kept as written; with the province's answer."""

    request = models.ForeignKey(InboundRequest, on_delete=models.CASCADE, related_name="subjects")
    position = models.PositiveSmallIntegerField(_("no."))
    kind = models.CharField(_("kind"), max_length=16, choices=SubjectKind.choices, default=SubjectKind.INDIVIDUAL)
    written_name = models.CharField(_("name as written"), max_length=255)
    written_unit = models.CharField(_("position and unit as written"), max_length=500, blank=True)
    person = models.ForeignKey("people.Person", verbose_name=_("person"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("collective"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=16, choices=SubjectAnswer.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("person or collective asked about")
        verbose_name_plural = _("persons and collectives asked about")
        ordering = ["request", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "position"], name="inbound_subject_position_once"),
            models.CheckConstraint(condition=~Q(answer=SubjectAnswer.OBJECTION) | ~Q(reason=""),
                                   name="inbound_objection_has_reason"),
            models.CheckConstraint(condition=Q(person__isnull=True) | Q(unit__isnull=True),
                                   name="inbound_subject_person_or_unit"),
        ]

    def __str__(self):
        return self.written_name


class InboundStateChange(StateChange):
    """History of a received request (tdkt.workflow): received, assigned, answer drafted, sent."""

    request = models.ForeignKey(InboundRequest, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("received consultation state change")
        verbose_name_plural = _("received consultation state changes")
