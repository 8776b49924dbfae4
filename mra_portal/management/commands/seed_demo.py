from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load the demo data (idempotent): every app's demo.seed(), in dependency order."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Create the demo users (password demo-pass-2026) even when DEBUG is off.",
        )

    def handle(self, *args, allow_demo_users: bool = False, **options):
        if not settings.DEBUG and not allow_demo_users:
            raise CommandError(
                "DEBUG is off: demo users with a public password would be created. "
                "Pass --allow-demo-users if this really is a demo server."
            )
        with transaction.atomic():
            # INSTALLED_APPS lists the apps in the order of their dependencies.
            for config in apps.get_app_configs():
                if module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").seed(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
