"""OCR of scans: a scanned PDF or an image in, the same pages with a text layer (a searchable PDF) out.

FIRST CUT (to be hardened: limits, time per page, errors in Vietnamese, images): runs Debian's `ocrmypdf` with
Tesseract's Vietnamese model (packages ocrmypdf, tesseract-ocr-vie; installed by `make ci-system-deps`).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tdkt.lib.docguard import DocumentError

LANGUAGES = "vie"


class OcrError(DocumentError):
    pass


@dataclass(frozen=True)
class OcrResult:
    pdf: bytes  # the pages with their text layer
    page_count: int


def available() -> bool:
    return shutil.which("ocrmypdf") is not None


def searchable_pdf(data: bytes, *, name: str = "scan.pdf") -> OcrResult:
    if not available():
        raise OcrError("Máy chủ chưa cài chương trình nhận dạng chữ (ocrmypdf): không đọc được bản quét.")
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-") as folder:
        source = Path(folder) / ("in" + (Path(name).suffix.lower() or ".pdf"))
        target = Path(folder) / "out.pdf"
        source.write_bytes(data)
        command = ["ocrmypdf", "-l", LANGUAGES, "--force-ocr", "--output-type", "pdf", "--optimize", "0"]
        if source.suffix != ".pdf":
            command += ["--image-dpi", "300"]
        completed = subprocess.run([*command, str(source), str(target)], capture_output=True, timeout=600)
        if completed.returncode != 0:
            raise OcrError(f"Không nhận dạng được chữ trong bản quét {name}.")
        from pypdf import PdfReader  # noqa: PLC0415

        pdf = target.read_bytes()
        return OcrResult(pdf, len(PdfReader(target).pages))
