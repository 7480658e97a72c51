"""Small photos made in the tests: a camera JPEG with GPS, camera tags, XMP and an EXIF
orientation; a PNG that only declares 12000×12000; files that are not photos."""

import io
import struct
import zlib

from PIL import ExifTags, Image

CAMERA_MAKE = "TestCamMake"
CAMERA_MODEL = "TestCamModel"
XMP_SECRET = "SecretXmpPlace"
# What must never be found in a stored file: camera words, the XMP packet, EXIF markers.
LEAKS = [CAMERA_MAKE.encode(), CAMERA_MODEL.encode(), XMP_SECRET.encode(), b"Exif\x00\x00"]


def upright_picture(width=400, height=800) -> Image.Image:
    """Red on top, blue below: which way is up is visible in any copy."""
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, width, height // 2))
    return image


def camera_jpeg(width=400, height=800, *, orientation=6) -> bytes:
    """A JPEG as a phone writes it: pixels stored sideways with orientation 6 ("turn 90°
    clockwise to show"), the camera's make and model, a GPS position and an XMP packet."""
    stored = upright_picture(width, height)
    if orientation == 6:
        stored = stored.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = CAMERA_MAKE
    exif[ExifTags.Base.Model] = CAMERA_MODEL
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)}
    )
    xmp = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{XMP_SECRET}</x:xmpmeta>'.encode()
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=90, exif=exif, xmp=xmp)
    return buffer.getvalue()


def plain_image(fmt="JPEG", size=(640, 480), colour=(30, 120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, fmt)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header says width×height: decoding it would allocate
    hundreds of megabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


HTML_PAGE = b"<!doctype html><html><head><title>x</title></head><body>hi</body></html>"
SVG_IMAGE = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
)
