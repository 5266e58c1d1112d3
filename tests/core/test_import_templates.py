"""The blank workbooks beside each import: the first sheet is the header the importer recognises, empty
below; the example sits on a second sheet so it is never imported."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tdkt.awards.imports.columns import HEADINGS, folded_heading
from tdkt.core.import_templates import LAYOUTS
from tdkt.lib.vntext import fold
from tdkt.people.imports import HEADERS as PEOPLE_HEADERS
from tests.conftest import client_for

AWARD_LAYOUTS = {"khen-thuong", "xep-loai", "sang-kien"}


def _download(client, layout):
    response = client.get(reverse("core:import_template", kwargs={"layout": layout}))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_template_has_the_header_only_on_its_first_sheet(world, layout):
    book = _download(client_for(world, "clerk_a"), layout)
    first, example = book.worksheets
    rows = [tuple(cell for cell in row) for row in first.iter_rows(values_only=True)]
    assert rows == [LAYOUTS[layout].header]
    assert example.title == "Ví dụ" and example.max_row == 1 + len(LAYOUTS[layout].example)


def test_every_heading_of_the_people_template_is_one_the_import_reads():
    assert [fold(h) for h in LAYOUTS["ca-nhan"].header if fold(h) not in PEOPLE_HEADERS] == []


def test_every_heading_of_the_history_templates_is_one_the_import_maps():
    for layout in AWARD_LAYOUTS:
        assert [h for h in LAYOUTS[layout].header if folded_heading(h) not in HEADINGS] == [], layout


def test_an_unknown_layout_is_a_404(world):
    response = client_for(world, "clerk_a").get(reverse("core:import_template", kwargs={"layout": "khong-co"}))
    assert response.status_code == 404


def test_the_import_pages_link_their_templates(world):
    client = client_for(world, "clerk_a")
    people = client.get(reverse("people:import")).content.decode()
    assert 'href="/mau-nhap/ca-nhan.xlsx"' in people
    history = client.get(reverse("awards:import_upload")).content.decode()
    assert all(f'href="/mau-nhap/{layout}.xlsx"' in history for layout in AWARD_LAYOUTS)
