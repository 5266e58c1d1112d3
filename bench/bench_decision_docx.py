"""Decision .docx with a 2,000-line annex, target ≤ 3 s (issue 6).

Run alone: `.venv/bin/python bench/bench_decision_docx.py [N]` (or by bench/run.py in a child process).
No database: the Word builder takes the decision and its lines as objects (unsaved model instances
here). The figure is the time to build and serialise the whole document, measured three times; it
prints the JSON result line and a readable line with the figure next to the target."""

import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz")
from common import emit  # noqa: E402

TARGET_MS = 3_000


def sample(count: int):
    import django

    django.setup()
    from tdkt.awards.models import AwardType
    from tdkt.decisions import drafting
    from tdkt.decisions.models import Decision, DecisionLine
    from tdkt.orgs.models import IssuingAuthority

    award = AwardType(code="BK_TINH", name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", category="form")
    authority = IssuingAuthority(name="Ủy ban nhân dân tỉnh Lào Cai", place="Lào Cai",
                                 decider_title="CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    decision = Decision(authority=authority, number=123, year=2026, decision_date=datetime.date(2026, 12, 15),
                        title=drafting.decision_title(award), award_type=award, achievement_year=2026,
                        legal_bases=drafting.DEFAULT_LEGAL_BASES, proposal=drafting.DEFAULT_PROPOSAL,
                        achievement_text="đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm 2026",
                        execution_text=drafting.DEFAULT_EXECUTION, recipients=drafting.DEFAULT_RECIPIENTS,
                        signer_name="Nguyễn Văn Bình", state="signed")
    lines = [DecisionLine(group="collective" if i < count // 10 else "individual", award_type=award,
                          display_name=f"Ông Nguyễn Văn Thành {i + 1}", amount=3_800_000,
                          position_and_unit="Chuyên viên Phòng Nghiệp vụ Y, Sở Y tế") for i in range(count)]
    return decision, lines


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    decision, lines = sample(count)
    from tdkt.decisions.documents import decision_docx

    samples, size = [], 0
    for _ in range(3):
        started = time.perf_counter()
        size = len(decision_docx(decision, lines))
        samples.append((time.perf_counter() - started) * 1000)
    emit("decision_docx", "none", samples, TARGET_MS, dataset=f"{count}-line annex, {size // 1024} KB .docx")
    best = sorted(samples)[1]
    print(f"decision_docx: median {best:.0f} ms for a {count}-line annex (target ≤ {TARGET_MS} ms)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
