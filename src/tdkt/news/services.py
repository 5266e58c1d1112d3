"""Operations on news articles and contribution asks; one function owns each change, in one transaction. Views,
the demo and tests all call these. Refusals are ValidationErrors in Vietnamese naming the field."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from tdkt.audit.models import AuditAction
from tdkt.audit.services import record
from tdkt.lib.images import publishable_image
from tdkt.lib.uploads import UploadError
from tdkt.news import clock, rules
from tdkt.news.enums import EDITABLE_STATES
from tdkt.news.models import Article, ArticleImage, ContributionAsk
from tdkt.news.transitions import ARTICLE_MACHINE
from tdkt.workflow.primitive import write_history

ARTICLE_FIELDS = ("title", "summary", "body")
LIMITS = {"title": 300, "summary": 1000}
MAX_PHOTOS = 12  # an article, not an album: more photos belong in a gallery of their own


LABELS = {"title": pgettext_lazy("news article", "Title"), "summary": pgettext_lazy("news article", "Summary"),
          "body": pgettext_lazy("news article", "Body")}  # the form's words, so a message names the field as shown


def _field_label(name: str) -> str:
    return str(LABELS[name])


def _clean_text(fields: dict) -> dict:
    cleaned = {name: (fields.get(name) or "").strip() for name in ARTICLE_FIELDS}
    errors = {}
    for name in ARTICLE_FIELDS:
        if not cleaned[name]:
            errors[name] = [_("%(field)s: write it.") % {"field": _field_label(name)}]
        elif name in LIMITS and len(cleaned[name]) > LIMITS[name]:
            errors[name] = [_("%(field)s: at most %(n)s characters (now %(length)s).") % {
                "field": _field_label(name), "n": LIMITS[name], "length": len(cleaned[name])}]
    if errors:
        raise ValidationError(errors)
    return cleaned


def _photo(data: bytes, description: str, *, field: str = "photo"):
    """The re-encoded photo, or a ValidationError on the photo's field."""
    label = _("Photo")
    try:
        image = publishable_image(data, field_label=label)
    except UploadError as error:
        raise ValidationError({field: [str(error)]}) from None
    if not (description or "").strip():
        raise ValidationError({"photo_description": [
            _("Photo description: say in a few words what the photo shows (it is read out to blind visitors).")]})
    return image


def _store_photo(article: Article, image, description: str) -> ArticleImage:
    if article.images.count() >= MAX_PHOTOS:
        raise ValidationError({"photo": [_("Photo: an article has at most %(n)s photos.") % {"n": MAX_PHOTOS}]})
    last = article.images.aggregate(last=Max("sort_order"))["last"]
    photo = ArticleImage(article=article, content_type=image.content_type, width=image.width, height=image.height,
                         description=description.strip()[:300], sort_order=(last or 0) + 1)
    photo.file.save(f"photo.{image.extension}", ContentFile(image.data), save=False)
    photo.save()
    return photo


@transaction.atomic
def create_article(*, by, unit, photo: bytes | None = None, photo_description: str = "", **fields) -> Article:
    """A new draft of `unit` (the writer's own unit; the standing body writes for any unit, its own articles
    marked as such), with its first photo."""
    if unit is None or not rules.can_write_for(by, unit.pk):
        raise ValidationError({"unit": [_("Author unit: you may not write articles for this unit.")]})
    unknown = set(fields) - set(ARTICLE_FIELDS)
    if unknown:
        raise TypeError(f"Fields that cannot be set here: {sorted(unknown)}")
    text = _clean_text(fields)
    if not photo:
        raise ValidationError({"photo": [_("Photo: add at least one photo to the article.")]})
    image = _photo(photo, photo_description)
    article = Article.objects.create(unit=unit, created_by=by, by_standing_body=rules.is_standing_body(by), **text)
    _store_photo(article, image, photo_description)
    _record_creation(article, by)
    return article


def _record_creation(article, by) -> None:
    """The creation in the article's history (from nothing to draft) and the audit log."""
    write_history(ARTICLE_MACHINE, article, by=by, from_state="", to_state=article.state)
    record(by, AuditAction.CREATE, article, changes={"after": {
        "title": article.title, "unit": article.unit_id, "by_standing_body": article.by_standing_body}})


