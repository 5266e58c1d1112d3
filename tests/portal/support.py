"""Builders for the portal tests: a published decision with its signed file and recorded signature, a notice,
movements launched or not yet."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tdkt.decisions.signing.models import DocumentSignature
from tdkt.dossiers.postings.enums import NoticeState
from tdkt.dossiers.postings.models import PublicNotice
from tests.certificates.support import issued_decision
from tests.movements.support import make_movement

SIGNED_BYTES = b"%PDF-1.7\n% signed copy of the portal tests\n%%EOF\n"


def with_signed_file(world, *, state=DecisionState.PUBLISHED, signature=True, **kwargs) -> Decision:
    """An issued decision with a stored signed copy (bytes only: the portal serves what was recorded) and its
    recorded signature check. The file goes in before the state: the database refuses changes to a signed one."""
    decision = issued_decision(world, state=DecisionState.DRAFT, **kwargs)
    name = default_storage.save(f"decisions/signed/aa/{decision.pk}.pdf", ContentFile(SIGNED_BYTES))
    Decision.objects.filter(pk=decision.pk).update(signed_pdf=name, signed_pdf_size=len(SIGNED_BYTES))
    Decision.objects.filter(pk=decision.pk).update(
        state=state, published_at=timezone.now() if state == DecisionState.PUBLISHED else None)
    if signature:
        DocumentSignature.objects.create(
            decision=decision, position=1, signer="NGUYỄN VĂN BÌNH", issuer="Ban Cơ yếu Chính phủ", serial="0A1B",
            signed_at=timezone.make_aware(datetime.datetime(2026, 12, 15, 9, 30)), timestamped=True,
            mechanism="adbe.pkcs7.detached", file_sha256="a" * 64)
    decision.refresh_from_db()
    return decision


def published_with_file(world, **kwargs) -> Decision:
    return with_signed_file(world, **kwargs)


def notice(title="Thông báo công khai danh sách đề nghị khen thưởng năm 2026", *, state=NoticeState.PUBLISHED,
           days_left=7):
    today = timezone.localdate()
    if state == NoticeState.DRAFT:
        return PublicNotice.objects.create(title=title, state=state)
    return PublicNotice.objects.create(title=title, state=state, published_on=today - datetime.timedelta(days=3),
                                       ends_on=today + datetime.timedelta(days=days_left))


def launched_movement(name="Phong trào “Cả nước thi đua xây dựng xã hội học tập”", **extra):
    today = timezone.localdate()
    extra.setdefault("start_date", today - datetime.timedelta(days=30))
    extra.setdefault("end_date", today + datetime.timedelta(days=300))
    return make_movement(name, **extra)


def future_movement(name="Phong trào thi đua “Đổi mới sáng tạo” năm sau"):
    today = timezone.localdate()
    return make_movement(name, start_date=today + datetime.timedelta(days=30),
                         end_date=today + datetime.timedelta(days=400))
