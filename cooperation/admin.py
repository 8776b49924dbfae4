from django.contrib import admin

from . import services
from .forms import RecipientFormSet
from .models import (
    Activity,
    Agreement,
    AgreementParty,
    Budget,
    CountryProfile,
    Framework,
    FrameworkMeeting,
    FrameworkRole,
    IndicatorPeriod,
    Participation,
    Programme,
    ProgrammeDocument,
    RecipientCountry,
    Result,
    ResultIndicator,
)


@admin.register(CountryProfile)
class CountryProfileAdmin(admin.ModelAdmin):
    list_display = ["country", "region", "grouping", "mra_population", "desk_officer"]
    list_filter = ["region", "grouping"]
    search_fields = ["country"]
    autocomplete_fields = ["desk_officer"]


class FrameworkRoleInline(admin.TabularInline):
    model = FrameworkRole
    extra = 0


class FrameworkMeetingInline(admin.TabularInline):
    model = FrameworkMeeting
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name_fr", "kind", "permanent", "secretariat"]
    list_filter = ["kind", "permanent"]
    search_fields = ["acronym", "name_fr", "name_ar", "name_en"]
    autocomplete_fields = ["secretariat"]
    inlines = [FrameworkRoleInline, FrameworkMeetingInline]


class PartyInline(admin.TabularInline):
    model = AgreementParty
    autocomplete_fields = ["organization"]
    extra = 0


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """The act-by date is drawn from the terms, as on the portal's pages, and its reminders
    follow once the parties are saved too."""

    list_display = ["reference", "title_fr", "kind", "mode", "status", "act_by"]
    list_filter = ["kind", "mode", "status", "tacit_renewal"]
    search_fields = ["reference", "title_fr", "title_ar", "title_en"]
    autocomplete_fields = ["framework", "amends"]
    readonly_fields = ["act_by"]
    date_hierarchy = "signed_on"
    inlines = [PartyInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.agreement_settle(agreement=form.instance)


class ParticipationInline(admin.TabularInline):
    model = Participation
    autocomplete_fields = ["organization"]
    extra = 0


class RecipientCountryInline(admin.TabularInline):
    model = RecipientCountry
    formset = RecipientFormSet
    extra = 0


class BudgetInline(admin.TabularInline):
    model = Budget
    extra = 0


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0


class ResultInline(admin.TabularInline):
    model = Result
    show_change_link = True
    extra = 0


class DocumentInline(admin.TabularInline):
    model = ProgrammeDocument
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "title_fr", "mode", "status", "framework", "planned_start"]
    list_filter = ["mode", "status", "framework"]
    search_fields = ["code", "title_fr", "title_ar", "title_en"]
    autocomplete_fields = ["framework", "agreements"]
    inlines = [
        ParticipationInline,
        RecipientCountryInline,
        BudgetInline,
        ActivityInline,
        ResultInline,
        DocumentInline,
    ]


class IndicatorInline(admin.TabularInline):
    model = ResultIndicator
    show_change_link = True
    extra = 0


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind"]
    search_fields = ["title", "programme__code"]
    autocomplete_fields = ["programme"]
    inlines = [IndicatorInline]


class PeriodInline(admin.TabularInline):
    model = IndicatorPeriod
    extra = 0


@admin.register(ResultIndicator)
class ResultIndicatorAdmin(admin.ModelAdmin):
    list_display = ["title", "result", "measure", "baseline_year", "baseline"]
    search_fields = ["title", "result__programme__code"]
    autocomplete_fields = ["result"]
    inlines = [PeriodInline]
