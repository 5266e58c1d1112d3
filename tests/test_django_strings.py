"""Django's own strings that reach pages are Vietnamese (issue 21 item 3).

Why "- Select an option -" showed in English: Django 6.1 replaced the blank choice "---------" by a translatable
BLANK_CHOICE_LABEL that Django's Vietnamese catalogue does not have yet, so every select of a model field with
choices (and every ModelChoiceField's empty label) fell back to English. The label is lazy, so the root
catalogue's entry is enough — no LocaleMiddleware (the site is Vietnamese whatever the browser asks)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.core.validators import FileExtensionValidator
from django.db.models.utils import get_blank_choice_label
from django.utils import translation

from tdkt.accounts.models import Membership
from tdkt.lib.uploads import kinds_text


class MembershipForm(forms.ModelForm):  # a ModelForm built at import, as every form of the project is
    class Meta:
        model = Membership
        fields = ["unit", "council"]


class ChoiceForm(forms.Form):
    kind = forms.TypedChoiceField(choices=[("", get_blank_choice_label()), ("a", "A")], required=False)


def test_the_blank_choice_of_a_form_built_at_import_is_vietnamese(db):
    with translation.override("vi"):
        html = str(MembershipForm()["council"]) + str(ChoiceForm()["kind"])
    assert html.count("— Chọn —") == 2 and "Select" not in html


def test_the_site_speaks_vietnamese_without_asking_the_browser():
    assert translation.get_language() == "vi"
    assert str(get_blank_choice_label()) == "— Chọn —"


@pytest.mark.parametrize(("page", "message"), [
    ("x", "Số trang không phải là số nguyên"),
    ("0", "Số trang nhỏ hơn 1"),
    ("9", "Trang này không có kết quả nào"),
])
def test_pagination_errors_are_vietnamese(page, message):
    with translation.override("vi"), pytest.raises(InvalidPage, match=f"^{message}$"):
        Paginator([1, 2], 1).validate_number(page)


def test_a_validator_message_is_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError, match="Không chấp nhận phần mở rộng tệp “exe”"):
        FileExtensionValidator(["pdf"])(type("F", (), {"name": "virus.exe"})())


def test_upload_kinds_are_named_in_vietnamese():
    with translation.override("vi"):
        assert kinds_text({"pdf", "image", "docx", "xlsx", "csv"}) == (
            "tệp văn bản CSV, tệp Word (DOCX), ảnh (JPEG, PNG), tệp PDF, tệp Excel (XLSX)")
