"""The GB/T 9704-2012 layout (党政机关公文格式) in one place: the page, the type area and its grid, the face,
size, alignment and colour of each element. The Word writer and the PDF writer both draw from here.

Lengths are in millimetres, type sizes in points (字号: 初号 42, 2号 22, 3号 16, 4号 14).
"""

from dataclasses import dataclass

PT_PER_MM = 72 / 25.4

PAGE_WIDTH, PAGE_HEIGHT = 210, 297  # A4
TOP, LEFT = 37, 28  # 天头 and 订口
TEXT_WIDTH, TEXT_HEIGHT = 156, 225  # 版心
BOTTOM = PAGE_HEIGHT - TOP - TEXT_HEIGHT
RIGHT = PAGE_WIDTH - LEFT - TEXT_WIDTH
LINES, CHARS = 22, 28  # 每面排22行，每行排28个字
LINE_PITCH = TEXT_HEIGHT / LINES
CHAR_PITCH = TEXT_WIDTH / CHARS

RULE_GAP = 4  # the red separator (分隔线) lies 4 mm below the number line
RULE_WIDTH = 0.5  # its thickness
RECORD_RULES = (0.35, 0.25)  # the distribution record's (版记) outer and inner rules
PAGE_NUMBER_GAP = 7  # the page number's dashes lie 7 mm below the type area

RED = (0xE6, 0x00, 0x12)
BLACK = (0, 0, 0)


@dataclass(frozen=True)
class Face:
    """A face the standard names: the font a Chinese Word installation has, and the free face on Debian the
    PDF embeds instead (no copyrighted font is shipped)."""

    word: str
    family: str
    weight: str
    package: str


FACES = {
    "xiaobiaosong": Face("方正小标宋简体", "Noto Serif CJK SC", "Bold", "fonts-noto-cjk"),
    "fangsong": Face("仿宋_GB2312", "Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
    "song": Face("宋体", "Noto Serif CJK SC", "Regular", "fonts-noto-cjk"),
}


@dataclass(frozen=True)
class Style:
    face: str
    size: float
    align: str = "left"  # left | center | right
    color: tuple = BLACK
    indent: int = 0  # first-line indent, in characters
    grid: bool = True  # on the 22-line grid; the masthead is not
    char_grid: bool = False  # set on the 28-character grid (3号 text)

    @property
    def line_height(self) -> float:
        return LINE_PITCH if self.grid else self.size / PT_PER_MM * 1.4

    @property
    def char_spacing(self) -> float:
        """Extra space after each character, in points, that puts 28 characters of 3号 on a line of 156 mm."""
        return CHAR_PITCH * PT_PER_MM - self.size if self.char_grid else 0.0


STYLES = {
    "masthead": Style("xiaobiaosong", 42, "center", RED, grid=False),  # 版头: the periodical's name
    "number": Style("fangsong", 16, "center", char_grid=True),  # 发文字号 / 期号
    "title": Style("xiaobiaosong", 22, "center"),  # 标题
    "body": Style("fangsong", 16, indent=2, char_grid=True),  # 正文
    "source": Style("fangsong", 16, "right", char_grid=True),  # an article's unit and writer
    "table": Style("fangsong", 14, "center", grid=False),
    "record": Style("fangsong", 14),  # 版记
    "page_number": Style("song", 14),  # "— 1 —", odd pages right, even pages left, one character in
}

# Punctuation that never begins a line (避头): the character before it moves down with it.
NO_LINE_START = set("，。、；：？！）》」』】〉”’…%,.;:?!)")
