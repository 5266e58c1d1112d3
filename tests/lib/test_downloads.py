"""Export files are streamed from disk as attachments and removed: after sending, and at once on failure.
(Closing a response signals the end of a request, which closes old database connections: hence `db`.)"""

import pytest

from tdkt.lib.downloads import content_disposition, export_path, exports_dir, send_export, send_file


def test_an_ascii_name_is_quoted_and_a_vietnamese_name_is_rfc_5987_encoded():
    assert content_disposition("ke-hoach-5-nhiem-vu.xlsx") == 'attachment; filename="ke-hoach-5-nhiem-vu.xlsx"'
    assert content_disposition("Danh sách đề nghị.xlsx") == (
        'attachment; filename="danh sach de nghi.xlsx"; '
        "filename*=UTF-8''Danh%20s%C3%A1ch%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.xlsx")


def test_the_file_is_streamed_then_gone(db, settings, tmp_path):
    settings.EXPORTS_DIR = str(tmp_path / "exports")
    response = send_export(lambda path: path.write_bytes(b"PK data"), "Phụ lục.xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Length"] == "7"
    assert response["Content-Disposition"].endswith("filename*=UTF-8''Ph%E1%BB%A5%20l%E1%BB%A5c.xlsx")
    assert b"".join(response.streaming_content) == b"PK data"
    response.close()
    assert list(exports_dir().iterdir()) == []


def test_a_failed_export_leaves_no_file(settings, tmp_path):
    settings.EXPORTS_DIR = str(tmp_path / "exports")

    def broken(path):
        path.write_bytes(b"half")
        raise ValueError("the writer failed")

    with pytest.raises(ValueError, match="^the writer failed$"):
        send_export(broken, "x.xlsx")
    assert list(exports_dir().iterdir()) == []


def test_export_path_hands_the_file_to_send_file(db, settings, tmp_path):
    settings.EXPORTS_DIR = str(tmp_path / "exports")
    with export_path(".docx") as path:
        path.write_bytes(b"doc")
        response = send_file(path, "bien-ban.docx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert b"".join(response.streaming_content) == b"doc"
    response.close()
    assert list(exports_dir().iterdir()) == []
