"""CSV and XLSX downloads of a table; all neutralise cells a spreadsheet would run as formulas.

Three files, one per reader: the CSV for programs (RFC 4180, commas), the CSV for Excel
(semicolons, as Excel expects where the comma is the decimal separator, and text that Excel
would read as a number or a date kept as text), and the Excel workbook (typed cells)."""

import csv
import datetime
import io
import itertools
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A leading =, +, -, @, tab or CR makes a spreadsheet read a formula. Followed by nothing but
# digits, spaces and the punctuation of numbers and phone lists, it can do no harm ("-12",
# "+212 5 37 00 00 00, +212 6 61 00 00 00", "+33 (0)1 23 45 67 89"): those stay as they are.
_FORMULA = re.compile(r"[=+\-@\t\r]")
_HARMLESS = re.compile(r"[\d\s().,;/+\-]*")
# Excel holds at most 255 characters of text in a formula.
_EXCEL_TEXT_LIMIT = 255

CSV, EXCEL_CSV, XLSX = "csv", "excel.csv", "xlsx"


def safe_cell(value) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = "" if value is None else str(value)
    if _FORMULA.match(text) and not _HARMLESS.fullmatch(text):
        return "'" + text
    return text


def excel_cell(value, text: bool = False) -> str:
    """A cell of the CSV for Excel: a text column's value as the formula ="…", the standard way
    to make Excel keep "+212537000000", "0012" or "1-2" as written, not as a number or date."""
    shown = "" if value is None else str(value)
    if text and shown and len(shown) <= _EXCEL_TEXT_LIMIT:
        return '="' + shown.replace('"', '""') + '"'
    return safe_cell(value)


def _filename(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def csv_response(
    stem: str, header: list[str], rows, *, for_excel: bool = False, text: Collection[int] = ()
) -> HttpResponse:
    """RFC 4180 (commas, CRLF) for programs; `for_excel`, semicolons and the `text` columns (by
    index) kept as text, for Excel in French. Both start with a BOM, so that Excel reads UTF-8."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = _filename(f"{stem}-excel" if for_excel else stem, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that Excel reads the Arabic names as UTF-8
    writer = csv.writer(response, delimiter=";" if for_excel else ",", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        if for_excel:
            writer.writerow([excel_cell(cell, index in text) for index, cell in enumerate(row)])
        else:
            writer.writerow([safe_cell(cell) for cell in row])
    return response


# Widths are measured on the first rows only: the rest streams without being held.
MEASURED_ROWS = 100
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str) -> str:
    return _SHEET_TITLE_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"


def _xlsx_cell(sheet, value, bold: bool = False) -> WriteOnlyCell:
    """A cell typed as what it holds: a date as a date, a number as a number, any text as
    text (so a leading = is never a formula, and nothing needs an apostrophe)."""
    if isinstance(value, datetime.datetime):
        value = value.replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=None if value == "" else value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime.datetime):
        cell.number_format = "DD/MM/YYYY HH:MM"
    elif isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell


def xlsx_response(stem: str, header: list[str], rows, *, title: str = "") -> HttpResponse:
    """A sheet named after the list, right to left in Arabic, with its header frozen and
    filtered, columns as wide as their first rows, and typed cells. It streams (openpyxl's
    write-only mode): only the first rows are held, to measure the widths."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(str(title or stem)))
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    sheet.freeze_panes = "A2"
    rows = iter(rows)
    first = list(itertools.islice(rows, MEASURED_ROWS))
    for index, heading in enumerate(header, start=1):
        longest = max((len(_shown(row[index - 1])) for row in first), default=0)
        width = min(60, max(10, len(heading) + 2, longest + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_xlsx_cell(sheet, heading, bold=True) for heading in header])
    count = 0
    for row in itertools.chain(first, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "xlsx")}"'
    return response


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return "00/00/0000 00:00" if isinstance(value, datetime.datetime) else "00/00/0000"
    return "" if value is None else str(value)


def date_cell(day) -> datetime.date | str:
    """A date as an export's cell: a date in a workbook, ISO 8601 in a CSV (`safe_cell`),
    which every spreadsheet reads, or empty."""
    return day or ""


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading, what it shows of a row, and whether that must stay
    text (phones, codes) where a spreadsheet would see a number or a date."""

    label: str
    value: Callable[[Any], object]
    text: bool = False

    def cell(self, row) -> object:
        value = self.value(row)
        if self.text:
            return "" if value is None else str(value)
        return value


def table_response(
    extension: str, stem: str, columns: list[Column], rows: Iterable, *, title: str = ""
) -> HttpResponse:
    """One export view serves the three downloads: its URLs pass the extension, CSV, EXCEL_CSV
    or XLSX. `title` names the workbook's sheet (the list's name, in the reader's language)."""
    header = [str(column.label) for column in columns]
    lines = ([column.cell(row) for column in columns] for row in rows)
    if extension == XLSX:
        return xlsx_response(stem, header, lines, title=title)
    text = {index for index, column in enumerate(columns) if column.text}
    return csv_response(stem, header, lines, for_excel=extension == EXCEL_CSV, text=text)
