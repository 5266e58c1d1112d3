"""The province in its inter-provincial cluster: set-up, the self-score sheet, its sending and the cluster's
results. The standing body (province specialists, the administrator) writes; the province's readers read.

Points follow the cluster's table as the province's own scoring does (sheets.check_points): normal and bonus
lines 0…max, penalty lines a deduction −max…0. The sheet, once sent, no longer changes."""

import hashlib
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.enums import READ_ALL_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib.uploads import UploadError, read_upload
from tdkt.movements.scoring import rules
from tdkt.movements.scoring.enums import CriterionKind
from tdkt.movements.scoring.models_province import ClusterCriterion, ClusterYear, InterProvincialCluster
from tdkt.movements.scoring.sheets import EVIDENCE_KINDS, KEEP, check_points

CODE = re.compile(r"^[A-Za-z0-9._-]{1,32}$")


def can_read(user) -> bool:
    return bool(get_scope(user).roles & set(READ_ALL_ROLES)) or rules.can_manage(user)


def _require_manager(by) -> None:
    if not rules.can_manage(by):
        raise PermissionDenied(_("Only the province's standing body works on the inter-provincial cluster."))


def get_cluster_year(user, pk) -> ClusterYear:
    cluster_year = ClusterYear.objects.select_related("cluster").filter(pk=pk).first()
    if cluster_year is None or not can_read(user):
        raise Http404
    return cluster_year


def get_criterion(user, pk) -> ClusterCriterion:
    criterion = ClusterCriterion.objects.select_related("cluster_year__cluster").filter(pk=pk).first()
    if criterion is None or not can_read(user):
        raise Http404
    return criterion


