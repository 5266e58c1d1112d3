"""The statistical person group (PersonGroup): suggested from the position, confirmed by an officer.

The statistical forms 0602.N/0603.N count individuals by five groups (reporting.md). The registry's
PersonCategory is not the same thing, and a position changes, so:
- `suggest_group` proposes a group from the position text (and the category), or None when it cannot tell;
- only `confirm_group` sets Person.statistical_group, recording who confirmed it and when;
- nothing defaults: a person without a confirmed group is counted "chưa phân loại" with a warning.

An award record keeps the group known when it was recorded (AwardRecord.person_group, frozen at signing);
where that is blank the forms take the person's confirmed group (tdkt.reports.register), so confirming a
group later fixes the figures without touching an issued decision's records.

The suggestion is a heuristic over Vietnamese position titles, not a rule of law: an officer confirms it."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone

from tdkt.audit.models import AuditAction, AuditEvent
from tdkt.lib.request_context import current_ip
from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory, PersonGroup
from tdkt.people.models import Person

UNCLASSIFIED = ""  # the blank group: "chưa phân loại"

# Folded (lower-case, no diacritics) patterns, most senior first; the first that matches wins. Checked against a
# table of titles as officers write them (tests/people/test_suggest_group.py); extend the table with a pattern.
_LEADER_TITLES = r"(chu tich|pho chu tich|bi thu|pho bi thu|bo truong|thu truong)"
_PROVINCE_BODIES = r"(tinh|thanh pho truc thuoc trung uong|bo|uy ban nhan dan tinh|ubnd tinh|hdnd tinh|tinh uy)"
_DEPARTMENT_HEADS = r"(giam doc so|pho giam doc so|giam doc|pho giam doc|vu truong|pho vu truong|cuc truong|" \
                    r"pho cuc truong|chanh van phong|pho chanh van phong|chanh thanh tra|pho chanh thanh tra)"
# A district's leaders rank with a department's (cấp huyện tương đương cấp sở).
_DISTRICT_LEADERS = r"((chu tich|pho chu tich) (ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan) (huyen|thi xa|thanh pho)|" \
                    r"(bi thu|pho bi thu) (huyen uy|thi uy|thanh uy)|(truong ban|pho truong ban) .*\btinh)"
_SUGGESTIONS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(rf"\b{_LEADER_TITLES}\b.*\b{_PROVINCE_BODIES}\b"), PersonGroup.PROVINCE_LEADER),
    (re.compile(r"\b(pho )?truong doan (dbqh|dai bieu quoc hoi)\b"), PersonGroup.PROVINCE_LEADER),
    (re.compile(r"\b(doanh nhan|chu doanh nghiep|tong giam doc|giam doc (cong ty|doanh nghiep|hop tac xa)|"
                r"chu tich (hoi dong quan tri|hdqt)|chu nhiem hop tac xa|chu nhiem htx)\b"), PersonGroup.BUSINESS),
    # The head of a department's own office or inspectorate is a division head, not a department leader.
    (re.compile(r"\b(pho )?chanh (van phong|thanh tra) so\b"), PersonGroup.MANAGER),
    (re.compile(rf"\b{_DISTRICT_LEADERS}\b"), PersonGroup.DEPARTMENT_LEADER),
    (re.compile(rf"\b{_DEPARTMENT_HEADS}\b"), PersonGroup.DEPARTMENT_LEADER),
    (re.compile(r"\b(truong phong|pho truong phong|truong khoa|pho truong khoa|hieu truong|pho hieu truong|"
                r"chu tich (ubnd|uy ban nhan dan) (xa|phuong|thi tran)|"
                r"pho chu tich (ubnd|uy ban nhan dan) (xa|phuong|thi tran)|"
                r"bi thu dang uy (xa|phuong|thi tran)|truong tram|pho truong tram|truong ban|pho truong ban)\b"),
     PersonGroup.MANAGER),
    (re.compile(r"\b(cong nhan|nong dan|giao vien|giang vien|bac si|dieu duong|y si|nu ho sinh|duoc si|nhan vien|"
                r"chuyen vien|can su|ky su|ky thuat vien|lao dong|ngu dan|chien si|cong an vien|dan quan|"
                r"hoc sinh|sinh vien|to truong|to pho|van thu|thu quy|lai xe|thon|xom)\b"),
     PersonGroup.DIRECT_WORKER),
)
_DIRECT_CATEGORIES = frozenset({PersonCategory.WORKER, PersonCategory.FARMER})


def suggest_group(position: str, category: str = "") -> str | None:
    """A suggested PersonGroup value for this position, or None when the text does not tell."""
    text = fold(position or "")
    if text:
        for pattern, group in _SUGGESTIONS:
            if pattern.search(text):
                return group
    if category in _DIRECT_CATEGORIES:
        return PersonGroup.DIRECT_WORKER
    return None


def suggestion_label(person: Person) -> str | None:
    """The label of the group suggested for this person, or None."""
    suggested = suggest_group(person.position, person.category)
    return PersonGroup(suggested).label if suggested else None


def confirm_group(persons, group: str, *, by) -> int:
    """Confirm the statistical group of these persons (ids or Person rows); returns how many changed.

    Audited like any change of a person (one UPDATE event per person whose group changed), in three queries
    whatever the number of persons."""
    if group not in PersonGroup.values:
        raise ValueError(f"unknown person group {group!r}")
    ids = [getattr(person, "pk", person) for person in persons]
    with transaction.atomic():
        changing = list(Person.objects.select_for_update().filter(pk__in=ids).exclude(statistical_group=group)
                        .values_list("pk", "full_name", "statistical_group"))
        if not changing:
            return 0
        Person.objects.filter(pk__in=[pk for pk, _name, _old in changing]).update(
            statistical_group=group, group_confirmed_at=timezone.now(), group_confirmed_by=by)
        _audit(by, [(pk, name, old, group) for pk, name, old in changing])
        return len(changing)


def clear_group(person: Person, *, by) -> bool:
    """Back to "chưa phân loại" (an officer's correction of a wrong confirmation); audited. False if it was."""
    with transaction.atomic():
        old = Person.objects.select_for_update().filter(pk=person.pk).values_list("statistical_group", flat=True).get()
        if old == UNCLASSIFIED:
            return False
        Person.objects.filter(pk=person.pk).update(statistical_group=UNCLASSIFIED, group_confirmed_at=None,
                                                   group_confirmed_by=None)
        _audit(by, [(person.pk, person.full_name, old, UNCLASSIFIED)])
        return True


def set_group(person: Person, group: str, *, by) -> bool:
    """What the person form does with its "Đối tượng thống kê": confirm the chosen group, or clear it."""
    if group == UNCLASSIFIED:
        return clear_group(person, by=by)
    return confirm_group([person], group, by=by) > 0


def _audit(by, changes) -> None:
    # audit.services.record writes one row per call; a bulk confirmation of a page writes them in one insert.
    actor = by if getattr(by, "is_authenticated", False) else None
    AuditEvent.objects.bulk_create([AuditEvent(
        actor=actor, actor_name=getattr(actor, "username", ""), action=AuditAction.UPDATE,
        object_type=Person._meta.label_lower, object_id=str(pk), object_repr=name[:255],
        changes={"statistical_group": [old, new]}, ip_address=current_ip()) for pk, name, old, new in changes])
