"""The shared toolbox on its own: months, counts per row, exports by column."""

import datetime
import io

import pytest
from django.db.models import Q
from django.utils import translation

from mra_portal.lib import dates
from mra_portal.lib.exports import Column, date_cell, table_response
from mra_portal.lib.queries import count_of
from partners.models import Organization
from tests.factories import OrganizationFactory, PersonFactory


@pytest.mark.parametrize(
    ("typed", "month"),
    [
        ("2027-01", datetime.date(2027, 1, 1)),
        ("2100-12", datetime.date(2100, 12, 1)),
        ("1999-12", None),
        ("2027-13", None),
        ("2027", None),
        ("janvier", None),
        ("", None),
        (None, None),
    ],
)
def test_a_month_is_read_from_year_and_month_or_not_at_all(typed, month):
    assert dates.month_of(typed) == month


def test_months_run_on_across_years():
    assert dates.next_month(datetime.date(2026, 12, 1)) == datetime.date(2027, 1, 1)
    assert dates.previous_month(datetime.date(2027, 1, 1)) == datetime.date(2026, 12, 1)


def test_a_months_weeks_start_on_monday_and_cover_every_day():
    weeks = dates.weeks_of(datetime.date(2027, 2, 1))
    assert all(week[0].weekday() == 0 and len(week) == 7 for week in weeks)
    days = {day for week in weeks for day in week if day.month == 2}
    assert len(days) == 28


def test_a_month_spans_from_local_midnight_to_local_midnight_across_the_clock_change():
    """Ramadan 2026: Morocco is on UTC+0 from 15 February to 22 March, else on UTC+1."""
    start, end = dates.month_span(datetime.date(2026, 3, 1))
    assert start.utcoffset() == datetime.timedelta(0)
    assert end.utcoffset() == datetime.timedelta(hours=1)
    assert end.astimezone(datetime.UTC) - start == datetime.timedelta(days=31, hours=-1)


def test_the_local_zone_follows_the_setting(settings):
    settings.TIME_ZONE = "Europe/Paris"
    assert str(dates.local_zone()) == "Europe/Paris"


def test_count_of_counts_each_rows_own_related_rows_and_zero_for_none(db):
    busy, empty = OrganizationFactory(), OrganizationFactory()
    PersonFactory.create_batch(3, organization=busy)
    PersonFactory(organization=busy, end_date=datetime.date(2025, 1, 1))
    from contacts.models import Person

    current = Person.objects.filter(Q(end_date__isnull=True))
    counted = dict(
        Organization.objects.filter(pk__in=[busy.pk, empty.pk])
        .annotate(people_now=count_of(current, link="organization"))
        .values_list("pk", "people_now")
    )
    assert counted == {busy.pk: 3, empty.pk: 0}


def test_an_export_shows_each_column_of_each_row_in_order(settings):
    settings.LANGUAGE_CODE = "en"
    columns = [Column("Name", lambda row: row["name"]), Column("Formula", lambda row: row["f"])]
    response = table_response("csv", "rows", columns, [{"name": "Rabat", "f": "=1+1"}])
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == ["Name,Formula", "Rabat,'=1+1"]
    assert response["Content-Disposition"].startswith('attachment; filename="rows-')
    xlsx = table_response("xlsx", "rows", columns, [])
    assert xlsx.content.startswith(b"PK")


def workbook_of(response):
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(response.content)).active


def test_a_workbook_export_is_named_typed_frozen_filtered_and_sized(settings):
    settings.LANGUAGE_CODE = "fr"
    columns = [
        Column("Nom", lambda row: row["name"]),
        Column("Formule", lambda row: row["f"]),
        Column("Date", lambda row: date_cell(row["day"])),
        Column("Téléphones", lambda row: row["phones"]),
    ]
    rows = [
        {"name": "Rabat", "f": "=1+1", "day": datetime.date(2027, 1, 5), "phones": "+212537776564"},
        {"name": "Agence " * 20, "f": "", "day": None, "phones": "+212 5 37, +212 6 61"},
    ]
    sheet = workbook_of(table_response("xlsx", "rows", columns, rows, title="Études [2027]"))
    assert sheet.title == "Études  2027"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D3"
    assert not sheet.sheet_view.rightToLeft
    assert [cell.value for cell in sheet[2]] == [
        "Rabat",
        "=1+1",  # text, not a formula, and no apostrophe
        datetime.datetime(2027, 1, 5),
        "+212537776564",
    ]
    assert sheet["B2"].data_type == "s" and sheet["D2"].data_type == "s"
    assert sheet["C2"].number_format == "DD/MM/YYYY" and sheet["C3"].value is None
    assert sheet["A1"].font.b
    assert sheet.column_dimensions["A"].width == 60  # the long name, capped
    assert sheet.column_dimensions["C"].width == 12
    csv_text = table_response("csv", "rows", columns, rows).content.decode("utf-8-sig")
    assert csv_text.splitlines()[1] == "Rabat,'=1+1,2027-01-05,+212537776564"


def test_an_arabic_workbook_reads_right_to_left():
    with translation.override("ar"):
        response = table_response("xlsx", "rows", [Column("الاسم", lambda row: row)], ["الرباط"])
    sheet = workbook_of(response)
    assert sheet.sheet_view.rightToLeft and sheet.title == "rows"
