"""The import preview as data: units matched, rows corrected, split, merged; ambiguous names block saving."""

import pytest

from tdkt.lib.docparse import read_bytes
from tdkt.plans import drafting
from tdkt.plans.importer import parse_plan
from tdkt.plans.kinds import guess_kind
from tdkt.plans.narrative import read_narrative
from tests.plans.support import SMALL_PLAN

REGISTRY = [(1, "Sở Nội vụ", "SNV"), (2, "Sở Y tế", "SYT"), (3, "Sở Giáo dục và Đào tạo", ""),
            (4, "Sở Văn hóa, Thể thao và Du lịch", ""), (5, "Sở Văn hóa và Thể thao", "")]


@pytest.fixture
def data():
    document = read_bytes(SMALL_PLAN.encode(), "ke-hoach.txt")
    result = parse_plan(document, [name for _, name, _ in REGISTRY])
    return drafting.draft_data(result, read_narrative(document), REGISTRY)


def test_draft_data_matches_units_and_keeps_the_narrative(data):
    assert [task["key"] for task in data["tasks"]] == ["t1", "t2", "t3"]
    first = data["tasks"][0]
    assert first["lead"] == [{"text": "Sở Nội vụ", "status": "resolved", "unit_id": 1, "unit_name": "Sở Nội vụ",
                              "candidates": []}]
    assert data["tasks"][1]["coordinating"][0]["status"] == "group"
    assert data["tasks"][2]["coordinating"] == [{
        "text": "Sở Văn hóa", "status": "unresolved", "unit_id": None, "unit_name": None, "candidates": []}]
    assert data["legal_bases"] == ["Căn cứ Luật Thi đua, khen thưởng;"]
    assert [section["part"] for section in data["sections"]] == ["purpose", "contents", "organisation"]
    assert data["tasks"][1]["kind"] == "inspection"
    assert drafting.flagged_count(data) == 2


def test_edit_recomputes_the_due_date(data):
    task = drafting.edit_task(data, "t1", content="  Hội nghị  tổng kết ", number="1a", period="Q2",
                              due_text="Tháng 5/2026", kind="ordinary")
    assert (task["content"], task["number"], task["period"]) == ("Hội nghị tổng kết", "1a", "Q2")
    assert task["due"] == {"text": "Tháng 5/2026", "dates": ["2026-05-31"], "recurrence": None}
    task = drafting.edit_task(data, "t1", content="x", number="", period="Q3", due_text="", kind="report")
    assert task["due"] == {"text": None, "dates": ["2026-09-30"], "recurrence": None}
    assert task["number"] is None


@pytest.mark.parametrize(("changes", "message"), [
    ({"due_text": "sớm nhất có thể"}, "Không hiểu thời hạn «sớm nhất có thể»: hãy ghi như «Quý I/2026», "
                                      "«Tháng 7/2026», «Trước ngày 30/01/2026», «Hàng tháng» hoặc «Theo quy định»."),
    ({"content": "   "}, "Nội dung nhiệm vụ không được để trống."),
    ({"period": "Q5"}, "Kỳ «Q5» không hợp lệ."),
    ({"number": "1" * 17}, "Số thứ tự dài quá 16 ký tự."),
])
def test_bad_edits_say_why(data, changes, message):
    values = {"content": "x", "number": "1", "period": "Q1", "due_text": "", "kind": "ordinary"} | changes
    with pytest.raises(drafting.DraftError, match=r"^(?:Không hiểu thời hạn «sớm nhất có thể»: hãy ghi như «Quý I/2026», «Tháng 7/2026», «Trước ngày 30/01/2026», «Hàng tháng» hoặc «Theo quy định»\.|Kỳ «Q5» không hợp lệ\.|Nội dung nhiệm vụ không được để trống\.|Số thứ tự dài quá 16 ký tự\.)$") as refused:
        drafting.edit_task(data, "t1", **values)
    assert refused.value.message == message


