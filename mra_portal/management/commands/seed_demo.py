import random
import time
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.module_loading import module_has_submodule
from pghistory.models import Event

# The same scale always grows the same data.
GROWTH_SEED = 2026


def demo_modules():
    """Every app's demo module, in the order of INSTALLED_APPS, which is that of dependencies."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            yield config, import_module(f"{config.name}.demo")


class Command(BaseCommand):
    help = (
        "Load the demo data (idempotent): every app's demo.seed(), in dependency order. "
        "--scale N adds N tenths of ten years of the ministry's work, in bulk, for measuring."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Create the demo users (password demo-pass-2026) even when DEBUG is off.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            choices=range(1, 101),
            metavar="N",
            help="1 (the default) is the demo; 10 adds about ten years of work to it.",
        )

    def handle(self, *args, allow_demo_users: bool = False, scale: int = 1, **options):
        if not settings.DEBUG and not allow_demo_users:
            raise CommandError(
                "DEBUG is off: demo users with a public password would be created. "
                "Pass --allow-demo-users if this really is a demo server."
            )
        with transaction.atomic():
            for _config, demo in demo_modules():
                demo.seed(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
        if scale > 1:
            self.grow(scale)

    def grow(self, scale: int) -> None:
        started = time.monotonic()
        rng = random.Random(GROWTH_SEED)  # noqa: S311 - demo data, not secrets
        with transaction.atomic():
            for _config, demo in demo_modules():
                if hasattr(demo, "grow"):
                    demo.grow(scale=scale, rng=rng, log=self.stdout.write)
        # What autovacuum would do in its own time after a bulk load: the planner's statistics,
        # and the visibility map that lets counts read an index alone. VACUUM cannot run in a
        # transaction (a test's): there, the statistics only.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        counts = [
            f"{model._meta.label} {model.objects.count():,}"
            for config in apps.get_app_configs()
            if config.name in settings.PROJECT_APPS
            for model in config.get_models()
            if not issubclass(model, Event)  # the audit trail's copies
        ]
        self.stdout.write(", ".join(counts))
        self.stdout.write(
            self.style.SUCCESS(f"Scale {scale} is in place ({time.monotonic() - started:.0f} s).")
        )
