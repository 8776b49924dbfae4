"""Horizontal bar charts drawn on the server as SVG geometry, mirrored on right-to-left pages
so that bars grow the way the page reads. Each chart has one scale: amounts in different
currencies go to different charts, never onto one axis."""

from dataclasses import dataclass

WIDTH = 480
LABEL_WIDTH = 170
VALUE_ROOM = 110  # for the value written after the bar
ROW_HEIGHT = 26
BAR_HEIGHT = 16


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    text: str
    y: int
    x: float
    width: float
    label_x: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    rtl: bool
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT + 4

    @property
    def anchor(self) -> str:
        """Labels and values are written from the side the bars start on (texts are drawn
        with direction="ltr", so that "end" means the right-hand edge)."""
        return "end" if self.rtl else "start"


def bar_chart(title: str, rows: list[tuple[str, object, str]], *, rtl: bool = False) -> BarChart:
    """rows: (label, value, the value as written); bars scaled to the largest value."""
    room = WIDTH - LABEL_WIDTH - VALUE_ROOM
    largest = max((float(value) for _, value, _ in rows), default=0) or 1
    bars = []
    for index, (label, value, text) in enumerate(rows):
        width = round(room * float(value) / largest, 1)
        y = index * ROW_HEIGHT + 4
        if rtl:
            # The label on the right, the bar growing leftwards from it, its value beyond.
            x = WIDTH - LABEL_WIDTH - width
            bars.append(Bar(label, value, text, y, x, width, WIDTH - 4, x - 4))
        else:
            bars.append(Bar(label, value, text, y, LABEL_WIDTH, width, 4, LABEL_WIDTH + width + 4))
    return BarChart(title, bars, rtl)
