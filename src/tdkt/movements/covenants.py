"""Emulation covenants (giao ước thi đua) of a cluster or block for a year: who may read and write them,
and saving one (content, signing date, host unit — by default the year's head — member targets and the
signed document)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from tdkt.lib.uploads import UploadError, read_upload
from tdkt.movements import rules
from tdkt.movements.auditing import file_safe_snapshot, record_created, record_updated
from tdkt.movements.models import Covenant, CovenantTarget
from tdkt.orgs.models import EmulationGroupYear


def get_group_year(user, pk, *, write=False) -> EmulationGroupYear:
    """The group-year with members, or 404 when the user is not of the group; 403 when they may read it
    but not write the covenant."""
    group_year = (EmulationGroupYear.objects.select_related("group").prefetch_related("memberships__unit")
                  .filter(pk=pk).first())
    if group_year is None or not rules.can_read_group_year(user, group_year):
        raise Http404
    if write and not rules.can_write_covenant(user, group_year):
        raise PermissionDenied
    return group_year


def covenant_of(group_year) -> Covenant | None:
    return (Covenant.objects.select_related("host_unit").prefetch_related("targets__unit")
            .filter(group_year=group_year).first())


def save_covenant(group_year, *, by, signed_on=None, host_unit=None, content: str = "", targets: dict | None = None,
                  uploaded=None) -> Covenant:
    """Create or edit the covenant. `targets`: member unit -> targets text (blank removes the line)."""
    members = {m.unit_id: m for m in group_year.memberships.all()}
    head = group_year.head
    host_unit = host_unit or head
    errors: dict[str, list[str]] = {}
    if host_unit is None:
        errors["host_unit"] = [_("%(group)s has no head unit this year: choose the host unit.") % {
            "group": group_year}]
    elif host_unit.pk not in members:
        errors["host_unit"] = [_("The host unit must be a member of %(group)s.") % {"group": group_year}]
    for unit in (targets or {}):
        if unit.pk not in members:
            errors.setdefault("targets", []).append(_("“%(unit)s” is not a member of %(group)s.") % {
                "unit": unit, "group": group_year})
    upload = None
    if uploaded is not None:
        try:
            upload = read_upload(uploaded, allowed={"pdf", "docx"}, max_bytes=settings.UPLOAD_MAX_BYTES,
                                 field_label=str(_("Signed document")))
        except UploadError as exc:
            errors["document"] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        covenant = Covenant.objects.select_for_update().filter(group_year=group_year).first()
        before = file_safe_snapshot(covenant) if covenant else None
        covenant = covenant or Covenant(group_year=group_year, created_by=by)
        covenant.signed_on, covenant.host_unit, covenant.content = signed_on, host_unit, content.strip()
        stored = None
        if upload is not None:
            covenant.document_sha256 = hashlib.sha256(upload.data).hexdigest()
            covenant.document_name = (getattr(uploaded, "name", "") or "giao-uoc")[:255]
            covenant.document.save(covenant.document_name, ContentFile(upload.data), save=False)
            stored = covenant.document.name
        try:
            covenant.save()
            if targets is not None:
                for unit, text in targets.items():
                    text = (text or "").strip()
                    if text:
                        CovenantTarget.objects.update_or_create(covenant=covenant, unit=unit,
                                                                defaults={"targets": text})
                    else:
                        CovenantTarget.objects.filter(covenant=covenant, unit=unit).delete()
            if before is None:
                record_created(by, covenant)
            else:
                record_updated(by, covenant, before)
        except Exception:
            if stored:
                covenant.document.storage.delete(stored)
            raise
    return covenant
