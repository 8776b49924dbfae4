"""The Excel round-trips: a plan imported from its template, a round reported offline, and
workbooks that are wrong or hostile refused with their row numbers, saving nothing."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from actionplans import services
from actionplans.models import Action, Axis, Plan, ProgressReport, ReportState
from tests.access import assert_ok

from .world import plan_world

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_of(response):
    return load_workbook(io.BytesIO(response.content))


def upload(workbook, name="plan.xlsx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), XLSX)


@pytest.fixture
def draft(partner_a_org):
    return services.plan_save(
        plan=Plan(
            lead=partner_a_org, code="IMP", title_fr="Plan importé", first_year=2026, last_year=2028
        )
    )


@pytest.fixture
def template(client_as, coordinator, draft):
    services.axis_add(plan=draft, code="EDU-1", title_fr="Éducation")
    response = client_as(coordinator).get(f"/plans/{draft.pk}/import/template.xlsx")
    assert response.status_code == 200
    return workbook_of(response)


def test_the_template_lists_the_axes_and_offers_dropdowns(template, partner_a_org):
    assert template.sheetnames == ["Axes", "Actions", "Organisations"]
    assert [cell.value for cell in template["Axes"][2]][:2] == ["EDU-1", "Éducation"]
    assert template["Organisations"].sheet_state == "hidden"
    names = [row[0].value for row in template["Organisations"].iter_rows(min_row=2)]
    assert partner_a_org.acronym_fr in names
    formulas = {v.formula1 for v in template["Actions"].data_validations.dataValidation}
    assert any("Axes" in formula for formula in formulas)
    assert any("Organisations" in formula for formula in formulas)
    assert template["Actions"].freeze_panes == "A2"


def test_the_arabic_template_reads_right_to_left(client_as, coordinator, draft):
    client = client_as(coordinator)
    response = client.get(f"/plans/{draft.pk}/import/template.xlsx", HTTP_ACCEPT_LANGUAGE="ar")
    assert workbook_of(response)["Actions"].sheet_view.rightToLeft


def fill(template, partner_a_org, *rows):
    sheet = template["Actions"]
    for row in rows:
        sheet.append(row)
    template["Axes"].append(["EDU-2", "Langue arabe", "اللغة العربية", "Arabic language"])
    return template


def test_a_plan_is_imported_from_its_template_after_a_preview(
    client_as, coordinator, draft, template, partner_a_org, partner_b_org
):
    fill(
        template,
        partner_a_org,
        [
            "EDU-1",
            "EDU-1.1",
            "Ouvrir des classes",
            "",
            "",
            "MPA",
            "MPB",
            "01/02/2026",
            "30/06/2027",
            2,
            "",
        ],
        [
            "EDU-2",
            "EDU-2.1",
            "Former des enseignants",
            "",
            "",
            "Ministère Partenaire A",
            "",
            datetime.datetime(2026, 3, 1),
            "2027-12-31",
            None,
            "Desc",
        ],
    )
    client = client_as(coordinator)
    preview = client.post(f"/plans/{draft.pk}/import/", {"workbook": upload(template)})
    assert preview.status_code == 200
    assert preview.context["preview"].errors == []
    assert Action.objects.filter(plan=draft).count() == 0  # nothing before the confirmation
    confirmed = client.post(f"/plans/{draft.pk}/import/confirm/")
    assert confirmed.status_code == 302
    actions = {a.code: a for a in Action.objects.filter(plan=draft)}
    assert set(actions) == {"EDU-1.1", "EDU-2.1"}
    assert actions["EDU-1.1"].weight == 2 and list(actions["EDU-1.1"].co_owners.all()) == [
        partner_b_org
    ]
    assert actions["EDU-2.1"].axis == Axis.objects.get(plan=draft, code="EDU-2")
    assert actions["EDU-2.1"].start_date == datetime.date(2026, 3, 1)


def test_a_wrong_workbook_is_refused_with_its_row_numbers_and_saves_nothing(
    client_as, coordinator, draft, template, partner_a_org
):
    fill(
        template,
        partner_a_org,
        ["EDU-1", "EDU-1.1", "Ouvrir", "", "", "INCONNU", "", "", "30/06/2027", 1, ""],
        ["EDU-1", "EDU-1.2", "Former", "", "", "MPA", "", "", "31/02/2027", 1, ""],
        ["EDU-1", "EDU-1.3", "Doter", "", "", "MPA", "", "", "30/06/2027", 1, ""],
        ["EDU-1", "EDU-1.3", "Doublon", "", "", "MPA", "", "", "30/06/2027", 1, ""],
    )
    client = client_as(coordinator)
    response = client.post(
        f"/plans/{draft.pk}/import/", {"workbook": upload(template)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    errors = response.context["preview"].errors
    assert [error.split(":")[0] for error in errors] == [
        "Sheet “Actions”, row 2",
        "Sheet “Actions”, row 3",
        "Sheet “Actions”, row 5",
    ]
    assert "INCONNU" in errors[0] and "31/02/2027" in errors[1] and "row 4" in errors[2]
    assert client.post(f"/plans/{draft.pk}/import/confirm/").status_code == 302
    assert not Action.objects.filter(plan=draft).exists()
    assert not Axis.objects.filter(plan=draft, code="EDU-2").exists()


def hostile(kind: str) -> SimpleUploadedFile:
    if kind == "not a workbook":
        return SimpleUploadedFile("plan.xlsx", b"PK\x03\x04 not really", XLSX)
    if kind == "zip bomb":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/huge.xml", b"0" * (50 * 1024 * 1024))
        return SimpleUploadedFile("plan.xlsx", buffer.getvalue(), XLSX)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Axes"
    sheet.append(["Axis code", "Title (French)", "Title (Arabic)", "Title (English)"])
    actions = workbook.create_sheet("Actions")
    if kind == "wrong columns":
        actions.append(["Something", "Else"])
    else:
        actions.append(
            [
                "Axis code",
                "Action code",
                "Title (French)",
                "Title (Arabic)",
                "Title (English)",
                "Lead organisation",
                "Co-owners, separated by ;",
                "Start (DD/MM/YYYY)",
                "Due date (DD/MM/YYYY)",
                "Weight (1 to 100)",
                "Description",
            ]
        )
    if kind == "formula":
        actions.append(
            ["", "A-1", '=HYPERLINK("http://evil","x")', "", "", "MPA", "", "", "30/06/2027", 1, ""]
        )
    if kind == "50,000 rows":
        for number in range(50_000):
            actions.append(
                ["", f"A-{number}", "Action", "", "", "MPA", "", "", "30/06/2027", 1, ""]
            )
    return upload(workbook)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("not a workbook", "xlsx"),
        ("zip bomb", "expands"),
        ("wrong columns", "columns"),
        ("formula", "formula"),
        ("50,000 rows", "2000"),
    ],
)
def test_a_hostile_workbook_gets_a_clear_message_never_a_500(
    client_as, coordinator, draft, kind, message
):
    response = client_as(coordinator).post(
        f"/plans/{draft.pk}/import/", {"workbook": hostile(kind)}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    preview, form = response.context["preview"], response.context["form"]
    said = " ".join(preview.errors if preview else form.errors["workbook"])
    assert message in said, said
    assert not Action.objects.filter(plan=draft).exists()


@pytest.fixture
def round_world(partner_a_org, partner_a, partner_b_org, partner_b, coordinator):
    ours = plan_world("PA", partner_a_org, reporter=partner_a)
    services.report_return(report=ours["report"], user=coordinator, comment="Compléter")
    theirs = plan_world("PB", partner_b_org, reporter=partner_b)
    reporting_round = ours["round"]
    reporting_round.plans.add(theirs["plan"])
    services.report_return(report=theirs["report"], user=coordinator, comment="Compléter")
    return ours, theirs, reporting_round


def test_a_focal_point_reports_a_round_offline(client_as, partner_a, round_world):
    ours, _theirs, reporting_round = round_world
    client = client_as(partner_a)
    template = workbook_of(client.get(f"/rounds/{reporting_round.pk}/offline/template.xlsx"))
    reports = template["Reports"]
    codes = [row[1].value for row in reports.iter_rows(min_row=2)]
    assert codes == [ours["action"].code]  # only its own actions, never partner B's
    reports["E2"], reports["F2"] = 55, "Douze classes ouvertes"
    template["Indicators"]["F2"] = 6
    preview = client.post(f"/rounds/{reporting_round.pk}/offline/", {"workbook": upload(template)})
    assert preview.context["preview"].errors == []
    assert client.post(f"/rounds/{reporting_round.pk}/offline/confirm/").status_code == 302
    report = ProgressReport.objects.filter(action=ours["action"]).latest("version")
    assert (report.state, report.progress, report.round) == (
        ReportState.SUBMITTED,
        55,
        reporting_round,
    )
    assert report.indicator_values.get().value == 6
    assert report.period == reporting_round.name


def test_another_partners_action_code_in_an_offline_workbook_is_refused(
    client_as, partner_a, round_world
):
    _ours, theirs, reporting_round = round_world
    client = client_as(partner_a)
    template = workbook_of(client.get(f"/rounds/{reporting_round.pk}/offline/template.xlsx"))
    template["Reports"].append(
        [theirs["action"].pk, theirs["action"].code, "", "", 80, "Pas à nous"]
    )
    response = client.post(
        f"/rounds/{reporting_round.pk}/offline/",
        {"workbook": upload(template)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    errors = response.context["preview"].errors
    assert len(errors) == 1 and "row 3" in errors[0]
    assert not ProgressReport.objects.filter(
        action=theirs["action"], state=ReportState.SUBMITTED
    ).exists()


def test_the_round_page_shows_the_rate_per_partner_and_reminds_the_late_ones(
    client_as, coordinator, round_world, partner_a
):
    from reminders.models import Reminder

    ours, theirs, reporting_round = round_world
    services.report_submit(
        action=ours["action"],
        user=partner_a,
        period="",
        progress=50,
        narrative="Fait",
        reporting_round=reporting_round,
    )
    client = client_as(coordinator)
    page = assert_ok(client, f"/rounds/{reporting_round.pk}/")
    rates = {rate["lead__acronym_fr"]: percent for rate, percent in page.context["rates"]}
    assert rates == {"MPA": 100, "MPB": 0}
    assert [action.code for action in page.context["late"]] == [theirs["action"].code]
    client.post(f"/rounds/{reporting_round.pk}/remind/")
    late = Reminder.objects.filter(kind="round_late")
    assert late.count() == 1
    assert late.get().person_id == theirs["responsible"].pk  # partner B's focal point, no account
