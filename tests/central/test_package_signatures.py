"""The PDFs of an incoming document package through the signing app's validator (the default
EDXML_SIGNATURE_CHECK): a signature that holds is accepted; a forged one, one from a CA nobody trusts, and one
that covers an earlier revision only are refused with the reason, and nothing is recorded."""

import io

import pytest
from django.core.exceptions import ValidationError
from pyhanko.pdf_utils.generic import NameObject, NumberObject
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from tdkt.central import packages
from tdkt.central.models import CentralDecision, IncomingPackage
from tdkt.decisions.signing import checks, pades
from tdkt.decisions.signing.credentials import pem
from tests.central.package_support import central_package
from tests.central.support import sent_proposal
from tests.central.test_register_documents import word_decision
from tests.decisions.signing_support import make_pki
from tests.decisions.support import pdf_bytes

REFUSED = r"^\['Gói văn bản qd\.zip: chữ ký số của qd-812\.pdf không hợp lệ \(qd-812\.pdf: "


@pytest.fixture(scope="module")
def sender_pki():
    return make_pki("CA Chính phủ thử nghiệm", "Văn phòng Chính phủ")


@pytest.fixture
def trusted(settings, tmp_path, sender_pki):
    """The sender's CA is the one trust root; no server key (no demo files either)."""
    root = tmp_path / "ca.pem"
    root.write_bytes(pem(sender_pki.ca))
    settings.SIGNING = {**settings.SIGNING, "PKCS12": "", "TRUST_ROOTS": [str(root)], "DEMO_DIR": tmp_path / "none"}
    return sender_pki


def _signed(pki) -> bytes:
    return pades.sign_pdf(pdf_bytes(), pki.signer())


def _import(world, pdf: bytes):
    sent_proposal(world)
    data = central_package(files=[("qd-812.docx", word_decision(), ""), ("qd-812.pdf", pdf, "")])
    return packages.import_package(data, name="qd.zip", by=world.users["specialist"])


def _nothing_recorded():
    assert (CentralDecision.objects.count(), IncomingPackage.objects.count()) == (0, 0)


def test_the_default_hook_is_the_signing_apps_validator(settings):
    assert settings.EDXML_SIGNATURE_CHECK == "tdkt.decisions.signing.checks.check_package_pdf"


def test_a_package_whose_pdf_signature_holds_is_imported(world, trusted):
    package = _import(world, _signed(trusted))
    assert package.central_decision.number == "812/QĐ-TTg"


def test_an_unsigned_pdf_in_a_package_is_an_attachment_like_another(world, trusted):
    assert checks.check_package_pdf("qd-812.pdf", pdf_bytes()) is None
    assert _import(world, pdf_bytes()).central_decision is not None


def test_a_forged_signature_is_refused(world, trusted):
    data = bytearray(_signed(trusted))
    data[200] = ord("X") if data[200] != ord("X") else ord("Y")  # inside the signed bytes
    with pytest.raises(ValidationError, match=REFUSED + r"chữ ký số thứ 1 \(Văn phòng Chính phủ\) không còn nguyên "
                       r"vẹn: nội dung được ký đã bị sửa sau khi ký\.\); gói bị từ chối\.'\]$"):
        _import(world, bytes(data))
    _nothing_recorded()


def test_a_signer_nobody_trusts_is_refused(world, trusted):
    stranger = make_pki("CA lạ", "Người ký lạ")
    with pytest.raises(ValidationError, match=REFUSED + r"chứng thư số của chữ ký thứ 1 \(Người ký lạ\) không thuộc "
                       r"chuỗi tin cậy"):
        _import(world, _signed(stranger))
    _nothing_recorded()


def test_a_signature_covering_an_earlier_revision_only_is_refused(world, trusted):
    signed = _signed(trusted)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))  # an incremental update after the signature
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[NameObject("/Rotate")] = NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    assert out.getvalue().startswith(signed)
    with pytest.raises(ValidationError, match=REFUSED + r"tệp đã bị thay đổi sau chữ ký thứ 1 \(Văn phòng Chính "
                       r"phủ\): chữ ký đó chỉ bao phủ một phiên bản trước của tệp\.\); gói bị từ chối\.'\]$"):
        _import(world, out.getvalue())
    _nothing_recorded()


def test_without_a_trust_root_a_signed_pdf_is_refused(world, trusted, settings, tmp_path):
    settings.SIGNING = {**settings.SIGNING, "TRUST_ROOTS": []}
    assert checks.check_package_pdf("qd-812.pdf", _signed(trusted)) == (
        "qd-812.pdf: hệ thống chưa cấu hình chứng thư gốc tin cậy cho chữ ký số; hãy đề nghị quản trị hệ thống "
        "cấu hình.")
