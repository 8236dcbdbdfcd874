"""The faces a PDF embeds, found on the server without network and cut down to the document's characters.

Debian's Noto CJK faces have CFF outlines. Embedded as they are (fpdf2 writes them with an embedded
encoding CMap), pdfminer and pypdf cannot read the text back, nor can some readers copy it; so each
subset is given TrueType outlines (fontTools' cu2qu, within one unit of the 1000-unit em) and embedded as
an ordinary Identity-H TrueType font.
"""

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, TTLibError, newTable

from countydesk.base.errors import Unavailable

from .layout import FACES

FONT_SUFFIXES = {".ttc", ".otc", ".otf", ".ttf"}
# Tables a PDF's horizontal text does not use; dropping them keeps subsetting CJK faces under a second.
UNUSED_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG"]


def _names(font: TTFont) -> tuple[str, str]:
    name = font["name"]
    family = name.getDebugName(16) or name.getDebugName(1)
    return family, name.getDebugName(17) or name.getDebugName(2)


def _members(path: Path):
    """(index, family, weight) of each face in a font file; a file fontTools cannot read has none."""
    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            fonts = TTCollection(str(path), lazy=True).fonts
        else:
            fonts = [TTFont(str(path), lazy=True)]
        return [(i, *_names(font)) for i, font in enumerate(fonts)]
    except (TTLibError, OSError, KeyError, AssertionError):
        return []


def locate(face_key: str) -> tuple[str, int]:
    """The file and collection index of a face: the path GBT9704_FONTS names for it, or the first font file
    under GBT9704_FONT_DIRS with its family and weight. A missing face is a clear error naming its package."""
    dirs = tuple(Path(d) for d in settings.GBT9704_FONT_DIRS)
    return _locate(face_key, settings.GBT9704_FONTS.get(face_key), dirs)


@lru_cache(maxsize=None)
def _locate(face_key: str, override: str | None, dirs: tuple[Path, ...]) -> tuple[str, int]:
    face = FACES[face_key]
    candidates = [Path(override)] if override else sorted(
        p for d in dirs if d.is_dir() for p in d.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
    for path in candidates:
        for index, family, weight in _members(path):
            if override or (family, weight) == (face.family, face.weight):
                return str(path), index
    raise Unavailable(_("PDF documents need the font %(font)s, which is not installed on this server "
                        "(Debian package %(package)s).")
                      % {"font": override or f"{face.family} {face.weight}", "package": face.package})


def embeddable(face_key: str, characters: set[str]) -> bytes:
    """The face cut down to `characters`, with TrueType outlines."""
    path, index = locate(face_key)
    font = TTFont(path, fontNumber=index, lazy=True)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.drop_tables += UNUSED_TABLES
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in characters})
    subsetter.subset(font)
    if "CFF " in font:
        _to_quadratic(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


def _to_quadratic(font: TTFont):
    """Replace CFF outlines by TrueType ones (fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion, maxp.maxZones = 0x00010000, 1
    for attribute in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                      "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attribute, 0)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