def _lock_editable(article: Article, by) -> Article:
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not rules.can_write_for(by, locked.unit_id):
        raise PermissionDenied(_("You may not change this article."))
    if locked.state not in EDITABLE_STATES:
        raise ValidationError(_("The article is “%(state)s”: it can no longer be changed.") % {
            "state": locked.get_state_display()})
    return locked


@transaction.atomic
def update_article(article: Article, *, by, photo: bytes | None = None, photo_description: str = "",
                   **fields) -> Article:
    """New text of a draft or returned article, and optionally one more photo; all or nothing."""
    locked = _lock_editable(article, by)
    text = _clean_text(fields)
    image = _photo(photo, photo_description) if photo else None
    before = {name: getattr(locked, name) for name in ARTICLE_FIELDS}
    for name, value in text.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*ARTICLE_FIELDS, "updated_at"])
    if image is not None:
        _store_photo(locked, image, photo_description)
    changed = {name: [before[name], text[name]] for name in ARTICLE_FIELDS if before[name] != text[name]}
    if changed or image is not None:
        record(by, AuditAction.UPDATE, locked, changes={**changed, **({"photo_added": True} if image else {})})
    return locked


@transaction.atomic
def remove_photo(photo: ArticleImage, *, by) -> None:
    """Take a photo off a draft or returned article (the last one stays: an article has at least one)."""
    locked = _lock_editable(photo.article, by)
    if locked.images.count() <= 1:
        raise ValidationError(_("An article keeps at least one photo: add another before removing this one."))
    name = photo.file.name
    photo.delete()
    transaction.on_commit(lambda: photo.file.storage.delete(name))
    record(by, AuditAction.UPDATE, locked, changes={"photo_removed": photo.description})


@ARTICLE_MACHINE.implements("confirm", reason=None)
def confirm_article(article: Article, *, by) -> Article:
    """The unit's leader confirms: the article counts for the unit in the quarter of this moment."""
    return ARTICLE_MACHINE.perform(article, "confirm", by=by, confirmed_at=clock.now())


@ARTICLE_MACHINE.implements("approve", reason=None)
@transaction.atomic
def approve_article(article: Article, *, by, publish_at: datetime.datetime | None = None) -> Article:
    """The standing body approves; the portal shows the article from `publish_at` (now when not given)."""
    publish_at = publish_at or clock.now()
    return ARTICLE_MACHINE.perform(article, "approve", by=by, publish_at=publish_at)


@transaction.atomic
def save_ask(ask: ContributionAsk | None, *, by, year: int, per_quarter: int, units=(), group=None,
             note: str = "") -> ContributionAsk:
    """Create or change what a plan asks of units for a year (the standing body only)."""
    if not rules.is_standing_body(by):
        raise PermissionDenied(_("Only the standing body records what units are asked."))
    units = list(units)
    if not units and group is None:
        raise ValidationError({"units": [_("Units asked: choose the units, or an emulation group, or both.")]})
    if per_quarter is None or per_quarter < 1:
        raise ValidationError({"per_quarter": [_("Number per quarter: at least 1.")]})
    created = ask is None
    ask = ask or ContributionAsk(created_by=by)
    ask.year, ask.per_quarter, ask.group, ask.note = year, per_quarter, group, (note or "").strip()
    ask.save()
    ask.units.set(units)
    record(by, AuditAction.CREATE if created else AuditAction.UPDATE, ask, changes={"after": {
        "year": year, "per_quarter": per_quarter, "group": group.pk if group else None,
        "units": sorted(unit.pk for unit in units)}})
    return ask


@transaction.atomic
def delete_ask(ask: ContributionAsk, *, by) -> None:
    if not rules.is_standing_body(by):
        raise PermissionDenied(_("Only the standing body records what units are asked."))
    record(by, AuditAction.DELETE, ask, changes={"before": {"year": ask.year, "per_quarter": ask.per_quarter}})
    ask.delete()
