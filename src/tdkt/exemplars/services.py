"""Operations on exemplars. One function owns each change: create and edit a draft (with its photo), and the
declared transitions (tdkt.exemplars.transitions), each through the workflow primitive."""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.awards.models import AwardRecord
from tdkt.exemplars import rules
from tdkt.exemplars.enums import EDITABLE_STATES, ExemplarKind, ExemplarState
from tdkt.exemplars.models import FIRST_YEAR, Exemplar
from tdkt.exemplars.transitions import EXEMPLAR_MACHINE
from tdkt.lib.images import publishable_image
from tdkt.lib.uploads import UploadError
from tdkt.lib.vntext import fold

TEXT_FIELDS = ("headline", "story", "year", "quarter")
STORY_MAX_CHARS = 20_000  # a long feature article is ~10,000 characters; more is a pasted document


def search_text_of(exemplar: Exemplar) -> str:
    return fold(" ".join([exemplar.subject_name, exemplar.headline, exemplar.unit.name]))


def _check(exemplar: Exemplar) -> None:
    """Every field's rule, each refusal naming its field."""
    errors: dict[str, list[str]] = {}
    if exemplar.kind == ExemplarKind.PERSON and exemplar.person_id is None:
        errors["person"] = [_("Choose the person the story is about.")]
    if exemplar.kind == ExemplarKind.COLLECTIVE and exemplar.collective_id is None:
        errors["collective"] = [_("Choose the collective the story is about.")]
    if not exemplar.headline.strip():
        errors["headline"] = [_("Give the headline.")]
    if not exemplar.story.strip():
        errors["story"] = [_("Write the story.")]
    elif len(exemplar.story) > STORY_MAX_CHARS:
        errors["story"] = [_("The story is %(length)s characters long; at most %(limit)s are accepted.") % {
            "length": len(exemplar.story), "limit": STORY_MAX_CHARS}]
    this_year = timezone.localdate().year
    if exemplar.year is None or not FIRST_YEAR <= exemplar.year <= this_year:
        errors["year"] = [_("The year must be between %(first)s and %(last)s.") % {"first": FIRST_YEAR,
                                                                                  "last": this_year}]
    if exemplar.quarter is not None and exemplar.quarter not in (1, 2, 3, 4):
        errors["quarter"] = [_("The quarter is 1, 2, 3 or 4.")]
    if errors:
        raise ValidationError(errors)


def _store_photo(exemplar: Exemplar, uploaded) -> None:
    """Only the re-encoded pixels are stored (tdkt.lib.images): no metadata of the uploaded file is kept."""
    try:
        image = publishable_image(uploaded.read(), field_label=_("Photo"))
    except UploadError as exc:
        raise ValidationError({"photo": [str(exc)]}) from exc
    exemplar.photo_sha256 = hashlib.sha256(image.data).hexdigest()
    exemplar.photo_type, exemplar.photo_width, exemplar.photo_height = image.content_type, image.width, image.height
    exemplar.photo.save(f"anh.{image.extension}", ContentFile(image.data), save=False)


def subject_awards(exemplar: Exemplar):
    if exemplar.kind == ExemplarKind.PERSON:
        return AwardRecord.objects.filter(person_id=exemplar.person_id)
    return AwardRecord.objects.filter(unit_id=exemplar.collective_id)


def _set_awards(exemplar: Exemplar, awards) -> None:
    """`awards`: records of the exemplar's person or collective; None links all of them."""
    own = subject_awards(exemplar)
    if awards is None:
        exemplar.awards.set(own)
        return
    chosen = {award.pk for award in awards}
    if chosen - set(own.filter(pk__in=chosen).values_list("pk", flat=True)):
        raise ValidationError({"awards": [_("Link only awards of the person or collective the story is about.")]})
    exemplar.awards.set(chosen)


@transaction.atomic
def create_exemplar(*, by, unit, kind: str, person=None, collective=None, photo=None, awards=None,
                    **fields) -> Exemplar:
    """A new draft of `unit` (one of the clerk's units); all or nothing, the photo included."""
    if unit is None or not rules.can_write_unit(by, unit.pk):
        raise ValidationError({"unit": [_("You may propose exemplars only for your own unit.")]})
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {sorted(unknown)}")
    exemplar = Exemplar(unit=unit, kind=kind, person=person if kind == ExemplarKind.PERSON else None,
                        collective=collective if kind == ExemplarKind.COLLECTIVE else None, created_by=by,
                        state=ExemplarState.DRAFT, **fields)
    exemplar.headline = (exemplar.headline or "").strip()
    if exemplar.collective_id and not rules.can_write_unit(by, exemplar.collective_id):
        raise ValidationError({"collective": [_("Choose your own unit or one of its sub-units.")]})
    _check(exemplar)
    if photo is not None:
        _store_photo(exemplar, photo)
    exemplar.search_text = search_text_of(exemplar)
    exemplar.save()
    _set_awards(exemplar, awards)
    record(by, AuditAction.CREATE, exemplar, changes={"after": {
        "kind": kind, "person": exemplar.person_id, "collective": exemplar.collective_id, "unit": unit.pk,
        "headline": exemplar.headline, "year": exemplar.year, "quarter": exemplar.quarter,
        "photo": exemplar.photo_sha256}})
    return exemplar


