"""Council meetings (phiên họp Hội đồng TĐKT), their agenda and attendance, the secret ballot and the
minutes' narrative.

Ballot secrecy is a property of the schema, not of the views (docs/council.md, "Secret ballot: threat
model"): a vote is one SealedBallot row — every choice of one member, sealed with the ballot's public key,
random id, no time, no voter — and who has voted is stored apart (BallotParticipation: no choice). The
private key exists only locked under the chair's passphrase (BallotKey). Totals (BallotTally) are written
once, at the count, which opens the sealed rows in memory and deletes them and the key. No running counter:
a reader who watches counters change can line each change up with the voter who caused it."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.council.enums import (
    AttendanceStatus,
    BallotMode,
    BallotState,
    MeetingState,
    Outcome,
    ParticipationKind,
)
from tdkt.council.texts import meeting_title
from tdkt.workflow.models import StateChange


class CouncilRules(models.Model):
    """The voting rules of one council: named parameters, never constants (law.md §4.5, §A).

    Defaults: quorum 2/3 of all members (NĐ152 Đ45 for the central council [V], also Bắc Ninh QĐ 86/2025
    Đ8 [V]); sessions that consider awards need ≥ 80 % present and absent members' written opinions count
    (Bắc Ninh Đ8 [V] — a provincial rule: set this province's own values here). Awards without a catalogue
    threshold (AwardType.vote_threshold_percent) use `default_threshold_percent`, or a majority of all
    members (> 50 %) when it is empty."""

    council = models.OneToOneField("orgs.Council", on_delete=models.CASCADE, related_name="rules")
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=3,
                                                          validators=[MinValueValidator(1)])
    award_session_presence_percent = models.PositiveSmallIntegerField(
        _("members present when considering awards (%)"), null=True, blank=True, default=80,
        validators=[MaxValueValidator(100)], help_text=_("Empty: only the general quorum applies."))
    count_written_opinions = models.BooleanField(_("absent members' written opinions count"), default=True)
    default_threshold_percent = models.PositiveSmallIntegerField(
        _("default vote threshold (% of all members)"), null=True, blank=True,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
        help_text=_("For awards without a threshold in the catalogue. Empty: more than half of all members."))
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True,
                                   default="Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh")

    class Meta:
        verbose_name = _("council voting rules")
        verbose_name_plural = _("council voting rules")
        constraints = [
            models.CheckConstraint(condition=Q(quorum_numerator__lte=models.F("quorum_denominator")),
                                   name="council_rules_quorum_fraction"),
        ]

    def __str__(self):
        return str(self.council)


class Meeting(models.Model):
    """A meeting of a council ("Họp Hội đồng TĐKT tỉnh lần thứ nhất"), with the minutes' narrative."""

    council = models.ForeignKey("orgs.Council", verbose_name=_("council"), on_delete=models.PROTECT,
                                related_name="meetings")
    number = models.PositiveSmallIntegerField(_("meeting number in the term"), validators=[MinValueValidator(1)])
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=255)
    considers_awards = models.BooleanField(_("considers awards"), default=True)
    state = models.CharField(_("state"), max_length=16, choices=MeetingState.choices, default=MeetingState.PLANNED,
                             db_index=True)
    state_changed_at = models.DateTimeField(_("state changed at"), auto_now_add=True)
    # The narrative of the minutes (biên bản), edited by the secretary until locked.
    minutes_opening = models.TextField(_("opening (chair, agenda)"), blank=True)
    minutes_discussion = models.TextField(_("discussion"), blank=True)
    minutes_conclusion = models.TextField(_("conclusion"), blank=True)
    # The public posting section (NĐ152 Đ44.2), frozen as {"notices": …} when the minutes are locked; null
    # while they are open (the section is then read from the postings tables).
    minutes_public_feedback = models.JSONField(_("public posting section of the locked minutes"), null=True,
                                               blank=True, editable=False)
    minutes_locked_at = models.DateTimeField(_("minutes locked at"), null=True, blank=True)
    minutes_locked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        ordering = ["-date", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="meeting_number_once_per_council"),
        ]

    def __str__(self):
        return meeting_title(self)

    def get_absolute_url(self):
        return reverse("council:meeting", args=[self.pk])


class AgendaItem(models.Model):
    """One accepted nomination put to the council; the result is written when the ballot closes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    nomination = models.ForeignKey("dossiers.Nomination", verbose_name=_("nomination"), on_delete=models.PROTECT,
                                   related_name="agenda_items")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="+")  # copied from the line: the agenda is grouped by it
    position = models.PositiveIntegerField(_("no."), default=0)
    # Result (empty until the ballot closes). Percentages are of all members of the council.
    agree = models.PositiveIntegerField(_("agree"), null=True, blank=True)
    disagree = models.PositiveIntegerField(_("disagree"), null=True, blank=True)
    abstain = models.PositiveIntegerField(_("abstain"), null=True, blank=True)
    threshold_percent = models.PositiveSmallIntegerField(_("threshold (%)"), null=True, blank=True)
    threshold_basis = models.CharField(_("threshold basis"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="agenda_item_once_per_meeting"),
        ]

    def __str__(self):
        return str(self.nomination_id)


class AgendaWithdrawal(models.Model):
    """A line taken off a meeting's agenda before the ballot, with the reason (recorded, listed in the papers
    and the minutes, written in the line's history). The line keeps its state: it may go on a later agenda,
    never again on this one."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="withdrawals")
    nomination = models.ForeignKey("dossiers.Nomination", verbose_name=_("nomination"), on_delete=models.PROTECT,
                                   related_name="agenda_withdrawals")
    award_type = models.ForeignKey("awards.AwardType", verbose_name=_("award"), on_delete=models.PROTECT,
                                   related_name="+")  # as the agenda item had it
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("withdrawn by"), null=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("withdrawn at"), auto_now_add=True)

    class Meta:
        verbose_name = _("withdrawal from the agenda")
        verbose_name_plural = _("withdrawals from the agenda")
        ordering = ["meeting", "at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"], name="agenda_withdrawal_once_per_meeting"),
        ]

    def __str__(self):
        return str(self.nomination_id)


