"""Covenants: host unit defaults to the year's head, targets only for members, signed document sniffed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.movements.covenants import covenant_of, save_covenant
from tests.movements.support import pdf_upload


def test_covenant_defaults_to_head_as_host(world):
    covenant = save_covenant(world.group_year, by=world.users["clerk_a"], signed_on=datetime.date(2026, 3, 5),
                             content="Giao ước thi đua năm 2026",
                             targets={world.unit_a: "Giải ngân 100%", world.unit_b: "Tỷ lệ học sinh đạt 99%"},
                             uploaded=pdf_upload("giao-uoc.pdf"))
    covenant = covenant_of(world.group_year)
    assert covenant.host_unit == world.unit_a
    assert sorted((t.unit.code, t.targets) for t in covenant.targets.all()) == [
        ("SGDDT", "Tỷ lệ học sinh đạt 99%"), ("SYT", "Giải ngân 100%")]
    assert covenant.document_name == "giao-uoc.pdf"
    assert covenant.document.read().startswith(b"%PDF")
    save_covenant(world.group_year, by=world.users["specialist"], content="Sửa", targets={world.unit_b: ""})
    covenant = covenant_of(world.group_year)
    assert [t.unit.code for t in covenant.targets.all()] == ["SYT"]
    assert covenant.document_name == "giao-uoc.pdf"  # kept when no new file


def test_covenant_refuses_targets_of_non_members_and_bad_files(world):
    with pytest.raises(ValidationError, match=r"^\{'targets': \['“Bệnh viện Đa khoa tỉnh” không phải là thành viên của Khối Văn hóa - Xã hội \(2026\)\.'\], 'document': \['Văn bản đã ký: không chấp nhận loại tệp này\. Chỉ chấp nhận: tệp Word \(DOCX\), tệp PDF\.'\]\}$") as caught:
        save_covenant(world.group_year, by=world.users["specialist"], targets={world.unit_a_child: "x"},
                      uploaded=SimpleUploadedFile("gu.pdf", b"not a pdf at all"))
    assert set(caught.value.message_dict) == {"targets", "document"}
    assert covenant_of(world.group_year) is None
