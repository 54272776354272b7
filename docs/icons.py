"""Draw Ally's app icons (the two circles of the favicon on a full square, so a phone may crop it to any shape).

Run `python docs/icons.py` after changing the mark; it writes src/ally/web/static/ally/icons/ally-{192,512}.png
and ally.svg, which are committed. Needs Pillow (in the dev extra).
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "src" / "ally" / "web" / "static" / "ally" / "icons"
BACKGROUND, GREEN, AMBER = (246, 247, 245), (47, 111, 94), (226, 161, 59)
# The favicon's 32-unit drawing, scaled into the middle 60 % (inside a maskable icon's safe zone).
CIRCLES = ((11, 16, 8, GREEN, 255), (21, 16, 8, AMBER, 217))
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#f6f7f5"/>
<g transform="translate(6.4 6.4) scale(.6)"><circle cx="11" cy="16" r="8" fill="#2f6f5e"/><circle cx="21" cy="16" r="8" fill="#e2a13b" fill-opacity=".85"/></g></svg>
"""


def draw(size: int) -> Image.Image:
    big = size * 4
    image = Image.new("RGBA", (big, big), BACKGROUND + (255,))
    unit, offset = big * 0.6 / 32, big * 0.2
    for cx, cy, r, colour, alpha in CIRCLES:
        layer = Image.new("RGBA", (big, big), (0, 0, 0, 0))
        box = [offset + (cx - r) * unit, offset + (cy - r) * unit, offset + (cx + r) * unit, offset + (cy + r) * unit]
        ImageDraw.Draw(layer).ellipse(box, fill=colour + (alpha,))
        image = Image.alpha_composite(image, layer)
    return image.resize((size, size), Image.LANCZOS).convert("RGB")


if __name__ == "__main__":
    ICONS.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size).save(ICONS / f"ally-{size}.png", optimize=True)
    (ICONS / "ally.svg").write_text(SVG)