class Attendance(models.Model):
    """Whether a member of the council attended the meeting (one row per member, made with the meeting)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    member = models.ForeignKey("orgs.CouncilMember", verbose_name=_("member"), on_delete=models.PROTECT,
                               related_name="attendances")
    status = models.CharField(_("attendance"), max_length=16, choices=AttendanceStatus.choices,
                              default=AttendanceStatus.ABSENT)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "member__role", "member__person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_once_per_member"),
        ]

    def __str__(self):
        return f"{self.member_id}: {self.status}"


class Ballot(models.Model):
    """The secret ballot of a meeting over every agenda item. Closing it is final."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="ballot")
    mode = models.CharField(_("mode"), max_length=16, choices=BallotMode.choices, default=BallotMode.ELECTRONIC)
    state = models.CharField(_("state"), max_length=8, choices=BallotState.choices, default=BallotState.DRAFT)
    # Figures frozen when the ballot opens (the attendance can no longer change).
    members_total = models.PositiveIntegerField(_("members of the council"), default=0)
    present_count = models.PositiveIntegerField(_("members present"), default=0)
    written_count = models.PositiveIntegerField(_("written opinions counted"), default=0)
    paper_tallies_entered = models.BooleanField(default=False)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    # Figures of the count, written once when the ballot is counted (the minutes print them). A paper ballot
    # records only the ballots issued: its per-item tallies are the secretary's count of the papers.
    issued_count = models.PositiveIntegerField(_("ballots issued"), null=True, blank=True)
    cast_count = models.PositiveIntegerField(_("ballots cast"), null=True, blank=True)
    valid_count = models.PositiveIntegerField(_("valid ballots"), null=True, blank=True)
    invalid_count = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return f"{self.meeting_id}: {self.state}"

    def get_absolute_url(self):
        return reverse("council:meeting", args=[self.meeting_id])

    @property
    def eligible_voters(self) -> int:
        return self.present_count + self.written_count


class BallotTally(models.Model):
    """Totals of one agenda item in one ballot, written only when the ballot is counted (electronic) or
    entered by the secretary (paper). Never a running counter: no voter, no time."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="tallies")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="tallies")
    agree = models.PositiveIntegerField(default=0)
    disagree = models.PositiveIntegerField(default=0)
    abstain = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ballot tally")
        verbose_name_plural = _("ballot tallies")
        constraints = [models.UniqueConstraint(fields=["ballot", "item"], name="ballot_tally_once_per_item")]

    def __str__(self):
        return f"{self.agree}/{self.disagree}/{self.abstain}"


class BallotParticipation(models.Model):
    """The "has voted" mark (so nobody votes twice). No choice, no time, nothing that points to the sealed
    ballot it came with."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey("orgs.CouncilMember", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=ParticipationKind.choices, default=ParticipationKind.IN_PERSON)

    class Meta:
        verbose_name = _("ballot participation")
        verbose_name_plural = _("ballot participations")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="ballot_participation_once_per_member"),
        ]

    def __str__(self):
        return f"{self.ballot_id}: {self.member_id}"


class SealedBallot(models.Model):
    """One ballot paper cast electronically (phiếu bầu): the choices on every agenda item, in a fixed-length
    encoding, sealed with the ballot's public key (libsodium sealed box). A random id, no time, no voter:
    nothing in the row says who cast it or when. Opened only in memory at the count, then deleted."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="+")
    sealed = models.BinaryField()

    class Meta:
        verbose_name = _("sealed ballot")
        verbose_name_plural = _("sealed ballots")

    def __str__(self):
        return str(self.id)


class BallotKey(models.Model):
    """The key pair of an electronic ballot. The private key is stored only locked under the passphrase
    the chair (or the secretary) typed when opening (argon2id → secret box); the row is deleted at the
    count, so the key is destroyed with it."""

    ballot = models.OneToOneField(Ballot, on_delete=models.CASCADE, primary_key=True, related_name="+")
    public_key = models.BinaryField()
    locked_private_key = models.BinaryField()
    salt = models.BinaryField()
    opslimit = models.PositiveIntegerField()
    memlimit = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("ballot key")
        verbose_name_plural = _("ballot keys")

    def __str__(self):
        return str(self.ballot_id)


class MeetingStateChange(StateChange):
    """Timeline row of a meeting (planned → in session → closed → minutes locked). Append-only; written by
    the workflow primitive (tdkt.council.transitions.MEETING)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("meeting state change")
        verbose_name_plural = _("meeting state changes")


class BallotStateChange(StateChange):
    """Timeline row of a ballot's own states (draft → open → counting → closed). A vote is not a transition: it writes
    no row here (see tdkt.council.services.ballots.cast_vote)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="state_changes")

    class Meta(StateChange.Meta):
        verbose_name = _("ballot state change")
        verbose_name_plural = _("ballot state changes")
