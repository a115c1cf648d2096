"""Removing embedded metadata (EXIF, XMP, text chunks) from uploaded photos.

Phone photos carry the GPS position where they were taken: evidence of a meeting must not
publish an official's home. The image data is kept byte for byte (no re-encoding, no quality
loss): only metadata segments are dropped.
"""

from __future__ import annotations

import struct

#: JPEG APPn segments that hold metadata: APP1 (EXIF, XMP), APP13 (IPTC/Photoshop).
#: APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe colour transform) are kept.
_JPEG_METADATA_MARKERS = {0xE1, 0xED}
#: PNG chunks that hold metadata.
_PNG_METADATA_CHUNKS = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class UnreadableImage(ValueError):
    pass


def strip_metadata(data: bytes, content_type: str) -> bytes:
    if content_type == "image/jpeg":
        return _strip_jpeg(data)
    if content_type == "image/png":
        return _strip_png(data)
    return data


def _strip_jpeg(data: bytes) -> bytes:
    out, position = bytearray(data[:2]), 2  # SOI
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise UnreadableImage("JPEG segment expected")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA or marker == 0xD9:  # start of scan / end: the rest is image data
            return bytes(out + data[position:])
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            out += data[position : position + 2]
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise UnreadableImage("JPEG segment length out of range")
        if marker not in _JPEG_METADATA_MARKERS:
            out += data[position:end]
        position = end
    raise UnreadableImage("JPEG without image data")


def _strip_png(data: bytes) -> bytes:
    out, position = bytearray(PNG_SIGNATURE), len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise UnreadableImage("PNG chunk length out of range")
        if kind not in _PNG_METADATA_CHUNKS:
            out += data[position:end]
        position = end
        if kind == b"IEND":
            return bytes(out)
    raise UnreadableImage("PNG without IEND")
