"""PAdES signatures of decisions: signed in the system with the demo's key, or through the hash-out / CMS-in path
with a fake remote signer; and the refusals of an uploaded signed copy — the unsigned draft, a file altered after
signing, a signature over an earlier revision only, a signer from an untrusted CA, a PDF that is not the draft."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from pyhanko.pdf_utils.generic import NameObject, NumberObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from tdkt.audit.models import AuditEvent
from tdkt.decisions import services
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.models import Decision
from tdkt.decisions.signing import checks, pades, verify
from tdkt.decisions.signing import services as signing
from tdkt.decisions.signing.credentials import pem
from tdkt.decisions.signing.models import DocumentSignature, PendingSignature
from tdkt.lib.uploads import UploadError
from tests.conftest import client_for
from tests.decisions.signing_support import demo_ca, pyhanko_status
from tests.decisions.support import SIGNED_ON, pdf_bytes

FIELD = r"Bản quyết định đã ký \(PDF\): "


def _unchanged(decision):
    decision.refresh_from_db()
    assert (decision.state, decision.number, decision.signed_pdf_sha256) == (
        DecisionState.APPROVED_FOR_SIGNING, None, "")
    assert not DocumentSignature.objects.filter(decision=decision).exists()


def _upload(world, decision, data):
    return services.sign_decision(decision, by=world.users["specialist"], signed_pdf=data, signed_on=SIGNED_ON)


def _signed_draft(world, decision, signer):
    """The draft handed out for signing, signed by `signer` as the officer's plug-in would."""
    return pades.sign_pdf(signing.draft_pdf(decision, by=world.users["specialist"]), signer)


def test_signing_with_the_demo_certificate_passes_pyhankos_validator(world, to_sign, demo_key):
    decision = signing.sign_on_server(to_sign, by=world.users["specialist"], signed_on=SIGNED_ON)
    assert (decision.state, decision.number_text) == (DecisionState.SIGNED, "01/QĐ-UBND")
    data = decision.signed_pdf.open("rb").read()
    status = pyhanko_status(data, demo_ca(demo_key))
    assert (status.intact, status.valid, status.trusted, status.coverage.name, status.md_algorithm,
            status.pkcs7_signature_mechanism) == (True, True, True, "ENTIRE_FILE", "sha256", "rsassa_pss")
    row = DocumentSignature.objects.get(decision=decision)
    assert (row.position, row.signer, row.issuer, row.timestamped, row.mechanism) == (
        1, "Văn thư UBND tỉnh (DEMO — không dùng thật)", "TĐKT DEMO CA — không dùng thật", False, "rsassa_pss")
    assert row.file_sha256 == decision.signed_pdf_sha256 and row.signed_at is not None
    event = AuditEvent.objects.filter(object_id=str(decision.pk), changes__has_key="digital_signatures").get()
    assert [s["signer"] for s in event.changes["digital_signatures"]] == [row.signer]


def test_the_unsigned_draft_as_signed_copy_is_refused_with_the_reason(world, to_sign, demo_key):
    draft = signing.draft_pdf(to_sign, by=world.users["specialist"])
    with pytest.raises(UploadError, match=FIELD + r"đây là bản dự thảo chưa ký do hệ thống tạo, không phải bản đã "
                       r"ký\. Hãy ký số tệp này, hoặc tải lên bản quét văn bản giấy đã ký\.$"):
        _upload(world, to_sign, draft)
    _unchanged(to_sign)


def test_a_file_altered_after_signing_is_refused(world, to_sign, demo_key):
    signer = pades.signer_from_pkcs12(demo_key / "demo-signer.p12", b"demo-chi-dung-thu", prefer_pss=True)
    data = bytearray(_signed_draft(world, to_sign, signer))
    data[200] = ord("X") if data[200] != ord("X") else ord("Y")  # inside the first signed byte range
    with pytest.raises(UploadError, match=FIELD + r"chữ ký số thứ 1 \(Văn thư UBND tỉnh \(DEMO — không dùng thật\)\) "
                       r"không còn nguyên vẹn: nội dung được ký đã bị sửa sau khi ký\.$"):
        _upload(world, to_sign, bytes(data))
    _unchanged(to_sign)


