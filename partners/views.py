from django.views.generic import DetailView, ListView

from accounts.scoping import ScopedObjectMixin

from .models import Organization


class OrganizationListView(ScopedObjectMixin, ListView):
    queryset = Organization.objects.all()
    paginate_by = 25

    def get_queryset(self):
        return super().get_queryset().by_name()


class OrganizationDetailView(ScopedObjectMixin, DetailView):
    queryset = Organization.objects.all()
