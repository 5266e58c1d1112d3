"""Where the five real 2026 plans live: shared/seeds/ beside the repository (the importer's ground truth)."""

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).parents[2].parent / "shared" / "seeds"
SEED_FILES = {
    "lao_cai": "000_df9e745214f7c20f.txt",
    "cao_bang": "001_2af89bc3358ae929.txt",
    "son_la": "002_ebe676576632df34.txt",
    "lang_son": "003_54a3bfd319baae7c.txt",
    "thai_nguyen": "004_e8d1b26ebd3e333a.txt",
}


def seed_path(name: str) -> Path:
    """The seed's path; skips the calling test with a clear message when shared/seeds/ is missing."""
    path = SEEDS_DIR / SEED_FILES[name]
    if not path.exists():
        pytest.skip(f"seed plans not found at {SEEDS_DIR} (shared/seeds/ must sit beside the repository)")
    return path


def seed_text(name: str) -> str:
    return seed_path(name).read_text(encoding="utf-8")
