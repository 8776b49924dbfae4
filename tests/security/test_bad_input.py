"""The bad-input corpus: malformed submissions on every form and query parameter.

Each case gets a 4xx or a form error with a message, never a 5xx, and changes no saved data.
"""

import datetime
import hashlib

import pytest
from django.test import Client

from accounts.models import User
from actionplans.models import (
    Action,
    Axis,
    DueDateRevision,
    Indicator,
    IndicatorValue,
    Plan,
    ProgressReport,
    ReportingRound,
)
from actionplans.services import action_create, indicator_add
from commissions.links import answer_path, read_link
from commissions.models import (
    AgendaItem,
    Decision,
    Invitation,
    Meeting,
    Minutes,
    Objection,
    WrittenProcedure,
)
from commissions.services import meeting_record_past, minutes_save, procedure_open
from contacts.models import Person
from cooperation.models import (
    Activity,
    Agreement,
    AgreementParty,
    Budget,
    CountryProfile,
    Framework,
    IndicatorPeriod,
    Participation,
    Programme,
    RecipientCountry,
    Result,
    ResultIndicator,
)
from partners.models import Organization
from reminders.models import ReminderPreference
from studies.models import (
    Expert,
    Finding,
    Milestone,
    Mobilisation,
    Recommendation,
    Study,
    StudyDocument,
    StudyTransition,
)
from tests.actionplans.world import plan_world
from tests.cooperation.world import cooperation_world
from tests.factories import PersonFactory, UserFactory
from tests.studies.world import studies_world

from .conftest import commission_world

MALFORMED = {
    "nul": "ab\x00cd",
    "invalid-utf8": "%FF%FE%FA",
    "overlong": "x" * 10_000,
    "negative": "-1",
    "huge-number": "99999999999999999999",
    "float-overflow": "1e309",
    "sql": "' OR 1=1 --",
    "html": "<script>alert(1)</script>",
    "path": "../../etc/passwd",
    "bad-date": "2026-02-30",
    "far-date": "99999-01-01",
    "list": "[]",
    # A right-to-left override turns "txt.exe" around; a line break splits a name in a header.
    "direction-override": "Rapport\u202etxt.exe",
    "line-break": "Karim\r\nBcc: x@example.org",
}

QUERY_PARAMETERS = {
    "/partners/": ["q", "kind", "sector", "country", "active", "page"],
    "/partners/export.csv": ["q", "kind", "sector"],
    "/people/": ["q", "kind", "organization", "status", "page"],
    "/people/export.xlsx": ["q", "organization"],
    "/people/new/": ["organization"],
    "/partners/suggest/": ["organization", "responsible"],
    "/meetings/": ["commission", "period", "status", "year", "page"],
    "/meetings/calendar/": ["month"],
    "/commissions/{commission}/decisions/": [
        "q",
        "status",
        "year",
        "responsible",
        "still_open",
        "overdue",
        "page",
    ],
    "/meetings/{meeting}/": ["invitations"],
    "/commissions/{commission}/": ["members"],
    "/commissions/{commission}/decisions/export.csv": ["q", "year"],
    "/plans/": ["q", "lead", "status", "year", "sort", "page"],
    "/plans/export.csv": ["q", "lead", "year", "sort"],
    "/actions/": ["q", "lead", "plan", "status", "overdue", "decision", "page"],
    "/actions/mine/": ["q", "status", "page"],
    "/actions/overdue/export.xlsx": ["q", "plan", "decision"],
    "/rounds/": ["page"],
    "/programmes/": [
        "q",
        "country",
        "region",
        "grouping",
        "objective",
        "mode",
        "status",
        "partner",
        "framework",
        "page",
    ],
    "/programmes/iati.xml": ["country", "status", "framework", "partner"],
    "/programmes/export.xlsx": ["q", "objective", "region"],
    "/agreements/": ["q", "country", "kind", "mode", "status", "theme", "sort", "page"],
    "/agreements/to-act-on/": ["q", "sort", "page"],
    "/frameworks/": ["page"],
    "/studies/": [
        "q",
        "status",
        "theme",
        "segment",
        "country",
        "methodology",
        "visibility",
        "partner",
        "page",
    ],
    "/studies/export.csv": ["q", "country", "partner"],
    "/recommendations/": ["q", "state", "priority", "theme", "addressee", "study", "page"],
    "/recommendations/export.xlsx": ["q", "state", "study"],
    "/experts/": ["q", "area", "language", "country", "availability", "page"],
}
BOGUS_LOOKUPS = [
    "kind__regex=.*",
    "ordering=password",
    "o=-internal_notes",
    "sector__in=1,2",
    "organization__users__password__startswith=p",
    "q[]=a&q[]=b",
]

