"""Uploaded files go out only through a view that checked access first, always as attachments."""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404

from .fields import safe_file_name


def download(file, title: str) -> FileResponse:
    """The stored file under a readable name: the title and the stored (checked) extension."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    extension = PurePosixPath(file.name).suffix
    return FileResponse(handle, as_attachment=True, filename=f"{safe_file_name(title)}{extension}")
