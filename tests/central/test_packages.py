"""Document packages (provisional edXML mapping): each outgoing text exports with its metadata and files, and
re-imports to the same metadata and byte-identical files; a central decision's package lands in the register."""

import datetime
import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from tdkt.central import packages
from tdkt.central.models import CentralDecision, IncomingPackage
from tdkt.decisions.queries import all_lines
from tdkt.dossiers.enums import DocumentType
from tdkt.dossiers.models import DossierDocument
from tdkt.lib import edxml
from tdkt.lib.edxml import Agency, Attachment
from tests.central.package_support import SIGNED_PDF, central_package, numbered_proposal, signed_decision
from tests.central.support import sent_proposal
from tests.central.test_register_documents import word_decision
from tests.decisions.support import SIGNED_ON
from tests.postings.support import published_notice


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stored(package: IncomingPackage) -> tuple:
    with package.package.open("rb") as stream:
        return edxml.read_package(stream.read())


def test_a_signed_decision_exports_and_reimports_to_the_same_metadata(world):
    decision = signed_decision(world)
    data, name = packages.decision_package(decision, all_lines(decision))
    envelope, files = edxml.read_package(data, label=name)
    docx_name, pdf_name = f"quyet-dinh-{decision.number:02d}-QĐ-UBND.docx", f"quyet-dinh-{decision.number:02d}-QĐ-UBND.pdf"
    assert name == f"goi-van-ban-quyet-dinh-{decision.number:02d}-QĐ-UBND.zip"
    assert (envelope.kind, envelope.sender, envelope.receivers) == (
        "decision", Agency("UBND-TINH", "Ủy ban nhân dân tỉnh Lào Cai"), (Agency("SYT", "Sở Y tế"),))
    assert (envelope.number, envelope.symbol, envelope.date, envelope.doc_type, envelope.title) == (
        f"{decision.number:02d}", "QĐ-UBND", SIGNED_ON, "Quyết định",
        "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    assert (envelope.issuer, envelope.signer_name, envelope.signer_position) == (
        "Ủy ban nhân dân tỉnh Lào Cai", decision.signatory_name, " ".join(decision.signature_lines()))
    assert envelope.recipients == tuple(f"- {text.strip().lstrip('- ').rstrip(' ;.')}{'.' if i == len(decision.recipients) - 1 else ';'}"
                                        for i, text in enumerate(decision.recipients))
    assert envelope.reference == all_lines(decision)[0].nomination.dossier.reference
    assert [(a.name, a.size, a.sha256) for a in envelope.attachments] == [
        (docx_name, len(files[docx_name]), _sha(files[docx_name])), (pdf_name, len(SIGNED_PDF), _sha(SIGNED_PDF))]
    assert files[pdf_name] == SIGNED_PDF

    package = packages.import_package(data, name=name, by=world.users["specialist"])
    assert (package.decision, package.dossier, package.central_decision) == (decision, None, None)
    assert package.envelope == packages.envelope_dict(envelope)
    assert (package.number_text, package.doc_date, package.sender_code) == (decision.number_text, SIGNED_ON, "UBND-TINH")
    assert _stored(package) == (envelope, files)


def test_a_package_is_imported_once(world):
    decision = signed_decision(world)
    data, name = packages.decision_package(decision, all_lines(decision))
    packages.import_package(data, name=name, by=world.users["specialist"])
    envelope = edxml.read_package(data)[0]
    with pytest.raises(ValidationError, match=rf"^\['Gói văn bản {name} \(thông điệp {envelope.message_id}\) đã được "
                                              r"nhập trước đó\.'\]$"):
        packages.import_package(data, name=name, by=world.users["specialist"])
    assert IncomingPackage.objects.count() == 1


def test_a_draft_decision_is_not_exported(world):
    decision = signed_decision(world)
    decision.state = "draft"
    with pytest.raises(ValidationError, match=r"^\['Chỉ quyết định đã ký mới được gửi thành gói văn bản\.'\]$"):
        packages.decision_package(decision, [])


