"""The upload corpus: every upload field refuses disguised, oversized and badly named files."""

import io
import zipfile

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import translation

from accounts.uploads import DocumentField

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx(payload: bytes = b"<w:document/>", **members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", payload)
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    file = SimpleUploadedFile("upload", content)
    # Django's multipart parser already cuts a name to its last component; the validator
    # refuses any that still reaches it, whatever the path taken.
    file._name = name
    return file


def upload_fields() -> list[models.FileField]:
    return [
        field
        for config in apps.get_app_configs()
        if not config.name.startswith(("django", "django_"))
        for model in config.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField)
    ]


def test_every_upload_field_of_the_portal_is_a_document_field():
    assert all(isinstance(field, DocumentField) for field in upload_fields())


FIELDS = [*upload_fields(), DocumentField(name="document")]

CORPUS = {
    "a PNG with HTML appended": upload("photo.png", PNG + b"<html><script>alert(1)</script>"),
    "an executable renamed to .pdf": upload("report.pdf", b"MZ\x90\x00" + b"\x00" * 200),
    "a DOCX archive bomb": upload("minutes.docx", docx(b"\x00" * 50 * 1024 * 1024)),
    "a parent-directory name": upload("../../etc/report.pdf", PDF),
    "a right-to-left override name": upload("report\u202efdp.exe.pdf", PDF),
    "a hidden file name": upload(".htaccess.pdf", PDF),
    "an unknown extension": upload("script.html", b"<html></html>"),
    "a text file with binary content": upload("notes.txt", b"\xff\xfe\x00bad"),
    "a zip that is not a document": upload("minutes.docx", b"PK\x03\x04broken"),
    "a PDF that is also a web page": upload(
        "report.pdf", PDF + b"<html><body><script>alert(1)</script></body></html>"
    ),
    "a web page named .txt": upload("notes.txt", b"<!DOCTYPE html><p>hello</p>"),
    "a web page named .csv": upload("data.csv", b"a,b\n<script>alert(1)</script>,2\n"),
    "a JPEG with a page appended": upload(
        "photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16 + b"<svg onload=alert(1)>\xff\xd9"
    ),
    "a DOCX holding a web page": upload("report.docx", docx(**{"index.html": b"<html></html>"})),
    "a DOCX with a member leaving the archive": upload(
        "report.docx", docx(**{"../../evil.pdf": PDF})
    ),
}


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
@pytest.mark.parametrize("case", list(CORPUS))
def test_a_bad_upload_is_refused_with_a_message(field, case, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        field.run_validators(CORPUS[case])
    assert error.value.messages[0]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
def test_a_file_one_byte_over_the_limit_is_refused_and_one_at_the_limit_accepted(field, settings):
    settings.MAX_UPLOAD_SIZE = len(PDF)
    field.run_validators(upload("at-the-limit.pdf", PDF))
    with translation.override("en"), pytest.raises(ValidationError, match="larger than"):
        field.run_validators(upload("over.pdf", PDF + b" "))


@pytest.mark.parametrize("field", FIELDS, ids=lambda field: field.name)
@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.png", PNG), ("report.pdf", PDF), ("minutes.docx", docx()), ("list.csv", b"a,b\n")],
)
def test_genuine_documents_are_accepted(field, name, content):
    field.run_validators(upload(name, content))


def test_documents_are_stored_under_a_random_name_keeping_only_the_extension():
    from accounts.uploads import random_name
    from partners.models import Organization

    first = random_name(Organization(), "Rapport final.PDF")
    second = random_name(Organization(), "Rapport final.PDF")
    assert first.startswith("partners/organization/") and first.endswith(".pdf")
    assert first != second and "Rapport" not in first
