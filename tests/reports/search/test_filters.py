"""Every filter of the history search, table-driven, with the exact records expected in the page's order
(newest decision first, then the recipient's name, undated records last)."""

import pytest
from django.http import QueryDict

from tdkt.accounts.scope import get_scope
from tdkt.awards.models import AwardType
from tdkt.reports.search.filters import search_records
from tdkt.reports.search.forms import HistorySearchForm

ALL = ["r8", "r2", "r5", "r3", "r1", "r4", "r6", "r7"]

CASES = [
    ({}, ALL),
    ({"award_type": "@BK_TINH"}, ["r8", "r2"]),
    ({"level": "state"}, ["r4"]),
    ({"level": "province"}, ["r8", "r2", "r5"]),
    ({"level": "grassroots"}, ["r3", "r1", "r6", "r7"]),
    ({"year": "2024"}, ["r5", "r3", "r1"]),
    ({"date_from": "01/12/2024", "date_to": "31/12/2024"}, ["r5", "r3", "r1"]),
    ({"date_from": "01/01/2025"}, ["r8", "r2"]),
    ({"date_to": "30/11/2023"}, ["r4", "r6"]),
    ({"decision_date": "02/06/2025"}, ["r8", "r2"]),
    ({"decision_number": "15/QĐ"}, ["r3", "r1"]),
    ({"decision_number": "15/qd-ubnd"}, ["r3", "r1"]),
    ({"decision_number": "TTg"}, ["r4"]),
    ({"issuer": "uy ban nhan dan tinh"}, ["r5", "r1"]),
    ({"issuer": "CHỦ TỊCH ubnd"}, ["r8", "r2"]),
    ({"issuer": "so y te"}, ["r3", "r6"]),
    ({"issuer": "ban pho"}, ["r7"]),
    ({"unit": "@unit_a"}, ["r2", "r3", "r1", "r6"]),  # sub-unit's person, the merged predecessor's award
    ({"unit": "@unit_a_child"}, ["r3"]),
    ({"unit": "@unit_b"}, ["r5", "r4"]),  # the collective itself and its person
    ({"group": "unclassified"}, ["r3"]),  # individuals only; households and collectives have no group
    ({"group": "manager"}, ["r1"]),  # the person's confirmed group, where the record froze none
    ({"group": "department_leader"}, ["r2"]),  # the frozen group wins over the person's
    ({"group": "direct_worker"}, ["r4"]),
    ({"gender": "female"}, ["r3"]),
    ({"gender": "male"}, ["r2", "r1", "r4"]),
    ({"ethnicity": "Tày"}, ["r3"]),
    ({"ethnicity": "kinh"}, ["r2", "r1"]),
    ({"minority": "on"}, ["r3", "r4"]),  # not Kinh; blank ethnicity is unknown, not a minority
    ({"areas": ["remote"]}, ["r5", "r4"]),
    ({"areas": ["difficult"]}, ["r7"]),
    ({"areas": ["border", "difficult"]}, ["r5", "r4", "r7"]),
    ({"areas": ["ethnic_area"]}, []),
    ({"recipient": "individual"}, ["r2", "r3", "r1", "r4"]),
    ({"recipient": "collective"}, ["r8", "r5", "r6"]),
    ({"recipient": "household"}, ["r7"]),
    ({"recipient": "enterprise"}, ["r8"]),
    ({"basis": "adhoc"}, ["r2"]),
    ({"basis": "dedication"}, ["r4"]),
    ({"basis": "resistance"}, []),
    ({"source": "external"}, ["r4"]),
    ({"source": "imported"}, ["r6"]),
    ({"source": "issued_here"}, ["r8", "r2", "r5", "r3", "r1", "r7"]),
    ({"name": "an nguyen van"}, ["r2", "r1"]),
    ({"name": "Nguyễn Văn An"}, ["r2", "r1"]),
    ({"name": "NGUYEN   van"}, ["r2", "r1"]),
    ({"name": "dao dang"}, ["r3"]),
    ({"name": "pao giang a"}, ["r4"]),
    ({"name": "xi mang"}, ["r8"]),  # a collective's name
    ({"name": "su ly van"}, ["r7"]),  # a household head's name
    ({"name": "trung tam y te"}, ["r6"]),
    ({"name": "tran van binh"}, []),
    ({"name": "nguyen van an", "level": "province"}, ["r2"]),
    ({"unit": "@unit_a", "year": "2024", "gender": "female"}, ["r3"]),
]


