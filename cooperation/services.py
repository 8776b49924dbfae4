"""Every write to agreements, programmes, frameworks and country profiles.

An agreement's act-by date is drawn from its terms each time it is saved, and every day for
those whose date has passed (a tacit renewal locked in moves it to the next term); its
reminders follow it in the same transaction.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from reminders.services import reminders_sync

from .models import Agreement, CountryProfile, Framework, Programme
from .reminders import expected_for_agreement


@transaction.atomic
def agreement_settle(*, agreement: Agreement, today: datetime.date | None = None) -> bool:
    """Its act-by date drawn again from its terms, and its reminders following it (also after
    its parties changed, since their countries' desk officers hear of it). Whether it moved."""
    act_by = agreement.compute_act_by(today)
    moved = act_by != agreement.act_by
    if moved:
        agreement.act_by = act_by
        Agreement.objects.filter(pk=agreement.pk).update(act_by=act_by)
    reminders_sync(target=agreement, expected=expected_for_agreement(agreement))
    return moved


@transaction.atomic
def agreement_save(*, agreement: Agreement, formsets: Iterable = ()) -> Agreement:
    """A new or edited agreement with its parties; its act-by date and reminders follow."""
    agreement.full_clean(exclude=["search_text"])
    agreement.save()
    for formset in formsets:
        formset.instance = agreement
        formset.save()
    agreement_settle(agreement=agreement)
    return agreement


def agreements_refresh_act_by(*, today: datetime.date | None = None) -> int:
    """Move on the act-by dates that have passed (the daily task); how many moved."""
    today = today or timezone.localdate()
    stale = Agreement.objects.filter(act_by__lt=today)
    return sum(agreement_settle(agreement=agreement, today=today) for agreement in stale.iterator())


@transaction.atomic
def programme_save(*, programme: Programme, agreements=(), formsets: Iterable = ()) -> Programme:
    """A new or edited programme with its partners, countries and budgets."""
    programme.full_clean(exclude=["search_text"])
    programme.save()
    programme.agreements.set(agreements)
    for formset in formsets:
        formset.instance = programme
        formset.save()
    return programme


@transaction.atomic
def part_add(*, part):
    """A part of a programme (an activity, a result, a document), an indicator of a result or
    a period of an indicator, its parent already set."""
    part.full_clean()
    part.save()
    return part


@transaction.atomic
def framework_save(*, framework: Framework, formsets: Iterable = ()) -> Framework:
    framework.full_clean(exclude=["search_text"])
    framework.save()
    for formset in formsets:
        formset.instance = framework
        formset.save()
    return framework


@transaction.atomic
def country_profile_save(*, profile: CountryProfile) -> CountryProfile:
    profile.full_clean()
    profile.save()
    return profile
