# The chair's title in three languages: the French one kept, Arabic and English added.

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("commissions", "0009_written_procedures"),
    ]

    operations = [
        migrations.RenameField("commission", "chair", "chair_fr"),
        migrations.RenameField("commissionevent", "chair", "chair_fr"),
        pgtrigger.migrations.RemoveTrigger(
            model_name="commission",
            name="snapshot_insert",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="commission",
            name="snapshot_update",
        ),
        pgtrigger.migrations.RemoveTrigger(
            model_name="commission",
            name="deleted_delete",
        ),
        migrations.AddField(
            model_name="commission",
            name="chair_ar",
            field=models.CharField(blank=True, max_length=255, verbose_name="chair (Arabic)"),
        ),
        migrations.AddField(
            model_name="commission",
            name="chair_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="chair (English)"),
        ),
        migrations.AddField(
            model_name="commissionevent",
            name="chair_ar",
            field=models.CharField(blank=True, max_length=255, verbose_name="chair (Arabic)"),
        ),
        migrations.AddField(
            model_name="commissionevent",
            name="chair_en",
            field=models.CharField(blank=True, max_length=255, verbose_name="chair (English)"),
        ),
        migrations.AlterField(
            model_name="commission",
            name="chair_fr",
            field=models.CharField(
                blank=True,
                help_text="e.g. the Head of Government.",
                max_length=255,
                verbose_name="chair (French)",
            ),
        ),
        migrations.AlterField(
            model_name="commissionevent",
            name="chair_fr",
            field=models.CharField(
                blank=True,
                help_text="e.g. the Head of Government.",
                max_length=255,
                verbose_name="chair (French)",
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="commission",
            trigger=pgtrigger.compiler.Trigger(
                name="snapshot_insert",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "commissions_commissionevent" ("active_from", "active_until", "chair_ar", "chair_en", "chair_fr", "code", "country", "id", "kind", "mandate", "name_ar", "name_en", "name_fr", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "quorum", "reminder_days", "secretariat_id") VALUES (NEW."active_from", NEW."active_until", NEW."chair_ar", NEW."chair_en", NEW."chair_fr", NEW."code", NEW."country", NEW."id", NEW."kind", NEW."mandate", NEW."name_ar", NEW."name_en", NEW."name_fr", NEW."parent_id", _pgh_attach_context(), NOW(), \'snapshot\', NEW."id", NEW."quorum", NEW."reminder_days", NEW."secretariat_id"); RETURN NULL;',
                    hash="af32a01478136fec5a2f3facfad7b956529bbe1e",
                    operation="INSERT",
                    pgid="pgtrigger_snapshot_insert_0eb4e",
                    table="commissions_commission",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="commission",
            trigger=pgtrigger.compiler.Trigger(
                name="snapshot_update",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    condition="WHEN (OLD.* IS DISTINCT FROM NEW.*)",
                    func='INSERT INTO "commissions_commissionevent" ("active_from", "active_until", "chair_ar", "chair_en", "chair_fr", "code", "country", "id", "kind", "mandate", "name_ar", "name_en", "name_fr", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "quorum", "reminder_days", "secretariat_id") VALUES (NEW."active_from", NEW."active_until", NEW."chair_ar", NEW."chair_en", NEW."chair_fr", NEW."code", NEW."country", NEW."id", NEW."kind", NEW."mandate", NEW."name_ar", NEW."name_en", NEW."name_fr", NEW."parent_id", _pgh_attach_context(), NOW(), \'snapshot\', NEW."id", NEW."quorum", NEW."reminder_days", NEW."secretariat_id"); RETURN NULL;',
                    hash="35f6eb07cc7193ab9e769939c6f07b6ecc7a68a7",
                    operation="UPDATE",
                    pgid="pgtrigger_snapshot_update_edaaa",
                    table="commissions_commission",
                    when="AFTER",
                ),
            ),
        ),
        pgtrigger.migrations.AddTrigger(
            model_name="commission",
            trigger=pgtrigger.compiler.Trigger(
                name="deleted_delete",
                sql=pgtrigger.compiler.UpsertTriggerSql(
                    func='INSERT INTO "commissions_commissionevent" ("active_from", "active_until", "chair_ar", "chair_en", "chair_fr", "code", "country", "id", "kind", "mandate", "name_ar", "name_en", "name_fr", "parent_id", "pgh_context_id", "pgh_created_at", "pgh_label", "pgh_obj_id", "quorum", "reminder_days", "secretariat_id") VALUES (OLD."active_from", OLD."active_until", OLD."chair_ar", OLD."chair_en", OLD."chair_fr", OLD."code", OLD."country", OLD."id", OLD."kind", OLD."mandate", OLD."name_ar", OLD."name_en", OLD."name_fr", OLD."parent_id", _pgh_attach_context(), NOW(), \'deleted\', OLD."id", OLD."quorum", OLD."reminder_days", OLD."secretariat_id"); RETURN NULL;',
                    hash="d4d06d251a9717f41bf40f1b25d94e35bf33c9e8",
                    operation="DELETE",
                    pgid="pgtrigger_deleted_delete_80c0d",
                    table="commissions_commission",
                    when="AFTER",
                ),
            ),
        ),
    ]