def test_a_signature_over_an_earlier_revision_only_is_refused(world, to_sign, demo_key):
    signer = checks.server_signer()
    signed = _signed_draft(world, to_sign, signer)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))  # an edit appended after the signature: page turned
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[NameObject("/Rotate")] = NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(signed)
    with pytest.raises(UploadError, match=FIELD + r"tệp đã bị thay đổi sau chữ ký thứ 1 \(Văn thư UBND tỉnh \(DEMO — "
                       r"không dùng thật\)\): chữ ký đó chỉ bao phủ một phiên bản trước của tệp\.$"):
        _upload(world, to_sign, out.getvalue())
    _unchanged(to_sign)


def test_a_signer_outside_the_trust_roots_is_refused(world, to_sign, demo_key, stranger):
    with pytest.raises(UploadError, match=FIELD + r"chứng thư số của chữ ký thứ 1 \(Người ký lạ\) không thuộc chuỗi "
                       r"tin cậy đã cấu hình trong hệ thống \(hoặc đã hết hạn, bị thu hồi\)\.$"):
        _upload(world, to_sign, _signed_draft(world, to_sign, stranger.signer()))
    _unchanged(to_sign)


def test_a_signed_pdf_that_is_not_the_draft_is_refused(world, to_sign, demo_key):
    signing.draft_pdf(to_sign, by=world.users["specialist"])  # a draft exists, but another file is signed
    other = pades.sign_pdf(pdf_bytes("Một văn bản khác"), checks.server_signer())
    with pytest.raises(UploadError, match=FIELD + r"văn bản được ký không phải bản dự thảo đã duyệt trong hệ thống\. "
                       r"Hãy ký đúng tệp PDF tải về để trình ký từ trang của quyết định, không sửa đổi\.$"):
        _upload(world, to_sign, other)
    _unchanged(to_sign)


def test_a_draft_made_before_the_last_approval_no_longer_counts(world, to_sign, demo_key):
    signed = _signed_draft(world, to_sign, checks.server_signer())
    services.return_to_draft(to_sign, by=world.users["signer"], reason="Sửa lại danh sách")
    services.approve_for_signing(Decision.objects.get(pk=to_sign.pk), by=world.users["signer"])
    with pytest.raises(UploadError, match=r"không phải bản dự thảo đã duyệt trong hệ thống"):
        _upload(world, to_sign, signed)


def test_no_trust_root_configured_is_said(world, to_sign, stranger):
    with pytest.raises(UploadError, match=FIELD + r"hệ thống chưa cấu hình chứng thư gốc tin cậy cho chữ ký số; hãy "
                       r"đề nghị quản trị hệ thống cấu hình\.$"):
        _upload(world, to_sign, _signed_draft(world, to_sign, stranger.signer()))


def test_a_scan_is_refused_when_the_province_requires_digital_signatures(world, to_sign, settings):
    settings.SIGNING = {**settings.SIGNING, "REQUIRE_DIGITAL": True}
    with pytest.raises(UploadError, match=FIELD + r"tệp không có chữ ký số\.$"):
        _upload(world, to_sign, pdf_bytes("Bản quét"))
    _unchanged(to_sign)


def test_a_scan_is_still_accepted_by_default(world, to_sign):
    decision = _upload(world, to_sign, pdf_bytes("Bản quét"))
    assert decision.state == DecisionState.SIGNED
    assert not DocumentSignature.objects.filter(decision=decision).exists()


def test_interrupted_signing_with_a_remote_signer(world, to_sign, settings, stranger):
    """Hash out, CMS in: the fake remote signer only ever sees the digest. PKCS#1 v1.5 is accepted too."""
    settings.SIGNING = {**settings.SIGNING, "TRUST_ROOTS": [_pem_file(settings, stranger.ca)], "PREFER_PSS": False}
    pending = signing.start_remote(to_sign, by=world.users["specialist"], signing_cert=stranger.cert,
                                   chain=[stranger.ca])
    assert len(pending.document_digest) == 64
    cms = pades.fake_remote_cms(stranger.signer(prefer_pss=False), bytes.fromhex(pending.document_digest))
    decision = signing.finish_remote(pending, cms, by=world.users["specialist"], signed_on=SIGNED_ON)
    assert decision.state == DecisionState.SIGNED
    assert list(DocumentSignature.objects.filter(decision=decision).values_list("signer", "mechanism")) == [
        ("Người ký lạ", "sha256_rsa")]
    assert not PendingSignature.objects.exists()
    status = pyhanko_status(decision.signed_pdf.open("rb").read(), stranger.ca)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)


