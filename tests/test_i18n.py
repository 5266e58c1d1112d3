"""The Vietnamese catalogue is complete: no untranslated or fuzzy entry, placeholders kept,
and (where gettext is installed) no source string missing from it."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.test import override_settings

REPO = Path(__file__).resolve().parent.parent
# The project catalogue plus one per app (src/tdkt/<app>/locale/vi/...), each complete on its own.
PO_PATHS = sorted((REPO / "src" / "tdkt").glob("**/locale/vi/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sd]")


def _entries():
    return [e for path in PO_PATHS for e in polib.pofile(str(path)) if not e.obsolete]


def test_vi_catalogue_has_no_untranslated_entry():
    untranslated = [e.msgid for e in _entries()
                    if not (e.msgstr or (e.msgstr_plural and all(e.msgstr_plural.values())))]
    assert untranslated == []


def test_vi_catalogue_has_no_fuzzy_entry():
    assert [e.msgid for e in _entries() if "fuzzy" in e.flags] == []
    assert [str(path) for path in PO_PATHS if polib.pofile(str(path)).metadata_is_fuzzy] == []


def test_vi_translations_keep_every_placeholder():
    broken = []
    for entry in _entries():
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(text)):
                broken.append(entry.msgid)
    assert broken == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed (apt-get install gettext)")
def test_every_source_string_is_in_the_vi_catalogue(tmp_path, monkeypatch):
    # Extract from a copy of the sources, so the real catalogue is never touched by the test.
    sources = tmp_path / "src"
    shutil.copytree(REPO / "src" / "tdkt", sources, ignore=shutil.ignore_patterns("locale", "__pycache__"))
    output = tmp_path / "locale"
    output.mkdir()
    monkeypatch.chdir(sources)
    with override_settings(LOCALE_PATHS=[str(output)]):
        call_command("makemessages", locale=["vi"], verbosity=0, no_obsolete=True)
    extracted = {e.msgid for e in polib.pofile(str(output / "vi" / "LC_MESSAGES" / "django.po"))}
    catalogued = {e.msgid for e in _entries()}
    assert sorted(extracted - catalogued) == []
