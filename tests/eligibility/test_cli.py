"""`check_eligibility`: exit codes, exact stdout, Vietnamese stderr; the framework-free main() and the
management command wrapper."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tdkt.eligibility.cli import main

ROOT = Path(__file__).resolve().parents[2]
SMALL = {"decision_date": "2025-12-20", "candidates": [
    {"id": "CB-1", "kind": "individual", "award": "LDTT", "year": 2025, "ratings": [{"year": 2025, "level": "HTTNV"}]},
    {"id": "CB-2", "kind": "individual", "award": "XYZ", "year": 2025},
]}
EXPECTED = """{
  "results": [
    {
      "id": "CB-1",
      "award": "LDTT",
      "verdict": "eligible",
      "findings": [
        {
          "code": "ruleset",
          "passed": true,
          "message": "Áp dụng Nghị định 152/2025/NĐ-CP (hiệu lực 01/07/2025–28/02/2027) theo ngày quyết định 20/12/2025.",
          "citation": "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 1"
        },
        {
          "code": "rating",
          "passed": true,
          "message": "Xếp loại năm 2025: HTTNV (hoàn thành tốt nhiệm vụ); đạt mức hoàn thành tốt nhiệm vụ trở lên.",
          "citation": "Luật TĐKT 2022, Điều 24 khoản 1 điểm a"
        }
      ]
    },
    {
      "id": "CB-2",
      "award": "XYZ",
      "verdict": "ineligible",
      "findings": [
        {
          "code": "ruleset",
          "passed": true,
          "message": "Áp dụng Nghị định 152/2025/NĐ-CP (hiệu lực 01/07/2025–28/02/2027) theo ngày quyết định 20/12/2025.",
          "citation": "Nghị định 152/2025/NĐ-CP, Điều 60 khoản 1"
        },
        {
          "code": "unknown_award",
          "passed": false,
          "message": "Mã khen thưởng \\"XYZ\\" không có trong danh mục danh hiệu thi đua, hình thức khen thưởng của Nhà nước và của tỉnh.",
          "citation": "Luật TĐKT 2022, Điều 9; Luật TĐKT 2022, Điều 19, Điều 20"
        }
      ]
    }
  ]
}
"""


def run(tmp_path, content) -> tuple[int, str, str]:
    path = tmp_path / "input.json"
    path.write_bytes(content if isinstance(content, bytes) else
                     (content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)).encode())
    out, err = io.StringIO(), io.StringIO()
    status = main([str(path)], out, err)
    return status, out.getvalue(), err.getvalue()


def test_prints_the_results_exactly_and_exits_0(tmp_path):
    status, out, err = run(tmp_path, SMALL)
    assert (status, err) == (0, "")
    assert out == EXPECTED


def test_output_is_deterministic(tmp_path):
    assert run(tmp_path, SMALL)[1] == run(tmp_path, SMALL)[1]


def test_malformed_json_exits_2_with_the_place(tmp_path):
    status, out, err = run(tmp_path, '{"decision_date": "2025-12-20",\n "candidates": [}')
    assert (status, out) == (2, "")
    assert err == ("Dữ liệu đầu vào không hợp lệ (1 lỗi), không xét ứng viên nào:\n"
                   "  - tệp: JSON không hợp lệ ở dòng 2, cột 17: thiếu giá trị.\n")


def test_missing_candidates_exits_2(tmp_path):
    status, _, err = run(tmp_path, {"decision_date": "2025-12-20"})
    assert status == 2 and "  - candidates: thiếu trường bắt buộc.\n" in err


def test_wrong_types_name_the_field_and_the_candidate(tmp_path):
    document = {"decision_date": "2025-12-20", "candidates": [
        {"id": "A", "kind": "individual", "award": "LDTT", "year": 2025},
        {"id": "B", "kind": "individual", "award": "LDTT", "year": "2025", "ratings": {"2025": "HTTNV"}}]}
    status, out, err = run(tmp_path, document)
    assert (status, out) == (2, "")
    assert err == ("Dữ liệu đầu vào không hợp lệ (2 lỗi), không xét ứng viên nào:\n"
                   '  - candidates[1].year (ứng viên thứ 2, id "B"): phải là số nguyên, không phải chuỗi.\n'
                   '  - candidates[1].ratings (ứng viên thứ 2, id "B"): phải là một danh sách […], không phải đối '
                   "tượng.\n")


def test_a_future_year_is_reported_for_the_candidate_not_the_batch(tmp_path):
    document = {"decision_date": "2025-12-20", "candidates": [
        {"id": "F", "kind": "individual", "award": "LDTT", "year": 2026, "ratings": [{"year": 2026, "level": "HTTNV"}]}]}
    status, out, _ = run(tmp_path, document)
    assert status == 0
    (result,) = json.loads(out)["results"]
    assert result["verdict"] == "ineligible"
    assert [f["code"] for f in result["findings"] if not f["passed"]] == ["future_achievement_year", "future_record"]


def test_an_unreadable_file_exits_2(tmp_path):
    err = io.StringIO()
    assert main([str(tmp_path / "missing.json")], io.StringIO(), err) == 2
    assert err.getvalue().startswith("Không đọc được tệp")


def test_usage_without_a_file():
    err = io.StringIO()
    assert main([], io.StringIO(), err) == 2
    assert err.getvalue().startswith("Cách dùng: check_eligibility INPUT.json")


def test_the_module_runs_as_a_process_with_real_exit_codes(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps(SMALL), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    command = [sys.executable, "-m", "tdkt.eligibility.cli"]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    ok = subprocess.run([*command, str(good)], capture_output=True, env=env, check=False)
    assert ok.returncode == 0 and ok.stdout.decode() == EXPECTED
    failed = subprocess.run([*command, str(bad)], capture_output=True, env=env, check=False)
    assert failed.returncode == 2 and failed.stdout == b""
    assert "JSON không hợp lệ" in failed.stderr.decode()


AWARDS_INSTALLED = "tdkt.awards" in settings.INSTALLED_APPS


@pytest.mark.skipif(not AWARDS_INSTALLED, reason="tdkt.awards is not in INSTALLED_APPS yet")
def test_management_command_wraps_main(tmp_path):
    from django.core.management import call_command

    path = tmp_path / "input.json"
    path.write_text(json.dumps(SMALL), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("check_eligibility", str(path), stdout=out, stderr=err)
    assert out.getvalue() == EXPECTED
    path.write_text("[1,", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"^2$") as exited:
        call_command("check_eligibility", str(path), stdout=io.StringIO(), stderr=err)
    assert exited.value.code == 2
    assert "JSON không hợp lệ" in err.getvalue()


@pytest.mark.django_db  # manage.py runs the system checks first; some read the database
def test_manage_py_check_eligibility_exit_codes(tmp_path, capsys):
    """What `python manage.py check_eligibility FILE` does, in-process: manage.py's own entry point
    (execute_from_command_line with its argv), the process's exit code (SystemExit), stdout and stderr."""
    from django.core.management import execute_from_command_line

    good = tmp_path / "good.json"
    good.write_text(json.dumps(SMALL), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"decision_date": "2025-12-20"}', encoding="utf-8")
    execute_from_command_line(["manage.py", "check_eligibility", str(good)])  # returns: exit code 0
    out, err = capsys.readouterr()
    assert (out, err) == (EXPECTED, "")
    with pytest.raises(SystemExit, match=r"^2$") as exited:
        execute_from_command_line(["manage.py", "check_eligibility", str(bad)])
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "candidates: thiếu trường bắt buộc." in err


def test_management_command_module_is_a_thin_wrapper():
    source = (ROOT / "src/tdkt/awards/management/commands/check_eligibility.py").read_text(encoding="utf-8")
    assert "from tdkt.eligibility.cli import" in source and len(source.splitlines()) < 40
