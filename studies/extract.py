"""The text of an uploaded report, for full-text search: PDF through pypdf, Word and
OpenDocument files read from their XML with the standard library. A file whose text cannot
be read is still kept; it is only not searchable by its content."""

import html
import logging
import re
import zipfile
from pathlib import PurePosixPath

from pypdf import PdfReader

logger = logging.getLogger(__name__)

# Enough of a report to find it by; a longer one is searched by its first pages.
MAX_PAGES = 60
MAX_CHARACTERS = 100_000
# The XML part that holds the body of each archive-based format.
BODIES = {"docx": "word/document.xml", "odt": "content.xml"}
# Paragraph ends, so that words of two paragraphs do not run together.
PARAGRAPHS = re.compile(r"</(?:w:p|text:p|text:h)>")
TAGS = re.compile(r"<[^>]*>")


def _pdf(file) -> str:
    reader = PdfReader(file)
    pages = reader.pages[:MAX_PAGES]
    return "\n".join(page.extract_text() or "" for page in pages)


def _xml_body(file, extension: str) -> str:
    with zipfile.ZipFile(file) as archive, archive.open(BODIES[extension]) as body:
        # The body was measured by the upload check; read no more than a bounded slice.
        xml = body.read(20 * MAX_CHARACTERS).decode("utf-8", errors="ignore")
    # Tags dropped by pattern, not parsed: no entity of a hostile file is ever expanded.
    xml = PARAGRAPHS.sub(lambda match: match.group(0) + " ", xml)
    return html.unescape(TAGS.sub("", xml))


def text_of(file) -> str:
    """The searchable text of a stored or uploaded file, or "" when it has none."""
    extension = PurePosixPath(file.name).suffix.lower().lstrip(".")
    if extension not in ("pdf", *BODIES):
        return ""
    try:
        file.seek(0)
        text = _pdf(file) if extension == "pdf" else _xml_body(file, extension)
    except Exception:  # a damaged or hostile file is stored, just not searched
        logger.warning("No text could be read from %s", file.name, exc_info=True)
        return ""
    finally:
        file.seek(0)
    return " ".join(text.split())[:MAX_CHARACTERS]
