"""What a published year-end round produces: the group's ballot tally, its proposals (Cờ thi đua của tỉnh
for the leader(s), Bằng khen của Chủ tịch UBND tỉnh for the next units) sent as one dossier by the head
unit, and the province's choice of Government flags among the leaders, capped at 20 %.

The cap is law (NĐ152/2025 Đ7.1 [V], law.md §5): CO_CP proposals drawn from the province's cluster/block
leaders are at most 20 % of the leaders that meet the Cờ tỉnh standard. Here "meet the standard" is read as
"proposed for CO_TINH by its group this year"; the council's later verdict does not lower the count."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.models import AwardType
from tdkt.dossiers.documents import add_document
from tdkt.dossiers.enums import DocumentType, DossierKind
from tdkt.dossiers.nominees.services import add_nomination
from tdkt.dossiers.workflow import create_dossier, submit_dossier
from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import RoundKind, RoundState
from tdkt.movements.scoring.exports import cover_letter_docx, minutes_docx
from tdkt.movements.scoring.models import (
    GroupBallotTally,
    LeaderProposal,
    RankingResult,
    ScoreSheet,
    ScoringRound,
)
from tdkt.movements.scoring.queries import leaderboards, require_complete

PROVINCE_FLAG = "CO_TINH"
MERIT_CERTIFICATE = "BK_TINH"
GOVERNMENT_FLAG = "CO_CP"
GOVERNMENT_FLAG_SHARE_PERCENT = 20  # NĐ152/2025 Đ7.1 [V]


def _require_group_actor(by, group_year) -> None:
    if not rules.is_group_actor(by, group_year):
        raise PermissionDenied(_("Only the head of “%(group)s” acts for the group.") % {"group": group_year})


@transaction.atomic
def record_tally(scoring_round: ScoringRound, unit, *, by, votes_for: int, members_voting: int) -> GroupBallotTally:
    """The group's paper ballot on a candidate: votes for it and the number of members who voted."""
    group_year = scoring_round.group_year
    _require_group_actor(by, group_year)
    if scoring_round.state == RoundState.OPEN:
        raise ValidationError(_("Close self-scoring before the group votes."))
    if scoring_round.proposed_at is not None:
        raise ValidationError(_("The proposals are already sent: the tally can no longer change."))
    member_ids = rules.member_unit_ids(group_year)
    if unit.pk not in member_ids:
        raise ValidationError(_("%(unit)s is not a member of “%(group)s”.") % {"unit": unit, "group": group_year})
    if members_voting < 1 or members_voting > len(member_ids):
        raise ValidationError({"members_voting": _("Members voting must be between 1 and %(count)s (the group's "
                                                   "members).") % {"count": len(member_ids)}})
    if votes_for < 0 or votes_for > members_voting:
        raise ValidationError({"votes_for": _("Votes for (%(votes)s) cannot exceed the members voting "
                                              "(%(voters)s).") % {"votes": votes_for, "voters": members_voting}})
    tally, created = GroupBallotTally.objects.update_or_create(
        round=scoring_round, unit=unit,
        defaults={"votes_for": votes_for, "members_voting": members_voting, "recorded_by": by})
    record(by, AuditAction.CREATE if created else AuditAction.UPDATE, tally,
           changes={"votes_for": votes_for, "members_voting": members_voting, "unit": unit.pk})
    return tally


def proposal_order(results: list[RankingResult], tallies: dict[int, int]) -> list[RankingResult]:
    """Ranking order, with units tied on every rule ordered by the group's votes (more first)."""
    blocks: list[list[RankingResult]] = []
    for result in results:
        if blocks and result.tie_unresolved and blocks[-1][-1].tie_unresolved and \
                blocks[-1][-1].total == result.total:
            blocks[-1].append(result)
        else:
            blocks.append([result])
    ordered = []
    for block in blocks:
        ordered += sorted(block, key=lambda r: (-tallies.get(r.unit_id, -1), r.rank))
    return ordered


def _boundary_tie(ordered, tallies, cut: int) -> list:
    """Units tied on every rule across the cut (proposed vs not) that no vote separates."""
    if cut <= 0 or cut >= len(ordered):
        return []
    inside, outside = ordered[cut - 1], ordered[cut]
    if inside.tie_unresolved and outside.tie_unresolved and inside.total == outside.total and \
            tallies.get(inside.unit_id, -1) == tallies.get(outside.unit_id, -1):
        return [inside, outside]
    return []