def test_the_tờ_trình_exports_and_reimports_to_its_proposal_byte_identical(world):
    proposal = numbered_proposal(world)
    data, name = packages.proposal_package(proposal)
    envelope, files = edxml.read_package(data, label=name)
    dossier = proposal.lines.first().nomination.dossier
    assert name == "goi-van-ban-to-trinh-125-TTr-UBND.zip"
    assert (envelope.kind, envelope.sender.code, envelope.receivers, envelope.number, envelope.symbol) == (
        "submission", "UBND-TINH", (Agency("TTG", "Thủ tướng Chính phủ"),), "125", "TTr-UBND")
    assert (envelope.date, envelope.doc_type, envelope.title, envelope.reference) == (
        datetime.date(2026, 2, 27), "Tờ trình", "Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ",
        dossier.reference)
    assert envelope.recipients == ("- Như trên;", "- Bộ Nội vụ;", "- Lưu: VT, SNV.")
    with proposal.word_file.open("rb") as word, proposal.pdf_file.open("rb") as pdf:
        assert sorted(files.values()) == sorted([word.read(), pdf.read()])

    package = packages.import_package(data, name=name, by=world.users["specialist"])
    assert (package.proposal, package.dossier, package.decision, package.central_decision) == (
        proposal, None, None, None)
    assert package.envelope == packages.envelope_dict(envelope)
    assert _stored(package) == (envelope, files)


def test_a_unit_tờ_trình_naming_its_dossier_adds_its_files_byte_identical(world):
    dossier = published_notice(world).nominations.first().dossier
    word = word_decision()
    data = central_package(sender="SYT", kind="submission", reference=dossier.reference,
                           files=[("to-trinh-syt.docx", word, ""), ("ban-ky.pdf", SIGNED_PDF, "")])
    package = packages.import_package(data, name="syt.zip", by=world.users["specialist"])
    assert package.dossier == dossier
    added = DossierDocument.objects.filter(dossier=dossier, original_name__in=["to-trinh-syt.docx", "ban-ky.pdf"])
    assert sorted((d.original_name, d.document_type, d.sha256) for d in added) == [
        ("ban-ky.pdf", DocumentType.COVER_LETTER, _sha(SIGNED_PDF)),
        ("to-trinh-syt.docx", DocumentType.COVER_LETTER, _sha(word))]
    for document in added:
        with document.file.open("rb") as stream:
            assert stream.read() == {"ban-ky.pdf": SIGNED_PDF, "to-trinh-syt.docx": word}[document.original_name]


def test_a_proposal_without_its_files_is_not_exported(world):
    proposal = sent_proposal(world)
    type(proposal).objects.filter(pk=proposal.pk).update(word_file="")
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match=r"^\['Hãy đóng gói hồ sơ đề nghị \(tệp Word và PDF\) trước\.'\]$"):
        packages.proposal_package(proposal)


def test_the_notice_exports_and_reimports_into_its_dossier(world):
    notice = published_notice(world)
    data, name = packages.notice_package(notice)
    envelope, files = edxml.read_package(data, label=name)
    dossier = notice.nominations.first().dossier
    assert name == f"goi-van-ban-thong-bao-{notice.pk}.zip"
    assert (envelope.kind, envelope.doc_type, envelope.title, envelope.date, envelope.reference) == (
        "notice", "Thông báo", notice.title, notice.published_on, dossier.reference)
    assert envelope.receivers == (Agency("SYT", "Sở Y tế"),)
    assert list(files) == [f"thong-bao-{notice.pk}.docx"]
    package = packages.import_package(data, name=name, by=world.users["specialist"])
    assert package.dossier == dossier
    document = DossierDocument.objects.get(dossier=dossier, original_name=f"thong-bao-{notice.pk}.docx")
    assert (document.document_type, document.sha256) == (DocumentType.OTHER, envelope.attachments[0].sha256)


def test_a_central_decision_package_lands_in_the_register_with_its_list(world):
    sent_proposal(world)
    data = central_package()
    package = packages.import_package(data, name="ttg-812.zip", by=world.users["specialist"])
    decision = CentralDecision.objects.get()
    assert package.central_decision == decision
    assert (decision.number, decision.signed_on, decision.issuer.kind) == ("812/QĐ-TTg", datetime.date(2026, 5, 20),
                                                                           "prime_minister")
    assert list(decision.lines.values_list("written_name", "problem")) == [("Nguyễn Văn An", "")]
    assert _stored(package) == edxml.read_package(data)


