"""Chinese first: every string in the catalogue is translated and the compiled catalogue matches it."""

import gettext
from pathlib import Path

import polib

import countydesk

LOCALE = Path(countydesk.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_every_message_has_a_chinese_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [e.msgid for e in catalogue if not e.translated() or e.obsolete]
    assert untranslated == []
    assert not [e.msgid for e in catalogue if "fuzzy" in e.flags]


def test_compiled_catalogue_matches_the_source():
    source = polib.pofile(str(LOCALE / "django.po"))
    with open(LOCALE / "django.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [e.msgid for e in source if not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr]
    assert stale == [], "run `make messages`"


def test_templates_and_code_have_no_untranslated_strings():
    """makemessages would find nothing new: the catalogue covers every marked string."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        import shutil

        src = Path(countydesk.__file__).parent
        copy = Path(tmp) / "countydesk"
        shutil.copytree(src, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        if shutil.which("xgettext") is None:
            import pytest

            pytest.skip("xgettext (Debian package gettext) is not installed")
        subprocess.run([sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v0"],
                       cwd=copy, check=True, env={"DJANGO_SETTINGS_MODULE": "countydesk.settings",
                                                  "PATH": "/usr/bin:/bin", "COUNTYDESK_VAR": tmp})
        fresh = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
        assert [e.msgid for e in fresh if not e.translated()] == []
