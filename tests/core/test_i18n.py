"""Chinese first: every string in the catalogue is translated and the compiled catalogue matches it."""

import gettext
from pathlib import Path

import polib

import countydesk

import pytest

PACKAGE = Path(countydesk.__file__).parent
LOCALE = PACKAGE / "locale" / "zh_Hans" / "LC_MESSAGES"
# The project catalogue and each app's own (apps may keep a locale/ folder of their own).
CATALOGUES = sorted(PACKAGE.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_message_has_a_chinese_translation(po):
    catalogue = polib.pofile(str(po))
    untranslated = [e.msgid for e in catalogue if not e.translated() or e.obsolete]
    assert untranslated == []
    assert not [e.msgid for e in catalogue if "fuzzy" in e.flags]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_compiled_catalogue_matches_the_source(po):
    source = polib.pofile(str(po))
    with open(po.with_suffix(".mo"), "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    def looked_up(e):
        return compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt else compiled.gettext(e.msgid)

    stale = [e.msgid for e in source if not e.msgid_plural and looked_up(e) != e.msgstr]
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
        in_app_catalogues = {e.msgid for po in CATALOGUES for e in polib.pofile(str(po)) if e.translated()}
        assert [e.msgid for e in fresh if not e.translated() and e.msgid not in in_app_catalogues] == []
