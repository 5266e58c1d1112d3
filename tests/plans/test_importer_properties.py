"""Property tests: on shuffled, truncated and noise-injected versions of the seeds the importer never crashes.

It either returns a result that keeps the contract (periods from the list, ISO dates in order, a
content for every task, warning lines inside the file) or raises the documented `PlanImportError`;
and it answers the same input the same way twice.
"""

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.plans.importer import PERIODS, PlanImportError, import_plan_bytes
from tests.plans.seeds import SEED_FILES, SEEDS_DIR

SEEDS = {name: (SEEDS_DIR / file).read_text(encoding="utf-8") for name, file in SEED_FILES.items()
         if (SEEDS_DIR / file).exists()}
pytestmark = pytest.mark.skipif(len(SEEDS) != len(SEED_FILES), reason=f"seed plans not found at {SEEDS_DIR}")

PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
seed_names = st.sampled_from(sorted(SEED_FILES))
# Noise made of what plans are made of: Vietnamese words, numbers, tabs, headings, markup, units.
fragments = st.sampled_from([
    "QUÝ II", "I\tQUÝ I: (03 NHIỆM VỤ)", "\t", "1", "2", "17", "- Sở Nội vụ.", "liên quan.", "<p>", "</td>",
    "**", "Số: /KH-UBND", "ngày tháng năm", "TT Nội dung Cơ quan thực hiện", "STT\tNội dung\tChủ trì",
    "Hàng tháng", "Quý I/2026", "Tháng 3, tháng 8/2026", "III. TỔ CHỨC THỰC HIỆN", "Nơi nhận:", "\f", "|", "---",
    "KẾ HOẠCH", "năm 2026", "Sở Văn hóa, Thể thao và Du lịch", "các sở, ban, ngành", "\u00ad", "ñua", "ViÖt",
])
noise = st.lists(st.one_of(fragments, st.text(max_size=30)), min_size=1, max_size=6).map(" ".join)


def check(data: bytes, name: str = "plan.txt") -> None:
    try:
        first = import_plan_bytes(data, name)
    except PlanImportError as error:
        assert error.message.strip()
        with pytest.raises(type(error), match=f"^{re.escape(str(error))}$"):  # the same refusal, word for word
            import_plan_bytes(data, name)
        return
    contract = first.as_json()
    json.dumps(contract, ensure_ascii=False)
    assert import_plan_bytes(data, name).as_json() == contract  # deterministic
    line_count = data.count(b"\n") + data.count(b"\r") + 1
    for task in contract["tasks"]:
        assert task["period"] in PERIODS
        assert task["content"].strip()
        assert task["due"]["dates"] == sorted(task["due"]["dates"])
        assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in task["due"]["dates"])
        assert task["due"]["recurrence"] in (None, "monthly", "quarterly")
        assert all(name.strip() for name in task["lead"] + task["coordinating"])
    for warning in contract["warnings"]:
        assert warning["message"].strip()
        assert warning["line"] is None or 1 <= warning["line"] <= line_count


@PROPERTY_SETTINGS
@given(name=seed_names, data=st.data())
def test_shuffled_lines(name, data):
    lines = SEEDS[name].split("\n")
    shuffled = data.draw(st.permutations(lines))
    check("\n".join(shuffled).encode())


@PROPERTY_SETTINGS
@given(name=seed_names, data=st.data())
def test_truncated(name, data):
    text = SEEDS[name]
    start = data.draw(st.integers(0, len(text) // 2))
    end = data.draw(st.integers(start, len(text)))
    check(text[start:end].encode())


@PROPERTY_SETTINGS
@given(name=seed_names, data=st.data())
def test_noise_injected_lines(name, data):
    lines = SEEDS[name].split("\n")
    for _ in range(data.draw(st.integers(1, 12))):
        position = data.draw(st.integers(0, len(lines)))
        action = data.draw(st.sampled_from(["insert", "delete", "duplicate", "append"]))
        if action == "insert" or not lines:
            lines.insert(position, data.draw(noise))
        elif action == "delete":
            del lines[min(position, len(lines) - 1)]
        elif action == "duplicate":
            lines.insert(position, lines[min(position, len(lines) - 1)])
        else:
            index = min(position, len(lines) - 1)
            lines[index] += data.draw(noise)
    check("\n".join(lines).encode())


@PROPERTY_SETTINGS
@given(name=seed_names, data=st.data(), suffix=st.sampled_from(["plan.txt", "plan.md", "plan.html", "plan"]))
def test_byte_noise_and_other_suffixes(name, data, suffix):
    raw = bytearray(SEEDS[name].encode())
    for _ in range(data.draw(st.integers(0, 8))):
        position = data.draw(st.integers(0, len(raw)))
        raw[position:position] = data.draw(st.binary(min_size=1, max_size=4))
    check(bytes(raw), suffix)