def test_a_remote_cms_over_another_digest_is_refused(world, to_sign, settings, stranger):
    settings.SIGNING = {**settings.SIGNING, "TRUST_ROOTS": [_pem_file(settings, stranger.ca)]}
    pending = signing.start_remote(to_sign, by=world.users["specialist"], signing_cert=stranger.cert,
                                   chain=[stranger.ca])
    cms = pades.fake_remote_cms(stranger.signer(), bytes(32))
    with pytest.raises(UploadError, match=FIELD + r"chữ ký số thứ 1 \(Người ký lạ\) không còn nguyên vẹn"):
        signing.finish_remote(pending, cms, by=world.users["specialist"], signed_on=SIGNED_ON)
    with pytest.raises(ValidationError, match=r"Không gắn được chữ ký do người ký gửi về vào văn bản"):
        signing.finish_remote(pending, b"", by=world.users["specialist"], signed_on=SIGNED_ON)
    _unchanged(to_sign)


def test_signing_on_the_server_without_a_key_is_refused(world, to_sign):
    with pytest.raises(ValidationError, match=r"^\['Máy chủ chưa được cấu hình chứng thư số để ký\.'\]$"):
        signing.sign_on_server(to_sign, by=world.users["specialist"], signed_on=SIGNED_ON)


def _pem_file(settings, cert):
    path = settings.MEDIA_ROOT + f"/root-{cert.serial_number}.pem"
    with open(path, "wb") as handle:
        handle.write(pem(cert))
    return path


@given(st.binary(max_size=400))
def test_any_bytes_are_refused_or_taken_as_a_scan_never_crash(tail):
    data = b"%PDF-1.7\n" + tail + b"\n%%EOF\n"
    try:
        result = verify.inspect(data, trust_roots=[], drafts=(), require_signature=False, field="Tệp")
    except verify.SignatureRefused as refusal:
        assert str(refusal).startswith("Tệp: ")
    else:
        assert result is None


def test_the_remote_signing_pages_take_a_certificate_then_the_cms(world, to_sign, settings, stranger):
    """The two pages of the hash-out / CMS-in path, as the văn thư uses them (PEM certificate, Base64 CMS)."""
    settings.SIGNING = {**settings.SIGNING, "TRUST_ROOTS": [_pem_file(settings, stranger.ca)]}
    client = client_for(world, "specialist")
    response = client.post(f"/signing/decision/{to_sign.pk}/remote/",
                           {"certificate": SimpleUploadedFile("cert.pem", pem(stranger.cert))})
    pending = PendingSignature.objects.get(decision=to_sign)
    assert response.status_code == 302 and response["Location"] == f"/signing/remote/{pending.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f"Giá trị băm cần ký (SHA-256, dạng hex): {pending.document_digest}" in page
    garbage = client.post(response["Location"], {"signature": SimpleUploadedFile("sig.p7s", b"not a cms"),
                                                 "signed_on": "10/07/2026"})
    assert "Không đọc được tệp chữ ký (cần CMS SignedData dạng DER, PEM hoặc Base64)." in garbage.content.decode()
    cms = pades.fake_remote_cms(stranger.signer(), bytes.fromhex(pending.document_digest))
    done = client.post(response["Location"], {"signature": SimpleUploadedFile("sig.p7s", base64.b64encode(cms)),
                                              "signed_on": "10/07/2026"})
    assert done.status_code == 302 and done["Location"] == f"/decisions/{to_sign.pk}/"
    to_sign.refresh_from_db()
    assert (to_sign.state, to_sign.decision_date.isoformat()) == (DecisionState.SIGNED, "2026-07-10")
    assert DocumentSignature.objects.get(decision=to_sign).signer == "Người ký lạ"


def test_a_bad_certificate_file_is_refused_on_the_remote_page(world, to_sign):
    response = client_for(world, "specialist").post(f"/signing/decision/{to_sign.pk}/remote/", {
        "certificate": SimpleUploadedFile("cert.pem", b"-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----")})
    assert response.status_code == 200
    assert "Không đọc được tệp chứng thư số (cần tệp X.509 dạng PEM hoặc DER)." in response.content.decode()
    assert not PendingSignature.objects.exists()
