import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po"))


def key(entry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def test_there_is_a_catalogue_for_arabic_and_french():
    assert {path.parent.parent.name for path in CATALOGUES} == {"ar", "fr"}
    assert [code for code, _ in settings.LANGUAGES] == ["ar", "fr", "en"]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.metadata_is_fuzzy
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert [entry.msgid for entry in catalogue.obsolete_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parent.parent.name)
def test_the_compiled_catalogue_matches_its_source(path):
    source = polib.pofile(str(path))
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    expected = {key(e): (e.msgstr, e.msgstr_plural) for e in source.translated_entries()}
    actual = {key(e): (e.msgstr, e.msgstr_plural) for e in compiled if e.msgid}
    assert actual == expected, "run `make messages` to recompile the catalogues"


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed: the catalogues' coverage of the source is not checked",
)
def test_every_string_in_the_source_is_in_the_catalogues(tmp_path):
    """New strings must reach the catalogues: extract them afresh and compare."""
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "staticfiles", "node_modules"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete"],
        cwd=copy,
        env={**os.environ},
        check=True,
        capture_output=True,
    )
    extracted = {key(e) for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    for path in CATALOGUES:
        catalogue = {key(e) for e in polib.pofile(str(path))}
        missing = sorted(msgid for _, msgid in extracted - catalogue)
        assert missing == [], f"run `make messages` and translate: {path}"


# The names makemessages extracts (xgettext's keywords as Django passes them), plus `_`.
EXTRACTED_NAMES = {
    "_",
    "gettext",
    "gettext_lazy",
    "gettext_noop",
    "ngettext",
    "ngettext_lazy",
    "pgettext",
    "pgettext_lazy",
    "npgettext",
    "npgettext_lazy",
}


def test_translation_functions_keep_names_that_makemessages_extracts():
    """A string marked with `gettext_lazy as _lazy` silently leaves the catalogues."""
    import re

    renamed = re.compile(r"from django\.utils\.translation import .*\bas (\w+)")
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in ROOT.glob("*/**/*.py")
        if ".venv" not in path.parts
        for name in renamed.findall(path.read_text())
        if name not in EXTRACTED_NAMES
    ]
    assert offenders == []
