"""One word per message: Django merges every catalogue into one, so a msgid (with its msgctxt) translated
differently in two catalogues shows one of the translations everywhere, whichever catalogue wins. A message
meaning the same thing has one Vietnamese translation; a message meaning two things gets a pgettext context."""

from collections import defaultdict
from pathlib import Path

import polib
from django.utils import translation

REPO = Path(__file__).resolve().parent.parent
PO_PATHS = sorted((REPO / "src" / "tdkt").glob("**/locale/vi/LC_MESSAGES/django.po"))


def _translation(entry: polib.POEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return (entry.msgstr,)


def collisions(paths) -> dict[tuple[str | None, str], dict[tuple[str, ...], list[str]]]:
    """(msgctxt, msgid) -> {translation: [catalogue names]} for every message with two or more translations."""
    seen = defaultdict(lambda: defaultdict(list))
    for path in paths:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                seen[(entry.msgctxt, entry.msgid)][_translation(entry)].append(Path(path).parent.name)
    return {key: dict(found) for key, found in seen.items() if len(found) > 1}


def test_no_message_is_translated_differently_in_two_catalogues():
    assert collisions(PO_PATHS) == {}


def test_the_check_sees_a_collision_and_tells_contexts_apart(tmp_path):
    for name, plain in (("one", "Mở"), ("two", "Mở ra")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "django.po").write_text(
            f'msgid ""\nmsgstr ""\n\nmsgid "Open"\nmsgstr "{plain}"\n\n'
            'msgctxt "state"\nmsgid "Open"\nmsgstr "Đang mở"\n', encoding="utf-8")
    found = collisions(sorted(tmp_path.glob("*/django.po")))
    assert found == {(None, "Open"): {("Mở",): ["one"], ("Mở ra",): ["two"]}}


def test_a_word_meaning_two_things_shows_each_meaning_where_it_is_used():
    with translation.override("vi"):
        assert [translation.gettext("Held"), translation.pgettext("delivery", "Held")] == ["Đã tổ chức", "Tạm giữ"]
        assert [translation.gettext("place"), translation.pgettext("venue", "place")] == ["địa danh", "địa điểm"]
        assert [translation.gettext("Title"), translation.pgettext("document", "Title")] == ["Tên", "Trích yếu"]
        assert [translation.gettext("Training"), translation.pgettext("education", "Training")] == [
            "Tập huấn", "Trình độ đào tạo"]
        assert [translation.gettext("Cancelled"), translation.pgettext("training course", "Cancelled")] == [
            "Dừng thực hiện", "Đã hủy"]
        assert [translation.gettext("attempts"), translation.pgettext("delivery", "attempts")] == [
            "số lần chạy", "số lần gửi"]
        assert translation.pgettext("time", "Recorded") == "Thời điểm ghi"
        assert translation.pgettext("proportion", "Share (%)") == "Tỷ lệ (%)"
