"""The seeded step limits name their basis for officers: no reference to the project's own notes (issue 21 item 7)."""

from tdkt.workcalendar.models import StepLimit


def test_the_seeded_legal_basis_cites_no_internal_note(db):
    assert not StepLimit.objects.filter(legal_basis__contains="law.md").exists()
    assert StepLimit.objects.get(step="submitted").legal_basis == (
        "Tiếp nhận hồ sơ. Tham số của tỉnh (chưa có quy định quốc gia); sửa theo quyết định công bố TTHC của tỉnh.")
