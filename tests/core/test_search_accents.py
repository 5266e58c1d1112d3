"""The header's search finds dossier and decision titles typed without diacritics, in any case, with the same
results on PostgreSQL (unaccent) and SQLite (the connection's fold function): run on the real database."""

import pytest

from tdkt.awards.models import AwardType
from tdkt.core.search import search_dossiers, search_everything
from tdkt.decisions.models import Decision
from tdkt.dossiers.models import Dossier
from tests.factories import make_authority


@pytest.fixture
def titled(world):
    authority = make_authority(world.province, symbol="QĐ-UBND")
    decision = Decision.objects.create(
        authority=authority, year=2026, number=31, title="Về việc tặng Bằng khen cho tập thể xã Đông Hưng",
        achievement_year=2025, award_type=AwardType.objects.get(code="BK_TINH"))
    dossiers = [Dossier.objects.create(unit=world.unit_a, year=2025, title=title) for title in (
        "Khen thưởng tổng kết năm 2025 Sở Y tế", "Đề nghị khen thưởng chuyên đề phòng, chống dịch",
        "Khen thuong khong dau")]
    return decision, dossiers


@pytest.mark.parametrize(("query", "expected"), [
    ("tong ket nam 2025", ["Khen thưởng tổng kết năm 2025 Sở Y tế"]),
    ("TONG KET", ["Khen thưởng tổng kết năm 2025 Sở Y tế"]),
    ("de nghi khen thuong", ["Đề nghị khen thưởng chuyên đề phòng, chống dịch"]),
    ("phong, chong dich", ["Đề nghị khen thưởng chuyên đề phòng, chống dịch"]),
    ("Tổng Kết", ["Khen thưởng tổng kết năm 2025 Sở Y tế"]),
    ("không dấu", ["Khen thuong khong dau"]),  # typed with accents, stored without: found too
    ("khen thuong", ["Khen thuong khong dau", "Đề nghị khen thưởng chuyên đề phòng, chống dịch",
                     "Khen thưởng tổng kết năm 2025 Sở Y tế"]),
    ("tong ket nam 2026", []),
    ("100%", []),  # LIKE's wildcards are text here
])
def test_a_dossier_title_is_found_without_diacritics(world, titled, query, expected):
    assert [dossier.title for dossier in search_dossiers(world.users["specialist"], query).rows] == expected


@pytest.mark.parametrize("query", ["dong hung", "ĐÔNG HƯNG", "dông hung", "xa dong"])
def test_a_decision_title_is_found_without_diacritics(world, titled, query):
    decision, _dossiers = titled
    assert [row.pk for row in search_everything(world.users["specialist"], query).decisions.rows] == [decision.pk]


def test_a_dossier_of_another_unit_stays_unfound(world, titled):
    assert search_dossiers(world.users["clerk_b"], "tong ket").rows == []