@transaction.atomic
def create_cluster(*, by, name: str, code: str, member_provinces: str = "", note: str = "") -> InterProvincialCluster:
    _require_manager(by)
    name, code = (name or "").strip(), (code or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Give the cluster's name.")
    if not CODE.match(code):
        errors["code"] = _("The code takes 1 to 32 letters, digits, dots, dashes or underscores.")
    elif InterProvincialCluster.objects.filter(code=code).exists():
        errors["code"] = _("Code %(code)s is already used by another cluster.") % {"code": code}
    if errors:
        raise ValidationError(errors)
    cluster = InterProvincialCluster.objects.create(name=name, code=code, member_provinces=member_provinces.strip(),
                                                    note=note.strip(), created_by=by)
    record(by, AuditAction.CREATE, cluster, changes={"code": code, "provinces": cluster.provinces})
    return cluster


@transaction.atomic
def open_year(cluster: InterProvincialCluster, *, by, year: int) -> ClusterYear:
    _require_manager(by)
    try:
        with transaction.atomic():
            cluster_year = ClusterYear.objects.create(cluster=cluster, year=year)
    except IntegrityError as exc:
        raise ValidationError({"year": _("%(year)s is already open in %(cluster)s.") % {
            "year": year, "cluster": cluster}}) from exc
    record(by, AuditAction.CREATE, cluster_year, changes={"year": year})
    return cluster_year


def _require_open(cluster_year: ClusterYear) -> None:
    if cluster_year.submitted_at is not None:
        raise ValidationError(_("The province's sheet was sent on %(date)s: it can no longer change.") % {
            "date": timezone.localtime(cluster_year.submitted_at).strftime("%d/%m/%Y")})


@transaction.atomic
def add_criterion(cluster_year: ClusterYear, *, by, code: str, title: str, max_points, kind=CriterionKind.NORMAL,
                  order=None) -> ClusterCriterion:
    _require_manager(by)
    _require_open(cluster_year)
    code, title = (code or "").strip(), (title or "").strip()
    errors = {}
    if not code:
        errors["code"] = _("Give the criterion a code (e.g. 1.2.a).")
    elif cluster_year.criteria.filter(code=code).exists():
        errors["code"] = _("Code %(code)s is already used in this template.") % {"code": code}
    if not title:
        errors["title"] = _("Give the criterion a title.")
    if max_points is None or max_points < 0:
        errors["max_points"] = _("The maximum points must be zero or more.")
    if kind not in CriterionKind.values:
        errors["kind"] = _("Choose the kind of criterion.")
    if errors:
        raise ValidationError(errors)
    if order is None:
        order = (cluster_year.criteria.order_by("-order").values_list("order", flat=True).first() or 0) + 10
    criterion = ClusterCriterion.objects.create(cluster_year=cluster_year, code=code, title=title,
                                                max_points=max_points, kind=kind, order=order)
    record(by, AuditAction.CREATE, criterion, changes={"code": code, "max_points": str(max_points)})
    return criterion


@transaction.atomic
def save_score(criterion: ClusterCriterion, *, by, points=KEEP, explanation=KEEP, evidence=None) -> ClusterCriterion:
    """The province's points, explanation or evidence on one line of the cluster's table."""
    _require_manager(by)
    criterion = ClusterCriterion.objects.select_for_update().select_related("cluster_year").get(pk=criterion.pk)
    _require_open(criterion.cluster_year)
    changes = {}
    if points is not KEEP:
        check_points(criterion, points)
        changes["points"] = [str(criterion.points), str(points)]
        criterion.points = points
    if explanation is not KEEP:
        criterion.explanation = (explanation or "").strip()
        changes["explanation"] = criterion.explanation
    if evidence is not None:
        try:
            sniffed = read_upload(evidence, allowed=EVIDENCE_KINDS, max_bytes=settings.UPLOAD_MAX_BYTES,
                                  field_label=_("Evidence for criterion %(code)s") % {"code": criterion.code})
        except UploadError as exc:
            raise ValidationError({"evidence": str(exc)}) from exc
        name = (getattr(evidence, "name", "") or "").rsplit("/", 1)[-1][:255] or "minh-chung"
        criterion.evidence.save(name, ContentFile(sniffed.data), save=False)
        criterion.evidence_name, criterion.evidence_mime = name, sniffed.mime
        changes["evidence"] = [name, hashlib.sha256(sniffed.data).hexdigest()]
    criterion.updated_by = by
    criterion.save()
    record(by, AuditAction.UPDATE, criterion, changes=changes)
    return criterion


def total(cluster_year: ClusterYear):
    return cluster_year.criteria.aggregate(total=Sum("points"))["total"]


@transaction.atomic
def submit(cluster_year: ClusterYear, *, by) -> ClusterYear:
    """The province sends its sheet to the cluster: every normal line scored; then it is locked."""
    _require_manager(by)
    cluster_year = ClusterYear.objects.select_for_update().get(pk=cluster_year.pk)
    _require_open(cluster_year)
    lines = list(cluster_year.criteria.all())
    if not lines:
        raise ValidationError(_("The cluster's criteria are not entered yet."))
    unscored = [c.code for c in lines if c.kind == CriterionKind.NORMAL and c.points is None]
    if unscored:
        raise ValidationError(_("Criteria not scored yet: %(codes)s.") % {"codes": ", ".join(unscored[:20])})
    cluster_year.submitted_at, cluster_year.submitted_by = timezone.now(), by
    cluster_year.save(update_fields=["submitted_at", "submitted_by"])
    record(by, AuditAction.UPDATE, cluster_year, changes={"submitted_at": cluster_year.submitted_at.isoformat(),
                                                          "total": str(total(cluster_year))})
    return cluster_year


@transaction.atomic
def record_result(cluster_year: ClusterYear, *, by, rank=None, members=None, total_points=None, award: str = "",
                  note: str = "", uploaded=None) -> ClusterYear:
    """The cluster's announced result for the province: rank of how many, total, award proposed, document."""
    _require_manager(by)
    cluster_year = ClusterYear.objects.select_for_update().select_related("cluster").get(pk=cluster_year.pk)
    if cluster_year.submitted_at is None:
        raise ValidationError(_("Send the province's sheet before recording the cluster's result."))
    if rank is not None and members is not None and rank > members:
        raise ValidationError({"result_rank": _("Rank %(rank)s cannot exceed the %(members)s provinces ranked.") % {
            "rank": rank, "members": members}})
    if uploaded is not None:
        try:
            sniffed = read_upload(uploaded, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                                  field_label=_("The cluster's result document"))
        except UploadError as exc:
            raise ValidationError({"result_file": str(exc)}) from exc
        name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1][:255] or f"ket-qua.{sniffed.kind}"
        cluster_year.result_file.save(name, ContentFile(sniffed.data), save=False)
        cluster_year.result_file_name = name
    cluster_year.result_rank, cluster_year.result_members, cluster_year.result_total = rank, members, total_points
    cluster_year.result_award, cluster_year.result_note = (award or "").strip(), (note or "").strip()
    cluster_year.result_recorded_at, cluster_year.result_recorded_by = timezone.now(), by
    cluster_year.save()
    record(by, AuditAction.UPDATE, cluster_year, changes={
        "result_rank": rank, "result_members": members, "result_total": str(total_points),
        "result_award": cluster_year.result_award})
    return cluster_year
