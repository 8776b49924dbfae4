from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import Organization

NAME_FIELDS = ["name_fr", "name_ar", "name_en"]
ACRONYM_FIELDS = ["acronym_fr", "acronym_ar", "acronym_en"]


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = [
            "kind",
            *NAME_FIELDS,
            *ACRONYM_FIELDS,
            "parent",
            "sectors",
            "country",
            "website",
            "address",
            "phone",
            "email",
            "language",
            "is_active",
            "followed_by",
            "internal_notes",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "address": forms.Textarea(attrs={"rows": 2}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parents = Organization.objects.partners().by_name()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["followed_by"].queryset = User.objects.able_to_follow().order_by(
            "last_name", "first_name"
        )

    def clean(self):
        cleaned = super().clean()
        others = Organization.objects.exclude(pk=self.instance.pk)
        for group in (NAME_FIELDS, ACRONYM_FIELDS):
            for field in group:
                value = (cleaned.get(field) or "").strip()
                if not value:
                    continue
                same = Q()
                for candidate in group:
                    same |= Q(**{f"{candidate}__iexact": value})
                existing = others.filter(same).first()
                if existing:
                    self.add_error(
                        field,
                        _("“%(value)s” is already used by %(existing)s.")
                        % {"value": value, "existing": existing.name_fr},
                    )
        parent = cleaned.get("parent")
        ancestor = parent
        while ancestor is not None and self.instance.pk:
            if ancestor.pk == self.instance.pk:
                self.add_error("parent", _("An organisation cannot sit inside itself."))
                break
            ancestor = ancestor.parent
        return cleaned
