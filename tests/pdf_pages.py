"""Measuring PDF pages as a reader sees them, with poppler (installed by `make ci-system-deps`):
`pdftoppm` renders each page to a greyscale image whose dark pixels are the ink; `pdftotext -bbox` gives
each word's box. Both in millimetres from the page's top-left corner, so tests compare them with the
Decree-30 margins directly."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

DPI = 72
MM_PER_PX = 25.4 / DPI
MM_PER_PT = 25.4 / 72
INK = 128  # grey below this is ink
_PAGE = re.compile(r"<page [^>]*>(.*?)</page>", re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Word:
    text: str
    left: float
    top: float
    right: float
    bottom: float

    @property
    def middle_x(self) -> float:
        return (self.left + self.right) / 2


class Page:
    """One rendered page: its ink (a greyscale image) and its words."""

    def __init__(self, image: Image.Image, words: list[Word]):
        self.image = image.convert("L")
        self.words = words
        self.width_px, self.height_px = self.image.size
        self._pixels = self.image.load()

    def ink(self, left: float, top: float, right: float, bottom: float) -> int:
        """Dark pixels in the box (mm)."""
        x0, y0 = max(0, int(left / MM_PER_PX)), max(0, int(top / MM_PER_PX))
        x1, y1 = min(self.width_px, int(right / MM_PER_PX) + 1), min(self.height_px, int(bottom / MM_PER_PX) + 1)
        pixels = self._pixels
        return sum(1 for y in range(y0, y1) for x in range(x0, x1) if pixels[x, y] < INK)

    def ink_rows(self, left: float, right: float) -> list[float]:
        """The y (mm) of every pixel row with ink between `left` and `right`."""
        x0, x1 = int(left / MM_PER_PX), int(right / MM_PER_PX) + 1
        pixels = self._pixels
        return [y * MM_PER_PX for y in range(self.height_px) if any(pixels[x, y] < INK for x in range(x0, x1))]

    def longest_run(self, y: float, left: float, right: float) -> float:
        """The longest unbroken stretch of ink (mm) on the pixel row at `y` (a drawn rule is one)."""
        row, best, run = int(y / MM_PER_PX), 0, 0
        for x in range(int(left / MM_PER_PX), int(right / MM_PER_PX) + 1):
            run = run + 1 if self._pixels[x, row] < INK else 0
            best = max(best, run)
        return best * MM_PER_PX

    def find(self, *texts: str) -> Word:
        """The first run of consecutive words `texts` (as read), as one box around them all."""
        for index in range(len(self.words) - len(texts) + 1):
            run = self.words[index:index + len(texts)]
            if all(word.text == text for word, text in zip(run, texts, strict=True)):
                return Word(" ".join(texts), min(w.left for w in run), min(w.top for w in run),
                            max(w.right for w in run), max(w.bottom for w in run))
        raise AssertionError(f"{' '.join(texts)!r} is not on the page")

    def has(self, *texts: str) -> bool:
        try:
            self.find(*texts)
        except AssertionError:
            return False
        return True

    def text(self) -> str:
        return " ".join(word.text for word in self.words)


def pages(data: bytes, *, first: int | None = None, last: int | None = None) -> list[Page]:
    with tempfile.TemporaryDirectory(prefix="tdkt-pages-") as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(data)
        span = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", *span, str(source), str(Path(folder) / "p")],
                       check=True, timeout=120)
        subprocess.run(["pdftotext", "-bbox", *span, str(source), str(Path(folder) / "words.html")],
                       check=True, timeout=120)
        markup = (Path(folder) / "words.html").read_text(encoding="utf-8")
        word_pages = [[Word(html.unescape(text), *(float(value) * MM_PER_PT for value in box))
                       for *box, text in _WORD.findall(body)] for body in _PAGE.findall(markup)]
        images = sorted(Path(folder).glob("p-*.pgm"), key=lambda path: int(path.stem.split("-")[-1]))
        return [Page(Image.open(path).copy(), words) for path, words in zip(images, word_pages, strict=True)]
