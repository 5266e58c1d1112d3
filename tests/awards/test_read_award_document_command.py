"""`manage.py read_award_document PATH [--json]`: exit 0 with the JSON or a Vietnamese summary whenever anything
was read; exit 2 with the reason in Vietnamese on stderr when the file is not an award document or cannot be
read; the same without Django (`python -m tdkt.lib.awarddoc.cli`)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.plans.pdfmaker import image_only_pdf

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "documents" / "awards"


def body_of(data: dict) -> dict:
    return {key: data[key] for key in ("kind", "award_forms", "recipients", "pages", "ocr")}


def test_json_of_a_decision():
    out, err = io.StringIO(), io.StringIO()
    call_command("read_award_document", str(FIXTURES / "decision_numbered.txt"), "--json", stdout=out, stderr=err)
    data = json.loads(out.getvalue())
    expected = json.loads((FIXTURES / "decision_numbered.expected.json").read_text(encoding="utf-8"))
    assert body_of(data) == body_of(expected)
    assert list(data) == ["kind", "type", "number", "date", "place", "issuer", "title", "period", "year",
                          "award_forms", "recipients", "warnings", "pages", "ocr"]
    assert (data["number"], data["date"]) == ("125/QĐ-UBND", "2025-01-15")
    assert err.getvalue() == ""


def test_summary_in_vietnamese():
    out = io.StringIO()
    call_command("read_award_document", str(FIXTURES / "households.txt"), stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0] == "Loại: Quyết định khen thưởng (Quyết định)"
    assert lines[1:3] == ["Số, ký hiệu: 612/QĐ-UBND", "Ngày: 30/09/2025"]
    assert "Hình thức khen thưởng: Giấy khen của Chủ tịch Ủy ban nhân dân huyện" in lines
    assert "Tập thể, cá nhân: 3" in lines
    assert ("  - dòng 12: Thào Seo Lử (hộ gia đình), thôn Lùng Sán, xã Sán Chải — Giấy khen của Chủ tịch Ủy ban "
            "nhân dân huyện") in lines


def test_not_an_award_document_exits_2_with_the_reason():
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit, match=r"^2$"):
        call_command("read_award_document", str(FIXTURES / "cong_van.txt"), "--json", stdout=out, stderr=err)
    assert out.getvalue() == ""
    assert err.getvalue() == (f"Không đọc được «{FIXTURES / 'cong_van.txt'}»: Tệp không phải văn bản khen thưởng: "
                              "không thấy hình thức khen thưởng, danh sách tập thể, cá nhân hay kế hoạch thi đua "
                              "nào.\n")


def test_a_missing_file_and_a_scan_without_ocr_exit_2(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit, match=r"^2$"):
        call_command("read_award_document", str(tmp_path / "khong-co.pdf"), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith(f"Không đọc được «{tmp_path / 'khong-co.pdf'}»: Không mở được tệp khong-co.pdf")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    err = io.StringIO()
    with pytest.raises(SystemExit, match=r"^2$"):
        call_command("read_award_document", str(scan), "--no-ocr", stdout=io.StringIO(), stderr=err)
    assert "Tệp PDF không có lớp chữ" in err.getvalue()


def test_the_cli_runs_without_django_in_its_own_process():
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run([sys.executable, "-m", "tdkt.lib.awarddoc.cli", str(FIXTURES / "to_trinh.txt"), "--json"],
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    expected = json.loads((FIXTURES / "to_trinh.expected.json").read_text(encoding="utf-8"))
    assert body_of(json.loads(done.stdout)) == body_of(expected)
    refused = subprocess.run([sys.executable, "-m", "tdkt.lib.awarddoc.cli", str(FIXTURES / "cong_van.txt")],
                             capture_output=True, text=True, env=env, check=False)
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("Không đọc được «") and "Tệp không phải văn bản khen thưởng" in refused.stderr
