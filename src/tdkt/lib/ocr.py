"""OCR of scans: a scanned PDF or an image in, the same pages with a text layer (a searchable PDF) out.

Framework-free and pure (bytes in, `OcrResult` out), so a background job can run it. Runs Debian's `ocrmypdf`
with Tesseract's Vietnamese model (packages ocrmypdf, tesseract-ocr-vie; `make ci-system-deps` installs them) as
a subprocess without a shell. The scan's own images are kept (`--output-type pdf`, `--optimize 0`: no PDF/A
conversion, no recompression); only pages without text are recognised (`--skip-text`), so a Word export with a
scanned signature page keeps its real text.

Everything is checked before OCR starts, from the file's first bytes and headers only: the kind (PDF, PNG, JPEG,
TIFF by magic bytes, whatever the name says), the page count (pypdf for a PDF, frames for a TIFF), each image's
pixel dimensions (Pillow reads the header without decoding: a decompression bomb costs nothing), encryption and
damage. Each refusal is a `DocumentError` with a Vietnamese message. Time is bounded per page (Tesseract gives up
on a page after `PAGE_TIMEOUT_SECONDS`; that page comes back without text and is named in
`OcrResult.timed_out_pages`) and overall, in proportion to the pages (`OcrTimeoutError`). Pages where nothing
was recognised are listed in `OcrResult.empty_pages`; a scan where nothing at all was recognised is refused
(`NoTextFoundError`).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from tdkt.lib.docguard import (
    MAX_PAGES,
    CorruptDocumentError,
    DocumentError,
    TooLargeError,
    UnsupportedFormatError,
    check_pdf_bytes,
)

LANGUAGES = "vie"
# The reader (tdkt.lib.docparse) takes at most MAX_PAGES pages; a longer scan is refused before any OCR.
MAX_OCR_PAGES = MAX_PAGES
# Pixels of one page image: A3 at 600 dpi is 7016 × 9921 ≈ 70 million. Tesseract holds a page in memory several
# times over; more is a poster or a forged header, not a document page.
MAX_PIXELS = 75_000_000
# A longer side beyond this (2 m at 600 dpi) is no document page whatever the other side is.
MAX_SIDE_PIXELS = 50_000
# Tesseract's time on one page (ocrmypdf --tesseract-timeout): a clean A4 page at 300 dpi takes 1–3 s on this
# machine; a page that takes this long is noise or a photograph, and comes back without text.
PAGE_TIMEOUT_SECONDS = 60
# The whole run: ocrmypdf's start (≈ 1 s), plus rasterising, Tesseract and grafting per page, with a margin.
STARTUP_SECONDS = 30
SECONDS_PER_PAGE = 40
# Two cores on the servers we know: two pages at a time, one thread each (Tesseract's OpenMP threads fight over
# the cores otherwise: a page took 6 s instead of 1.5 s with two threads).
JOBS = min(2, os.cpu_count() or 1)
# An image without a resolution is taken as an A4 page across its width (8.27 in), within these bounds.
A4_WIDTH_INCHES = 8.27
MIN_DPI, MAX_DPI = 100, 600

PDF_MAGIC = b"%PDF-"
IMAGE_MAGICS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}
_SUFFIX = {"PDF": ".pdf", "PNG": ".png", "JPEG": ".jpg", "TIFF": ".tif"}


class OcrError(DocumentError):
    pass


class OcrUnavailableError(OcrError):
    pass


class OcrTimeoutError(OcrError):
    pass


class NoTextFoundError(OcrError):
    pass


class EncryptedPdfError(CorruptDocumentError):
    pass


@dataclass(frozen=True)
class OcrResult:
    pdf: bytes  # the pages with their text layer
    page_count: int
    page_texts: tuple[str, ...] = ()  # the text recognised on each page, in order
    empty_pages: tuple[int, ...] = ()  # 1-based pages where nothing was recognised
    seconds: float = 0.0
    timed_out_pages: tuple[int, ...] = ()  # pages Tesseract gave up on (PAGE_TIMEOUT_SECONDS): no text

    @property
    def warnings(self) -> list[str]:
        out = []
        if blank := [page for page in self.empty_pages if page not in self.timed_out_pages]:
            out.append(f"Không nhận dạng được chữ nào ở trang {_pages(blank)} của bản quét (trang trắng, ảnh hoặc "
                       "quá mờ).")
        if self.timed_out_pages:
            out.append(f"Trang {_pages(self.timed_out_pages)} của bản quét nhận dạng quá thời gian cho phép một "
                       "trang: trang đó chưa có chữ, hãy quét lại rõ hơn.")
        return out


def _pages(pages) -> str:
    return ", ".join(str(page) for page in pages)


def available() -> bool:
    return shutil.which("ocrmypdf") is not None and shutil.which("tesseract") is not None


def kind_of(data: bytes) -> str | None:
    """"PDF", "PNG", "JPEG" or "TIFF" by the first bytes, else None."""
    if data.startswith(PDF_MAGIC):
        return "PDF"
    return next((kind for magic, kind in IMAGE_MAGICS.items() if data.startswith(magic)), None)


@dataclass(frozen=True)
class ScanInfo:
    kind: str  # "PDF", "PNG", "JPEG", "TIFF"
    pages: int
    dpi: int | None  # for an image: its resolution, or the one assumed (an A4 page across its width)


def check_scan(data: bytes, name: str) -> ScanInfo:
    """Everything OCR would refuse, from the headers only (cheap: an upload form can call it before queueing
    the OCR job)."""
    kind = kind_of(data)
    if kind is None:
        raise UnsupportedFormatError(
            f"Tệp {name} không phải bản quét đọc được: chỉ nhận PDF hoặc ảnh PNG, JPEG, TIFF.")
    if kind == "PDF":
        return ScanInfo(kind, _check_pdf(data, name), None)
    return ScanInfo(kind, *_check_image(data, name, kind))


def searchable_pdf(data: bytes, *, name: str = "scan.pdf", seconds_per_page: float = SECONDS_PER_PAGE,
                   startup_seconds: float = STARTUP_SECONDS, page_timeout: float = PAGE_TIMEOUT_SECONDS,
                   jobs: int = JOBS) -> OcrResult:
    """The scan (PDF or image) as a PDF with a text layer; see the module's docstring for the limits."""
    scan = check_scan(data, name)
    kind, pages, dpi = scan.kind, scan.pages, scan.dpi
    if not available():
        raise OcrUnavailableError(
            "Máy chủ chưa cài chương trình nhận dạng chữ (ocrmypdf, tesseract-ocr-vie): không đọc được bản quét.")
    started = time.monotonic()
    time_limit = startup_seconds + seconds_per_page * pages
    with tempfile.TemporaryDirectory(prefix="tdkt-ocr-") as folder:
        source, target = Path(folder) / ("in" + _SUFFIX[kind]), Path(folder) / "out.pdf"
        source.write_bytes(_without_alpha(data) if kind == "PNG" else data)
        command = ["ocrmypdf", "-l", LANGUAGES, "--skip-text", "--output-type", "pdf", "--optimize", "0",
                   "--jobs", str(max(1, jobs)), "--tesseract-timeout", f"{page_timeout:g}"]
        if dpi is not None:
            command += ["--image-dpi", str(dpi)]
        returncode, stderr = _run([*command, str(source), str(target)], time_limit, folder)
        if returncode is None:
            raise OcrTimeoutError(
                f"Nhận dạng chữ quá thời gian cho phép ({f'{time_limit:g}'.replace('.', ',')} giây cho {pages} trang) "
                f"với bản quét "
                f"{name}: hãy thử lại khi máy chủ rảnh hoặc tách bản quét thành nhiều tệp.")
        if returncode != 0:
            raise _failure(returncode, stderr, name)
        pdf = target.read_bytes()
    texts = _page_texts(pdf)
    empty = tuple(number for number, text in enumerate(texts, start=1) if not text.strip())
    timed_out = tuple(sorted({int(page) for page in _PAGE_TIMED_OUT.findall(stderr)} & set(empty)))
    if len(empty) == len(texts) and timed_out:
        raise OcrTimeoutError(
            f"Nhận dạng chữ quá thời gian cho phép ({f'{page_timeout:g}'.replace('.', ',')} giây một trang) ở trang "
            f"{_pages(timed_out)} của bản quét {name}: hãy quét lại rõ hơn hoặc thử lại khi máy chủ rảnh.")
    if len(empty) == len(texts):
        listed = ", ".join(str(page) for page in empty)
        raise NoTextFoundError(
            f"Không nhận dạng được chữ nào trong bản quét {name} (trang {listed}): ảnh trắng, quá mờ hoặc không "
            "phải văn bản.")
    return OcrResult(pdf, len(texts), tuple(texts), empty, time.monotonic() - started, timed_out)


