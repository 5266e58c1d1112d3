"""Operations on the award registry. Each one checks its input, saves and writes the audit row in one
transaction; views, imports, commands and tests all call these. Refusals are ValidationErrors whose
messages name the field (English source, Vietnamese catalogue)."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tdkt.accounts.scope import get_scope
from tdkt.audit.models import AuditAction
from tdkt.audit.services import diff, record, record_create, record_update, snapshot
from tdkt.awards import facts
from tdkt.awards.deciders import default_deciders
from tdkt.awards.enums import AliasKind, AwardBasis, AwardCategory, AwardLevel, AwardSource, RecipientKind
from tdkt.awards.matching import award_name_key
from tdkt.awards.models import (
    CODE_PATTERN,
    FIRST_YEAR,
    AwardAlias,
    AwardRecord,
    AwardType,
    DisciplineRecord,
    Initiative,
    OpenCase,
    Rating,
)
from tdkt.orgs.enums import AuthorityKind

# NĐ152 Đ44.2 (law.md §4.3), for the State-level awards it lists: a province may post longer, never shorter.
NATIONAL_POSTING_DAYS = 10

AWARD_TYPE_FIELDS = (
    "code", "name", "short_name", "category", "for_individual", "for_collective", "for_household", "level",
    "deciding_authority", "decided_by", "bases", "bonus_individual", "bonus_collective", "bonus_household", "bonus_is_ceiling",
    "requires_public_posting", "posting_working_days", "requires_council_vote", "vote_threshold_percent", "active", "sort_order",
    "legal_basis",
)
AWARD_RECORD_FIELDS = (
    "award_type", "basis", "year", "school_year", "period_from", "period_to", "decision_number", "decision_date",
    "decision_issuer", "source", "note",
)
RATING_FIELDS = ("year", "level", "note")
INITIATIVE_FIELDS = ("title", "year", "scope", "decision_number", "decision_date", "recognised_by")
DISCIPLINE_FIELDS = ("level", "start", "end", "decision_number", "decision_date", "note")
OPEN_CASE_FIELDS = ("kind", "opened_on", "closed_on", "reference", "note")

_SCHOOL_YEAR = re.compile(r"^\s*(\d{4})\s*[-–/]\s*(\d{4})\s*$")


def _dmy(day) -> str:
    return day.strftime("%d/%m/%Y")


class Errors(dict):
    """Field errors collected before raising them together."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def _set_fields(obj, changes: dict, allowed: tuple) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"Fields that cannot be changed here: {sorted(unknown)}")
    for field, value in changes.items():
        setattr(obj, field, value)


def _save(obj, *, unique_field: str, unique_message: str) -> None:
    """Save; a unique constraint that a concurrent writer got to first becomes the same field error."""
    obj.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({unique_field: [unique_message]}) from exc


# --- recipients and access ------------------------------------------------------------------------------


def recipient_of(*, person=None, unit=None, household=None):
    """(kind, recipient) of exactly one given recipient."""
    given = [(kind, obj) for kind, obj in (
        (RecipientKind.INDIVIDUAL, person), (RecipientKind.COLLECTIVE, unit), (RecipientKind.HOUSEHOLD, household),
    ) if obj is not None]
    if len(given) != 1:
        raise ValidationError(_("Choose exactly one recipient: a person, a collective or a household."))
    return given[0]


def _check_writable(by, kind: str, recipient) -> None:
    unit_id = recipient.pk if kind == RecipientKind.COLLECTIVE else recipient.unit_id
    if not get_scope(by).can_write_unit(unit_id):
        raise ValidationError(_("You may not record the history of “%(name)s”.") % {"name": recipient})


def _check_year(errors: Errors, field: str, year) -> None:
    if year is None:
        return
    if year > timezone.localdate().year:
        errors.add(field, _("The year %(year)s is in the future.") % {"year": year})
    elif year < FIRST_YEAR:
        errors.add(field, _("The year must be %(first)s or later.") % {"first": FIRST_YEAR})


def _check_not_future(errors: Errors, field: str, day, message: str) -> None:
    if day is not None and day > timezone.localdate():
        errors.add(field, message)


# --- catalogue --------------------------------------------------------------------------------------------


