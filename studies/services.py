"""Every write to studies, their milestones, documents, findings and recommendations, and to
the roster of experts.

A study moves along its pipeline one step at a time, each step recorded with its date and
author; its milestones' reminders follow its status and its officer in the same transaction.
Numbers (findings, recommendations, document versions) are drawn under a lock on the study.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reminders.services import reminders_sync

from .extract import text_of
from .models import (
    Expert,
    Finding,
    Milestone,
    Mobilisation,
    Recommendation,
    Study,
    StudyDocument,
    StudyStatus,
    StudyTransition,
    Uptake,
)
from .reminders import expected_for_milestone


def _locked(study: Study) -> Study:
    return Study.objects.select_for_update().get(pk=study.pk)


def _open_for_additions(study: Study) -> Study:
    """The study, locked; an archived study takes nothing more."""
    study = _locked(study)
    if not study.takes_additions:
        raise ValidationError(
            _("Study %(reference)s is archived: it takes nothing more.")
            % {"reference": study.reference}
        )
    return study


def _next_number(rows, field: str) -> int:
    return (rows.aggregate(top=Max(field))["top"] or 0) + 1


def study_milestones_sync(*, study: Study) -> None:
    """Its milestones' reminders, after its status or officer changed."""
    for milestone in study.milestones.select_related("study__followed_by"):
        reminders_sync(target=milestone, expected=expected_for_milestone(milestone))


@transaction.atomic
def study_save(*, study: Study, shared_with: Iterable = (), user=None) -> Study:
    """A new or edited study; a new one starts its pipeline, recorded as its first step."""
    created = study.pk is None
    if created and study.followed_by is None and user is not None and user.edits_what_they_follow:
        # An officer who records a study is in charge of it, so that they may go on editing it.
        study.followed_by = user
    study.full_clean(exclude=["search_text", "search_vector"])
    study.save()
    study.shared_with.set(shared_with)
    if created:
        StudyTransition.objects.create(study=study, to_status=study.status, by=user)
    else:
        study_milestones_sync(study=study)
    return study


@transaction.atomic
def study_advance(*, study: Study, to_status: str, user, note: str = "") -> Study:
    """The next step of the pipeline, or archived; anything else is refused."""
    study = _locked(study)
    archiving = to_status == StudyStatus.ARCHIVED and study.can_be_archived
    if to_status != study.next_status and not archiving:
        if study.next_status:
            message = _("A study moves one step at a time: from “%(now)s” it goes to “%(next)s”.")
        else:
            message = _("Study %(reference)s is “%(now)s”: it moves no further.")
        raise ValidationError(
            message
            % {
                "now": study.get_status_display(),
                "next": study.get_next_status_display(),
                "reference": study.reference,
            }
        )
    StudyTransition.objects.create(
        study=study, from_status=study.status, to_status=to_status, by=user, note=note
    )
    study.status = to_status
    study.save(update_fields=["status", "updated_at"])
    study_milestones_sync(study=study)
    return study


@transaction.atomic
def milestone_save(*, milestone: Milestone) -> Milestone:
    _open_for_additions(milestone.study)
    milestone.full_clean()
    milestone.save()
    reminders_sync(target=milestone, expected=expected_for_milestone(milestone))
    return milestone


@transaction.atomic
def milestone_mark_done(*, milestone: Milestone, on: datetime.date | None = None) -> Milestone:
    if milestone.done_on is not None:
        raise ValidationError(_("This milestone is already marked done."))
    milestone.done_on = on or timezone.localdate()
    milestone.save(update_fields=["done_on"])
    reminders_sync(target=milestone, expected=expected_for_milestone(milestone))
    return milestone


@transaction.atomic
def document_add(*, document: StudyDocument, user=None) -> StudyDocument:
    """A new version of one kind of document of a study (its first is version 1), with its
    text kept for search."""
    _open_for_additions(document.study)
    document.version = _next_number(
        StudyDocument.objects.filter(study=document.study, kind=document.kind), "version"
    )
    document.uploaded_by = user
    document.full_clean(exclude=["search_vector"])
    document.text = text_of(document.file)
    document.save()
    return document


@transaction.atomic
def finding_add(*, finding: Finding) -> Finding:
    _open_for_additions(finding.study)
    finding.position = _next_number(Finding.objects.filter(study=finding.study), "position")
    finding.full_clean(exclude=["search_vector"])
    finding.save()
    return finding


@transaction.atomic
def recommendation_save(
    *, recommendation: Recommendation, addressees: Iterable = ()
) -> Recommendation:
    if recommendation.pk is None:
        _open_for_additions(recommendation.study)
        recommendation.number = _next_number(
            Recommendation.objects.filter(study=recommendation.study), "number"
        )
    recommendation.full_clean(exclude=["search_vector"])
    recommendation.save()
    recommendation.addressees.set(addressees)
    return recommendation


@transaction.atomic
def recommendation_take_up(
    *, recommendation: Recommendation, decisions: Iterable = (), actions: Iterable = ()
) -> Recommendation:
    """The decisions and actions that take it up, added to those already linked."""
    decisions, actions = list(decisions), list(actions)
    if not recommendation.may_be_taken_up:
        raise ValidationError(_("A rejected recommendation cannot be taken up."))
    if not decisions and not actions:
        raise ValidationError(_("Choose at least one decision or action that takes it up."))
    linked = set(recommendation.decisions.all()) | set(recommendation.actions.all())
    if any(not decision.is_open for decision in decisions if decision not in linked) or any(
        action.is_closed for action in actions if action not in linked
    ):
        raise ValidationError(_("A closed decision or action cannot take up a recommendation."))
    recommendation.decisions.add(*decisions)
    recommendation.actions.add(*actions)
    if recommendation.uptake != Uptake.TAKEN_UP:
        recommendation.uptake = Uptake.TAKEN_UP
        recommendation.uptake_on = timezone.localdate()
        recommendation.save(update_fields=["uptake", "uptake_on"])
    return recommendation


@transaction.atomic
def recommendation_reject(*, recommendation: Recommendation, reason: str) -> Recommendation:
    if not recommendation.may_be_rejected:
        raise ValidationError(_("Only a pending recommendation can be rejected."))
    if not reason.strip():
        raise ValidationError(_("Say why the recommendation is rejected."))
    recommendation.uptake = Uptake.REJECTED
    recommendation.uptake_on = timezone.localdate()
    recommendation.rejection_reason = reason.strip()
    recommendation.save(update_fields=["uptake", "uptake_on", "rejection_reason"])
    return recommendation


@transaction.atomic
def expert_save(*, expert: Expert) -> Expert:
    expert.full_clean()
    expert.save()
    return expert


@transaction.atomic
def mobilisation_add(*, mobilisation: Mobilisation) -> Mobilisation:
    mobilisation.full_clean()
    mobilisation.save()
    return mobilisation
