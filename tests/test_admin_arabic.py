"""An administrator who reads Arabic sees the whole admin in Arabic, third-party apps included:
no label may fall back to the default language (French) or to a package's English."""

import logging
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin import filters
from django.forms import ModelChoiceField
from django.urls import reverse
from django.utils import timezone, translation
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from django_otp.plugins.otp_static.models import StaticDevice
from lxml import html

from mra_portal.admin import crontab_in_words

LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Words that stay in Latin script on an Arabic page, each for a reason.
ALLOWED_WORDS = {
    "QR",  # as in "رمز QR", the code's usual name in Arabic
    "JSON",  # a format's name
    "AMQP",  # a protocol's name (celery-beat's routing options)
    "HTTP",  # a protocol's name (django-axes: "قبول HTTP")
    "IP",  # as in "عنوان IP", django-axes' own Arabic
    "GET",  # HTTP methods' names (django-axes: "GET بيانات")
    "POST",
    "UTC",  # the time standard
    "RabbitMQ",  # product names: the task queue's brokers (celery-beat's priority help)
    "Redis",
    "IATI",  # the aid transparency standard whose identifiers the portal exports
    "CFA",  # the franc's name ("فرنك CFA")
    "CIM",  # an example prefix of meeting numbers in the commission form's help
}
# Bounded by any non-Latin letter: Arabic writes "and" joined to the next word ("وRedis").
ALLOWED = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(map(re.escape, ALLOWED_WORDS)) + r")(?![A-Za-z0-9])"
)
# Codes, not words: reference numbers with digits ("ACC-ES-2019-02"), currency codes in
# parentheses ("(MAD)"), settings' names (CELERY_TASK_QUEUES), dotted paths of tasks.
CODES = re.compile(
    r"\b[A-Z]+(?:-[A-Z0-9]+)*-[0-9]+\b|\([A-Z]{3}\)|\b[A-Z]+(?:_[A-Z]+)+\b"
    r"|(?<![\w.])[a-z_]+(?:\.[a-z_][a-z0-9_]*)+"
)

# Filters whose choices are data (related rows, a column's distinct values), not labels.
DATA_FILTERS = (
    filters.RelatedFieldListFilter,
    filters.AllValuesFieldListFilter,
)


def third_party_rows(administrator):
    """One row of each celery-beat, otp and axes model, so that their change forms render."""
    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    CrontabSchedule.objects.create(minute="0", hour="8")
    SolarSchedule.objects.create(event="sunrise", latitude=34.02, longitude=-6.83)
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    PeriodicTask.objects.create(
        name="nightly", task="reminders.tasks.reconcile_reminders", interval=interval
    )
    device = StaticDevice.objects.create(user=administrator, name="backup")
    device.token_set.create(token="12345678")
    request = {
        "user_agent": "test agent",
        "ip_address": "10.0.0.1",
        "username": "someone",
        "http_accept": "text/html",
        "path_info": "/accounts/login/",
    }
    AccessAttempt.objects.create(**request, failures_since_start=2, get_data="", post_data="")
    AccessLog.objects.create(**request)
    AccessFailureLog.objects.create(**request, locked_out=False)


def admin_pages():
    """Every registered model's changelist, add form, and the change form of its first row."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        yield reverse(f"{prefix}_changelist")
        yield reverse(f"{prefix}_add")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            yield reverse(f"{prefix}_change", args=[first.pk])


def model_choice_names(context) -> set[str]:
    """The HTML names of the forms' selects of rows (their options are data, not labels)."""
    forms = []
    if context.get("adminform"):
        forms.append(context["adminform"].form)
    for inline in context.get("inline_admin_formsets") or []:
        forms.extend([*inline.formset.forms, inline.formset.empty_form])
    return {
        form[name].html_name
        for form in forms
        for name, field in form.fields.items()
        if isinstance(field, ModelChoiceField)
    }