ORGANIZATION = {
    "kind": "public_institution",
    "name_fr": "Agence témoin",
    "country": "MA",
    "is_active": "on",
}
PERSON = {
    "title": "mr",
    "first_name": "Ali",
    "last_name": "Témoin",
    "kind": "focal_point",
    "emails": "ali.temoin@example.org",
    "phones": "0661076060",
    "start_date": "2026-01-05",
}
# Free text accepts any characters but NUL, up to its length limit; every other field accepts
# none of the malformed values. (A checkbox accepts anything as "ticked": it is not listed.)
FREE_TEXT = {
    "name_fr",
    "first_name",
    "last_name",
    "title",
    "delegate",
    "code",
    "title_fr",
    "title_ar",
    "title_en",
    "period",
    "reason",
    "unit",
    "name",
    "reference",
    "signed_by",
}
FREE_TEXT_CASES = ["nul", "overlong", "direction-override"]
# Free text on one line: a line break is refused too. A reason may be a paragraph.
ONE_LINE = FREE_TEXT - {"reason"}
# Minutes and decisions may be long: only a NUL character and direction controls are refused.
LONG_TEXT = {"text", "narrative", "comment", "text_fr"}


def rows(prefix: str, **first) -> dict:
    """An inline formset's management form, and its first row when given."""
    data = {
        f"{prefix}-TOTAL_FORMS": "1" if first else "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    return {**data, **{f"{prefix}-0-{name}": value for name, value in first.items()}}


MEETING_TIMES = {"starts_at": "2030-05-01T10:00", "ends_at": "2030-05-01T12:00"}
FORMS = {
    "organization": (
        "/partners/new/",
        ORGANIZATION,
        [
            "kind",
            "name_fr",
            "country",
            "website",
            "phone",
            "email",
            "parent",
            "sectors",
            "followed_by",
        ],
    ),
    "person": (
        "/people/new/",
        PERSON,
        [
            "title",
            "first_name",
            "last_name",
            "kind",
            "emails",
            "phones",
            "start_date",
            "organization",
            "end_date",
            "languages",
        ],
    ),
    "turnover": ("/people/{person}/replace/", {"on": "2026-12-01"}, ["successor", "on"]),
    "turnover to a newcomer": (
        "/people/{person}/replace/",
        {"on": "2026-12-01", "first_name": "Nadia", "last_name": "Alami"},
        ["on", "first_name", "last_name", "email"],
    ),
    "password": (
        "/accounts/password/",
        {"old_password": "x", "new_password1": "y", "new_password2": "y"},
        ["old_password"],
    ),
    "two-factor": ("/accounts/two-factor/setup/", {}, ["token"]),
    "meeting": (
        "/commissions/{commission}/meetings/new/",
        {"kind": "ordinary", **MEETING_TIMES},
        ["kind", "starts_at", "ends_at", "online_link"],
    ),
    "past meeting": (
        "/commissions/{commission}/meetings/record/",
        {"kind": "ordinary", "starts_at": "2026-11-24T10:00", "ends_at": "2026-11-24T12:00"},
        ["kind", "starts_at", "ends_at", "online_link", "present"],
    ),
    "meeting details": ("/meetings/{meeting}/edit/", {"kind": "ordinary"}, ["kind", "online_link"]),
    "postpone": ("/meetings/{meeting}/postpone/", MEETING_TIMES, ["starts_at", "ends_at"]),
    "agenda item": (
        "/meetings/{meeting}/agenda/new/",
        {"title": "Point"},
        ["title", "presenter_organization", "presenter_person", "duration_minutes"],
    ),
    "agenda item edit": (
        "/agenda-items/{agenda_item}/edit/",
        {"title": "Point"},
        [
            "title",
            "presenter_organization",
            "presenter_person",
            "duration_minutes",
            "remove_documents",
        ],
    ),
    "decision": (
        "/meetings/{meeting}/decisions/new/",
        {"text": "Décider"},
        ["text", "responsible", "due_date"],
    ),
    "answer": (
        "/invitations/{invitation}/answer/",
        {"answer": "attending", "delegate": "Karim"},
        ["answer", "delegate"],
    ),
    "answer from the email": (
        "/answer/{answer_token}/",
        {"answer": "attending", "delegate": "Karim"},
        ["answer", "delegate"],
    ),
    "attendance": ("/meetings/{meeting}/attendance/", {}, ["present"]),
    "minutes": ("/meetings/{held}/minutes/", {"text": "PV"}, ["text"]),
    "written procedure": (
        "/meetings/{draft}/minutes/circulate/",
        {"deadline": "2030-05-01T18:00", "confirm": "on"},
        ["deadline"],
    ),
    "chair's signature": (
        "/meetings/{draft}/minutes/sign/",
        {"signed_by": "Le président", "confirm": "on"},
        ["signed_by"],
    ),
    "objection": (
        "/meetings/{circulated}/minutes/review/",
        {"invitation": "{circulated_invitation}", "comment": "Le point 2 manque."},
        ["invitation", "comment"],
    ),
    # (Files posted as text are no files: the signed document is checked by the upload corpus.)
    "plan": (
        "/plans/new/",
        {
            "lead": "{partner}",
            "code": "PX",
            "title_fr": "Plan",
            "first_year": "2026",
            "last_year": "2028",
        },
        ["lead", "co_signers", "code", "title_fr", "first_year", "last_year", "signed_on"],
    ),
    "axis": ("/plans/{plan}/axes/new/", {"code": "AX-9", "title_fr": "Axe"}, ["code", "title_fr"]),
    "action": (
        "/plans/{plan}/actions/new/",
        {
            "code": "A-9",
            "title_fr": "Action",
            "lead": "{partner}",
            "due_date": "2027-06-30",
            "weight": "1",
        },
        [
            "axis",
            "code",
            "title_fr",
            "lead",
            "co_owners",
            "responsible",
            "followed_by",
            "start_date",
            "due_date",
            "weight",
        ],
    ),
    "due date": (
        "/actions/{action}/due-date/",
        {"due_date": "2027-12-31", "reason": "Budget"},
        ["due_date", "reason"],
    ),
    "indicator": (
        "/actions/{action}/indicators/new/",
        {
            "name": "Guichets",
            "unit": "guichets",
            "baseline_value": "0",
            "baseline_year": "2025",
            "target_value": "12",
            "target_date": "2027-06-30",
            "periodicity": "quarterly",
        },
        [
            "name",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_date",
            "periodicity",
        ],
    ),
    "report": (
        "/actions/{action}/report/",
        {
            "period": "2026-Q4",
            "progress": "50",
            "narrative": "Avancé",
            "indicator_{indicator}": "3",
        },
        ["period", "progress", "narrative", "indicator_{indicator}"],
    ),
    "return": ("/reports/{pending_report}/return/", {"comment": "Revoir"}, ["comment"]),
    "round": (
        "/rounds/new/",
        {"name": "2030-Q1", "deadline": "2030-03-31", "plans": "{plan}"},
        ["name", "deadline", "plans"],
    ),
    # A file posted as text is no file: each case says the workbook is missing.
    "plan import": ("/plans/{plan}/import/", {}, ["workbook"]),
    "offline report": ("/rounds/{round}/offline/", {}, ["workbook"]),
    "follow-up action": (
        "/decisions/{decision}/actions/new/",
        {"lead": "{partner}", "title_fr": "Suivi", "due_date": "2027-06-30"},
        ["lead", "title_fr", "title_ar", "title_en", "due_date", "responsible"],
    ),
    "programme": (
        "/programmes/{programme}/edit/",
        {
            "code": "PRG-X",
            "title_fr": "Programme",
            "mode": "bilateral",
            "status": "2",
            **rows("partners", organization="{partner}", role="1"),
            **rows("countries", country="ES"),
            **rows("budgets", year="2027", currency="EUR", amount="1000"),
        },
        [
            "code",
            "title_fr",
            "mode",
            "framework",
            "objectives",
            "status",
            "planned_start",
            "planned_end",
            "agreements",
            "partners-0-organization",
            "partners-0-role",
            "countries-0-country",
            "countries-0-percentage",
            "budgets-0-year",
            "budgets-0-currency",
            "budgets-0-amount",
            "budgets-0-value_date",
        ],
    ),
    "agreement": (
        "/agreements/new/",
        {
            "reference": "ACC-X",
            "title_fr": "Accord",
            "kind": "agreement",
            "mode": "bilateral",
            "status": "in_force",
            "signed_on": "2025-01-01",
            "duration_months": "36",
            "notice_months": "3",
            **rows("parties", organization="{partner}", country="ES"),
        },
        [
            "reference",
            "title_fr",
            "kind",
            "mode",
            "status",
            "themes",
            "framework",
            "amends",
            "signed_on",
            "in_force_on",
            "duration_months",
            "expires_on",
            "renewal_months",
            "notice_months",
            "parties-0-organization",
            "parties-0-country",
        ],
    ),
    "framework": (
        "/frameworks/new/",
        {"name_fr": "Cadre", "kind": "process", **rows("roles"), **rows("meetings")},
        ["name_fr", "kind", "secretariat"],
    ),
    "country profile": (
        "/countries/new/",
        {"country": "PT", "region": "europe", "grouping": "north"},
        ["country", "region", "grouping", "mra_population", "mra_population_year", "desk_officer"],
    ),
    "activity": (
        "/programmes/{programme}/activities/new/",
        {"title": "Atelier", "status": "1"},
        ["title", "starts_on", "ends_on", "status"],
    ),
    "result": ("/programmes/{programme}/results/new/", {"kind": "1", "title": "Effet"}, ["kind"]),
    "result indicator": (
        "/results/{result}/indicators/new/",
        {"title": "Bénéficiaires", "measure": "1", "baseline_year": "2025", "baseline": "0"},
        ["measure", "baseline_year", "baseline"],
    ),
    "indicator period": (
        "/result-indicators/{result_indicator}/periods/new/",
        {"starts_on": "2027-01-01", "ends_on": "2027-12-31", "target": "10", "actual": "4"},
        ["starts_on", "ends_on", "target", "actual"],
    ),
    "study": (
        "/studies/new/",
        {
            "reference": "ETU-X",
            "status": "proposed",
            "title_fr": "Étude",
            "currency": "MAD",
            "visibility": "internal",
        },
        [
            "reference",
            "status",
            "title_fr",
            "themes",
            "segments",
            "countries",
            "methodology",
            "sample_size",
            "fieldwork_countries",
            "conducted_by",
            "followed_by",
            "budget",
            "currency",
            "starts_on",
            "ends_on",
            "visibility",
            "shared_with",
        ],
    ),
    "milestone": (
        "/studies/{study}/milestones/new/",
        {"title": "Jalon", "due_on": "2026-06-01"},
        ["title", "due_on"],
    ),
    "finding": ("/studies/{study}/findings/new/", {"text_fr": "Constat"}, ["text_fr"]),
    "recommendation": (
        "/studies/{study}/recommendations/new/",
        {"text_fr": "Recommandation", "priority": "2"},
        ["text_fr", "priority", "themes", "addressees"],
    ),
    "take up": (
        "/recommendations/{recommendation}/take-up/",
        {"decisions": "{decision}"},
        ["decisions", "actions"],
    ),
    "reject": ("/recommendations/{recommendation}/reject/", {"reason": "Coût"}, ["reason"]),
    "expert": (
        "/experts/new/",
        {"person": "{person}", "areas": "law", "availability": "available"},
        ["person", "areas", "countries", "availability", "available_from"],
    ),
    "mobilisation": (
        "/experts/{expert}/mobilisations/new/",
        {"role": "researcher", "study": "{study}", "starts_on": "2026-02-01"},
        ["role", "study", "commission", "starts_on", "ends_on"],
    ),
    "reminder preferences": (
        "/notifications/preferences/",
        {"meeting_reminder-channel": "email", "meeting_reminder-lead_days": "7, 1"},
        ["meeting_reminder-channel", "meeting_reminder-lead_days"],
    ),
}


def query_cases():
    for url, parameters in QUERY_PARAMETERS.items():
        for parameter in parameters:
            for label, value in MALFORMED.items():
                yield pytest.param(
                    "GET", url, {parameter: value}, id=f"GET {url} {parameter}={label}"
                )
        for lookup in BOGUS_LOOKUPS:
            yield pytest.param("GET", f"{url}?{lookup}", {}, id=f"GET {url}?{lookup}")


def form_cases():
    for name, (url, valid, fields) in FORMS.items():
        for field in fields:
            if field in LONG_TEXT:
                labels = ["nul", "direction-override"]
            elif field in FREE_TEXT:
                labels = [*FREE_TEXT_CASES, *(["line-break"] if field in ONE_LINE else [])]
            else:
                labels = list(MALFORMED)
            for label in labels:
                data = {**valid, field: MALFORMED[label]}
                yield pytest.param("POST", url, data, id=f"{name} {field}={label}")


def snapshot() -> str:
    """A fingerprint of everything a bad submission must leave as it was."""
    models = (
        ReminderPreference,
        Organization,
        Person,
        User,
        Meeting,
        AgendaItem,
        Invitation,
        Decision,
        Minutes,
        WrittenProcedure,
        Objection,
        Plan,
        Axis,
        Action,
        DueDateRevision,
        Indicator,
        ProgressReport,
        IndicatorValue,
        ReportingRound,
        CountryProfile,
        Framework,
        Agreement,
        AgreementParty,
        Programme,
        Participation,
        RecipientCountry,
        Budget,
        Activity,
        Result,
        ResultIndicator,
        IndicatorPeriod,
        Study,
        StudyTransition,
        Milestone,
        StudyDocument,
        Finding,
        Recommendation,
        Recommendation.decisions.through,
        Recommendation.actions.through,
        Expert,
        Mobilisation,
    )
    rows = [list(model.objects.order_by("pk").values_list()) for model in models]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture
def stage(client_as, coordinator, partner_a_org, partner_b_org, ministry):
    person = PersonFactory(organization=partner_a_org)
    PersonFactory(organization=partner_b_org)
    world = commission_world("CB", ministry, partner_a_org, coordinator)
    token = answer_path(world["upcoming"].pk, person.pk).split("/")[2]
    assert read_link(token).invitation is not None  # a link that opens, so the cases count
    partner = UserFactory(organization=partner_a_org, role="focal_point")
    plans = plan_world("PA", partner_a_org, reporter=partner)
    # The world's report awaits review (the return form); a second action awaits a report.
    unreported = action_create(
        plan=plans["plan"],
        code="PA-1.2",
        title_fr="Sans rapport",
        lead=partner_a_org,
        due_date=datetime.date(2027, 6, 30),
    )
    indicator = indicator_add(
        action=unreported,
        name="Guichets",
        unit="guichets",
        baseline_value=0,
        baseline_year=2025,
        target_value=12,
        target_date=datetime.date(2027, 6, 30),
    )
    cooperation = cooperation_world("KA", partner_a_org, country="SN")
    studies = studies_world("SA", partner_a_org, user=coordinator)
    draft, circulated = (
        meeting_record_past(
            commission=world["commission"],
            starts_at=datetime.datetime(2026, 11, day, 10, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2026, 11, day, 12, tzinfo=datetime.UTC),
        )
        for day in (23, 24)
    )
    for meeting in (draft, circulated):
        minutes_save(meeting=meeting, text="Projet", user=coordinator)
    procedure_open(
        minutes=circulated.minutes,
        deadline=datetime.datetime(2030, 5, 1, 18, tzinfo=datetime.UTC),
        user=coordinator,
    )
    return client_as(coordinator), {
        "draft": draft.pk,
        "circulated": circulated.pk,
        "circulated_invitation": circulated.invitations.get().pk,
        "study": studies["study"].pk,
        "recommendation": studies["recommendation"].pk,
        "expert": studies["expert"].pk,
        "programme": cooperation["programme"].pk,
        "result": cooperation["result"].pk,
        "result_indicator": cooperation["result_indicator"].pk,
        "partner": partner_a_org.pk,
        "plan": plans["plan"].pk,
        "action": unreported.pk,
        "indicator": indicator.pk,
        "pending_report": plans["report"].pk,
        "round": plans["round"].pk,
        "decision": world["decision"].pk,
        "answer_token": token,
        "person": person.pk,
        "commission": world["commission"].pk,
        "meeting": world["upcoming"].pk,
        "held": world["meeting"].pk,
        "invitation": world["invitation"].pk,
        "agenda_item": world["agenda_item"].pk,
    }


def errors_of(context) -> list:
    """The form's errors, and those of its rows (inline formsets) when it has some. A page
    of several forms names the one that was posted."""
    errors = list((context.get("posted") or context["form"]).errors.values())
    for formset in context.get("formsets", ()):
        errors += [list(formset.non_form_errors())] if formset.non_form_errors() else []
        errors += [messages for row in formset.errors for messages in row.values()]
    return errors


def assert_refused_cleanly(response, method):
    assert response.status_code < 500, response.status_code
    if method == "POST" and response.status_code == 200:
        errors = errors_of(response.context)
        assert errors, "a bad submission was accepted"
        assert all(message for messages in errors for message in messages)


CASES = [*query_cases(), *form_cases()]


def test_the_corpus_holds_at_least_200_cases():
    assert len(CASES) >= 200


@pytest.mark.parametrize(("method", "url", "data"), CASES)
def test_bad_input_gets_a_message_never_a_500_and_changes_nothing(stage, method, url, data):
    client, objects = stage
    url = url.format(**objects)
    data = {key.format(**objects): value.format(**objects) for key, value in data.items()}
    before = snapshot()
    response = client.get(url, data) if method == "GET" else client.post(url, data)
    assert_refused_cleanly(response, method)
    assert snapshot() == before


def test_a_body_of_invalid_utf8_is_refused_with_messages(stage):
    client, _ = stage
    before = snapshot()
    response = client.post(
        "/partners/new/",
        b"kind=%FF&name_fr=%00%FE&country=%FF%FE",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"kind", "name_fr", "country"}
    assert snapshot() == before


def test_a_successor_from_another_partner_is_refused(stage, partner_b_org):
    client, objects = stage
    outsider = Person.objects.get(organization=partner_b_org)
    before = snapshot()
    response = client.post(
        f"/people/{objects['person']}/replace/confirm/",
        {"successor": outsider.pk, "on": "2026-12-01"},
    )
    assert response.status_code == 200 and response.context["form"].errors["successor"]
    assert snapshot() == before


@pytest.mark.parametrize("url", ["/partners/new/", "/people/new/", "/accounts/login/"])
def test_one_thousand_and_one_fields_get_a_400(stage, url):
    client, _ = stage
    before = snapshot()
    fields = {f"field{number}": "x" for number in range(1001)}
    response = client.post(url, fields)
    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    "url", ["/partners/new/", "/people/new/", "/accounts/login/", "/accounts/language/"]
)
def test_a_missing_csrf_token_gets_a_403_with_an_explanation(coordinator, url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    before = snapshot()
    response = client.post(url, {**ORGANIZATION, "language": "ar"})
    assert response.status_code == 403
    assert "csrf" not in response.content.decode().lower() or "<main" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "name",
    [
        "plan",
        "axis",
        "action",
        "due date",
        "indicator",
        "report",
        "return",
        "follow-up action",
        "programme",
        "agreement",
        "framework",
        "country profile",
        "activity",
        "result",
        "result indicator",
        "indicator period",
        "study",
        "milestone",
        "finding",
        "recommendation",
        "take up",
        "reject",
        "expert",
        "mobilisation",
    ],
)
def test_the_forms_accept_their_valid_submission(stage, name):
    """So that each bad case above differs from an accepted one by its one bad field."""
    client, objects = stage
    url, valid, _fields = FORMS[name]
    data = {key.format(**objects): value.format(**objects) for key, value in valid.items()}
    before = snapshot()
    response = client.post(url.format(**objects), data)
    assert response.status_code == 302, errors_of(response.context)
    assert snapshot() != before
