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

from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory, PersonGroup
from tdkt.people.models import Person

UNCLASSIFIED = ""  # the blank group: "chưa phân loại"

# Folded (lower-case, no diacritics) patterns, most senior first; the first that matches wins.
_LEADER_TITLES = r"(chu tich|pho chu tich|bi thu|pho bi thu|truong ban|pho truong ban|bo truong|thu truong)"
_PROVINCE_BODIES = r"(tinh|thanh pho truc thuoc trung uong|bo|uy ban nhan dan tinh|ubnd tinh|hdnd tinh|tinh uy)"
_DEPARTMENT_HEADS = r"(giam doc so|pho giam doc so|giam doc|pho giam doc|vu truong|pho vu truong|cuc truong|" \
                    r"pho cuc truong|chanh van phong|pho chanh van phong|chanh thanh tra|pho chanh thanh tra)"
_SUGGESTIONS: tuple[tuple[re.Pattern, str], ...] = (
    (re.compile(rf"\b{_LEADER_TITLES}\b.*\b{_PROVINCE_BODIES}\b"), PersonGroup.PROVINCE_LEADER),
    (re.compile(r"\b(doanh nhan|chu doanh nghiep|tong giam doc|giam doc (cong ty|doanh nghiep|hop tac xa)|"
                r"chu tich hoi dong quan tri|chu nhiem hop tac xa)\b"), PersonGroup.BUSINESS),
    (re.compile(rf"\b{_DEPARTMENT_HEADS}\b"), PersonGroup.DEPARTMENT_LEADER),
    (re.compile(r"\b(truong phong|pho truong phong|truong khoa|pho truong khoa|hieu truong|pho hieu truong|"
                r"chu tich (ubnd|uy ban nhan dan) (xa|phuong)|pho chu tich (ubnd|uy ban nhan dan) (xa|phuong)|"
                r"bi thu dang uy (xa|phuong)|truong tram|pho truong tram|truong ban|pho truong ban)\b"),
     PersonGroup.MANAGER),
    (re.compile(r"\b(cong nhan|nong dan|giao vien|bac si|dieu duong|y si|nhan vien|chuyen vien|can su|"
                r"ky su|ky thuat vien|lao dong|ngu dan|chien si|hoc sinh|sinh vien|thon|xom|ban)\b"),
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


def confirm_group(persons, group: str, *, by) -> int:
    """Confirm the statistical group of these persons (ids or Person rows); returns how many changed."""
    if group not in PersonGroup.values:
        raise ValueError(f"unknown person group {group!r}")
    ids = [getattr(person, "pk", person) for person in persons]
    with transaction.atomic():
        return Person.objects.filter(pk__in=ids).exclude(statistical_group=group).update(
            statistical_group=group, group_confirmed_at=timezone.now(), group_confirmed_by=by)
