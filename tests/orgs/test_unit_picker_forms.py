"""Every form that names one of the province's units chooses it in the unit picker (tdkt.orgs.pickers, issue 21
item 5): for each, a posted pk of its queryset is accepted, a pk outside it is refused with the field's own words,
a name typed without JavaScript is resolved, and a name two units share is refused with an example to type.

The forms are built directly: the other fields are left empty, only the unit field's outcome is read."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from tdkt.accounts.scope import get_scope
from tdkt.awards.archive.forms import UploadForm as ArchiveUploadForm
from tdkt.awards.imports.forms import UploadForm as ImportUploadForm
from tdkt.decisions.forms import ContestPrizeForm
from tdkt.dossiers.forms import QueueFilterForm
from tdkt.dossiers.forms_delegations import DelegationForm
from tdkt.initiatives.forms import SearchForm as WorkSearchForm
from tdkt.initiatives.forms import WorkForm
from tdkt.inspections.forms import InspectionForm
from tdkt.movements.forms import MovementForm, RegistrationForm
from tdkt.movements.forms_registrations import RegistrationNamesForm
from tdkt.news.forms import ArticleForm, AskForm
from tdkt.orgs.models import Unit
from tdkt.people.models import Person
from tdkt.plans.forms import RequirementForm, TaskUnitResolveForm, TaskUpdateForm
from tdkt.plans.models import PlanTask as Task
from tdkt.reports.search.forms import HistorySearchForm
from tdkt.training.forms import TrainingForm
from tests.conftest import client_for
from tests.factories import make_unit

PLANNING = "Phòng Kế hoạch - Tài chính"
NOWHERE = 10**8  # a pk no unit has: the forms over every unit refuse it


@dataclass
class Case:
    """A form with a unit field: `build(data, units)` makes it bound to `data`, accepting `units` when the form is
    given its units (None: the form's own queryset, the province's live units); `outside` is how a unit it does not
    accept is made ("restricted": one left out of `units`, "dissolved", "nowhere")."""

    build: Callable
    field: str
    label: str
    outside: str
    multiple: bool = False
    as_pk: bool = False  # the cleaned value is the unit's pk (a search filter)


def _none(model):
    return model.objects.none()


CASES = {
    "plans task update": Case(lambda d, u: TaskUpdateForm(d, units=list(u)), "unit", "Đơn vị báo cáo", "restricted"),
    "plans task unit": Case(lambda d, u: TaskUnitResolveForm(d), "unit", "Đơn vị trong danh mục", "dissolved"),
    "plans requirement": Case(lambda d, u: RequirementForm(d), "units", "Đơn vị", "dissolved", multiple=True),
    "training organiser": Case(
        lambda d, u: TrainingForm(d, units=u, all_units=u, tasks=_none(Task)), "organiser", "Đơn vị tổ chức",
        "restricted"),
    "training targets": Case(
        lambda d, u: TrainingForm(d, units=u, all_units=u, tasks=_none(Task)), "target_units", "Đơn vị được cử học viên",
        "restricted", multiple=True),
    "delegation": Case(lambda d, u: DelegationForm(d, units=u, clerks=_none(Person)), "unit", "Đơn vị",
                       "restricted"),
    "dossier queue filter": Case(lambda d, u: QueueFilterForm(d), "unit", "Đơn vị", "nowhere"),
    "registration by names": Case(lambda d, u: RegistrationNamesForm(d, units=u), "unit", "đơn vị", "restricted"),
    "registration": Case(lambda d, u: RegistrationForm(d, units=u, titles=[]), "unit", "đơn vị", "restricted"),
    "movement units": Case(lambda d, u: MovementForm(d), "units", "Các đơn vị tham gia", "dissolved", multiple=True),
    "movement launching unit": Case(lambda d, u: MovementForm(d), "launching_unit", "Đơn vị phát động",
                                    "dissolved"),
    "movement standing unit": Case(lambda d, u: MovementForm(d), "standing_unit", "Cơ quan thường trực",
                                   "dissolved"),
    "inspection": Case(lambda d, u: InspectionForm(d, units=u, people=_none(Person), tasks=_none(Task)), "units",
                       "Đơn vị được kiểm tra", "restricted", multiple=True),
    "initiative search": Case(lambda d, u: WorkSearchForm(d, units=u), "unit", "Đơn vị", "restricted",
                              as_pk=True),
    "initiative": Case(lambda d, u: WorkForm(d, units=u), "unit", "Đơn vị", "restricted"),
    "contest prize": Case(lambda d, u: ContestPrizeForm(d), "unit", "Đơn vị", "dissolved"),
    "history search": Case(
        lambda d, u: HistorySearchForm(d, scope=None if u is None else _Scope(u)), "unit",
        "Đơn vị (gồm đơn vị trực thuộc và đơn vị tiền thân)", "restricted"),
    "award import": Case(lambda d, u: ImportUploadForm(d, unit_ids=None if u is None else list(u.values_list(
        "pk", flat=True))), "unit", "Của đơn vị", "restricted"),
    "news article": Case(lambda d, u: ArticleForm(d, units=_live() if u is None else u), "unit", "Đơn vị viết bài",
                         "restricted"),
    "news ask": Case(lambda d, u: AskForm(d, units=_live() if u is None else u), "units", "Đơn vị được giao",
                     "restricted", multiple=True),
    "archive upload": Case(lambda d, u: ArchiveUploadForm(d, unit_ids=None if u is None else list(u.values_list(
        "pk", flat=True))), "unit", "Kho lưu trữ của", "restricted"),
}


@dataclass
class _Scope:
    """A user's scope reduced to what the history search reads: the units he may read."""

    units: object

    @property
    def read_all(self):
        return False

    @property
    def readable_unit_ids(self):
        return frozenset(self.units.values_list("pk", flat=True))


