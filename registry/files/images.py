"""Uploaded photos, decoded and written again: only the picture survives.

Phone photos carry where they were taken (EXIF GPS), and more can ride along: a second JPEG
after the first one's end (the "motion photos" phones write, with their own EXIF), a video or an
MP4 location atom appended to the file, JPEG comments, PNG text and private chunks. Removing
known metadata segments misses whatever hides after the image, so the image is decoded with
Pillow and encoded anew: what is written is the pixels, plus only the colour profile, the
transparency and the resolution. A JPEG keeps its own quantization tables and chroma
subsampling, so it loses nothing visible; its EXIF orientation is applied to the pixels (the
orientation tag goes with the rest of the EXIF). A PNG is lossless anyway.

An image whose header claims more than ``UPLOAD_MAX_IMAGE_PIXELS`` pixels is refused before any
pixel is decoded: a few kilobytes of PNG can inflate to gigabytes (a "decompression bomb").
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, JpegImagePlugin, UnidentifiedImageError

#: Pillow's name of each accepted image type.
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
_ORIENTATION = 0x0112


class UnreadableImage(ValueError):
    """Not a complete picture of the type its first bytes announce."""


class TooManyPixels(ValueError):
    def __init__(self, width: int | None = None, height: int | None = None):
        super().__init__(f"{width}×{height}")
        self.width, self.height = width, height


def reencode(data: bytes, content_type: str, max_pixels: int) -> bytes:
    """The picture in ``data`` written anew (JPEG or PNG, as it came), with nothing else."""
    kind = FORMATS.get(content_type)
    if kind is None:
        return data
    try:
        image = Image.open(io.BytesIO(data), formats=[kind])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise TooManyPixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UnreadableImage(str(error)) from error
    with image:
        width, height = image.size
        if width * height > max_pixels:
            raise TooManyPixels(width, height)
        try:
            image.load()
            return _jpeg(image) if kind == "JPEG" else _png(image)
        except (OSError, SyntaxError, ValueError) as error:
            raise UnreadableImage(str(error)) from error


def _upright(image: Image.Image) -> Image.Image:
    """The pixels as the photo is meant to be seen (EXIF orientation applied), with no ``info``:
    Pillow writes some of it by default (a JPEG's comment and XMP, say)."""
    if image.getexif().get(_ORIENTATION, 1) not in (None, 1):
        image = ImageOps.exif_transpose(image)
    image.info = {}
    return image


def _kept_info(image: Image.Image) -> dict:
    kept = {}
    if image.info.get("icc_profile"):
        kept["icc_profile"] = image.info["icc_profile"]
    if image.info.get("dpi"):
        kept["dpi"] = image.info["dpi"]
    return kept


def _jpeg(image: Image.Image) -> bytes:
    # The original's tables and subsampling: re-encoding at its own quality, not a new one.
    quantization = getattr(image, "quantization", None)
    subsampling = JpegImagePlugin.get_sampling(image)
    options = _kept_info(image)
    options.update(comment=b"", xmp=b"", exif=b"")
    if quantization:
        options["qtables"] = quantization
    if subsampling != -1:
        options["subsampling"] = subsampling
    out = io.BytesIO()
    _upright(image).save(out, "JPEG", **options)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    options = _kept_info(image)
    if "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    out = io.BytesIO()
    _upright(image).save(out, "PNG", **options)
    return out.getvalue()
