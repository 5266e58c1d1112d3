"""Photos that will be published (exemplars, news): checked from their header, then decoded once and re-encoded.

A published photo leaves the intranet, so nothing of the uploaded file is kept but its pixels: EXIF (the GPS
position of a phone's picture, the camera's serial number), XMP, ICC and text chunks are dropped by
re-encoding; the EXIF orientation is applied first so the picture stands the right way up. The size is read
from the header before any pixel is decoded, so a "decompression bomb" (a few KB declaring 50,000 × 50,000
pixels) is refused without costing memory; the re-encoded picture is at most MAX_SIDE pixels wide or tall.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, JpegImagePlugin, PngImagePlugin

from tdkt.lib.uploads import UploadError, check_size, format_megabytes

# A phone picture is 12–50 megapixels; a photo for a web page needs far less. The limit of decoded pixels
# is the memory a request may spend (4 bytes each): 60 MP ≈ 240 MB at worst, refused above.
MAX_PIXELS = 60_000_000
MAX_SIDE = 1600  # the longest side of the published picture
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
JPEG_QUALITY = 85

_OPENERS = {b"\xff\xd8\xff": ("JPEG", JpegImagePlugin.JpegImageFile),
            b"\x89PNG\r\n\x1a\n": ("PNG", PngImagePlugin.PngImageFile)}


@dataclass(frozen=True)
class PublishedImage:
    data: bytes
    content_type: str  # image/jpeg or image/png
    extension: str  # "jpg" or "png"
    width: int
    height: int


def _opener(data: bytes):
    for magic, opener in _OPENERS.items():
        if data.startswith(magic):
            return opener
    return None


def publishable_image(data: bytes, *, field_label: str, max_bytes: int = MAX_UPLOAD_BYTES) -> PublishedImage:
    """The photo re-encoded without metadata, or UploadError with a Vietnamese message naming the field.

    JPEG stays JPEG (quality JPEG_QUALITY); PNG stays PNG (a logo, a scan with text: lossless)."""
    if not data:
        raise UploadError(_("%(field)s: the file is empty.") % {"field": field_label})
    check_size(len(data), max_bytes=max_bytes, field_label=field_label)
    opener = _opener(data)
    if opener is None:
        raise UploadError(_("%(field)s: the file is not a photo. Accepted: JPEG or PNG photos.")
                          % {"field": field_label})
    kind, image_class = opener
    try:
        with warnings.catch_warnings():  # Pillow warns about damaged metadata; the checks below decide
            warnings.simplefilter("ignore")
            header = image_class(io.BytesIO(data))  # parses the header only: no pixel is decoded here
            width, height = header.size
    except Exception as error:  # untrusted input: Pillow raises many kinds on a damaged header
        raise UploadError(_("%(field)s: the photo is damaged and cannot be read.") % {"field": field_label}) from error
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise UploadError(
            _("%(field)s: the photo is %(width)d × %(height)d pixels, more than the limit of %(limit)s million "
              "pixels; reduce its size and send it again.")
            % {"field": field_label, "width": width, "height": height, "limit": MAX_PIXELS // 1_000_000})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as image:
                image.load()
                upright = ImageOps.exif_transpose(image)
                return _reencode(upright, kind)
    except UploadError:
        raise
    except Exception as error:
        raise UploadError(_("%(field)s: the photo is damaged and cannot be read.") % {"field": field_label}) from error


def _reencode(image: Image.Image, kind: str) -> PublishedImage:
    image.thumbnail((MAX_SIDE, MAX_SIDE))  # keeps the proportions; never enlarges
    out = io.BytesIO()
    if kind == "JPEG":
        rgb = image.convert("RGB")  # CMYK and greyscale-with-alpha pictures become plain RGB
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif=, no icc_profile=: nothing kept
        return PublishedImage(out.getvalue(), "image/jpeg", "jpg", rgb.width, rgb.height)
    mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
    clean = image.convert(mode)
    clean.save(out, "PNG", optimize=True)  # a new image: no text chunks, no eXIf, no iCCP
    return PublishedImage(out.getvalue(), "image/png", "png", clean.width, clean.height)


def limit_text() -> str:
    """The upload limit as the form's help text says it."""
    return _("A JPEG or PNG photo of at most %(size)s MB; it is published without its metadata (place, camera).") % {
        "size": format_megabytes(MAX_UPLOAD_BYTES)}
