"""Consultation of other agencies (hiệp y, lấy ý kiến) about chosen nominees of a dossier, NĐ152 Đ34."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.dossiers.consultations.enums import OPEN_REQUEST_STATES, AgencyKind, Answer, RequestState
from tdkt.workflow.models import StateChange


class ConsultationPolicy(models.Model):
    """The province's parameters for hiệp y (one row, pk=1; edited by an administrator)."""

    # NĐ152 Đ34.6 [V]: the consulted body answers within 10 working days. The province may set its own.
    answer_working_days = models.PositiveSmallIntegerField(_("working days to answer"), default=10)
    # NĐ152 Đ34.6 [V] lets the BNV proceed when a consulted body stays silent past the limit. Whether the
    # province's council may do the same is provincial practice, not verified [U]: a named parameter.
    proceed_without_answer = models.BooleanField(
        _("proceed when an agency does not answer in time"), default=True,
        help_text=_("When off, a dossier waits for every agency's answer before it goes to the council."))

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
