"""What other apps hear of an account: a change of what it may do ends what it was given.

`access_changed` is sent when an account's password, activity, organisation or role changes
(a password change or reset, a deactivation, a move): an app that handed the account a
standing credential, such as a calendar address, revokes it.
"""

import django.dispatch

access_changed = django.dispatch.Signal()

# What an account's access rests on: a change to any of them ends its standing credentials.
ACCESS_FIELDS = ("password", "is_active", "organization_id", "role")


def notice_access_changes(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save of the user model: compares with the stored row, unless the save names only
    other fields (a login's last_login)."""
    if raw or instance.pk is None:
        return
    names = {field.removesuffix("_id") for field in ACCESS_FIELDS}
    if update_fields is not None and not names & set(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values_list(*ACCESS_FIELDS).first()
    if before is not None and before != tuple(getattr(instance, f) for f in ACCESS_FIELDS):
        access_changed.send(sender=sender, user=instance)