def _report(reports, result):
    """The unit's achievement report from its sheet, as an upload for the dossier line (None when missing)."""
    sheet = reports.get(result.unit_id)
    if sheet is None:
        return None
    with sheet.report.open("rb") as handle:
        return ContentFile(handle.read(), name=sheet.report_name or sheet.report.name.rsplit("/", 1)[-1])


def _require_reviewed(scoring_round, chosen) -> None:
    """Each proposed unit's own sheet submitted and reviewed (a ranking published before the rule, or a draft,
    never yields a proposal); the head unit's sheet reviewed by the deputy or the standing body."""
    reviewed = dict(ScoreSheet.objects.filter(round=scoring_round, submitted_at__isnull=False,
                                              absent_at__isnull=True).values_list("unit_id", "reviewed_by_id"))
    missing = [r.unit.name for r in chosen if reviewed.get(r.unit_id) is None]
    if missing:
        raise ValidationError(_("No proposal for a unit whose sheet is not submitted and reviewed: %(units)s.")
                              % {"units": ", ".join(missing)})


@dataclass
class ProposalOutcome:
    dossier: object
    proposals: list
    problems: list = field(default_factory=list)  # why the dossier stays a draft, if it does


@transaction.atomic
def propose_leaders(scoring_round: ScoringRound, *, by) -> ProposalOutcome:
    """Year-end round, published: one dossier of the group (head unit, group_year set) with CO_TINH for the
    leader(s) (template.flag_quota) and BK_TINH for the next units (template.merit_count), then submitted.

    If the dossier core refuses the submission (documents the province requires are missing), the dossier
    stays a draft with the reasons, for the head unit to complete in the dossier pages."""
    group_year = scoring_round.group_year
    _require_group_actor(by, group_year)
    head_id = rules.head_unit_id(group_year)
    if head_id is None:
        raise ValidationError(_("“%(group)s” has no head unit: appoint the head before scoring.") % {"group": group_year})
    if scoring_round.kind != RoundKind.YEAR_END:
        raise ValidationError(_("Flags and certificates of merit are proposed from the year-end round."))
    if scoring_round.state != RoundState.PUBLISHED:
        raise ValidationError(_("Publish the ranking before proposing."))
    require_complete(scoring_round)
    template = scoring_round.template
    results = list(RankingResult.objects.filter(round=scoring_round).select_related("unit").order_by("rank"))
    tallies = dict(GroupBallotTally.objects.filter(round=scoring_round).values_list("unit_id", "votes_for"))
    ordered = proposal_order(results, tallies)
    flags, merits = template.flag_quota, template.merit_count
    for cut in (flags, flags + merits):
        tied = _boundary_tie(ordered, tallies, cut)
        if tied:
            raise ValidationError(_("%(units)s tie on every rule: record the group's ballot before proposing.")
                                  % {"units": " – ".join(r.unit.name for r in tied)})
    chosen = [(r, PROVINCE_FLAG) for r in ordered[:flags]] + [(r, MERIT_CERTIFICATE) for r in
                                                               ordered[flags:flags + merits]]
    _require_reviewed(scoring_round, [r for r, _code in chosen])
    if not chosen:
        raise ValidationError(_("The ranking is empty: nothing to propose."))
    now = timezone.now()
    if ScoringRound.objects.filter(pk=scoring_round.pk, proposed_at__isnull=True).update(proposed_at=now) != 1:
        raise ValidationError(_("The proposals of this round were already sent."))
    scoring_round.proposed_at = now
    awards = {a.code: a for a in AwardType.objects.filter(code__in=[PROVINCE_FLAG, MERIT_CERTIFICATE])}
    head = next(m.unit for m in group_year.memberships.all() if m.unit_id == head_id)
    dossier = create_dossier(
        unit=head, by=by, kind=DossierKind.YEAR_END, group_year=group_year, year=group_year.year,
        title=_("Proposals of “%(group)s” after the %(year)s year-end review") % {
            "group": group_year.group.name, "year": group_year.year})
    reports = {sheet.unit_id: sheet for sheet in ScoreSheet.objects.filter(round=scoring_round).exclude(report="")}
    proposals = []
    for result, code in chosen:
        add_nomination(dossier, by=by, award_type=awards[code], unit=result.unit, report=_report(reports, result),
                       achievement_summary=_("Rank %(rank)s of %(count)s in %(group)s, %(total)s points.") % {
                           "rank": result.rank, "count": len(results), "group": group_year.group.name,
                           "total": str(result.total).replace(".", ",")})
        proposals.append(LeaderProposal.objects.create(round=scoring_round, unit=result.unit, award_type=awards[code],
                                                       rank=result.rank, dossier=dossier, year=group_year.year,
                                                       created_by=by))
    ranked = leaderboards([scoring_round])[scoring_round.pk]
    tally_rows = list(GroupBallotTally.objects.filter(round=scoring_round).select_related("unit"))
    minutes = ContentFile(minutes_docx(scoring_round, ranked, tally_rows, proposals),
                          name=f"bien-ban-{group_year.group.code}-{group_year.year}.docx")
    add_document(dossier, by=by, document_type=DocumentType.COUNCIL_MINUTES, uploaded=minutes)
    cover = ContentFile(cover_letter_docx(scoring_round, proposals),
                        name=f"to-trinh-{group_year.group.code}-{group_year.year}.docx")
    add_document(dossier, by=by, document_type=DocumentType.COVER_LETTER, uploaded=cover)
    problems = []
    try:
        with transaction.atomic():
            submit_dossier(dossier, by=by)
    except ValidationError as exc:
        problems = exc.messages
    record(by, AuditAction.CREATE, scoring_round, object_repr=str(scoring_round)[:255], changes={
        "proposals": [[p.unit_id, awards[c].code] for p, c in zip(proposals, [c for _r, c in chosen], strict=True)],
        "dossier": dossier.pk, "submitted": not problems})
    return ProposalOutcome(dossier, proposals, problems)


