"""Photos to publish (tdkt.lib.images): metadata gone, orientation applied, hostile files refused cheaply."""

import io
import struct
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from tdkt.lib.images import MAX_SIDE, publishable_image
from tdkt.lib.uploads import UploadError

LABEL = "Ảnh"


def _jpeg(size=(40, 30), *, exif=None, mode="RGB", colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, colour if mode == "RGB" else 0)
    image.save(out, "JPEG", exif=exif) if exif is not None else image.save(out, "JPEG")
    return out.getvalue()


def _exif_with_gps_and_orientation(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x0110] = "Camera X-100"  # Model
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, 3.0)}  # GPSInfo: a place in Hà Nội
    return exif.tobytes()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares a huge picture (a decompression bomb's first bytes)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + _png_chunk(b"IEND", b""))


def test_gps_and_camera_are_dropped_and_orientation_applied():
    # Orientation 6: the camera was turned; the stored 40 × 30 picture stands as 30 × 40.
    photo = publishable_image(_jpeg(exif=_exif_with_gps_and_orientation(6)), field_label=LABEL)
    assert (photo.content_type, photo.extension, photo.width, photo.height) == ("image/jpeg", "jpg", 30, 40)
    with Image.open(io.BytesIO(photo.data)) as published:
        assert published.size == (30, 40)
        assert dict(published.getexif()) == {}
        assert "exif" not in published.info and "icc_profile" not in published.info
    assert b"Camera X-100" not in photo.data


def test_png_text_chunks_are_dropped_and_transparency_kept():
    out = io.BytesIO()
    info = PngInfo()
    info.add_text("Author", "Nguyễn Văn An, 0912345678")
    Image.new("RGBA", (20, 10), (0, 0, 0, 0)).save(out, "PNG", pnginfo=info)
    photo = publishable_image(out.getvalue(), field_label=LABEL)
    assert (photo.content_type, photo.width, photo.height) == ("image/png", 20, 10)
    assert b"0912345678" not in photo.data
    with Image.open(io.BytesIO(photo.data)) as published:
        assert published.mode == "RGBA" and published.text == {}


def test_a_large_photo_is_reduced_to_the_published_size():
    photo = publishable_image(_jpeg(size=(4000, 2000)), field_label=LABEL)
    assert (photo.width, photo.height) == (MAX_SIDE, MAX_SIDE // 2)


def test_cmyk_jpeg_becomes_rgb():
    photo = publishable_image(_jpeg(mode="CMYK"), field_label=LABEL)
    with Image.open(io.BytesIO(photo.data)) as published:
        assert published.mode == "RGB"


def test_a_decompression_bomb_is_refused_from_its_header():
    with pytest.raises(UploadError, match=r"^Ảnh: ảnh có kích thước 50000 × 50000 điểm ảnh, vượt giới hạn 60 triệu điểm ảnh; hãy giảm kích thước rồi gửi lại\.$"):
        publishable_image(_png_declaring(50_000, 50_000), field_label=LABEL)


@pytest.mark.parametrize(("data", "message"), [
    (b"", r"^Ảnh: tệp rỗng\.$"),
    (b"<script>alert(1)</script>", r"^Ảnh: tệp không phải là ảnh\. Chỉ nhận ảnh JPEG hoặc PNG\.$"),
    (b"%PDF-1.7\n", r"^Ảnh: tệp không phải là ảnh\."),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 20, r"^Ảnh: ảnh bị hỏng, không đọc được\.$"),
    (_jpeg()[:200], r"^Ảnh: ảnh bị hỏng, không đọc được\.$"),
])
def test_what_is_not_a_photo_is_refused_with_the_field_named(data, message):
    with pytest.raises(UploadError, match=message):
        publishable_image(data, field_label=LABEL)


def test_a_file_over_the_limit_is_refused_before_reading_pixels():
    with pytest.raises(UploadError, match=r"^Ảnh: tệp có dung lượng 2,0 MB, vượt quá giới hạn 1 MB\.$"):
        publishable_image(b"\xff\xd8\xff" + b"\x00" * (2 * 1024 * 1024), field_label=LABEL, max_bytes=1024 * 1024)


@given(st.binary(max_size=2048))
def test_any_bytes_give_a_photo_or_a_named_refusal(data):
    try:
        photo = publishable_image(b"\xff\xd8\xff" + data, field_label=LABEL)
    except UploadError as error:
        assert str(error).startswith("Ảnh: ")
    else:
        assert photo.content_type == "image/jpeg"
