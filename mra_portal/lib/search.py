"""Directory search that ignores case, Latin accents and Arabic spelling variants.

The same folding runs in Python on what the user types and in PostgreSQL (a generated
column), so `ministere` finds `Ministère` and `الداخليه` finds `الداخلية`. It needs no
database extension: the embedded PostgreSQL has no `unaccent`.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection, models
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


# Full-text search ---------------------------------------------------------------------------
# Each language's text is indexed with its own PostgreSQL configuration (stemming, stop words),
# after the same folding as above, so that accents and case never stop a match.
TEXT_CONFIGS = {"fr": "french", "en": "english", "ar": "arabic"}


def text_vector(weight: str, *fields: str, config: str = "") -> SearchVector:
    """The folded fields, weighted: under `config`, or under each language's configuration when
    the fields are the stems of `<field>_fr`, `_ar` and `_en`."""
    if config:
        return SearchVector(folded(*fields), config=config, weight=weight)
    vectors = [
        SearchVector(folded(*(f"{field}_{code}" for field in fields)), config=name, weight=weight)
        for code, name in TEXT_CONFIGS.items()
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def text_search_column(vector) -> models.GeneratedField:
    """A tsvector kept up to date by PostgreSQL; index it with GinIndex(fields=[name])."""
    return models.GeneratedField(
        expression=vector, output_field=SearchVectorField(), db_persist=True
    )


def text_query(query: str) -> SearchQuery:
    """What the user typed (web-search syntax: quotes, `or`, `-`), folded and parsed in the three
    languages: a match in any of them counts."""
    folded_query = fold(query)
    combined = None
    for name in TEXT_CONFIGS.values():
        parsed = SearchQuery(folded_query, config=name, search_type="websearch")
        combined = parsed if combined is None else combined | parsed
    return combined


def query_lexemes(query: str) -> list[str]:
    """The stems PostgreSQL searches for (in the three languages), to mark them in snippets."""
    folded_query = fold(query)
    vectors = " || ".join(f"to_tsvector('{name}', %s)" for name in TEXT_CONFIGS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tsvector_to_array({vectors})",  # the configurations are ours, not typed
            [folded_query] * len(TEXT_CONFIGS),
        )
        return [lexeme for lexeme in cursor.fetchone()[0] if len(lexeme) > 1]


SNIPPET_WORDS = 30


def snippet(text: str, lexemes: list[str], words: int = SNIPPET_WORDS) -> list[tuple[str, bool]]:
    """About `words` words of `text` around its first match, as (piece, matched) pairs for the
    template to mark, or [] when nothing matches. Matching folds like the search: a word
    matches when its folded form starts with a searched stem; its punctuation stays unmarked.
    Only the words up to the first match and those shown are read (a report runs long)."""
    stems = tuple(lexemes)

    def parts(token: str) -> tuple[str, str, str, bool]:
        before, word, after = PUNCTUATED.fullmatch(token).groups()
        return before, word, after, bool(stems) and fold(word).startswith(stems)

    tokens = text.split()
    first = next((i for i, token in enumerate(tokens) if parts(token)[3]), None)
    if first is None:
        return []
    start = max(0, first - words // 3)
    pieces = [("… ", False)] if start > 0 else []
    for before, word, after, hit in map(parts, tokens[start : start + words]):
        pieces += [(before, False), (word, hit), (after + " ", False)]
    if start + words < len(tokens):
        pieces.append(("…", False))
    return [piece for piece in pieces if piece[0]]


# A token of text: its leading punctuation, its word, its trailing punctuation.
PUNCTUATED = re.compile(r"(\W*)(.*?)(\W*)", re.S)
