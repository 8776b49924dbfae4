"""The three downloads of a table: the CSV for programs, the CSV for Excel, the workbook."""

import csv
import io

import pytest
from openpyxl import load_workbook

from mra_portal.lib.exports import Column, excel_cell, safe_cell, table_response

TWO_PHONES = "+212 5 37 00 00 00, +212 6 61 00 00 00"
COLUMNS = [
    Column("Nom", lambda row: row["name"]),
    Column("Téléphones", lambda row: row["phones"], text=True),
    Column("Code", lambda row: row["code"], text=True),
    Column("Actions", lambda row: row["count"]),
]
ROWS = [
    {"name": "Rabat; Salé", "phones": "+212537000000", "code": "0012", "count": 3},
    {"name": "=1+1", "phones": TWO_PHONES, "code": '1-2 "bis"', "count": 0},
    {"name": "Casablanca", "phones": "", "code": None, "count": 1},
]


def body(response) -> bytes:
    return response.content


def rows_of(response, delimiter: str) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


@pytest.mark.parametrize(
    "value",
    [
        "-12",
        "+212537000000",
        "0537000000",
        TWO_PHONES,
        "+33 (0)1 23 45 67 89",
        "+212 6 61 07 60 60; +212 5 37 77 65 64",
        "12/05/2027",
        "Rabat",
    ],
)
def test_numbers_and_phone_lists_are_written_unchanged(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize(
    "value",
    [
        '=HYPERLINK("http://evil","clic")',
        "@SUM(1)",
        "+cmd|' /C calc'!A0",
        "-2+3 foo",
        "=1+1",
        "\t=1+1",
        "\r@SUM(1)",
    ],
)
def test_a_value_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


def test_a_cell_with_two_phones_gets_no_apostrophe_in_either_csv():
    for extension, delimiter in (("csv", ","), ("excel.csv", ";")):
        rows = rows_of(table_response(extension, "rows", COLUMNS, ROWS), delimiter)
        assert "'" not in rows[2][1]


def test_the_plain_csv_is_rfc_4180_with_commas_crlf_a_bom_and_values_as_they_are():
    response = table_response("csv", "rows", COLUMNS, ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body(response).startswith("\ufeff".encode())
    lines = body(response).decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Nom,Téléphones,Code,Actions"
    assert lines[1] == "Rabat; Salé,+212537000000,0012,3"
    assert lines[-1] == ""  # every record ends with CRLF, the last one too
    assert rows_of(response, ",")[2] == ["'=1+1", TWO_PHONES, '1-2 "bis"', "0"]


def test_the_csv_for_excel_is_semicolon_separated_with_a_bom_and_crlf():
    response = table_response("excel.csv", "rows", COLUMNS, ROWS)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="rows-excel-' in response["Content-Disposition"]
    assert response["Content-Disposition"].endswith('.csv"')
    assert body(response).startswith("\ufeff".encode())
    lines = body(response).decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Nom;Téléphones;Code;Actions"
    assert "\n" not in "".join(lines)  # no bare line feed: every line ends with CRLF
    assert rows_of(response, ";") == [
        ["Nom", "Téléphones", "Code", "Actions"],
        ["Rabat; Salé", '="+212537000000"', '="0012"', "3"],
        ["'=1+1", f'="{TWO_PHONES}"', '="1-2 ""bis"""', "0"],
        ["Casablanca", "", "", "1"],
    ]


def test_a_phone_stays_text_in_the_csv_for_excel():
    assert excel_cell("+212537000000", text=True) == '="+212537000000"'
    assert excel_cell("0537000000", text=True) == '="0537000000"'
    # Outside a text column the cell is as in the plain CSV, guard included.
    assert excel_cell("0537000000") == "0537000000"
    assert excel_cell("@SUM(1)") == "'@SUM(1)"


def test_a_formula_in_a_text_column_is_only_text_for_excel():
    """Inside ="…" Excel reads a string: quotes are doubled, so nothing can close it early."""
    assert excel_cell('=HYPERLINK("http://evil")', text=True) == '="=HYPERLINK(""http://evil"")"'


def test_text_too_long_for_an_excel_formula_is_written_as_in_the_plain_csv():
    long = "+212 5 37 00 00 00, " * 20
    assert excel_cell(long, text=True) == long


def test_the_workbook_keeps_a_phone_column_as_text_cells():
    columns = [*COLUMNS, Column("Numéro", lambda row: row["count"], text=True)]
    response = table_response("xlsx", "rows", columns, ROWS)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == ["Rabat; Salé", "+212537000000", "0012", 3, "3"]
    assert [cell.data_type for cell in sheet[2]] == ["s", "s", "s", "n", "s"]
    assert sheet["B3"].value == TWO_PHONES and sheet["B3"].data_type == "s"
