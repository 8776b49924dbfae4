"""The programme list as an IATI activities file, version 2.03, streamed one activity at a time.

What the portal knows maps onto the standard's codelists: programme statuses are IATI activity
statuses, partner roles are IATI organisation roles (beneficiary institutions, which IATI has
no role for, are left out), objectives are DAC sectors. Every narrative says its language.
"""

import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import PurePosixPath
from xml.etree.ElementTree import Element, SubElement, tostring

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from .models import IATI_ROLES, OBJECTIVE_SECTORS, Programme

VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LANGUAGES = ("fr", "ar", "en")
# IATI activity date types.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
FORMATS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
CHUNK = 200


def identifier(programme: Programme) -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-{programme.code}"


def _narratives(parent: Element, texts: dict[str, str]) -> Element:
    for language, text in texts.items():
        if text:
            SubElement(parent, "narrative", {XML_LANG: language}).text = text
    return parent


def _texts(record, field: str) -> dict[str, str]:
    return {language: getattr(record, f"{field}_{language}") for language in LANGUAGES}


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _date(day: datetime.date) -> str:
    return day.isoformat()


def _shares(count: int) -> list[Decimal]:
    """Equal percentages that add up to exactly 100."""
    if count == 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"))
    return [share] * (count - 1) + [Decimal(100) - share * (count - 1)]


def activity(programme: Programme, reporting_org: Element) -> Element:
    """One iati-activity, its children in the schema's order."""
    element = Element(
        "iati-activity",
        {
            "last-updated-datetime": programme.updated_at.isoformat(timespec="seconds"),
            XML_LANG: "fr",
        },
    )
    SubElement(element, "iati-identifier").text = identifier(programme)
    element.append(reporting_org)
    _narratives(SubElement(element, "title"), _texts(programme, "title"))
    # The standard wants a description: a programme without one is described by its title.
    descriptions = _texts(programme, "description")
    if not any(descriptions.values()):
        descriptions = _texts(programme, "title")
    _narratives(SubElement(element, "description", {"type": "1"}), descriptions)
    participations = [p for p in programme.participations.all() if p.role in IATI_ROLES]
    if not participations:  # the ministry reports it, and is accountable for it, at the least
        attributes = {
            "role": "2",
            "ref": reporting_org.get("ref"),
            "type": reporting_org.get("type"),
        }
        _narratives(
            SubElement(element, "participating-org", attributes),
            settings.IATI_REPORTING_ORG_NAMES,
        )
    for participation in participations:
        organization = participation.organization
        _narratives(
            SubElement(element, "participating-org", {"role": str(participation.role)}),
            _texts(organization, "name"),
        )
    SubElement(element, "activity-status", {"code": str(programme.status)})
    dates = [
        (PLANNED_START, programme.planned_start),
        (ACTUAL_START, programme.actual_start),
        (PLANNED_END, programme.planned_end),
        (ACTUAL_END, programme.actual_end),
    ]
    written = [(kind, day) for kind, day in dates if day]
    # The standard needs at least one date: a programme without any is dated by its creation.
    for kind, day in written or [(PLANNED_START, timezone.localdate(programme.created_at))]:
        SubElement(element, "activity-date", {"type": kind, "iso-date": _date(day)})
    countries = list(programme.recipient_countries.all())
    for country, share in zip(countries, _recipient_shares(countries), strict=True):
        SubElement(
            element, "recipient-country", {"code": country.country.code, "percentage": share}
        )
    sectors = sorted({OBJECTIVE_SECTORS[objective] for objective in programme.objectives})
    for code, share in zip(sectors, _shares(len(sectors)), strict=True):
        SubElement(
            element, "sector", {"code": code, "vocabulary": "1", "percentage": _amount(share)}
        )
    for budget in programme.budgets.all():
        line = SubElement(element, "budget", {"type": "1", "status": "1"})
        SubElement(line, "period-start", {"iso-date": f"{budget.year}-01-01"})
        SubElement(line, "period-end", {"iso-date": f"{budget.year}-12-31"})
        SubElement(
            line,
            "value",
            {"currency": budget.currency, "value-date": _date(budget.valued_on)},
        ).text = _amount(budget.amount)
    for document in programme.documents.all():
        _document_link(element, document)
    for result in programme.results.all():
        _result(element, result)
    return element


def _recipient_shares(countries) -> list[str]:
    if len(countries) == 1 and countries[0].percentage is None:
        return ["100"]
    return [_amount(country.percentage or Decimal(0)) for country in countries]


def _document_link(parent: Element, document) -> None:
    suffix = PurePosixPath(document.file.name).suffix.lower()
    url = settings.PORTAL_BASE_URL + reverse("cooperation:document", args=[document.pk])
    link = SubElement(
        parent,
        "document-link",
        {"url": url, "format": FORMATS.get(suffix, "application/octet-stream")},
    )
    _narratives(SubElement(link, "title"), {"fr": document.title})
    SubElement(link, "category", {"code": document.category})
    SubElement(link, "document-date", {"iso-date": _date(timezone.localdate(document.added_at))})


def _result(parent: Element, result) -> None:
    indicators = list(result.indicators.all())
    if not indicators:  # the standard wants at least one indicator per result
        return
    element = SubElement(parent, "result", {"type": str(result.kind)})
    _narratives(SubElement(element, "title"), {"fr": result.title})
    for indicator in indicators:
        line = SubElement(element, "indicator", {"measure": str(indicator.measure)})
        _narratives(SubElement(line, "title"), {"fr": indicator.title})
        if indicator.baseline_year:
            attributes = {"year": str(indicator.baseline_year)}
            if indicator.baseline is not None:
                attributes["value"] = _amount(indicator.baseline)
            SubElement(line, "baseline", attributes)
        for period in indicator.periods.all():
            block = SubElement(line, "period")
            SubElement(block, "period-start", {"iso-date": _date(period.starts_on)})
            SubElement(block, "period-end", {"iso-date": _date(period.ends_on)})
            if period.target is not None:
                SubElement(block, "target", {"value": _amount(period.target)})
            if period.actual is not None:
                SubElement(block, "actual", {"value": _amount(period.actual)})


def reporting_org() -> Element:
    element = Element(
        "reporting-org",
        {"ref": settings.IATI_REPORTING_ORG_REF, "type": settings.IATI_REPORTING_ORG_TYPE},
    )
    return _narratives(element, settings.IATI_REPORTING_ORG_NAMES)


def with_everything(programmes):
    """What the file reads of each programme, fetched a chunk at a time."""
    return programmes.prefetch_related(
        "participations__organization",
        "recipient_countries",
        "budgets",
        "documents",
        "results__indicators__periods",
    )


def lines(programmes: Iterable[Programme]) -> Iterator[str]:
    generated = timezone.now().isoformat(timespec="seconds")
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<iati-activities version="{VERSION}" generated-datetime="{generated}">\n'
    for programme in programmes:
        yield tostring(activity(programme, reporting_org()), encoding="unicode") + "\n"
    yield "</iati-activities>\n"


def iati_response(programmes) -> StreamingHttpResponse:
    rows = with_everything(programmes).iterator(chunk_size=CHUNK)
    response = StreamingHttpResponse(lines(rows), content_type="application/xml; charset=utf-8")
    stem = f"iati-activities-{timezone.localdate().isoformat()}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.xml"'
    return response
