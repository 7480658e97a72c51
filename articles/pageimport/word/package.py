"""Opening a Word file: every check before python-docx reads a byte of XML.

A .docx is a zip of XML parts and media. What a correspondent sends is refused, with a
Chinese message and nothing written, when it is not a Word document (a PDF, a photo, a
text file, an old binary .doc, an encrypted file, an Excel or WPS file), when the zip is
damaged or truncated, when it carries macros (.docm, `vbaProject.bin`), when it is larger
than MAX_DOCX_BYTES, and when its zip directory promises more than a story's file can
hold (a zip bomb): too many members, too many bytes unpacked, or a member packed far
tighter than Word's XML ever is. The sizes checked are the zip directory's; Python's
zipfile never unpacks a member past its declared size (it stops there and the CRC check
fails), so the caps hold for what python-docx reads afterwards too.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
from django.conf import settings
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError

# A story with a dozen camera photos is 5–15 MB; the admin's uploads stay under the
# request limit (MAX_REQUEST_BYTES, 30 MB).
DEFAULT_MAX_DOCX_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
# Word's own XML packs 10–35 times (styles.xml of a new document: 29×); zeros pack
# about 1000 times. Members smaller than this are not worth the question.
MAX_RATIO = 100
RATIO_MIN_BYTES = 1024 * 1024
PROLOG_BYTES = 4096

DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.ms-office.vbaProject",
)
OTHER_OFFICE_TYPES = {
    "spreadsheetml": "Excel 表格",
    "presentationml": "PowerPoint 演示文稿",
    "wordprocessingml.template": "Word 模板（.dotx）",
}

SAVE_AS = "请在 Word 或 WPS 中“另存为”Word 文档（.docx）后再上传。"


class DocxError(ValueError):
    """A file that cannot be imported as a Word story (message in Chinese)."""


def max_docx_bytes() -> int:
    return getattr(settings, "MAX_DOCX_BYTES", DEFAULT_MAX_DOCX_BYTES)


def open_docx(data: bytes) -> Document:
    """The checked Word document, or DocxError saying why not."""
    _check_bytes(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise DocxError(f"Word 文件已损坏或不完整（压缩包无法打开）。{SAVE_AS}") from None
    with archive:
        _check_members(archive)
        _check_content_types(archive)
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, OSError, EOFError):
        raise DocxError(f"Word 文件已损坏或不完整，无法读取。{SAVE_AS}") from None
    except Exception as exc:  # lxml's XMLSyntaxError and the like: a broken part
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise DocxError(f"Word 文件的内容已损坏，无法读取。{SAVE_AS}") from None
        raise


def _check_bytes(data: bytes) -> None:
    limit = max_docx_bytes()
    if len(data) > limit:
        raise DocxError(
            f"Word 文件过大（{len(data) / 1024 / 1024:.1f} MB），不能超过 "
            f"{limit // (1024 * 1024)} MB：请压缩图片后再上传，或分成几篇稿件。"
        )
    if not data:
        raise DocxError("上传的文件是空的。")
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        return
    if head.startswith(b"%PDF"):
        kind = "PDF 文件"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        # OLE2: Word 97–2003 (.doc), and also a .docx saved with a password.
        kind = "旧版 Word 文件（.doc）或设置了打开密码的文件"
    elif head.startswith((b"\xff\xd8\xff", b"\x89PNG", b"GIF8", b"BM")) or data[8:12] == b"WEBP":
        kind = "图片，照片请插入 Word 文档中"
    elif head.startswith(b"{\\rtf"):
        kind = "RTF 文件"
    elif head.startswith(b"PK"):
        raise DocxError(f"Word 文件已损坏或不完整（压缩包无法打开）。{SAVE_AS}")
    else:
        kind = "文本或其他格式的文件"
    raise DocxError(f"这不是 Word 文档（.docx），看起来是{kind}。{SAVE_AS}")


def _check_members(archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise DocxError(f"Word 文件中的部件过多（{len(members)} 个），不像正常的稿件，未导入。")
    unpacked = 0
    for member in members:
        unpacked += member.file_size
        packed_tight = member.file_size > max(RATIO_MIN_BYTES, MAX_RATIO * member.compress_size)
        if packed_tight or unpacked > MAX_UNPACKED_BYTES:
            raise DocxError(
                "Word 文件解压后过大（可能是恶意构造的压缩包），未导入。"
                "如果是正常稿件，请压缩图片后再上传。"
            )
        if member.filename.lower().rsplit("/", 1)[-1] == "vbaproject.bin":
            raise DocxError(_macro_message())


def _check_content_types(archive: zipfile.ZipFile) -> None:
    names = set(archive.namelist())
    if "mimetype" in names and "content.xml" in names:
        raise DocxError(f"这是 OpenDocument 文档（.odt），不是 Word 文档（.docx）。{SAVE_AS}")
    try:
        types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except KeyError:
        raise DocxError(f"这个压缩包不是 Word 文档（.docx）。{SAVE_AS}") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise DocxError(f"Word 文件已损坏或不完整，无法读取。{SAVE_AS}") from None
    if any(kind in types for kind in MACRO_TYPES):
        raise DocxError(_macro_message())
    if DOCUMENT_TYPE not in types:
        for word, kind in OTHER_OFFICE_TYPES.items():
            if f"officedocument.{word}" in types:
                raise DocxError(f"这是{kind}，不是 Word 文档（.docx）。{SAVE_AS}")
        raise DocxError(f"这个压缩包不是 Word 文档（.docx）。{SAVE_AS}")
    # Word never writes a DTD; one in an XML part is there to expand entities. It can
    # stand only in the prolog, before the root element.
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")):
            try:
                with archive.open(member) as part:
                    prolog = part.read(PROLOG_BYTES)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
                raise DocxError(f"Word 文件已损坏或不完整，无法读取。{SAVE_AS}") from None
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise DocxError("Word 文件中含有不允许的 XML 声明（DOCTYPE），未导入。")


def _macro_message() -> str:
    return (
        "Word 文件含有宏（.docm 或 vbaProject.bin），为安全起见不予导入："
        "请另存为不含宏的 Word 文档（.docx）后再上传。"
    )
