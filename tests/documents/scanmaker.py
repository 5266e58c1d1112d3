"""Scans made on demand for the tests: Vietnamese text rendered to paper, then photographed.

A document (lines of text, one list per page) is typeset with fpdf2 in the bundled Liberation Serif, rasterised
by poppler's `pdftoppm` (the pixels a scanner would give), and saved again without any text: as an image-only PDF
(what a scanner's "scan to PDF" gives), as PNG or JPEG, or as a multi-page TIFF. A slight rotation and speckle
noise make it look like paper that went through a feeder. Nothing here knows the text once it is an image: what
OCR reads back is what the test checks.
"""

from __future__ import annotations

import io
import random
import subprocess
import tempfile
from pathlib import Path

from fpdf import FPDF
from PIL import Image

from tdkt.lib.fonts import SERIF

A4_MM = (210, 297)


def text_pdf(pages: list[list[str]], *, size: float = 13) -> bytes:
    """A4 pages with a real text layer: each line on its own, left-aligned, as a typed decision would look."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("serif", "", str(SERIF[""]))
    pdf.add_font("serif", "B", str(SERIF["B"]))
    pdf.set_margins(25, 20, 20)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            bold = line.isupper()
            pdf.set_font("serif", "B" if bold else "", size)
            pdf.cell(0, size * 0.6, line, new_x="LMARGIN", new_y="NEXT", align="C" if bold else "L")
    return bytes(pdf.output())


def page_images(pages: list[list[str]], *, dpi: int = 200, rotate: float = 0.0, noise: float = 0.0,
                seed: int = 17) -> list[Image.Image]:
    """The pages as greyscale images at `dpi`: rasterised by pdftoppm, then turned and speckled if asked."""
    return pdf_images(text_pdf(pages), dpi=dpi, rotate=rotate, noise=noise, seed=seed)


def pdf_images(pdf: bytes, *, dpi: int = 200, rotate: float = 0.0, noise: float = 0.0,
               seed: int = 17) -> list[Image.Image]:
    """The pages of any PDF (tables and all) as the scanner would give them."""
    with tempfile.TemporaryDirectory(prefix="tdkt-scan-") as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(source), str(Path(folder) / "page")],
                       check=True, capture_output=True)
        images = []
        for path in sorted(Path(folder).glob("page-*.png")):
            with Image.open(path) as image:
                images.append(_weather(image.convert("L"), rotate, noise, random.Random(seed + len(images))))
    return images


def _weather(image: Image.Image, rotate: float, noise: float, rng: random.Random) -> Image.Image:
    if rotate:
        image = image.rotate(rotate, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise:
        pixels = image.load()
        width, height = image.size
        for _ in range(int(width * height * noise)):
            pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 96, 255))
    return image


def scan_pdf(pages: list[list[str]], *, dpi: int = 200, **weather) -> bytes:
    """An image-only PDF, one image a page at `dpi`: no text layer at all."""
    images = page_images(pages, dpi=dpi, **weather)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def scanned(pdf: bytes, *, dpi: int = 200, **weather) -> bytes:
    """`pdf` printed and scanned again: an image-only PDF."""
    images = pdf_images(pdf, dpi=dpi, **weather)
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return out.getvalue()


def scan_image(lines: list[str], *, fmt: str = "PNG", dpi: int = 200, **weather) -> bytes:
    """One page as an image file (PNG, JPEG or TIFF) carrying its resolution."""
    image = page_images([lines], dpi=dpi, **weather)[0]
    out = io.BytesIO()
    image.save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def scan_tiff(pages: list[list[str]], *, dpi: int = 200, **weather) -> bytes:
    """A multi-page TIFF (one frame a page), as fax and archive scanners write."""
    images = page_images(pages, dpi=dpi, **weather)
    out = io.BytesIO()
    images[0].save(out, "TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi), compression="tiff_lzw")
    return out.getvalue()


def blank_image(*, fmt: str = "PNG", size: tuple[int, int] = (1654, 2339), dpi: int = 200) -> bytes:
    """A white A4 page at 200 dpi: a scan of an empty sheet."""
    out = io.BytesIO()
    Image.new("L", size, 255).save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def blank_scan_pdf(*, size: tuple[int, int] = (1654, 2339), dpi: int = 200) -> bytes:
    """An image-only PDF of one white page: the scan of an empty sheet."""
    out = io.BytesIO()
    Image.new("L", size, 255).save(out, "PDF", resolution=dpi)
    return out.getvalue()


def make_scan_pdf(lines: list[str], path: Path, dpi: int = 300) -> Path:
    """Write a one-page scan of `lines` to `path` (for the archive fixtures and the benchmark)."""
    path.write_bytes(scan_pdf([lines], dpi=dpi))
    return path


def make_scan_png(lines: list[str], path: Path, dpi: int = 300) -> Path:
    path.write_bytes(scan_image(lines, fmt="PNG", dpi=dpi))
    return path