def _alias_rows(award_type: AwardType, aliases) -> list[tuple[str, str, str]]:
    """(field, kind, text) of every name the type is known by, official name first."""
    rows = [("name", AliasKind.NAME, award_type.name), ("short_name", AliasKind.SHORT_NAME, award_type.short_name),
            ("code", AliasKind.CODE, award_type.code)]
    rows += [("aliases", AliasKind.ALIAS, text.strip()) for text in aliases]
    return [row for row in rows if row[2]]


def _sync_aliases(award_type: AwardType, aliases) -> list[str]:
    """Store the matching names of the type; refuse a name that already points at another type."""
    wanted: dict[str, tuple[str, str, str]] = {}
    for field, kind, text in _alias_rows(award_type, aliases):
        key = award_name_key(text)
        if key and key not in wanted:
            wanted[key] = (field, kind, text)
    errors = Errors()
    taken = AwardAlias.objects.filter(key__in=wanted).exclude(award_type=award_type).select_related("award_type")
    for alias in taken:
        field, _kind, text = wanted[alias.key]
        errors.add(field, _("The name “%(name)s” already refers to “%(award)s”.") % {
            "name": text, "award": alias.award_type})
    errors.raise_any()
    AwardAlias.objects.filter(award_type=award_type).delete()
    AwardAlias.objects.bulk_create(
        AwardAlias(award_type=award_type, key=key, kind=kind, text=text) for key, (_f, kind, text) in wanted.items()
    )
    return sorted(text for _f, kind, text in wanted.values() if kind == AliasKind.ALIAS)


def _extra_aliases(award_type: AwardType) -> list[str]:
    return sorted(award_type.aliases.filter(kind=AliasKind.ALIAS).values_list("text", flat=True))


def _validate_award_type(award_type: AwardType) -> None:
    errors = Errors()
    award_type.code = (award_type.code or "").strip().upper()
    if not re.match(CODE_PATTERN, award_type.code):
        errors.add("code", _("Write the code in capital letters, digits and “_”, starting with a letter, "
                             "e.g. CONG_DAN_UU_TU."))
    else:
        other = AwardType.objects.filter(code=award_type.code).exclude(pk=award_type.pk).first()
        if other is not None:
            errors.add("code", _("The code “%(code)s” is already used by “%(name)s”.") % {
                "code": award_type.code, "name": other})
    if not award_type.recipient_kinds:
        errors.add("for_individual", _("Choose at least one kind of recipient."))
    bases = list(award_type.bases or [])
    if not bases:
        errors.add("bases", _("Choose at least one kind of commendation."))
    for basis in bases:
        if basis not in AwardBasis.values:
            errors.add("bases", _("Unknown kind of commendation “%(basis)s”.") % {"basis": basis})
    if award_type.posting_working_days is not None and not award_type.requires_public_posting:
        errors.add("posting_working_days", _("A posting period is set only for awards whose nominees are posted."))
    elif award_type.posting_working_days is not None and not 1 <= award_type.posting_working_days <= 60:
        errors.add("posting_working_days", _("The posting period is between 1 and 60 working days."))
    elif award_type.level == AwardLevel.STATE and (award_type.posting_working_days
                                                   or NATIONAL_POSTING_DAYS) < NATIONAL_POSTING_DAYS:
        errors.add("posting_working_days", _("Nominees for “%(name)s” are posted for at least %(days)s working days "
                                             "(Nghị định 152/2025/NĐ-CP, Điều 44 khoản 2).") % {
            "name": award_type.name, "days": NATIONAL_POSTING_DAYS})
    if award_type.vote_threshold_percent is not None and not award_type.requires_council_vote:
        errors.add("vote_threshold_percent", _("A vote threshold is set only for awards that require a council vote."))
    decided_by = list(award_type.decided_by or [])
    for kind in decided_by:
        if kind not in AuthorityKind.values:
            errors.add("decided_by", _("Unknown kind of authority “%(kind)s”.") % {"kind": kind})
    errors.raise_any()
    award_type.bases = [basis for basis in AwardBasis.values if basis in bases]  # catalogue order, no repeats
    award_type.decided_by = ([kind for kind in AuthorityKind.values if kind in decided_by]
                             or default_deciders(award_type.code, award_type.level))
    award_type.full_clean(validate_unique=False, validate_constraints=False)


