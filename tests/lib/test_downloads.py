"""Export files are streamed from disk as attachments and removed: after sending, and at once on failure.
(Closing a response signals the end of a request, which closes old database connections: hence `db`.)"""

import pytest
from django.http import Http404

from tdkt.lib.downloads import content_disposition, export_path, exports_dir, send_export, send_file, send_stored


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


def _stored_file(tmp_path, name="tai-lieu/Biên bản họp.pdf", data=b"%PDF-1.7 stored"):
    """A FileField-like value on a FileSystemStorage rooted at tmp_path (what the upload views keep)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile, FileField

    storage = FileSystemStorage(location=str(tmp_path))
    stored = storage.save(name, ContentFile(data))
    field = FileField(storage=storage)
    field.name = "file"
    return FieldFile(None, field, stored)


def test_behind_nginx_a_stored_file_is_an_accel_redirect_without_a_body(db, settings, tmp_path):
    settings.MEDIA_ACCEL_PREFIX, settings.MEDIA_ROOT = "/_protected_media/", str(tmp_path)
    response = send_stored(_stored_file(tmp_path), "Biên bản.pdf", content_type="application/pdf")
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected_media/tai-lieu/Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"bien ban.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf")
    assert response.content == b""
    assert not response.streaming


def test_behind_nginx_a_file_gone_from_storage_is_still_a_404(db, settings, tmp_path):
    settings.MEDIA_ACCEL_PREFIX, settings.MEDIA_ROOT = "/_protected_media", str(tmp_path)
    field = _stored_file(tmp_path)
    field.storage.delete(field.name)
    with pytest.raises(Http404, match=r"^$"):
        send_stored(field)


def test_without_the_prefix_django_streams_the_stored_file(db, settings, tmp_path):
    settings.MEDIA_ACCEL_PREFIX = ""
    response = send_stored(_stored_file(tmp_path), "bb.pdf")
    assert "X-Accel-Redirect" not in response
    assert response["Content-Disposition"] == 'attachment; filename="bb.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stored"
    response.close()


def test_a_storage_outside_media_root_is_streamed_even_behind_nginx(db, settings, tmp_path):
    """The internal location aliases MEDIA_ROOT only: a file elsewhere would be a 404 from nginx."""
    settings.MEDIA_ACCEL_PREFIX, settings.MEDIA_ROOT = "/_protected_media/", str(tmp_path / "media")
    response = send_stored(_stored_file(tmp_path / "elsewhere"), "bb.pdf")
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stored"
    response.close()
