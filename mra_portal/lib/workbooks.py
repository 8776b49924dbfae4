"""Excel round-trips: templates people fill in, and their rows read back with a message per bad
cell, never an exception. A workbook is data: a formula, too many rows or unknown columns are
refused, and nothing in it is ever evaluated."""

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from .exports import safe_cell

# What one upload may hold: a plan's actions or a focal point's round fit many times over.
MAX_ROWS = 2000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class WorkbookError(Exception):
    """The workbook as a whole cannot be read: its message says why, in the user's language."""


@dataclass
class Sheet:
    """A template's sheet: its title, headings, rows, and per column a list to choose from
    (the name of a sheet holding the choices in column A) or a width."""

    title: str
    headings: list[str]
    rows: Iterable[list] = ()
    choices: dict[int, str] = field(default_factory=dict)  # column index -> list sheet title
    hidden: bool = False


def template_response(filename: str, sheets: list[Sheet], *, rtl: bool = False) -> HttpResponse:
    """A workbook to fill in: bold frozen headings, filters, widths, dropdowns from lists."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sizes = {}
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        sheet.sheet_view.rightToLeft = rtl
        sheet.append(spec.headings)
        count = 0
        for row in spec.rows:
            sheet.append([safe_cell(value) if isinstance(value, str) else value for value in row])
            count += 1
        sizes[spec.title] = count
        for index, heading in enumerate(spec.headings, start=1):
            sheet.cell(row=1, column=index).font = Font(bold=True)
            sheet.column_dimensions[get_column_letter(index)].width = max(14, len(heading) + 4)
        sheet.freeze_panes = "A2"
        if spec.headings:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(spec.headings))}1"
        if spec.hidden:
            sheet.sheet_state = "hidden"
    for spec in sheets:
        sheet = workbook[spec.title[:31]]
        for column, source in spec.choices.items():
            last = max(sizes.get(source, 0) + 1, 2)
            validation = DataValidation(
                type="list", formula1=f"='{source}'!$A$2:$A${last}", allow_blank=True
            )
            letter = get_column_letter(column + 1)
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.add_data_validation(validation)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it
    cells: dict[str, object]


def read_sheets(upload, sheets: dict[str, dict[str, set[str]]]) -> dict[str, list[Row]]:
    """The filled rows of each sheet, by column key, from one reading of the workbook. For each
    sheet title, `sheets` gives in order each column's key and the headings accepted for it
    (the template's, in any of the portal's languages)."""
    try:
        upload.seek(0)
        workbook = load_workbook(upload, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from error
    try:
        rows = {}
        for title, columns in sheets.items():
            if title not in workbook.sheetnames:
                raise WorkbookError(
                    _("The workbook has no sheet “%(sheet)s”: start from the template.")
                    % {"sheet": title}
                )
            rows[title] = list(_rows(workbook[title], title, columns))
        return rows
    except WorkbookError:
        raise
    except Exception as error:  # a hostile file may break the reader anywhere: never a 500
        raise WorkbookError(_("The file is not an Excel workbook (.xlsx).")) from error
    finally:
        workbook.close()


def _rows(sheet, title: str, columns: dict[str, set[str]]) -> Iterator[Row]:
    keys = list(columns)
    lines = sheet.iter_rows(values_only=True)
    headings = [str(value or "").strip() for value in next(lines, ())][: len(keys)]
    if len(headings) < len(keys) or any(
        heading not in columns[key] for key, heading in zip(keys, headings, strict=True)
    ):
        raise WorkbookError(
            _("The columns of sheet “%(sheet)s” are not those of the template.") % {"sheet": title}
        )
    for number, values in enumerate(lines, start=2):
        if number > MAX_ROWS + 1:
            raise WorkbookError(
                _("Sheet “%(sheet)s” has more than %(count)d rows: split it.")
                % {"sheet": title, "count": MAX_ROWS}
            )
        cells = dict(zip(keys, list(values)[: len(keys)], strict=False))
        if all(value in (None, "") for value in cells.values()):
            continue
        for value in cells.values():
            if isinstance(value, str) and value.startswith("="):
                raise WorkbookError(
                    _("Row %(row)d of sheet “%(sheet)s” holds a formula: paste values only.")
                    % {"row": number, "sheet": title}
                )
        yield Row(number, cells)


def text_of(value, limit: int) -> str:
    text = "" if value is None else str(value).strip()
    if "\x00" in text or len(text) > limit:
        raise ValueError(_("text longer than %(limit)d characters") % {"limit": limit})
    return text


def date_of(value) -> datetime.date | None:
    """A cell as a date: an Excel date, or text as 2027-06-30 or 30/06/2027."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    try:
        if match := _DAY_FIRST.match(text):
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(_("“%(value)s” is not a date") % {"value": text}) from error


def number_of(value, *, low: Decimal, high: Decimal) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".").rstrip("%").strip())
    except InvalidOperation as error:
        raise ValueError(_("“%(value)s” is not a number") % {"value": value}) from error
    if not number.is_finite() or not low <= number <= high:
        raise ValueError(
            _("%(value)s is not between %(low)s and %(high)s")
            % {"value": value, "low": low, "high": high}
        )
    return number