@transaction.atomic
def edit_exemplar(exemplar: Exemplar, *, by, photo=None, awards=None, **fields) -> Exemplar:
    """The clerk corrects a draft or a returned exemplar: its text, period, photo and linked awards."""
    locked = Exemplar.objects.select_for_update(of=("self",)).select_related("unit", "person", "collective").get(
        pk=exemplar.pk)
    if not rules.is_clerk(by, locked):
        raise PermissionDenied(_("You may not change this exemplar."))
    if locked.state not in EDITABLE_STATES:
        raise ValidationError(_("An exemplar that is “%(state)s” can no longer be changed.") % {
            "state": locked.get_state_display()})
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {sorted(unknown)}")
    before = {name: getattr(locked, name) for name in TEXT_FIELDS}
    for name, value in fields.items():
        setattr(locked, name, value.strip() if name == "headline" else value)
    _check(locked)
    if photo is not None:
        _store_photo(locked, photo)
    locked.search_text = search_text_of(locked)
    locked.save()
    if awards is not None:
        _set_awards(locked, awards)
    changes = {name: [before[name], getattr(locked, name)] for name in TEXT_FIELDS
               if before[name] != getattr(locked, name)}
    if photo is not None:
        changes["photo"] = [None, locked.photo_sha256]
    record(by, AuditAction.UPDATE, locked, changes=changes)
    return locked


@EXEMPLAR_MACHINE.implements("submit", reason=None)
@transaction.atomic
def submit_exemplar(exemplar: Exemplar, *, by) -> Exemplar:
    """The clerk sends the exemplar to the unit's leader; a story without a photo is sent as it is."""
    return EXEMPLAR_MACHINE.perform(exemplar, "submit", by=by)


@EXEMPLAR_MACHINE.implements("confirm", reason=None)
@transaction.atomic
def confirm_exemplar(exemplar: Exemplar, *, by) -> Exemplar:
    """The unit's leader confirms: the unit proposes it (counted as the unit's contribution of the quarter)."""
    return EXEMPLAR_MACHINE.perform(exemplar, "confirm", by=by, confirmed_at=timezone.now())


@EXEMPLAR_MACHINE.implements("return_to_clerk")
@transaction.atomic
def return_to_clerk(exemplar: Exemplar, *, by, reason: str = "") -> Exemplar:
    return EXEMPLAR_MACHINE.perform(exemplar, "return_to_clerk", by=by, reason=reason)


@EXEMPLAR_MACHINE.implements("publish", reason=None)
@transaction.atomic
def publish_exemplar(exemplar: Exemplar, *, by) -> Exemplar:
    """The standing body approves and publishes it on the portal."""
    return EXEMPLAR_MACHINE.perform(exemplar, "publish", by=by, published_at=timezone.now())


@EXEMPLAR_MACHINE.implements("return_to_unit")
@transaction.atomic
def return_to_unit(exemplar: Exemplar, *, by, reason: str = "") -> Exemplar:
    return EXEMPLAR_MACHINE.perform(exemplar, "return_to_unit", by=by, reason=reason)


@EXEMPLAR_MACHINE.implements("archive", reason=None)
@transaction.atomic
def archive_exemplar(exemplar: Exemplar, *, by) -> Exemplar:
    return EXEMPLAR_MACHINE.perform(exemplar, "archive", by=by)


@transaction.atomic
def archive_year(year: int, *, by) -> int:
    """Every exemplar of `year` still published moves to the archive: all or none, a fixed number of queries."""
    if not rules.is_standing_body(by):
        raise PermissionDenied(_("Only the standing body archives exemplars."))
    if year is None or year >= timezone.localdate().year:
        raise ValidationError({"year": [_("Archive a past year only.")]})
    batch = list(Exemplar.objects.select_for_update().filter(year=year, state=ExemplarState.PUBLISHED).order_by("pk"))
    EXEMPLAR_MACHINE.perform_many(batch, "archive", by=by)
    return len(batch)
