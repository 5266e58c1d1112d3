"""List source strings of one app (or the whole project) that no vi catalogue translates yet.

    .venv/bin/python scripts/i18n_missing.py src/tdkt/dossiers          # prints missing msgids as JSON
    .venv/bin/python scripts/i18n_missing.py src/tdkt/dossiers --add     # also appends them, untranslated,
                                                                          # to that app's own catalogue

Needs gettext's xgettext (apt-get install gettext). Then fill the msgstr of the new entries (polib or
an editor) and run scripts/compile_messages.py; tests/test_i18n.py checks the result."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src" / "tdkt"


def catalogued() -> set[str]:
    return {e.msgid for path in SRC.glob("**/locale/vi/LC_MESSAGES/django.po")
            for e in polib.pofile(str(path)) if not e.obsolete}


def extract(target: Path) -> list[polib.POEntry]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "src"
        # One level down, so an app module named like a standard one (calendar.py) cannot shadow it.
        shutil.copytree(target, copy / target.name, ignore=shutil.ignore_patterns("locale", "__pycache__"))
        out = Path(tmp) / "locale"
        out.mkdir()
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="tdkt.settings", PYTHONPATH=str(REPO / "src"))
        code = ("import django, sys; django.setup(); from django.test.utils import override_settings; "
                "from django.core.management import call_command\n"
                f"with override_settings(LOCALE_PATHS=[{str(out)!r}]):\n"
                "    call_command('makemessages', locale=['vi'], verbosity=0, no_obsolete=True)")
        subprocess.run([sys.executable, "-c", code], cwd=copy, env=env, check=True)
        po = out / "vi" / "LC_MESSAGES" / "django.po"
        return list(polib.pofile(str(po))) if po.exists() else []


def main() -> int:
    target = (REPO / sys.argv[1]).resolve() if len(sys.argv) > 1 else SRC
    known = catalogued()
    missing = [e for e in extract(target) if e.msgid not in known]
    print(json.dumps([e.msgid for e in missing], ensure_ascii=False, indent=1))
    if "--add" in sys.argv and missing:
        po_path = target / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        catalogue = polib.pofile(str(po_path))
        for entry in missing:
            catalogue.append(polib.POEntry(msgid=entry.msgid, msgid_plural=entry.msgid_plural,
                                           msgstr="", msgstr_plural=({0: ""} if entry.msgid_plural else {})))
        catalogue.save(str(po_path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
