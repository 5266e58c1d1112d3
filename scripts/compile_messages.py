"""Compile every django.po of the project (src/tdkt/locale and each app's own locale/) into django.mo.

Each app keeps its own catalogue, so parallel work on two apps never edits one shared file.

Uses polib, so no system gettext (msgfmt) is needed. Fuzzy entries are left out of
the .mo, as msgfmt does. With no .po files this does nothing.
"""

import sys
from pathlib import Path

import polib

SRC_DIR = Path(__file__).resolve().parent.parent / "src" / "tdkt"


def main() -> int:
    for po_path in sorted(SRC_DIR.glob("**/locale/*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        catalogue = polib.pofile(str(po_path))
        catalogue.save_as_mofile(str(mo_path))
        print(
            f"compiled {po_path.relative_to(SRC_DIR.parent.parent)} -> {mo_path.name} "
            f"({catalogue.percent_translated()}% translated)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