def _query(register, params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, value in params.items():
        values = value if isinstance(value, list) else [value]
        resolved = []
        for item in values:
            if item.startswith("@"):
                name = item[1:]
                target = getattr(register.world, name, None) or AwardType.objects.get(code=name)
                item = str(target.pk)
            resolved.append(item)
        query.setlist(key, resolved)
    return query


def search(register, params, persona="specialist"):
    scope = get_scope(register.world.users[persona])
    form = HistorySearchForm(_query(register, params), scope=scope)
    assert form.is_valid(), form.errors
    return register.keys(search_records(scope, form.criteria()))


@pytest.mark.parametrize(("params", "expected"), CASES, ids=[str(c[0]) for c in CASES])
def test_filter_selects_exactly(register, params, expected):
    assert search(register, params) == expected


@pytest.mark.parametrize(("persona", "expected"), [
    ("specialist", ALL), ("council_member", ALL),
    ("clerk_a", ["r2", "r3", "r1", "r6"]),  # own unit, its sub-unit and its predecessor
    ("clerk_b", ["r5", "r4"]),
])
def test_scope_limits_the_records(register, persona, expected):
    assert search(register, {}, persona) == expected


def test_a_clerk_cannot_widen_the_scope_by_choosing_another_unit(register):
    scope = get_scope(register.world.users["clerk_a"])
    from django.utils import translation

    with translation.override("vi"):
        form = HistorySearchForm(_query(register, {"unit": "@unit_b"}), scope=scope)
        assert not form.is_valid()
        assert form.errors["unit"] == ["Đơn vị (gồm đơn vị trực thuộc và đơn vị tiền thân): đơn vị được chọn không "
                                       "thuộc các đơn vị ông/bà được chọn ở đây."]


@pytest.mark.parametrize(("params", "field", "message"), [
    ({"date_from": "01/01/2025", "date_to": "31/12/2024"}, "date_to", "Ngày kết thúc của kỳ báo cáo trước ngày bắt đầu."),
    ({"year": "1800"}, "year", "Năm phải từ 1900 đến 2100."),
    ({"date_from": "31/02/2024"}, "date_from", "Nhập một ngày hợp lệ."),
    ({"year": "hai nghìn"}, "year", "Nhập năm bằng chữ số."),
    ({"ethnicity": "Tày", "minority": "on"}, "ethnicity",
     "Nhập một dân tộc hoặc đánh dấu “dân tộc thiểu số”, không cả hai."),
])
def test_invalid_values_get_vietnamese_messages(register, settings, params, field, message):
    from django.utils import translation

    with translation.override("vi"):
        form = HistorySearchForm(_query(register, params), scope=get_scope(register.world.users["specialist"]))
        assert not form.is_valid()
        assert [str(error) for error in form.errors[field]] == [message]


def test_records_without_a_decision_date_come_last_for_a_few_recipients_too(register):
    """A clerk's units hold a few recipients: their records are sorted without the date index (ORDER_OF_FEW),
    in the same order as the province's walk of it."""
    from tests.factories import make_award

    undated = make_award(person=register.world.person_a, code="GK", year=2018)
    register.records["r9"] = undated
    assert search(register, {}, "clerk_a") == ["r2", "r3", "r1", "r6", "r9"]
    assert search(register, {})[-3:] == ["r6", "r7", "r9"]