# --- checks before OCR ------------------------------------------------------------------------------

def _refuse_pages(pages: int, name: str) -> None:
    if pages > MAX_OCR_PAGES:
        raise TooLargeError(
            f"Bản quét {name} có {pages} trang, vượt giới hạn {MAX_OCR_PAGES} trang: hãy tách thành nhiều tệp "
            "(mỗi văn bản một tệp) rồi gửi lại.")


def _check_pdf(data: bytes, name: str) -> int:
    from pypdf import PdfReader  # noqa: PLC0415 — only scans need it here
    from pypdf.errors import FileNotDecryptedError  # noqa: PLC0415

    check_pdf_bytes(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise EncryptedPdfError(
                f"Tệp PDF {name} được đặt mật khẩu (mã hóa): hãy gỡ mật khẩu rồi gửi lại.")
        declared = reader.root_object.get("/Pages", {}).get("/Count", 0)
        if isinstance(declared, int):
            _refuse_pages(declared, name)
        pages = len(reader.pages)
    except DocumentError:
        raise
    except FileNotDecryptedError as error:
        raise EncryptedPdfError(f"Tệp PDF {name} được đặt mật khẩu (mã hóa): hãy gỡ mật khẩu rồi gửi lại.") from error
    except Exception as error:  # untrusted input: pypdf raises many kinds on a damaged file
        raise CorruptDocumentError(
            f"Tệp PDF {name} bị hỏng, không đọc được ({error.__class__.__name__}): hãy quét hoặc xuất lại.") from error
    _refuse_pages(pages, name)
    if pages == 0:
        raise CorruptDocumentError(f"Tệp PDF {name} không có trang nào.")
    return pages


def _check_image(data: bytes, name: str, kind: str) -> tuple[int, int]:
    """Pages (TIFF frames) and the resolution to tell ocrmypdf, from the headers alone."""
    from PIL import JpegImagePlugin, PngImagePlugin, TiffImagePlugin  # noqa: PLC0415

    opener = {"PNG": PngImagePlugin.PngImageFile, "JPEG": JpegImagePlugin.JpegImageFile,
              "TIFF": TiffImagePlugin.TiffImageFile}[kind]
    try:
        with warnings.catch_warnings():  # Pillow warns about damaged metadata (EXIF): the checks below decide
            warnings.simplefilter("ignore")
            sizes, frames, declared = _header(opener, data, name, kind)
    except DocumentError:
        raise
    except Exception as error:  # Pillow raises many kinds on a damaged header
        raise CorruptDocumentError(f"Ảnh {name} bị hỏng, không đọc được ({error.__class__.__name__}).") from error
    for frame, (width, height) in enumerate(sizes, start=1):
        if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE_PIXELS or min(width, height) < 1:
            where = f" (trang {frame})" if len(sizes) > 1 else ""
            raise TooLargeError(
                f"Ảnh {name}{where} có kích thước {width} × {height} điểm ảnh, vượt giới hạn "
                f"{MAX_PIXELS // 1_000_000} triệu điểm ảnh của một trang quét: hãy quét lại ở 300 dpi.")
    width = sizes[0][0]
    if MIN_DPI <= declared <= MAX_DPI:
        return frames, declared
    return frames, max(MIN_DPI, min(MAX_DPI, round(width / A4_WIDTH_INCHES)))


def _header(opener, data: bytes, name: str, kind: str) -> tuple[list[tuple[int, int]], int, int]:
    # The format's own class parses the header and stops: no pixel is decoded, and unlike Image.open it does
    # not refuse a huge size by itself, so the dimensions can be named in the message.
    image = opener(io.BytesIO(data))
    frames = getattr(image, "n_frames", 1) if kind == "TIFF" else 1
    _refuse_pages(frames, name)
    sizes = []
    for frame in range(frames):
        if frame:
            image.seek(frame)  # reads the next frame's header (IFD), not its pixels
        sizes.append(image.size)
    dpi = image.info.get("dpi")
    try:
        declared = round(float(dpi[0])) if dpi and dpi[0] else 0
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):  # a damaged resolution: assume one
        declared = 0
    return sizes, frames, declared