def page_texts(response) -> list[str]:
    """The labels of a page: headings, captions, field labels and help, buttons, the options of
    choice fields, and from its context the index's names, the actions and the filters."""
    context = response.context
    tree = html.fromstring(response.content.decode())
    skipped = model_choice_names(context)
    texts = []
    for select in tree.xpath("//label//select"):  # a label around its field (the actions')
        select.getparent().remove(select)
    for element in tree.xpath(
        "//label | //th[not(ancestor::tbody[ancestor::table[@id='result_list']])]"
        " | //caption | //h1 | //h2 | //legend | //button | //div[contains(@class, 'help')]"
        " | //a[contains(concat(' ', @class, ' '), ' button ')] | //ul[@class='object-tools']//a"
    ):
        texts.append(element.text_content())
    texts.extend(tree.xpath("//input[@type='submit']/@value"))
    for option in tree.xpath("//select[not(@name='action')]/option"):
        select = option.getparent()
        text, value = option.text_content(), option.get("value") or ""
        # A code shown as itself is data: a task's path, an IANA time zone ("Africa/Casablanca").
        if select.get("name") not in skipped and text != value.replace("_", " "):
            texts.append(text)
    for app in context.get("app_list") or []:
        texts.append(str(app["name"]))
        texts.extend(str(model["name"]) for model in app["models"])
    if context.get("action_form"):
        texts.extend(str(label) for _, label in context["action_form"].fields["action"].choices)
    if context.get("cl"):
        for spec in context["cl"].filter_specs:
            texts.append(str(spec.title))
            if not isinstance(spec, DATA_FILTERS):
                texts.extend(str(choice["display"]) for choice in spec.choices(context["cl"]))
    # The object's own name heads its change form: data, not a label.
    data = {str(context.get("subtitle") or "")}
    return [text for text in texts if text not in data]


def latin(text: str) -> bool:
    text = " ".join(text.split())
    if "@" in text:  # an e-mail address
        return False
    return bool(LATIN.search(ALLOWED.sub("", CODES.sub("", text))))


def test_the_admin_has_no_label_in_latin_script_for_an_arabic_reader(
    client_as, administrator, caplog
):
    caplog.set_level(logging.ERROR, logger="django.request")  # the forbidden add forms' 403s
    administrator.language = "ar"
    administrator.save()
    client = client_as(administrator)
    third_party_rows(administrator)
    found = {}
    pages = ["/admin/", *admin_pages()]
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        if response.status_code == 403:  # an add form the portal forbids (its services add)
            continue
        assert response["Content-Language"] == "ar", url
        for text in page_texts(response):
            if latin(text):
                found.setdefault(" ".join(text.split()), url)
    report = "\n".join(f"{text!r}  ({url})" for text, url in sorted(found.items()))
    assert not found, f"{len(found)} labels in Latin script:\n{report}"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        (("*", "*"), "كل دقيقة"),
        (("*/5", "*"), "كل 5 دقائق"),
        (("30", "*"), "كل ساعة، في الدقيقة 30"),
        (("0", "8"), "كل يوم على الساعة 08:00"),
        (("0", "8", "1"), "0 8 1 * *"),
    ],
)
def test_a_crontab_is_said_in_arabic_or_shown_as_its_fields(db, fields, words):
    minute, hour, *day = fields
    crontab = CrontabSchedule(minute=minute, hour=hour, day_of_month=(day or ["*"])[0])
    with translation.override("ar"):
        assert crontab_in_words(crontab) == f"{words} ({crontab.timezone})"


def test_running_tasks_is_reported_in_arabic(client_as, administrator):
    administrator.language = "ar"
    administrator.save()
    task = PeriodicTask.objects.create(
        name="nightly",
        task="reminders.tasks.reconcile_reminders",
        interval=IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS),
    )
    response = client_as(administrator).post(
        "/admin/django_celery_beat/periodictask/",
        {"action": "run_tasks", "_selected_action": [task.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["تم تشغيل مهمة واحدة."]


def test_the_admin_date_picker_writes_the_months_of_morocco(client_as, administrator):
    administrator.language = "ar"
    administrator.save()
    catalogue = client_as(administrator).get("/admin/jsi18n/").content.decode()
    assert '"May": "\\u0645\\u0627\\u064a"' in catalogue or '"May": "ماي"' in catalogue
    assert "مايو" not in catalogue and "\\u0645\\u0627\\u064a\\u0648" not in catalogue
