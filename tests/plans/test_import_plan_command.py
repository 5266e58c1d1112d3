"""`manage.py import_plan PATH [--dry-run] [--json]`: exit codes, the exact JSON, the Vietnamese summary."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tdkt.plans.importer import cli
from tests.factories import make_unit
from tests.plans.seeds import seed_path

REPO = Path(__file__).resolve().parents[2]
SMALL_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\nSố: 05/KH-UBND\nThử Nghiệm, ngày 10 tháng 01 năm 2026\n\nKẾ HOẠCH\n"
    "Công tác thi đua, khen thưởng năm 2026\n\nCăn cứ Luật Thi đua, khen thưởng;\n"
    "STT\tNội dung\tChủ trì\tPhối hợp\tThời gian hoàn thành\n"
    "I\tQUÝ I (03 NHIỆM VỤ)\t\t\t\n"
    "1\tHội nghị triển khai công tác năm 2026\tSở Nội vụ\tVăn phòng UBND tỉnh\t\n"
    "2\tKiểm tra công tác thi đua\tSở Nội vụ\tCác sở, ban, ngành\tTháng 2/2026\n"
    "II\tQUÝ II\t\t\t\n"
    "1\tSơ kết 6 tháng\tSở Văn hóa, Thể thao và Du lịch\t\tTheo quy định\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
)
SMALL_PLAN_JSON = {
    "document": {"issuer": "ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM", "number": "05/KH-UBND", "place": "Thử Nghiệm",
                 "date": "2026-01-10", "title": "Công tác thi đua, khen thưởng năm 2026", "year": 2026, "period": None},
    "tasks": [
        {"period": "Q1", "number": "1", "content": "Hội nghị triển khai công tác năm 2026", "lead": ["Sở Nội vụ"],
         "coordinating": ["Văn phòng UBND tỉnh"], "due": {"text": None, "dates": ["2026-03-31"], "recurrence": None}},
        {"period": "Q1", "number": "2", "content": "Kiểm tra công tác thi đua", "lead": ["Sở Nội vụ"],
         "coordinating": ["Các sở, ban, ngành"],
         "due": {"text": "Tháng 2/2026", "dates": ["2026-02-28"], "recurrence": None}},
        {"period": "Q2", "number": "1", "content": "Sơ kết 6 tháng", "lead": ["Sở Văn hóa, Thể thao và Du lịch"],
         "coordinating": [], "due": {"text": "Theo quy định", "dates": [], "recurrence": None}},
    ],
    "warnings": [{"line": 11, "message": "Mục «QUÝ I (03 NHIỆM VỤ)» ghi 3 nhiệm vụ nhưng bảng có 2 nhiệm vụ."}],
}


@pytest.fixture
def small_plan(tmp_path):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


def run_cli(path, *, as_json=True, dry_run=True, registry=()):
    out, err = io.StringIO(), io.StringIO()
    code = cli.run(str(path), as_json=as_json, dry_run=dry_run, stdout=out, stderr=err, registry=registry)
    return code, out.getvalue(), err.getvalue()


def test_json_is_exactly_the_contract(small_plan):
    code, out, err = run_cli(small_plan)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == SMALL_PLAN_JSON
    assert list(data) == ["document", "tasks", "warnings"]
    assert list(data["document"]) == ["issuer", "number", "place", "date", "title", "year", "period"]
    assert list(data["tasks"][0]) == ["period", "number", "content", "lead", "coordinating", "due"]
    assert list(data["tasks"][0]["due"]) == ["text", "dates", "recurrence"]
    assert "Thử Nghiệm" in out  # UTF-8 as is, not \\u escapes


def test_without_dry_run_nothing_is_saved_and_it_says_so(small_plan):
    code, out, err = run_cli(small_plan, dry_run=False)
    assert code == 0 and json.loads(out) == SMALL_PLAN_JSON
    assert err == cli.DRY_RUN_ONLY_NOTICE + "\n"


def test_summary_in_vietnamese(small_plan):
    registry = [(1, "Sở Nội vụ", "SNV"), (2, "Văn phòng Ủy ban nhân dân tỉnh Thử Nghiệm", "")]
    code, out, _ = run_cli(small_plan, as_json=False, registry=registry)
    assert code == 0
    assert out.splitlines() == [
        "Kế hoạch: Công tác thi đua, khen thưởng năm 2026",
        "Cơ quan ban hành: ỦY BAN NHÂN DÂN TỈNH THỬ NGHIỆM",
        "Số, ký hiệu: 05/KH-UBND",
        "Địa danh, ngày: Thử Nghiệm, 10/01/2026",
        "Năm kế hoạch: 2026",
        "Số nhiệm vụ: 3",
        "  Quý I: 2",
        "  Quý II: 1",
        "Tên đơn vị: 4 (khớp danh mục 2, nhiều lựa chọn 0, nhóm 1, chưa khớp 1)",
        "  - Không tìm thấy đơn vị «Sở Văn hóa, Thể thao và Du lịch» trong danh mục: giữ nguyên tên để người dùng chọn.",
        "Cảnh báo: 1",
        "  - dòng 11: Mục «QUÝ I (03 NHIỆM VỤ)» ghi 3 nhiệm vụ nhưng bảng có 2 nhiệm vụ.",
        "Chế độ xem trước: chưa lưu gì vào cơ sở dữ liệu.",
    ]


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "ke-hoach.doc", "Tệp Word cũ (.doc)"),
    (bytes(range(256)) * 20, "ke-hoach.txt", "Tệp không phải văn bản"),
])
def test_unreadable_input_exits_2_with_a_message(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run_cli(path)
    assert (code, out) == (2, "")
    assert err.startswith(f"Không nhập được «{path}»: {message}")


def test_missing_file_exits_2(tmp_path):
    code, _, err = run_cli(tmp_path / "khong-co.txt")
    assert code == 2 and "Không tìm thấy tệp" in err


@pytest.mark.django_db
def test_management_command_reads_a_seed_with_the_registry():
    make_unit("Sở Nội vụ", short_name="SNV")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_plan", str(seed_path("thai_nguyen")), "--json", "--dry-run", stdout=out, stderr=err)
    data = json.loads(out.getvalue())
    assert [task["period"] for task in data["tasks"]][:4] == ["Q1", "Q1", "Q1", "Q1"]
    assert len(data["tasks"]) == 17 and err.getvalue() == ""


@pytest.mark.django_db
def test_management_command_exit_code_2(tmp_path):
    path = tmp_path / "scan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    err = io.StringIO()
    with pytest.raises(SystemExit, match=r"^2$") as exited:
        call_command("import_plan", str(path), "--json", stdout=io.StringIO(), stderr=err)
    assert exited.value.code == 2
    assert "Tệp Word cũ (.doc)" in err.getvalue()


def test_the_cli_runs_without_django_in_its_own_process(small_plan, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "tdkt.plans.importer.cli", str(small_plan), "--json", "--dry-run"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0 and json.loads(done.stdout) == SMALL_PLAN_JSON
    bad = tmp_path / "x.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    refused = subprocess.run([sys.executable, "-m", "tdkt.plans.importer.cli", str(bad)], capture_output=True,
                             text=True, env=env, check=False)
    assert refused.returncode == 2 and refused.stderr.startswith("Không nhập được")