def test_split_suggests_the_second_bullet_and_copies_units(data):
    content = data["tasks"][1]["content"]
    assert drafting.suggest_split("- Kiểm tra A. - Tập huấn B.") == ("- Kiểm tra A.", "- Tập huấn B.")
    assert drafting.suggest_split(content) == (content, "")
    first, second = drafting.split_task(data, "t2", first="Kiểm tra công tác thi đua tại các sở",
                                        second="Tập huấn nghiệp vụ thi đua")
    assert [task["key"] for task in data["tasks"]] == ["t1", "t2", "t4", "t3"]
    assert (second["number"], second["kind"], second["lead"], second["due"]) == (
        None, "training", first["lead"], first["due"])
    second["lead"][0]["unit_id"] = 99
    assert first["lead"][0]["unit_id"] == 2  # a copy, not the same dict


def test_merge_joins_content_units_and_dates(data):
    merged = drafting.merge_with_next(data, "t2")
    assert [task["key"] for task in data["tasks"]] == ["t1", "t2"]
    assert merged["content"] == "Kiểm tra công tác thi đua tại các sở - Tập huấn nghiệp vụ thi đua Sơ kết 6 tháng"
    assert merged["due"] == {"text": "Tháng 2/2026; Theo quy định", "dates": ["2026-02-28"], "recurrence": None}
    assert [unit["text"] for unit in merged["lead"]] == ["Sở Y tế", "Sở Giáo dục và Đào tạo"]
    with pytest.raises(drafting.DraftError, match=r"^Dòng cuối cùng không có dòng tiếp theo để gộp\.$") as refused:
        drafting.merge_with_next(data, "t2")
    assert refused.value.message == "Dòng cuối cùng không có dòng tiếp theo để gộp."


def test_choose_unit_and_ambiguous_names_block_saving(data):
    data["tasks"][2]["coordinating"][0].update(status="ambiguous", candidates=[[4, REGISTRY[3][1]], [5, REGISTRY[4][1]]])
    assert drafting.ambiguous_messages(data) == [
        "nhiệm vụ số 1 (Quý II): «Sở Văn hóa» khớp ngang nhau với nhiều đơn vị: Sở Văn hóa, Thể thao và Du lịch "
        "(mã 4); Sở Văn hóa và Thể thao (mã 5). Hãy chọn một."]
    entry = drafting.choose_unit(data, "t3", "coordinating", 0, 5, REGISTRY)
    assert entry == {"text": "Sở Văn hóa", "status": "resolved", "unit_id": 5, "unit_name": "Sở Văn hóa và Thể thao",
                     "candidates": []}
    assert drafting.ambiguous_messages(data) == []
    with pytest.raises(drafting.DraftError, match=r"^Đơn vị được chọn không có trong danh mục đơn vị đang hoạt động\.$") as refused:
        drafting.choose_unit(data, "t3", "coordinating", 0, 42, REGISTRY)
    assert refused.value.message == "Đơn vị được chọn không có trong danh mục đơn vị đang hoạt động."
    with pytest.raises(drafting.DraftError, match=r"^Không tìm thấy dòng nhiệm vụ này trong bản xem trước \(có thể đã được gộp hoặc tách\)\.$") as refused:
        drafting.choose_unit(data, "t9", "lead", 0, 1, REGISTRY)
    assert refused.value.message.startswith("Không tìm thấy dòng nhiệm vụ này")


@pytest.mark.parametrize(("content", "kind"), [
    ("Họp Hội đồng TĐKT tỉnh lần thứ 3 năm 2026.", "council_meeting"),
    ("Thành viên Hội đồng TĐKT tỉnh kiểm tra công tác TĐKT tại các cơ quan", "inspection"),
    ("Tổ chức các lớp tập huấn về TĐKT theo kế hoạch năm 2026 (06 lớp).", "training"),
    ("Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm", "report"),
    ("Xét, trình khen thưởng thành tích năm 2025 cho các cơ quan, đơn vị", "commendation_round"),
    ("Xây dựng dự thảo các văn bản chỉ đạo", "ordinary"),
])
def test_kind_is_guessed_from_the_wording(content, kind):
    assert guess_kind(content) == kind
