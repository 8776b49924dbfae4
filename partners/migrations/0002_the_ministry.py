from django.db import migrations


def create_ministry(apps, schema_editor):
    Organization = apps.get_model("partners", "Organization")
    Organization.objects.get_or_create(
        is_ministry=True,
        defaults={
            "kind": "ministerial_department",
            "name_fr": "Ministère chargé des Marocains Résidant à l'Étranger "
            "et des Affaires de la Migration",
            "name_ar": "الوزارة المكلفة بالمغاربة المقيمين بالخارج وشؤون الهجرة",
            "name_en": "Ministry in charge of Moroccans Residing Abroad and Migration Affairs",
            "acronym_fr": "MCMREAM",
        },
    )


class Migration(migrations.Migration):
    """Every ministry user belongs to the ministry, so it exists from the start."""

    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(create_ministry, migrations.RunPython.noop)]
