import datetime

from django.db import migrations


def create_contact_details(apps, schema_editor):
    MinistryContact = apps.get_model("contacts", "MinistryContact")
    if not MinistryContact.objects.exists():
        MinistryContact.objects.create(
            address_fr="Angle Rue Al Mariniyine et Rue Kssar Essouk, Hassan, Rabat",
            address_ar="زاوية شارع المرينيين وشارع قصر السوق، حسان، الرباط",
            address_en="Corner of Rue Al Mariniyine and Rue Kssar Essouk, Hassan, Rabat",
            switchboard_1="+212537776564",
            switchboard_2="+212537776588",
            standing_service_phone="+212661076060",
            standing_service_opens=datetime.time(16, 30),
            standing_service_closes=datetime.time(18, 30),
            fax="+212537770006",
        )


class Migration(migrations.Migration):
    """The ministry's published contact details (DESIGN.md), editable afterwards in the admin."""

    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(create_contact_details, migrations.RunPython.noop)]
