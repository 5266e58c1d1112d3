"""Forms and lists (issue 21, item 7): the error summary at the top of a form (its count, a link per error to
its field, non-field errors without a link, formsets counted); the confirm page of an irreversible step
(sending a dossier) says what will happen; the coloured status tag derives its colour from the state."""

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from tdkt.core.templatetags.form_summary import error_links
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.transitions import DOSSIER
from tdkt.workflow.machine import transition
from tdkt.workflow.templatetags.state_tags import TONES, tone
from tests.conftest import client_for
from tests.dossiers.support import leader_a, ready_draft

pytestmark = pytest.mark.django_db


class TwoFields(forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=5, error_messages={"max_length": "Tên quá dài."})
    year = forms.IntegerField(label="Năm", error_messages={"invalid": "Năm phải là số."})

    def clean(self):
        raise forms.ValidationError("Hồ sơ đã khóa.")


def test_the_summary_links_each_error_to_its_field():
    form = TwoFields({"name": "Nguyễn Văn An", "year": "x"})
    assert error_links(form) == [
        {"href": "#id_name", "label": "Họ và tên", "message": "Tên quá dài."},
        {"href": "#id_year", "label": "Năm", "message": "Năm phải là số."},
        {"href": "", "label": "", "message": "Hồ sơ đã khóa."},
    ]
    assert error_links(TwoFields()) == []  # an unbound form has nothing to correct


def test_a_formsets_rows_and_own_errors_are_counted():
    class Rows(forms.BaseFormSet):
        def clean(self):
            raise forms.ValidationError("Tổng tỷ lệ phải là 100%.")

    rows = forms.formset_factory(TwoFields, formset=Rows, extra=0)(
        {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0", "form-0-name": "An", "form-0-year": "2025"})
    assert [(link["href"], link["message"]) for link in error_links(rows)] == [
        ("", "Tổng tỷ lệ phải là 100%."), ("", "Hồ sơ đã khóa.")]


def test_the_summary_is_drawn_with_its_count_and_links():
    html = Template("{% load form_summary %}{% error_summary form %}").render(Context(
        {"form": TwoFields({"name": "Nguyễn Văn An", "year": "x"})}))
    assert "Có 3 lỗi cần sửa:" in html
    assert 'data-error-summary' in html and 'tabindex="-1"' in html and 'role="alert"' in html
    assert '<a href="#id_year">Năm: Năm phải là số.</a>' in html
    assert Template("{% load form_summary %}{% error_summary form %}").render(Context({"form": TwoFields()})).strip() == ""


def test_a_refused_form_page_opens_with_the_summary(world):
    response = client_for(world, "specialist").post(reverse("movements:create"), {"name": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("data-error-summary") < page.index('id="id_name"')
    assert '<a href="#id_name">' in page


def test_sending_a_dossier_is_confirmed_on_a_page_that_says_it_cannot_be_undone(world):
    dossier, lines = ready_draft(world)
    leader = client_for(world, "clerk_a")
    leader.force_login(leader_a(world))
    detail = leader.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    confirm_url = reverse("dossiers:act", kwargs={"pk": dossier.pk, "action": "submit"})
    assert f'href="{confirm_url}"' in detail  # a link to the confirm page, not a one-click form
    page = leader.get(confirm_url).content.decode()
    assert "Bước này không thể hoàn tác." in page
    assert "đơn vị không sửa được nữa" in page
    assert dossier.receiving_authority is None or dossier.receiving_authority.name in page
    assert f"<dd>{len(lines)}</dd>" in page
    assert Dossier.objects.get(pk=dossier.pk).state == "draft"  # opening the page sends nothing
    leader.post(confirm_url, {"confirm": "1", "reason": ""})
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_every_sending_step_is_irreversible_and_never_one_click():
    assert {t.name for t in DOSSIER.transitions if t.irreversible} == {"submit", "approve_and_send", "resubmit"}
    with pytest.raises(ValueError, match="an irreversible step goes through its confirm page"):
        transition("send", "Gửi", {"draft"}, "submitted", "unit", irreversible="Gửi đi.", one_click=True)


def test_the_status_tag_takes_its_colour_from_the_state(world):
    dossier = Dossier(state="returned", unit=world.unit_a, title="x", year=2025)
    html = Template("{% load state_tags %}{{ d|state_tag }} {{ 'signed'|state_tag:'Đã ký' }}").render(
        Context({"d": dossier}))
    assert html == ('<span class="tag tone-act state-returned">Trả lại để bổ sung</span> '
                    '<span class="tag tone-done state-signed">Đã ký</span>')
    assert tone("no_such_state") == "idle"
    every = [state for states in TONES.values() for state in states]
    assert len(every) == len(set(every))  # a state has one tone
