"""Beat's scheduler: django-celery-beat's database scheduler, quiet while the broker is away
and prompt when beat starts.

While Redis is down, Celery's scheduler logs a traceback of some 75 lines at every tick (4,500
lines an hour); this one logs a line when the broker is lost and one when it is back. Beat's
first tick of an interval entry comes a whole interval after it starts: the reminders'
dispatch is sent at once, so that a freshly started portal sends what is due within seconds.
"""

import logging
import time

from django_celery_beat.schedulers import DatabaseScheduler

logger = logging.getLogger("mra_portal.beat")

# Entries sent as beat starts, without waiting for their interval.
AT_START = ("reminders-dispatch",)


class Scheduler(DatabaseScheduler):
    started = False
    broker_lost_at: float | None = None

    def tick(self, *args, **kwargs):
        if not self.started:
            self.started = True
            for name in AT_START:
                if entry := self.schedule.get(name):
                    self.apply_entry(entry, producer=self.producer)
        return super().tick(*args, **kwargs)

    def apply_entry(self, entry, producer=None):
        logger.debug("sending %s (%s)", entry.name, entry.task)
        try:
            self.apply_async(entry, producer=producer, advance=False)
        except Exception as error:
            if self.broker_lost_at is None:
                self.broker_lost_at = time.monotonic()
                logger.error("beat: the broker is unreachable, tasks wait for it: %s", error)
        else:
            if self.broker_lost_at is not None:
                lost_for = time.monotonic() - self.broker_lost_at
                self.broker_lost_at = None
                logger.warning("beat: the broker is back after %.0f s", lost_for)