def _without_alpha(data: bytes) -> bytes:
    """A PNG with transparency (a screenshot, a phone's export) flattened on white: ocrmypdf refuses an alpha
    channel. Decoded here only after its dimensions passed the checks."""
    from PIL import Image  # noqa: PLC0415

    with Image.open(io.BytesIO(data)) as image:
        if image.mode not in ("RGBA", "LA", "PA") and "transparency" not in image.info:
            return data
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        out = io.BytesIO()
        flat.save(out, "PNG", dpi=image.info.get("dpi", (300, 300)))
        return out.getvalue()


# --- running ocrmypdf -------------------------------------------------------------------------------

def _run(command: list[str], time_limit: float, folder: str) -> tuple[int | None, str]:
    """Run ocrmypdf in its own process group; on timeout kill the whole group (its Tesseract and Ghostscript
    children too) and return None."""
    environment = {**os.environ, "OMP_THREAD_LIMIT": "1", "TMPDIR": folder}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=environment,
                               start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=time_limit)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None, ""
    return process.returncode, stderr.decode("utf-8", errors="replace")


# ocrmypdf's log line for a page Tesseract gave up on (--tesseract-timeout): "    2 [tesseract] took too long …".
_PAGE_TIMED_OUT = re.compile(r"^\s*(\d+) \[tesseract\] took too long", re.MULTILINE)
# ocrmypdf's exit codes (ocrmypdf.exceptions.ExitCode).
_EXIT_BAD_INPUT, _EXIT_MISSING_DEPENDENCY, _EXIT_ENCRYPTED = 2, 3, 8


def _failure(returncode: int, stderr: str, name: str) -> DocumentError:
    if returncode == _EXIT_ENCRYPTED:
        return EncryptedPdfError(f"Tệp PDF {name} được đặt mật khẩu (mã hóa): hãy gỡ mật khẩu rồi gửi lại.")
    if returncode == _EXIT_BAD_INPUT:
        return CorruptDocumentError(f"Bản quét {name} bị hỏng hoặc không đúng định dạng: hãy quét hoặc xuất lại.")
    if returncode == _EXIT_MISSING_DEPENDENCY or "language" in stderr.lower() and LANGUAGES in stderr:
        return OcrUnavailableError(
            "Máy chủ thiếu thành phần nhận dạng chữ (Tesseract hoặc gói tiếng Việt tesseract-ocr-vie): không đọc "
            "được bản quét.")
    return OcrError(f"Không nhận dạng được chữ trong bản quét {name} (ocrmypdf dừng với mã {returncode}).")


def _page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(pdf))
    texts = []
    for page in reader.pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # noqa: BLE001 — a page whose text cannot be extracted counts as empty
            texts.append("")
    return texts