# --- the province: Government flag among the leaders ----------------------------------------------------------

@dataclass
class GovernmentFlagCap:
    year: int
    leaders: int  # leaders proposed for CO_TINH this year
    allowed: int
    used: int

    @property
    def left(self) -> int:
        return max(0, self.allowed - self.used)


def government_flag_cap(year: int, *, lock: bool = False) -> GovernmentFlagCap:
    leaders = LeaderProposal.objects.filter(year=year, award_type__code=PROVINCE_FLAG)
    if lock:  # serialises concurrent proposals on PostgreSQL (SQLite writes are serialised anyway)
        leaders = leaders.select_for_update()
    count = len(set(leaders.values_list("unit_id", flat=True))) if lock else \
        leaders.values("unit_id").distinct().count()
    used = LeaderProposal.objects.filter(year=year, award_type__code=GOVERNMENT_FLAG).count()
    return GovernmentFlagCap(year, count, count * GOVERNMENT_FLAG_SHARE_PERCENT // 100, used)


@transaction.atomic
def propose_government_flag(scoring_round: ScoringRound, unit, *, by) -> LeaderProposal:
    """The standing body proposes a group leader for the Cờ thi đua của Chính phủ, within the 20 % cap."""
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only the province's standing body proposes the Government's flag."))
    year = scoring_round.group_year.year
    if not LeaderProposal.objects.filter(round=scoring_round, unit=unit, award_type__code=PROVINCE_FLAG).exists():
        raise ValidationError(_("%(unit)s is not its group's leader proposed for the provincial flag in %(year)s.")
                              % {"unit": unit, "year": year})
    cap = government_flag_cap(year, lock=True)
    if LeaderProposal.objects.filter(round=scoring_round, unit=unit, award_type__code=GOVERNMENT_FLAG).exists():
        raise ValidationError(_("%(unit)s is already proposed for the Government's flag.") % {"unit": unit})
    if cap.used + 1 > cap.allowed:
        raise ValidationError(_("The Government's flag may go to at most 20%% of the %(leaders)s group leaders "
                                "proposed for the provincial flag in %(year)s, i.e. %(allowed)s; %(used)s already "
                                "proposed (Decree 152/2025, Article 7.1).") % {
            "leaders": cap.leaders, "year": year, "allowed": cap.allowed, "used": cap.used})
    rank = RankingResult.objects.filter(round=scoring_round, unit=unit).values_list("rank", flat=True).first() or 1
    proposal = LeaderProposal.objects.create(round=scoring_round, unit=unit, rank=rank, year=year, created_by=by,
                                             award_type=AwardType.objects.get(code=GOVERNMENT_FLAG))
    record(by, AuditAction.CREATE, proposal, changes={"unit": unit.pk, "year": year, "cap": cap.allowed})
    return proposal


@transaction.atomic
def withdraw_government_flag(proposal: LeaderProposal, *, by) -> None:
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only the province's standing body proposes the Government's flag."))
    if proposal.award_type.code != GOVERNMENT_FLAG:
        raise ValidationError(_("Only a Government flag proposal is withdrawn here."))
    record(by, AuditAction.DELETE, proposal)
    proposal.delete()
