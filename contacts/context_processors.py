from django.utils.functional import SimpleLazyObject

from .models import MinistryContact


def ministry_contact(request):
    """The footer's contact details, read only by pages that render them."""
    return {"ministry_contact": SimpleLazyObject(MinistryContact.objects.first)}
