"""Compile every src/tdkt/locale/*/LC_MESSAGES/django.po into django.mo beside it.

Uses polib, so no system gettext (msgfmt) is needed. Fuzzy entries are left out of
the .mo, as msgfmt does. With no .po files this does nothing.
"""

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "src" / "tdkt" / "locale"


def main() -> int:
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        print(
            f"compiled {po_path.relative_to(LOCALE_DIR.parent.parent.parent)} -> {mo_path.name} "
            f"({catalogue.percent_translated()}% translated)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