def test_a_central_package_whose_document_is_another_decision_leaves_nothing(world):
    with pytest.raises(ValidationError, match=r"^\['qd-812\.docx là Quyết định số 812/QĐ-TTg, không phải Quyết "
                                              r"định số 999/QĐ-TTg đang ghi nhận: hãy chọn đúng tệp của quyết định "
                                              r"này\.'\]$"):
        packages.import_package(central_package(number="999"), name="ttg-999.zip", by=world.users["specialist"])
    assert (CentralDecision.objects.count(), IncomingPackage.objects.count()) == (0, 0)


def test_an_unknown_agency_is_refused(world):
    with pytest.raises(ValidationError, match=r"^\['Gói văn bản la\.zip gửi từ mã cơ quan “000\.00\.00\.X99”, mã này "
                                              r"hệ thống không biết; gói bị từ chối\.'\]$"):
        packages.import_package(central_package(sender="000.00.00.X99"), name="la.zip", by=world.users["specialist"])
    assert IncomingPackage.objects.count() == 0


def test_a_unit_of_the_system_is_a_known_sender_but_needs_a_target(world):
    with pytest.raises(ValidationError, match=r"^\['Gói văn bản syt\.zip không ghi hồ sơ nào và không phải quyết định "
                                              r"của Thủ tướng Chính phủ hay Chủ tịch nước: không có nơi để lưu\.'\]$"):
        packages.import_package(central_package(sender="SYT", kind="submission"), name="syt.zip",
                                by=world.users["specialist"])


def test_a_dossier_not_in_the_system_is_refused(world):
    with pytest.raises(ValidationError, match=r"^\['Gói văn bản syt\.zip ghi hồ sơ HS-2026-999999, hồ sơ này không có "
                                              r"trong hệ thống\.'\]$"):
        packages.import_package(central_package(sender="SYT", kind="submission", reference="HS-2026-999999"),
                                name="syt.zip", by=world.users["specialist"])


def test_a_file_a_dossier_does_not_take_refuses_the_whole_package(world):
    dossier = published_notice(world).nominations.first().dossier
    word = word_decision()
    data = central_package(sender="SYT", kind="submission", reference=dossier.reference,
                           files=[("to-trinh.docx", word, ""), ("virus.exe", b"MZ\x90", "")])
    with pytest.raises(ValidationError, match=r"^\['Tệp “virus\.exe”: không chấp nhận loại tệp này\. Chỉ chấp nhận: "
                                              r"tệp Word \(DOCX\), ảnh \(JPEG, PNG\), tệp PDF, tệp Excel \(XLSX\)\.'\]$"):
        packages.import_package(data, name="syt.zip", by=world.users["specialist"])
    assert not DossierDocument.objects.filter(dossier=dossier, sha256=_sha(word)).exists()
    assert IncomingPackage.objects.count() == 0


def test_a_checksum_mismatch_is_refused_with_the_file_named(world):
    envelope = edxml.read_package(central_package(files=[("qd.pdf", SIGNED_PDF, "")]))[0]
    assert envelope.attachments == (Attachment("qd.pdf", len(SIGNED_PDF), _sha(SIGNED_PDF), ""),)
    altered = SIGNED_PDF[:-10] + b"0123456789"  # same size, other bytes: a file changed after packing
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("envelope.xml", edxml.envelope_xml(envelope))
        archive.writestr("files/qd.pdf", altered)
    with pytest.raises(ValidationError, match=r"^\['Gói văn bản qd\.zip: mã SHA-256 của tệp qd\.pdf không khớp với "
                                              r"phong bì: tệp đã bị sửa sau khi đóng gói\.'\]$"):
        packages.import_package(buffer.getvalue(), name="qd.zip", by=world.users["specialist"])
    assert IncomingPackage.objects.count() == 0


def refuse_every_signature(name, data):
    return "chữ ký không khớp với nội dung"


def test_a_forged_signature_is_refused_through_the_signing_hook(world, settings):
    settings.EDXML_SIGNATURE_CHECK = "tests.central.test_packages.refuse_every_signature"
    with pytest.raises(ValidationError, match=r"^\['Gói văn bản qd\.zip: chữ ký số của qd\.pdf không hợp lệ \(chữ ký "
                                              r"không khớp với nội dung\); gói bị từ chối\.'\]$"):
        packages.import_package(central_package(files=[("qd.pdf", SIGNED_PDF, "")]), name="qd.zip",
                                by=world.users["specialist"])
    assert (CentralDecision.objects.count(), IncomingPackage.objects.count()) == (0, 0)
