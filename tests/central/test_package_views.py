"""The package pages as the standing body uses them: the download buttons on the decision, tờ trình and notice
pages, the import page with its refusals shown on the form, and the list's fixed query count."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tdkt.central import packages
from tdkt.central.models import CentralDecision, IncomingPackage
from tdkt.lib import edxml
from tests.central.package_support import central_package, numbered_proposal, signed_decision
from tests.conftest import client_for
from tests.postings.support import published_notice

LABEL = "Tải gói văn bản (edXML, chưa đối chiếu QCVN 102)"


def _zip_of(response) -> tuple:
    return edxml.read_package(response.content)


def test_the_decision_page_offers_the_package_and_it_downloads(world):
    decision = signed_decision(world)
    client = client_for(world, "specialist")
    page = client.get(reverse("decisions:detail", args=[decision.pk]))
    url = reverse("central:decision_package", args=[decision.pk])
    assert f'<a class="button" id="package" href="{url}">{LABEL}</a>' in page.text
    response = client.get(url)
    assert response["Content-Type"] == "application/zip"
    assert _zip_of(response)[0].number_text == decision.number_text


def test_the_proposal_and_notice_pages_offer_their_packages(world):
    proposal = numbered_proposal(world)
    notice = published_notice(world)
    client = client_for(world, "specialist")
    for page_url, url in ((reverse("central:proposal", args=[proposal.pk]),
                           reverse("central:proposal_package", args=[proposal.pk])),
                          (reverse("postings:manage", args=[notice.pk]),
                           reverse("central:notice_package", args=[notice.pk]))):
        assert f'<a class="button" id="package" href="{url}">{LABEL}</a>' in client.get(page_url).text
        assert client.get(url)["Content-Type"] == "application/zip"


def test_a_draft_notice_is_refused_with_the_reason_on_its_page(world):
    notice = published_notice(world)
    type(notice).objects.filter(pk=notice.pk).update(state="draft")
    client = client_for(world, "specialist")
    response = client.get(reverse("central:notice_package", args=[notice.pk]), follow=True)
    assert response.redirect_chain == [(reverse("postings:manage", args=[notice.pk]), 302)]
    assert "Thông báo dự thảo chưa được gửi: hãy công bố trước." in response.text


def test_the_import_page_files_a_central_decision_and_lists_it(world):
    client = client_for(world, "specialist")
    page = client.get(reverse("central:packages"))
    assert "Định dạng: edXML (chưa đối chiếu QCVN 102). Đây là ánh xạ tạm thời" in page.text
    response = client.post(reverse("central:packages"), {
        "package": SimpleUploadedFile("ttg-812.zip", central_package())}, follow=True)
    decision = CentralDecision.objects.get()
    assert "Đã nhập gói văn bản ttg-812.zip." in response.text
    assert f'<a href="{reverse("central:decision", args=[decision.pk])}">812/QĐ-TTg</a>' in response.text


def test_a_path_traversal_package_is_refused_on_the_form(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("envelope.xml", b"<x/>")
        archive.writestr("../../../tmp/evil.sh", b"rm -rf /")
    response = client_for(world, "specialist").post(reverse("central:packages"), {
        "package": SimpleUploadedFile("evil.zip", buffer.getvalue())})
    assert response.status_code == 200
    assert ("Gói văn bản evil.zip: mục “../../../tmp/evil.sh” nằm ngoài cấu trúc của gói (đường dẫn ra khỏi thư "
            "mục?); gói bị từ chối.") in response.text
    assert IncomingPackage.objects.count() == 0


def test_an_unknown_agency_is_refused_on_the_form(world):
    response = client_for(world, "specialist").post(reverse("central:packages"), {
        "package": SimpleUploadedFile("la.zip", central_package(sender="X99"))})
    assert "Gói văn bản la.zip gửi từ mã cơ quan “X99”, mã này hệ thống không biết; gói bị từ chối." in response.text
    assert IncomingPackage.objects.count() == 0


def _more(world, count):
    for index in range(count):
        IncomingPackage.objects.create(
            message_id=f"more-{index}", kind="decision", sender_code="TTG", size=1, sha256="0" * 64,
            package="central/packages/x.zip", original_name="x.zip", imported_by=world.users["specialist"],
            central_decision=CentralDecision.objects.get())


def test_the_list_costs_the_same_queries_for_one_package_or_three(world):
    client = client_for(world, "specialist")
    packages.import_package(central_package(), name="p.zip", by=world.users["specialist"])
    client.get(reverse("central:packages"))  # its first page marks the session active (a write)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("central:packages")).status_code == 200
    _more(world, 2)
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("central:packages"))
    assert page.text.count('data-package="') == 3
    assert len(three) == len(one)
