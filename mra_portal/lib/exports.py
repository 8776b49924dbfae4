"""CSV and XLSX downloads of a table; both neutralise cells a spreadsheet would run as formulas."""

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

# A leading =, +, -, @, tab or CR makes a spreadsheet read a formula, except in a plain number.
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?[\d\s().-]+$")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    if _FORMULA.match(text) and not _NUMBER.match(text):
        return "'" + text
    return text


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def csv_response(stem: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "csv")}"'
    response.write("\ufeff")  # so that Excel reads the Arabic names as UTF-8
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


def xlsx_response(stem: str, header: list[str], rows) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([safe_cell(cell) for cell in header])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "xlsx")}"'
    return response


TABLE_FORMATS = {"csv": csv_response, "xlsx": xlsx_response}


def iso_date(day) -> str:
    """A date as an export's cell: ISO 8601, which every spreadsheet reads, or empty."""
    return day.isoformat() if day else ""


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading, and what it shows of a row."""

    label: str
    value: Callable[[Any], object]


def table_response(
    extension: str, stem: str, columns: list[Column], rows: Iterable
) -> HttpResponse:
    """One export view serves both downloads: its URLs pass the extension."""
    header = [str(column.label) for column in columns]
    lines = ([column.value(row) for column in columns] for row in rows)
    return TABLE_FORMATS[extension](stem, header, lines)
