"""Uploaded documents: what is accepted, and how it is stored.

Every upload field of the portal is a DocumentField. A file is accepted only if its name is
plain, its size is within MAX_UPLOAD_SIZE, its content is what its extension says (PDF, the
Office and OpenDocument formats, PNG, JPEG, plain text), an image carries nothing after its
end, and an archive-based document does not inflate beyond reason. Files are stored under a
random name, so no name typed by a user ever reaches the disk.
"""

import re
import unicodedata
import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_NAME_LENGTH = 150
# An Office file that inflates more than this, or past this size, is treated as a bomb.
MAX_INFLATE_RATIO = 100
MAX_INFLATED_SIZE = 200 * 1024 * 1024

ZIP_FORMATS = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
SIGNATURES = {
    "pdf": b"%PDF-",
    "png": b"\x89PNG\r\n\x1a\n",
    "jpg": b"\xff\xd8\xff",
    "jpeg": b"\xff\xd8\xff",
}
TEXT_FORMATS = {"txt", "csv"}
# What marks a web page or script hidden in a document, an image or a text file.
WEB_CODE = re.compile(rb"<\s*(?:script|html|iframe|svg|object|embed)\b|<!doctype\s+html", re.I)
# Archive members a document never holds: pages, scripts, and names leaving the archive.
FOREIGN_MEMBER = re.compile(r"(?:^/|(?:^|/)\.\.(?:/|$)|\.(?:html?|xhtml|js|exe|dll|bat|sh)$)", re.I)
ALLOWED = sorted({*ZIP_FORMATS, *SIGNATURES, *TEXT_FORMATS})


def _refuse(message, **params):
    raise ValidationError(message, code="invalid_upload", params=params)


def validate_name(name: str) -> str:
    """The extension, once the name is known to be plain."""
    bad_characters = any(
        unicodedata.category(char) in ("Cc", "Cf") or char in '/\\:*?"<>|' for char in name
    )
    if bad_characters or ".." in name or name.startswith(".") or len(name) > MAX_NAME_LENGTH:
        _refuse(_("The file name “%(name)s” is not allowed: rename the file and retry."), name=name)
    extension = PurePosixPath(name).suffix.lower().lstrip(".")
    if extension not in ALLOWED:
        _refuse(
            _("%(extension)s files are not accepted. Accepted: %(allowed)s."),
            extension=extension or "?",
            allowed=", ".join(ALLOWED),
        )
    return extension


def validate_document(upload) -> None:
    extension = validate_name(upload.name)
    if upload.size > settings.MAX_UPLOAD_SIZE:
        _refuse(
            _("The file is larger than %(limit)s."),
            limit=filesizeformat(settings.MAX_UPLOAD_SIZE),
        )
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if extension in SIGNATURES and not content.startswith(SIGNATURES[extension]):
        _refuse(
            _("The content of “%(name)s” is not a %(extension)s file."),
            name=upload.name,
            extension=extension.upper(),
        )
    if extension == "png" and not content.endswith(b"IEND\xaeB`\x82"):
        _refuse(_("“%(name)s” carries data after the end of the image."), name=upload.name)
    if extension in ("jpg", "jpeg") and not content.rstrip(b"\x00").endswith(b"\xff\xd9"):
        _refuse(_("“%(name)s” carries data after the end of the image."), name=upload.name)
    if extension not in ZIP_FORMATS and WEB_CODE.search(_sniffed(content, extension)):
        # A polyglot: a browser that sniffed it would run it as a page.
        _refuse(_("“%(name)s” holds web page code: it is refused."), name=upload.name)
    if extension in ZIP_FORMATS:
        _check_archive(upload, extension)
    if extension in TEXT_FORMATS:
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            _refuse(_("“%(name)s” is not a UTF-8 text file."), name=upload.name)
        if b"\x00" in content:
            _refuse(_("“%(name)s” is not a UTF-8 text file."), name=upload.name)


# How much of a binary file's start and end a browser's sniffing, and a polyglot, rely on.
SNIFFED_BYTES = 1024


def _sniffed(content: bytes, extension: str) -> bytes:
    """What to search for web page code: all of a text file; a binary file's start and end
    (its compressed middle may hold any bytes by chance)."""
    if extension in TEXT_FORMATS or len(content) <= 2 * SNIFFED_BYTES:
        return content
    return content[:SNIFFED_BYTES] + b"\n" + content[-SNIFFED_BYTES:]


def _check_archive(upload, extension: str) -> None:
    marker = "[Content_Types].xml" if extension in ("docx", "xlsx", "pptx") else "mimetype"
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            inflated = sum(member.file_size for member in members)
            packed = max(sum(member.compress_size for member in members), 1)
    except (zipfile.BadZipFile, OSError, ValueError):
        _refuse(
            _("The content of “%(name)s” is not a %(extension)s file."),
            name=upload.name,
            extension=extension.upper(),
        )
    finally:
        upload.seek(0)
    if any(FOREIGN_MEMBER.search(name) for name in names):
        _refuse(
            _("“%(name)s” holds files a document never holds: it is refused."), name=upload.name
        )
    if marker not in names:
        _refuse(
            _("The content of “%(name)s” is not a %(extension)s file."),
            name=upload.name,
            extension=extension.upper(),
        )
    if inflated > MAX_INFLATED_SIZE or inflated / packed > MAX_INFLATE_RATIO:
        _refuse(_("“%(name)s” expands to far more than its size: it is refused."), name=upload.name)


def random_name(instance, filename: str) -> str:
    """Where a document is stored: a random name, keeping only the checked extension."""
    extension = PurePosixPath(filename).suffix.lower()
    folder = instance._meta.label_lower.replace(".", "/")
    return f"{folder}/{uuid.uuid4().hex}{extension}"


class DocumentField(models.FileField):
    """The portal's only kind of upload field (a test checks that no other is used)."""

    default_validators = [validate_document]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("upload_to", random_name)
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)