@transaction.atomic
def create_award_type(*, by, aliases=(), **fields) -> AwardType:
    """A province's own title or form (e.g. "Công dân ưu tú"); national entries come from the seed."""
    award_type = AwardType(**fields)
    award_type.is_national = False
    _validate_award_type(award_type)
    _save(award_type, unique_field="code", unique_message=_("The code “%(code)s” is already used.") % {
        "code": award_type.code})
    extra = _sync_aliases(award_type, aliases)
    record(by, AuditAction.CREATE, award_type, changes={"after": {**snapshot(award_type), "aliases": extra}})
    return award_type


@transaction.atomic
def update_award_type(award_type: AwardType, *, by, aliases=None, **changes) -> AwardType:
    """Edit an entry. National codes never change; a province's code is fixed once awards use it.
    Entries are deactivated (active=False), never deleted."""
    locked = AwardType.objects.select_for_update().get(pk=award_type.pk)
    before = {**snapshot(locked), "aliases": _extra_aliases(locked)}
    new_code = (changes.get("code") or locked.code).strip().upper()
    if new_code != locked.code:
        if locked.is_national:
            raise ValidationError({"code": _("The code of a national award type cannot be changed.")})
        if locked.records.exists():
            raise ValidationError({"code": _("The code cannot be changed: awards of this type have been recorded.")})
    if (locked.is_national and "decided_by" in changes
            and sorted(changes["decided_by"] or []) != sorted(locked.decided_by or [])):
        raise ValidationError({"decided_by": _("Who decides a national award is set by the law.")})
    _set_fields(locked, changes, AWARD_TYPE_FIELDS)
    _validate_award_type(locked)
    _save(locked, unique_field="code", unique_message=_("The code “%(code)s” is already used.") % {"code": locked.code})
    extra = _sync_aliases(locked, before["aliases"] if aliases is None else aliases)
    changed = diff(before, {**snapshot(locked), "aliases": extra})
    if changed:
        record(by, AuditAction.UPDATE, locked, changes=changed)
    return locked


# --- award records ------------------------------------------------------------------------------------------


def _complete_achievement_time(award: AwardRecord, errors: Errors) -> None:
    """Normalise the school year and derive the achievement year from it or from the period."""
    school_end = None
    if award.school_year:
        match = _SCHOOL_YEAR.match(award.school_year)
        if not match or int(match[2]) != int(match[1]) + 1:
            errors.add("school_year", _("Write the school year as two consecutive years, e.g. 2024-2025."))
        else:
            award.school_year = f"{match[1]}-{match[2]}"
            school_end = int(match[2])
    if award.year is None:
        award.year = award.period_to.year if award.period_to else school_end
    if award.year is None and "school_year" not in errors:
        errors.add("year", _("Give the achievement year, the school year or the achievement period."))
    elif school_end and award.year not in (school_end - 1, school_end):
        errors.add("year", _("The school year %(school_year)s does not include the year %(year)s.") % {
            "school_year": award.school_year, "year": award.year})


def _check_award_recipient(award: AwardRecord, kind: str, errors: Errors) -> None:
    award_type = award.award_type if award.award_type_id else None
    if award_type is None:
        errors.add("award_type", _("Choose the title or form."))
        return
    if not award_type.allows_recipient(kind):
        message = {
            RecipientKind.INDIVIDUAL: _("“%(award)s” is not given to individuals."),
            RecipientKind.COLLECTIVE: _("“%(award)s” is not given to collectives."),
            RecipientKind.HOUSEHOLD: _("“%(award)s” is not given to households."),
        }[kind]
        errors.add("award_type", message % {"award": award_type})
    elif not award_type.active and award.source == AwardSource.ISSUED_HERE:
        errors.add("award_type", _("“%(award)s” is no longer in use.") % {"award": award_type})
    if award.basis not in award_type.bases:
        errors.add("basis", _("“%(award)s” is not given as “%(basis)s”.") % {
            "award": award_type, "basis": AwardBasis(award.basis).label if award.basis in AwardBasis.values
            else award.basis})


def _check_award_dates(award: AwardRecord, errors: Errors) -> None:
    _check_year(errors, "year", award.year)
    if award.period_from and award.period_to and award.period_to < award.period_from:
        errors.add("period_to", _("The achievement period ends before it starts."))
    _check_not_future(errors, "period_to", award.period_to, _("The achievement period cannot end in the future."))
    if award.year and award.period_from and award.period_to and "period_to" not in errors and not (
            award.period_from.year <= award.year <= award.period_to.year):
        errors.add("year", _("The achievement year %(year)s is outside the achievement period.") % {"year": award.year})
    _check_not_future(errors, "decision_date", award.decision_date, _("The decision date cannot be in the future."))
    if award.decision_date and "decision_date" not in errors and "year" not in errors:
        if award.year and award.decision_date.year < award.year:
            errors.add("decision_date", _("The decision is dated before the achievement year %(year)s.") % {
                "year": award.year})
        elif award.period_from and award.decision_date < award.period_from:
            errors.add("decision_date", _("The decision is dated before the achievement period starts."))