def _live():
    return Unit.objects.active().order_by("name")


def chosen(case, form):
    value = form.cleaned_data.get(case.field)
    if case.multiple:
        return sorted(unit.pk for unit in value)
    return value if case.as_pk or value is None else value.pk


def check(case, data, units=None):
    form = case.build(data, units if units is not None or case.outside in ("dissolved", "nowhere") else _live())
    form.is_valid()
    return form


@pytest.fixture
def plannings(world):
    return [make_unit(PLANNING, parent=world.unit_a), make_unit(PLANNING, parent=world.unit_b)]


@pytest.mark.parametrize("name", list(CASES))
def test_a_posted_unit_of_the_form_is_accepted(world, name):
    case = CASES[name]
    form = check(case, {case.field: [world.unit_b.pk] if case.multiple else world.unit_b.pk})
    assert case.field not in form.errors
    assert chosen(case, form) == ([world.unit_b.pk] if case.multiple else world.unit_b.pk)


@pytest.mark.parametrize("name", list(CASES))
def test_a_unit_outside_the_form_is_refused_in_the_fields_words(world, name):
    case = CASES[name]
    units = None
    if case.outside == "restricted":
        units, posted = Unit.objects.filter(pk=world.unit_a.pk), world.unit_b.pk
    elif case.outside == "dissolved":
        posted = make_unit("Sở Thương mại", parent=world.province, dissolved_on=datetime.date(2024, 1, 1)).pk
    else:
        posted = NOWHERE
    form = check(case, {case.field: [posted] if case.multiple else posted}, units)
    assert form.errors[case.field] == [
        f"{case.label}: đơn vị được chọn không thuộc các đơn vị ông/bà được chọn ở đây."]


@pytest.mark.parametrize("name", list(CASES))
def test_a_name_typed_without_javascript_is_resolved_or_refused_when_shared(world, plannings, name):
    case = CASES[name]
    form = check(case, {f"{case.field}_q": f"{PLANNING} — Sở Giáo dục và Đào tạo"})
    assert case.field not in form.errors
    assert chosen(case, form) == ([plannings[1].pk] if case.multiple else plannings[1].pk)
    form = check(case, {f"{case.field}_q": PLANNING})
    assert form.errors[case.field] == [
        f"{case.label}: có 2 đơn vị tên “{PLANNING}”; hãy chọn trong danh sách, hoặc ghi thêm đơn vị cấp trên như "
        f"“{PLANNING} — Sở Y tế”."]
    form = check(case, {f"{case.field}_q": "Sở Không Có"})
    assert form.errors[case.field] == [
        f"{case.label}: không có đơn vị nào tên “Sở Không Có” trong các đơn vị ông/bà được chọn ở đây."]


def test_the_history_search_offers_the_units_the_officer_may_read(world):
    form = HistorySearchForm({"unit": world.unit_b.pk}, scope=get_scope(world.users["clerk_a"]))
    assert not form.is_valid()
    assert form.errors["unit"] == [
        "Đơn vị (gồm đơn vị trực thuộc và đơn vị tiền thân): đơn vị được chọn không thuộc các đơn vị ông/bà được "
        "chọn ở đây."]


@pytest.mark.parametrize("url, field", [
    ("movements:registration_create", "unit"), ("movements:registration_names", "unit"),
    ("training:new", "organiser"), ("initiatives:new", "unit"), ("awards:import_upload", "unit"),
    ("awards:archive_upload", "unit"), ("news:new", "unit")])
def test_a_form_about_the_officers_unit_preselects_it_and_a_province_officer_chooses(world, url, field):
    def options(persona):
        html = client_for(world, persona).get(reverse(url)).content.decode()
        return re.search(rf'<select[^>]* class="picker-chosen" id="id_{field}" name="{field}">(.*?)</select>',
                         html, re.S).group(1)

    assert options("clerk_a") == (
        f'<option value="">—</option><option value="{world.unit_a.pk}" selected>Sở Y tế — Ủy ban nhân dân tỉnh '
        "Lào Cai</option>")
    assert options("specialist") == '<option value="">—</option>'
