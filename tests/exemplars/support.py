"""Builders of the exemplars tests: photos, a leader of unit A, exemplars moved through the services."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tdkt.accounts.enums import Role
from tdkt.exemplars import services
from tests.factories import make_user

STORY = "Anh An đã hiến 200 m² đất làm đường liên thôn.\n\nNăm 2024, anh vận động 30 hộ cùng làm."


def jpeg_bytes(size=(40, 30), *, exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    image.save(out, "JPEG", exif=exif) if exif is not None else image.save(out, "JPEG")
    return out.getvalue()


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0110] = "Camera X-100"  # Model
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, 3.0)}  # GPSInfo
    return exif.tobytes()


def photo(name="anh.jpg", data=None):
    return SimpleUploadedFile(name, data if data is not None else jpeg_bytes(exif=gps_exif()), content_type="image/jpeg")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png() -> bytes:
    """A few bytes declaring a 50,000 × 50,000 picture."""
    header = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + _chunk(b"IEND", b""))


def leader_of(world, unit=None, username="lanhdao.a"):
    return make_user(username, role=Role.UNIT_LEADER, unit=unit or world.unit_a)


def draft(world, *, by="clerk_a", unit=None, person=None, with_photo=True, story=STORY, **extra):
    extra.setdefault("headline", "Người tốt hiến đất làm đường")
    extra.setdefault("year", 2025)
    return services.create_exemplar(by=world.users[by], unit=unit or world.unit_a, kind="person",
                                    person=person or world.person_a, photo=photo() if with_photo else None,
                                    story=story, **extra)


def proposed(world, leader, **extra):
    exemplar = services.submit_exemplar(draft(world, **extra), by=world.users["clerk_a"])
    return services.confirm_exemplar(exemplar, by=leader)


def published(world, leader, **extra):
    return services.publish_exemplar(proposed(world, leader, **extra), by=world.users["specialist"])
