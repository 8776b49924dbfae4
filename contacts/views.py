from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from partners.models import Organization


@login_not_required
def ministry_contact(request):
    """The public contact page, reachable without an account; its details come from the footer's."""
    ministry = Organization.objects.filter(is_ministry=True).first()
    return render(request, "contacts/ministry_contact.html", {"ministry": ministry})
