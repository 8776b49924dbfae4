"""Directory search that ignores case, Latin accents and Arabic spelling variants.

The same folding runs in Python on what the user types and in PostgreSQL (a generated
column), so `ministere` finds `Ministère` and `الداخليه` finds `الداخلية`. It needs no
database extension: the embedded PostgreSQL has no `unaccent`.
"""

from django.db import models
from django.db.models import Func, Q, TextField, Value
from django.db.models.functions import Concat, Lower

_LATIN = (
    "àáâãäåÀÁÂÃÄÅ",
    "aaaaaaaaaaaa",
    "çÇ",
    "cc",
    "èéêëÈÉÊË",
    "eeeeeeee",
    "ìíîïÌÍÎÏ",
    "iiiiiiii",
    "ñÑ",
    "nn",
    "òóôõöÒÓÔÕÖ",
    "oooooooooo",
    "ùúûüÙÚÛÜ",
    "uuuuuuuu",
    "ýÿÝ",
    "yyy",
    "\u2019\u2018`",  # typographic apostrophes and the backtick
    "'''",
)
# Alef forms, alef maqsura, ta marbuta, hamza seats.
_ARABIC = ("أإآٱىةؤئ", "اااايهوي")
# Removed: tashkeel (fathatan to sukun, superscript alef) and tatweel.
_ARABIC_REMOVED = "ًٌٍَُِّْٰـ"

FOLD_FROM = "".join(_LATIN[0::2]) + _ARABIC[0] + _ARABIC_REMOVED
FOLD_TO = "".join(_LATIN[1::2]) + _ARABIC[1]
_TABLE = str.maketrans(FOLD_FROM[: len(FOLD_TO)], FOLD_TO, FOLD_FROM[len(FOLD_TO) :])


def fold(text: str) -> str:
    return text.translate(_TABLE).lower()


class Translate(Func):
    """PostgreSQL's translate(): immutable, so usable in a generated column."""

    function = "translate"
    output_field = TextField()

    def __init__(self, expression, source: str, target: str):
        super().__init__(expression, Value(source), Value(target))


def folded(*fields: str):
    """The expression behind a search column: the fields, joined, folded like fold()."""
    parts = []
    for field in fields:
        parts += [field, Value(" ")]
    return Lower(Translate(Concat(*parts, output_field=TextField()), FOLD_FROM, FOLD_TO))


def matches_words(query: str, field: str = "search_text") -> Q:
    """Every typed word must appear, in any order and any of the searched fields."""
    condition = Q()
    for word in fold(query).split():
        condition &= Q(**{f"{field}__contains": word})
    return condition


def search_column(*fields: str) -> models.GeneratedField:
    """The model's search_text: its searched fields, folded, kept up to date by PostgreSQL."""
    return models.GeneratedField(
        expression=folded(*fields), output_field=models.TextField(), db_persist=True
    )


class SearchableQuerySet(models.QuerySet):
    def search(self, query: str):
        return self.filter(matches_words(query))
