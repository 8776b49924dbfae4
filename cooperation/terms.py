"""An agreement's terms in time: when its current term ends, and the act-by date, the last day
to denounce or renew it before the next tacit renewal or its expiry.

Terms run from the entry into force (or the signature) for a duration in months, and end the
day before the anniversary: five years from 1 March 2021 end on 28 February 2026. A notice
period of N months means notice must reach the other parties N months before that end.
"""

import calendar
import datetime
from dataclasses import dataclass

DAY = datetime.timedelta(days=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day N months later (or earlier), on the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Terms:
    starts_on: datetime.date | None  # entry into force, else signature
    expires_on: datetime.date | None = None  # the first term's last day, when written down
    duration_months: int | None = None  # else the first term's length
    tacit_renewal: bool = False
    renewal_months: int | None = None  # each renewal's length; the first term's when empty
    notice_months: int = 0

    def first_end(self) -> datetime.date | None:
        if self.expires_on:
            return self.expires_on
        if self.starts_on and self.duration_months:
            return add_months(self.starts_on, self.duration_months) - DAY
        return None

    def renewal_length(self) -> int | None:
        if self.renewal_months:
            return self.renewal_months
        if self.duration_months:
            return self.duration_months
        if self.starts_on and self.expires_on:
            anniversary = self.expires_on + DAY
            months = (anniversary.year - self.starts_on.year) * 12
            return max(months + anniversary.month - self.starts_on.month, 1)
        return None

    def act_by_for(self, end: datetime.date) -> datetime.date:
        """The last day to give notice before a term ending on `end`."""
        return add_months(end, -self.notice_months) if self.notice_months else end

    def current_end(self, today: datetime.date) -> datetime.date | None:
        """The end of the term in which a decision can still be taken on `today`: a tacitly
        renewed term whose act-by date has passed is already locked in, so the next one counts.
        None when the agreement runs without end, or has expired without renewal."""
        end = self.first_end()
        if end is None:
            return None
        length = self.renewal_length()
        if not self.tacit_renewal or length is None:
            return end if end >= today else None
        while self.act_by_for(end) < today:
            end = add_months(end + DAY, length) - DAY
        return end

    def next_act_by(self, today: datetime.date) -> datetime.date | None:
        """The act-by date ahead (today included), or None when there is nothing to act on.
        Without renewal, an agreement whose notice date has passed can still be renewed by
        negotiation until it expires: its act-by is then its expiry."""
        end = self.current_end(today)
        if end is None:
            return None
        act_by = self.act_by_for(end)
        return act_by if act_by >= today else end