def _duplicate_award(award: AwardRecord, kind: str) -> tuple[str, str] | None:
    """(field, message) when the same achievement is already recorded (Luật Đ5: one award per achievement)."""
    recipient_field = {RecipientKind.INDIVIDUAL: "person", RecipientKind.COLLECTIVE: "unit",
                       RecipientKind.HOUSEHOLD: "household"}[kind]
    same = AwardRecord.objects.filter(
        **{recipient_field: award.recipient}, award_type=award.award_type, year=award.year
    ).exclude(pk=award.pk)
    if award.award_type.category == AwardCategory.TITLE and same.exists():
        return "year", _("“%(award)s” for %(year)s is already recorded for %(recipient)s.") % {
            "award": award.award_type, "year": award.year, "recipient": award.recipient}
    if award.decision_number and same.filter(decision_number=award.decision_number).exists():
        return "decision_number", _("This award is already recorded under decision %(number)s.") % {
            "number": award.decision_number}
    return None


def _validate_award_record(award: AwardRecord, kind: str) -> tuple[str, str]:
    errors = Errors()
    award.decision_number = (award.decision_number or "").strip()
    _complete_achievement_time(award, errors)
    _check_award_recipient(award, kind, errors)
    _check_award_dates(award, errors)
    errors.raise_any()
    duplicate = _duplicate_award(award, kind)
    if duplicate:
        raise ValidationError({duplicate[0]: [duplicate[1]]})
    return "decision_number", _("This award is already recorded under decision %(number)s.") % {
        "number": award.decision_number}


@transaction.atomic
def create_award_record(*, by, person=None, unit=None, household=None, initiatives=(), **fields) -> AwardRecord:
    """Record an award received; the initiatives given are marked as used for it."""
    kind, recipient = recipient_of(person=person, unit=unit, household=household)
    _check_writable(by, kind, recipient)
    award = AwardRecord(person=person, unit=unit, household=household, created_by=by)
    _set_fields(award, fields, AWARD_RECORD_FIELDS)
    unique_field, unique_message = _validate_award_record(award, kind)
    _save(award, unique_field=unique_field, unique_message=unique_message)
    record_create(by, award)
    for initiative in initiatives:
        use_initiative_for_award(initiative, award, by=by)
    facts.changed_for(award)
    return award


@transaction.atomic
def update_award_record(award: AwardRecord, *, by, **changes) -> AwardRecord:
    locked = AwardRecord.objects.select_for_update(of=("self",)).select_related("award_type").get(pk=award.pk)
    kind = locked.recipient_kind
    _check_writable(by, kind, locked.recipient)
    before = snapshot(locked)
    _set_fields(locked, changes, AWARD_RECORD_FIELDS)
    unique_field, unique_message = _validate_award_record(locked, kind)
    _save(locked, unique_field=unique_field, unique_message=unique_message)
    record_update(by, locked, before)
    facts.changed_for(locked)
    return locked


