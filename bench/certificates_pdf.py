"""Certificate PDF batch: 500 certificates (each with its own QR code) in one PDF, target ≤ 20 s.

Run by bench/run.py in a child process, or alone: `.venv/bin/python bench/certificates_pdf.py [N]`.
No database: the renderer is framework-free (fpdf2 + segno + the bundled font). The figure is the
time of one whole batch, measured three times.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]
from common import emit  # noqa: E402

from tdkt.decisions.certificates.render import CertificateText, default_layout, render_pdf  # noqa: E402

ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"


def batch(count: int) -> list[CertificateText]:
    items = []
    for i in range(count):
        code = "".join(ALPHABET[(i * 7 + k * 13) % len(ALPHABET)] for k in range(8))
        items.append(CertificateText(values={
            "issuer_line": "Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "award_title": "Bằng khen",
            "recipient": f"Ông Nguyễn Văn Thành {i + 1}", "position": "Chuyên viên Phòng Nghiệp vụ Y, Sở Y tế",
            "reason": "Đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2026.",
            "decision": "Quyết định số 123/QĐ-UBND ngày 15/12/2026", "place_date": "Lào Cai, ngày 15 tháng 12 năm 2026",
            "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "signer_name": "Nguyễn Văn Bình",
            "register_number": f"Số vào sổ: {i + 1:04d}/2026", "code": f"Mã xác thực: {code[:4]}-{code[4:]}",
        }, verify_url=f"https://tdkt.laocai.gov.vn/portal/verify/{code}/"))
    return items


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    items = batch(count)
    samples = []
    for _ in range(3):
        started = time.perf_counter()
        data = render_pdf(default_layout("A4"), items)
        samples.append((time.perf_counter() - started) * 1000)
    emit("certificates_pdf", "none", samples, 20_000, dataset=f"{count} certificates, {len(data) // 1024} KB PDF")


if __name__ == "__main__":
    main()
