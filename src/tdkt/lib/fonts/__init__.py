"""Fonts bundled with the application for PDF output (Liberation Serif, SIL OFL 1.1)."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
SERIF = {
    "": FONT_DIR / "LiberationSerif-Regular.ttf",
    "B": FONT_DIR / "LiberationSerif-Bold.ttf",
    "I": FONT_DIR / "LiberationSerif-Italic.ttf",
    "BI": FONT_DIR / "LiberationSerif-BoldItalic.ttf",
}