@transaction.atomic
def use_initiative_for_award(initiative: Initiative, award: AwardRecord, *, by) -> Initiative:
    """Mark an initiative as the support of one award; an initiative supports one award only
    (CV 5007/BNV-TĐKT §III.5.c). A conditional update keeps two concurrent claims from both winning."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if award.person_id is None:
        raise ValidationError({"initiatives": _("Initiatives support only awards to individuals.")})
    if not locked.authors.filter(pk=award.person_id).exists():
        raise ValidationError({"initiatives": _("“%(title)s” is not an initiative of %(person)s.") % {
            "title": locked, "person": award.person}})
    if locked.year > award.year:
        raise ValidationError({"initiatives": _(
            "The initiative “%(title)s” was recognised in %(year)s, after the achievement year.") % {
            "title": locked, "year": locked.year}})
    before = snapshot(locked)
    claimed = Initiative.objects.filter(pk=locked.pk, used_for__isnull=True).update(used_for=award)
    if not claimed:
        used = AwardRecord.objects.select_related("award_type").get(pk=locked.used_for_id)
        raise ValidationError({"initiatives": _(
            "The initiative “%(title)s” has already been used for “%(award)s” (%(year)s).") % {
            "title": locked, "award": used.award_type, "year": used.year}})
    locked.used_for = award
    record_update(by, locked, before)
    facts.changed_for(award)
    return locked


# --- ratings --------------------------------------------------------------------------------------------


def _validate_rating(rating: Rating) -> str:
    errors = Errors()
    _check_year(errors, "year", rating.year)
    errors.raise_any()
    message = _("A rating for %(year)s is already recorded for %(recipient)s.") % {
        "year": rating.year, "recipient": rating.person or rating.unit}
    same = Rating.objects.filter(person=rating.person, unit=rating.unit, year=rating.year).exclude(pk=rating.pk)
    if same.exists():
        raise ValidationError({"year": [message]})
    return message


@transaction.atomic
def create_rating(*, by, person=None, unit=None, **fields) -> Rating:
    """The yearly rating of a person or a collective; one per year (also a database constraint)."""
    kind, recipient = recipient_of(person=person, unit=unit)
    _check_writable(by, kind, recipient)
    rating = Rating(person=person, unit=unit, created_by=by)
    _set_fields(rating, fields, RATING_FIELDS)
    _save(rating, unique_field="year", unique_message=_validate_rating(rating))
    record_create(by, rating)
    facts.changed_for(rating)
    return rating


@transaction.atomic
def update_rating(rating: Rating, *, by, **changes) -> Rating:
    locked = Rating.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=rating.pk)
    _check_writable(by, *recipient_of(person=locked.person, unit=locked.unit))
    before = snapshot(locked)
    _set_fields(locked, changes, RATING_FIELDS)
    _save(locked, unique_field="year", unique_message=_validate_rating(locked))
    record_update(by, locked, before)
    facts.changed_for(locked)
    return locked


# --- initiatives ------------------------------------------------------------------------------------------


def _validate_initiative(initiative: Initiative, authors) -> None:
    errors = Errors()
    if not authors:
        errors.add("authors", _("An initiative needs at least one author."))
    _check_year(errors, "year", initiative.year)
    _check_not_future(errors, "decision_date", initiative.decision_date,
                      _("The decision date cannot be in the future."))
    if initiative.decision_date and initiative.year and "decision_date" not in errors \
            and initiative.decision_date.year < initiative.year:
        errors.add("decision_date", _("The recognising decision is dated before the year %(year)s.") % {
            "year": initiative.year})
    errors.raise_any()


@transaction.atomic
def create_initiative(*, by, authors, **fields) -> Initiative:
    """An initiative and its authors; it is not used for any award yet."""
    authors = list(authors)
    for author in authors:
        _check_writable(by, RecipientKind.INDIVIDUAL, author)
    initiative = Initiative(created_by=by)
    _set_fields(initiative, fields, INITIATIVE_FIELDS)
    _validate_initiative(initiative, authors)
    initiative.full_clean(validate_unique=False, validate_constraints=False)
    initiative.save()
    initiative.authors.set(authors)
    record(by, AuditAction.CREATE, initiative, changes={
        "after": {**snapshot(initiative), "authors": sorted(author.pk for author in authors)}})
    facts.changed(person_ids=[author.pk for author in authors])
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, *, by, authors=None, **changes) -> Initiative:
    """Edit an initiative. What it was used for changes only through use_initiative_for_award."""
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    current_authors = list(locked.authors.all())
    for author in current_authors + list(authors or []):
        _check_writable(by, RecipientKind.INDIVIDUAL, author)
    before = {**snapshot(locked), "authors": sorted(author.pk for author in current_authors)}
    _set_fields(locked, changes, INITIATIVE_FIELDS)
    new_authors = current_authors if authors is None else list(authors)
    _validate_initiative(locked, new_authors)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    locked.authors.set(new_authors)
    changed = diff(before, {**snapshot(locked), "authors": sorted(author.pk for author in new_authors)})
    if changed:
        record(by, AuditAction.UPDATE, locked, changes=changed)
        facts.changed(person_ids=[author.pk for author in current_authors + new_authors])
    return locked


# --- discipline -------------------------------------------------------------------------------------------


def _validate_discipline(discipline: DisciplineRecord) -> None:
    errors = Errors()
    if discipline.start and discipline.end and discipline.end < discipline.start:
        errors.add("end", _("The discipline period ends before it starts."))
    _check_not_future(errors, "decision_date", discipline.decision_date,
                      _("The decision date cannot be in the future."))
    errors.raise_any()
    overlapping = (
        DisciplineRecord.objects.filter(person_id=discipline.person_id, start__lte=discipline.end,
                                        end__gte=discipline.start)
        .exclude(pk=discipline.pk).order_by("start").first()
    )
    if overlapping is not None:
        raise ValidationError({"start": [_(
            "This period overlaps the discipline “%(level)s” from %(start)s to %(end)s.") % {
            "level": overlapping.get_level_display(), "start": _dmy(overlapping.start), "end": _dmy(overlapping.end)}]})


@transaction.atomic
def create_discipline(*, by, person, **fields) -> DisciplineRecord:
    """A disciplinary measure; periods of one person never overlap."""
    _check_writable(by, RecipientKind.INDIVIDUAL, person)
    discipline = DisciplineRecord(person=person, created_by=by)
    _set_fields(discipline, fields, DISCIPLINE_FIELDS)
    _validate_discipline(discipline)
    discipline.full_clean(validate_unique=False, validate_constraints=False)
    discipline.save()
    record_create(by, discipline)
    facts.changed_for(discipline)
    return discipline


@transaction.atomic
def update_discipline(discipline: DisciplineRecord, *, by, **changes) -> DisciplineRecord:
    locked = DisciplineRecord.objects.select_for_update(of=("self",)).select_related("person").get(pk=discipline.pk)
    _check_writable(by, RecipientKind.INDIVIDUAL, locked.person)
    before = snapshot(locked)
    _set_fields(locked, changes, DISCIPLINE_FIELDS)
    _validate_discipline(locked)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    record_update(by, locked, before)
    facts.changed_for(locked)
    return locked


# --- open cases -------------------------------------------------------------------------------------------


def _validate_open_case(case: OpenCase) -> None:
    errors = Errors()
    _check_not_future(errors, "opened_on", case.opened_on, _("The opening date cannot be in the future."))
    if case.closed_on is not None:
        if case.opened_on and case.closed_on < case.opened_on:
            errors.add("closed_on", _("A case cannot be closed before it was opened (%(date)s).") % {
                "date": _dmy(case.opened_on)})
        _check_not_future(errors, "closed_on", case.closed_on, _("The closing date cannot be in the future."))
    errors.raise_any()


@transaction.atomic
def create_open_case(*, by, person=None, unit=None, **fields) -> OpenCase:
    """A complaint, inspection or investigation; proposals for the person or collective freeze while it is open."""
    kind, subject = recipient_of(person=person, unit=unit)
    _check_writable(by, kind, subject)
    case = OpenCase(person=person, unit=unit, created_by=by)
    _set_fields(case, fields, OPEN_CASE_FIELDS)
    _validate_open_case(case)
    case.full_clean(validate_unique=False, validate_constraints=False)
    case.save()
    record_create(by, case)
    facts.changed_for(case)
    return case


@transaction.atomic
def update_open_case(case: OpenCase, *, by, **changes) -> OpenCase:
    locked = OpenCase.objects.select_for_update(of=("self",)).select_related("person", "unit").get(pk=case.pk)
    _check_writable(by, *recipient_of(person=locked.person, unit=locked.unit))
    before = snapshot(locked)
    _set_fields(locked, changes, OPEN_CASE_FIELDS)
    _validate_open_case(locked)
    locked.full_clean(validate_unique=False, validate_constraints=False)
    locked.save()
    record_update(by, locked, before)
    facts.changed_for(locked)
    return locked


@transaction.atomic
def close_open_case(case: OpenCase, *, by, closed_on, note: str = "") -> OpenCase:
    """Close a case (the matter was concluded); proposals may go ahead again."""
    locked = OpenCase.objects.select_for_update().get(pk=case.pk)
    if locked.closed_on is not None:
        raise ValidationError(_("This case was already closed on %(date)s.") % {"date": _dmy(locked.closed_on)})
    changes = {"closed_on": closed_on}
    if note:
        changes["note"] = f"{locked.note}\n{note}".strip()
    return update_open_case(locked, by=by, **changes)
