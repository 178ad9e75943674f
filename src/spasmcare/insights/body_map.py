"""A simple body outline, front and back, drawn with matplotlib patches and shaded by count.

Each region is a shape on the outline; its count is printed on it, so the map reads without
colour. Regions without a place of their own (legs, whole body) are listed under the figure.
"""

from __future__ import annotations

from typing import Final

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyBboxPatch, Patch

Box = tuple[float, float, float, float]
"""x, y, width, height in a 10 x 20 frame (feet at the bottom)."""

OUTLINE: Final[dict[str, Box]] = {
    "torso": (3.2, 9.0, 3.6, 6.0),
    "left_arm": (1.6, 8.2, 1.3, 6.6),
    "right_arm": (7.1, 8.2, 1.3, 6.6),
    "left_leg": (3.3, 0.6, 1.6, 8.6),
    "right_leg": (5.1, 0.6, 1.6, 8.6),
}
FRONT: Final[dict[str, tuple[Box, ...]]] = {
    "face": ((4.3, 16.6, 1.4, 1.6),),
    "jaw": ((4.4, 16.0, 1.2, 0.6),),
    "neck": ((4.5, 15.0, 1.0, 1.0),),
    "shoulder": ((3.0, 14.0, 1.2, 1.0), (5.8, 14.0, 1.2, 1.0)),
    "chest": ((3.6, 12.4, 2.8, 1.6),),
    "abdomen": ((3.8, 10.6, 2.4, 1.8),),
    "groin": ((4.2, 9.0, 1.6, 1.2),),
    "hip": ((3.2, 9.2, 0.9, 1.2), (5.9, 9.2, 0.9, 1.2)),
    "arm": ((1.6, 11.6, 1.3, 2.6), (7.1, 11.6, 1.3, 2.6)),
    "forearm": ((1.6, 9.4, 1.3, 2.2), (7.1, 9.4, 1.3, 2.2)),
    "hand": ((1.6, 8.2, 1.3, 1.2), (7.1, 8.2, 1.3, 1.2)),
    "thigh": ((3.3, 5.8, 1.6, 3.0), (5.1, 5.8, 1.6, 3.0)),
    "knee": ((3.3, 4.8, 1.6, 1.0), (5.1, 4.8, 1.6, 1.0)),
    "shin": ((3.3, 1.6, 1.6, 3.2), (5.1, 1.6, 1.6, 3.2)),
    "foot": ((3.3, 0.6, 1.6, 1.0), (5.1, 0.6, 1.6, 1.0)),
}
BACK: Final[dict[str, tuple[Box, ...]]] = {
    "head": ((4.3, 16.6, 1.4, 1.6),),
    "neck": ((4.5, 15.0, 1.0, 1.0),),
    "upper_back": ((3.6, 12.4, 2.8, 2.2),),
    "flank": ((3.2, 10.6, 0.6, 1.8), (6.2, 10.6, 0.6, 1.8)),
    "lower_back": ((3.8, 10.6, 2.4, 1.8),),
    "buttock": ((3.3, 9.0, 1.6, 1.6), (5.1, 9.0, 1.6, 1.6)),
    "calf": ((3.3, 1.6, 1.6, 3.2), (5.1, 1.6, 1.6, 3.2)),
}
ELSEWHERE: Final = ("legs", "whole_body")


def draw(figure: Figure, counts: dict[str, int], colour_of: object) -> list[str]:
    """Draw the front and back views on ``figure``; returns the lines listing other regions."""
    most = max(counts.values(), default=0)
    front, back = figure.subplots(1, 2)
    _view(front, "Front", FRONT, counts, most, colour_of)
    _view(back, "Back", BACK, counts, most, colour_of)
    return [f"{r.replace('_', ' ')}: {counts[r]}" for r in ELSEWHERE if counts.get(r)]


def _view(
    ax: Axes, title: str, places: dict[str, tuple[Box, ...]], counts: dict[str, int], most: int,
    colour_of: object,
) -> None:  # fmt: skip
    ax.set_xlim(0.5, 9.5)
    ax.set_ylim(0, 19)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title)
    ax.add_patch(Ellipse((5, 17.4), 1.8, 2.2, fill=False, linewidth=1.5, edgecolor="black"))
    for x, y, w, h in OUTLINE.values():
        ax.add_patch(_shape(x, y, w, h, facecolor="white", edgecolor="black", linewidth=1.5))
    for region, boxes in places.items():
        n = counts.get(region, 0)
        colour = colour_of(n / most) if n and most and callable(colour_of) else "none"
        for x, y, w, h in boxes:
            ax.add_patch(_shape(x, y, w, h, facecolor=colour, edgecolor="#555555",
                                linewidth=0.6, hatch="" if n else None))  # fmt: skip
        if n:
            x, y, w, h = boxes[0]
            dark = n / most > 0.5
            ax.text(x + w / 2, y + h / 2, str(n), ha="center", va="center", fontsize=8,
                    color="black" if dark else "white", fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white" if dark else "black",
                          "alpha": 0.8, "linewidth": 0})  # fmt: skip


def _shape(x: float, y: float, w: float, h: float, **style: object) -> Patch:
    return FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.3", **style)  # type: ignore[arg-type]
