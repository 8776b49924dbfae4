"""Dates as the Moroccan administration writes them in Arabic: the shapes of the French ones
(the day before the month, 24-hour times, Western digits), the months of Morocco from the
portal's catalogue (يناير … ماي … يوليوز، غشت، شتنبر … دجنبر), and the Arabic comma."""

from mra_portal.formats.fr.formats import (  # noqa: F401 - Django reads them from here
    DATE_FORMAT,
    DECIMAL_SEPARATOR,
    FIRST_DAY_OF_WEEK,
    MONTH_DAY_FORMAT,
    NUMBER_GROUPING,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    THOUSAND_SEPARATOR,
    TIME_FORMAT,
    YEAR_MONTH_FORMAT,
)

DATETIME_FORMAT = "l j F Y، H:i"
