"""The Excel round-trips of action plans, the way ministries already work: a plan's axes and
actions imported from a template, and a focal point's round reported offline. Each reads the
whole workbook first and says, row by row, what is wrong; only a clean file can be confirmed."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from mra_portal.lib.workbooks import (
    Sheet,
    WorkbookError,
    date_of,
    number_of,
    read_sheets,
    template_response,
    text_of,
)
from partners.models import Organization

from .models import LATE_STATES, Action, Plan, ReportingRound

AXES = "Axes"
ACTIONS = "Actions"
ORGANISATIONS = "Organisations"
REPORTS = "Reports"
INDICATORS = "Indicators"

AXIS_COLUMNS = {
    "code": gettext_lazy("Axis code"),
    "title_fr": gettext_lazy("Title (French)"),
    "title_ar": gettext_lazy("Title (Arabic)"),
    "title_en": gettext_lazy("Title (English)"),
}
ACTION_COLUMNS = {
    "axis": gettext_lazy("Axis code"),
    "code": gettext_lazy("Action code"),
    "title_fr": gettext_lazy("Title (French)"),
    "title_ar": gettext_lazy("Title (Arabic)"),
    "title_en": gettext_lazy("Title (English)"),
    "lead": gettext_lazy("Lead organisation"),
    "co_owners": gettext_lazy("Co-owners, separated by ;"),
    "start_date": gettext_lazy("Start (DD/MM/YYYY)"),
    "due_date": gettext_lazy("Due date (DD/MM/YYYY)"),
    "weight": gettext_lazy("Weight (1 to 100)"),
    "description": gettext_lazy("Description"),
}
REPORT_COLUMNS = {
    # Codes are unique within a plan only: the number tells two plans' "1.1" apart.
    "number": gettext_lazy("Action number"),
    "code": gettext_lazy("Action code"),
    "title": gettext_lazy("Action"),
    "current": gettext_lazy("Validated progress (%)"),
    "progress": gettext_lazy("New progress (%)"),
    "narrative": gettext_lazy("What was done, and what holds it back"),
}
INDICATOR_COLUMNS = {
    "code": gettext_lazy("Action code"),
    "indicator": gettext_lazy("Indicator number"),
    "name": gettext_lazy("Indicator"),
    "unit": gettext_lazy("Unit"),
    "target": gettext_lazy("Target"),
    "value": gettext_lazy("Actual value"),
}
MAX_VALUE = Decimal("999999999999")


def _headings(columns: dict) -> list[str]:
    return [str(label) for label in columns.values()]


def _accepted(columns: dict) -> dict[str, set[str]]:
    """Each column's heading in every language of the portal: a template filled in Arabic
    may be uploaded by a colleague reading the portal in French."""
    accepted = {key: set() for key in columns}
    for language in ("ar", "fr", "en"):
        with translation.override(language):
            for key, label in columns.items():
                accepted[key].add(str(label))
    return accepted


@dataclass
class Preview:
    """What an upload would do, and what stops it, row by row."""

    rows: list[dict] = field(default_factory=list)
    axes: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def data(self) -> dict:
        """What the confirmation imports, kept in the session between the two steps."""
        return {"axes": self.axes, "rows": self.rows}

    def refuse(self, sheet: str, number: int, message: str) -> None:
        self.errors.append(
            _("Sheet “%(sheet)s”, row %(row)d: %(message)s")
            % {"sheet": sheet, "row": number, "message": message}
        )


# Importing a plan's axes and actions -----------------------------------------------------


def _organization_names(user) -> dict[str, int]:
    """What a cell may call an organisation: its acronym or a name, in any case."""
    names = {}
    for pk, *words in (
        Organization.objects.for_user(user)
        .active()
        .values_list("pk", "acronym_fr", "name_fr", "name_ar", "name_en")
    ):
        for word in words:
            if word:
                names.setdefault(word.strip().casefold(), pk)
    return names


def plan_template(plan: Plan, user):
    organizations = Organization.objects.for_user(user).active().by_name()
    return template_response(
        f"{plan.code}-actions.xlsx",
        [
            Sheet(
                AXES,
                _headings(AXIS_COLUMNS),
                [[a.code, a.title_fr, a.title_ar, a.title_en] for a in plan.axes.all()],
            ),
            Sheet(ACTIONS, _headings(ACTION_COLUMNS), choices={0: AXES, 5: ORGANISATIONS}),
            Sheet(
                ORGANISATIONS,
                [str(gettext_lazy("Organisation"))],
                [[o.acronym_fr or o.name_fr] for o in organizations],
                hidden=True,
            ),
        ],
        rtl=get_language_bidi(),
    )


def plan_preview(upload, plan: Plan, user) -> Preview:
    preview = Preview()
    try:
        sheets = read_sheets(
            upload, {AXES: _accepted(AXIS_COLUMNS), ACTIONS: _accepted(ACTION_COLUMNS)}
        )
    except WorkbookError as error:
        preview.errors.append(str(error))
        return preview
    existing_axes = set(plan.axes.values_list("code", flat=True))
    axes, new_axes = [], set()
    for row in sheets[AXES]:
        try:
            code = text_of(row.cells["code"], 20)
            titles = {
                key: text_of(row.cells[key], 255) for key in ("title_fr", "title_ar", "title_en")
            }
        except ValueError as error:
            preview.refuse(AXES, row.number, str(error))
            continue
        if code in existing_axes:
            continue  # the template lists the plan's axes: they stay as they are
        if not code or not titles["title_fr"]:
            preview.refuse(AXES, row.number, _("an axis needs a code and a French title"))
        elif code in new_axes:
            preview.refuse(AXES, row.number, _("the axis %(code)s is twice") % {"code": code})
        else:
            new_axes.add(code)
            axes.append({"code": code, **titles})
    organizations = _organization_names(user)
    taken = set(plan.actions.values_list("code", flat=True))
    seen = {}
    for row in sheets[ACTIONS]:
        try:
            action = _action_of(row.cells, organizations, existing_axes | new_axes)
        except ValueError as error:
            preview.refuse(ACTIONS, row.number, str(error))
            continue
        code = action["code"]
        if code in taken:
            preview.refuse(
                ACTIONS, row.number, _("the plan already has an action %(code)s") % {"code": code}
            )
        elif code in seen:
            preview.refuse(
                ACTIONS,
                row.number,
                _("the code %(code)s is already on row %(row)d")
                % {"code": code, "row": seen[code]},
            )
        else:
            seen[code] = row.number
            preview.rows.append(action)
    if not preview.rows and not axes and not preview.errors:
        preview.errors.append(_("The workbook holds no new axis or action."))
    if preview.errors:
        preview.rows = []
    else:
        preview.axes = axes
    return preview


def _action_of(cells: dict, organizations: dict[str, int], axes: set[str]) -> dict:
    code = text_of(cells["code"], 20)
    title_fr = text_of(cells["title_fr"], 255)
    if not code or not title_fr:
        raise ValueError(_("an action needs a code and a French title"))
    axis = text_of(cells["axis"], 20)
    if axis and axis not in axes:
        raise ValueError(_("unknown axis “%(axis)s”") % {"axis": axis})

    def organization(name: str) -> int:
        pk = organizations.get(name.strip().casefold())
        if pk is None:
            raise ValueError(_("unknown organisation “%(name)s”") % {"name": name})
        return pk

    lead = text_of(cells["lead"], 255)
    if not lead:
        raise ValueError(_("name the lead organisation"))
    co_owners = [name for name in text_of(cells["co_owners"], 1000).split(";") if name.strip()]
    start, due = date_of(cells["start_date"]), date_of(cells["due_date"])
    if due is None:
        raise ValueError(_("give the due date"))
    if start and due < start:
        raise ValueError(_("the due date comes before the start"))
    weight = number_of(cells["weight"], low=Decimal(1), high=Decimal(100)) or Decimal(1)
    if weight != weight.to_integral_value():
        raise ValueError(_("the weight is a whole number"))
    return {
        "axis": axis,
        "code": code,
        "title_fr": title_fr,
        "title_ar": text_of(cells["title_ar"], 255),
        "title_en": text_of(cells["title_en"], 255),
        "lead": organization(lead),
        "co_owners": [organization(name) for name in co_owners],
        "start_date": start.isoformat() if start else None,
        "due_date": due.isoformat(),
        "weight": int(weight),
        "description": text_of(cells["description"], 5000),
    }


# Reporting a round offline ----------------------------------------------------------------


def owed_actions(reporting_round: ReportingRound, user):
    """What the user reports on in the round: their reportable actions still owed a report."""
    return (
        Action.objects.reportable_by(user)
        .in_round(reporting_round)
        .filter(round_state__in=LATE_STATES)
        .prefetch_related("indicators")
        .order_by("plan__code", "code")
    )


def round_template(reporting_round: ReportingRound, user):
    actions = list(owed_actions(reporting_round, user))
    return template_response(
        f"round-{reporting_round.name}.xlsx",
        [
            Sheet(
                REPORTS,
                _headings(REPORT_COLUMNS),
                [[a.pk, a.code, a.title, a.progress, None, None] for a in actions],
            ),
            Sheet(
                INDICATORS,
                _headings(INDICATOR_COLUMNS),
                [
                    [a.code, i.pk, i.name, i.unit, i.target_value, None]
                    for a in actions
                    for i in a.indicators.all()
                ],
            ),
        ],
        rtl=get_language_bidi(),
    )


def round_preview(upload, reporting_round: ReportingRound, user) -> Preview:
    preview = Preview()
    try:
        sheets = read_sheets(
            upload, {REPORTS: _accepted(REPORT_COLUMNS), INDICATORS: _accepted(INDICATOR_COLUMNS)}
        )
    except WorkbookError as error:
        preview.errors.append(str(error))
        return preview
    owed = {action.pk: action for action in owed_actions(reporting_round, user)}
    reports = {}
    for row in sheets[REPORTS]:
        try:
            code = text_of(row.cells["code"], 20)
            number = int(number_of(row.cells["number"], low=Decimal(1), high=MAX_VALUE) or 0)
            progress = number_of(row.cells["progress"], low=Decimal(0), high=Decimal(100))
            narrative = text_of(row.cells["narrative"], 10000)
        except ValueError as error:
            preview.refuse(REPORTS, row.number, str(error))
            continue
        if progress is None and not narrative:
            continue  # not reported on this time
        if number not in owed:
            preview.refuse(
                REPORTS,
                row.number,
                _("no report is owed on “%(code)s” in this round") % {"code": code},
            )
        elif number in reports:
            preview.refuse(REPORTS, row.number, _("the action %(code)s is twice") % {"code": code})
        elif progress is None or progress != progress.to_integral_value() or not narrative:
            preview.refuse(REPORTS, row.number, _("give a whole percentage and say what was done"))
        else:
            reports[number] = {
                "action": number,
                "code": owed[number].code,
                "title": owed[number].title,
                "progress": int(progress),
                "narrative": narrative,
                "values": {},
            }
    indicators = {i.pk: a for a in owed.values() for i in a.indicators.all()}
    for row in sheets[INDICATORS]:
        try:
            value = number_of(row.cells["value"], low=Decimal(0), high=MAX_VALUE)
            number = int(number_of(row.cells["indicator"], low=Decimal(1), high=MAX_VALUE) or 0)
        except ValueError as error:
            preview.refuse(INDICATORS, row.number, str(error))
            continue
        if value is None:
            continue
        action = indicators.get(number)
        if action is None:
            preview.refuse(INDICATORS, row.number, _("unknown indicator"))
        elif action.pk not in reports:
            preview.refuse(
                INDICATORS,
                row.number,
                _("report on %(code)s in the first sheet to give its values")
                % {"code": action.code},
            )
        else:
            reports[action.pk]["values"][str(number)] = str(value)
    if not reports and not preview.errors:
        preview.errors.append(_("The workbook reports on no action."))
    preview.rows = list(reports.values()) if not preview.errors else []
    return preview
