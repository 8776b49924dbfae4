from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders.models import Reminder, State
from reminders.services import status_counts


class Command(BaseCommand):
    help = "Counts of the reminder outbox by state, and how late the oldest due one is."

    def handle(self, *args, **options):
        counts = status_counts()
        width = max(len(state) for state in counts)
        for state, total in counts.items():
            self.stdout.write(f"{state:<{width}}  {total}")
        oldest = Reminder.objects.due(timezone.now()).order_by("next_attempt_at").first()
        if oldest:
            late = timezone.now() - oldest.next_attempt_at
            self.stdout.write(
                f"oldest due: {oldest.next_attempt_at:%Y-%m-%d %H:%M} UTC ({late} late)"
            )
        dead = counts[State.DEAD]
        if dead:
            self.stdout.write(self.style.WARNING(f"{dead} dead letters: see the admin"))
