"""Product shots for the demo, drawn with Pillow (the demo fetches nothing from the internet).

One drawing per category shape and shop palette: a coffee pouch with its label and bean window, a
jar of palm sugar, a bottle, a folded gamis, a batik cloth, a woven basket, a vase... on a soft
studio background with a shadow, drawn at twice the size and scaled down for smooth edges.
"""

import functools
import io
import math
import zlib

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 480, 360  # the stored photo: card size, so seeding encodes little
_SPACE = (600, 450)  # the drawing functions' coordinates
_S = 2 * WIDTH / _SPACE[0]  # drawn at twice the stored size, then halved (anti-aliasing)
_CANVAS = (2 * WIDTH, 2 * HEIGHT)

# Shop colours: (name, main, accent, label).
PALETTES = [
    ("hutan", (38, 84, 60), (214, 170, 70), (246, 238, 220)),
    ("kopi", (92, 58, 38), (214, 120, 50), (244, 234, 214)),
    ("marun", (128, 28, 44), (222, 176, 84), (248, 236, 224)),
    ("samudra", (30, 56, 104), (72, 168, 166), (236, 242, 246)),
    ("anggrek", (104, 52, 104), (232, 150, 172), (248, 238, 242)),
    ("tanah", (168, 86, 54), (236, 200, 140), (250, 242, 228)),
]

# Category slug -> shape (and what a pouch, jar or bottle holds).
SHAPES = {
    "kopi-biji-mentah": ("pouch", (150, 160, 110)),
    "kopi-biji-sangrai": ("pouch", (70, 42, 26)),
    "kopi-bubuk": ("pouch", (96, 62, 40)),
    "teh": ("pouch", (96, 120, 60)),
    "camilan": ("pouch", (226, 178, 72)),
    "kopi-siap-minum": ("bottle", (88, 56, 36)),
    "jamu-herbal": ("bottle", (214, 150, 40)),
    "hand-sanitizer": ("bottle", (196, 226, 236)),
    "gula-aren": ("jar", (120, 70, 36)),
    "madu": ("jar", (214, 140, 30)),
    "bumbu-rempah": ("jar", (170, 70, 40)),
    "gamis": ("garment", None),
    "hijab": ("scarf", None),
    "mukena": ("mukena", None),
    "baju-koko": ("garment", None),
    "masker-kain": ("mask", None),
    "batik-tenun": ("cloth", None),
    "ukiran-kayu": ("carving", None),
    "anyaman": ("basket", None),
    "gerabah": ("vase", None),
    "cangkir-gelas": ("cup", None),
    "alat-seduh": ("dripper", None),
}


def palette_of(shop_slug: str) -> tuple:
    """A shop's colours, the same on every run (crc32, not Python's salted hash)."""
    return PALETTES[zlib.crc32(shop_slug.encode()) % len(PALETTES)]


def drawing_name(category_slug: str, palette: tuple) -> str:
    return f"{SHAPES.get(category_slug, ('vase',))[0]}-{category_slug}-{palette[0]}"


def draw(category_slug: str, palette: tuple) -> bytes:
    """A JPEG product shot for a category in a palette."""
    shape, content = SHAPES.get(category_slug, ("vase", None))
    _, main, accent, label = palette
    image = _backdrop().copy()
    pen = ImageDraw.Draw(image)
    _DRAWERS[shape](pen, main, accent, label, content)
    out = io.BytesIO()
    image.reduce(2).save(out, "JPEG", quality=84)
    return out.getvalue()


def _w(value: float) -> int:
    """A line width or corner radius in drawing coordinates, in canvas pixels."""
    return max(1, round(value * _S))


def _px(*values):
    return [round(v * _S) for v in values]


@functools.cache
def _backdrop() -> Image.Image:
    """The studio with the product's shadow, made once per process."""
    image = _studio()
    _shadow(image)
    return image


def _studio() -> Image.Image:
    """A light backdrop fading to a floor, like a table by a window."""
    top, floor = (246, 243, 238), (226, 219, 208)
    column = Image.new("RGB", (1, _CANVAS[1]))
    for y in range(_CANVAS[1]):
        t = min(1.0, max(0.0, (y / _CANVAS[1] - 0.55) / 0.45))
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, floor, strict=True)))
    return column.resize(_CANVAS)


def _shadow(image: Image.Image) -> None:
    """A soft shadow under the product (blurred small, then enlarged: blurring is the slow part)."""
    small = Image.new("L", (_SPACE[0] // 4, _SPACE[1] // 4), 0)
    ImageDraw.Draw(small).ellipse((170 // 4, 370 // 4, 430 // 4, 410 // 4), fill=110)
    mask = small.filter(ImageFilter.GaussianBlur(3.5)).resize(image.size, Image.BILINEAR)
    image.paste((120, 104, 88), mask=mask)


def _lines(pen, box, colour, rows=3):
    """Text-like bars on a label."""
    x0, y0, x1, y1 = box
    step = (y1 - y0) / (rows + 1)
    for i in range(rows):
        y = y0 + step * (i + 1)
        width = (x1 - x0) * (0.8 if i == 0 else 0.55)
        pen.rounded_rectangle(
            _px(x0 + (x1 - x0 - width) / 2, y - 4, x0 + (x1 - x0 + width) / 2, y + 4), _w(4), fill=colour
        )


def _pouch(pen, main, accent, label, content):
    pen.rounded_rectangle(_px(200, 70, 400, 390), _w(18), fill=main)
    pen.rectangle(_px(200, 88, 400, 100), fill=tuple(max(0, c - 30) for c in main))  # the zip seal
    pen.polygon(_px(200, 390, 215, 376, 385, 376, 400, 390), fill=tuple(max(0, c - 20) for c in main))
    pen.rounded_rectangle(_px(222, 130, 378, 250), _w(10), fill=label)
    pen.rectangle(_px(222, 150, 378, 162), fill=accent)
    _lines(pen, (232, 170, 368, 245), main, rows=3)
    pen.ellipse(_px(262, 272, 338, 348), fill=(236, 230, 220))  # the window, showing what is inside
    for i in range(14):
        angle = i * 2.4
        r = 8 + (i % 4) * 7
        x, y = 300 + math.cos(angle) * r, 310 + math.sin(angle) * r
        pen.ellipse(_px(x - 9, y - 6, x + 9, y + 6), fill=content)
        pen.line(_px(x - 5, y, x + 5, y), fill=tuple(max(0, c - 35) for c in content), width=_w(2))


def _bottle(pen, main, accent, label, content):
    pen.rounded_rectangle(_px(272, 50, 328, 80), _w(6), fill=accent)  # the cap
    pen.rectangle(_px(282, 80, 318, 120), fill=(232, 236, 236))
    pen.rounded_rectangle(_px(232, 110, 368, 390), _w(30), fill=(232, 236, 236))
    pen.rounded_rectangle(_px(240, 150, 360, 382), _w(24), fill=content)
    pen.rectangle(_px(232, 210, 368, 320), fill=main)
    pen.rectangle(_px(232, 222, 368, 230), fill=accent)
    _lines(pen, (244, 236, 356, 314), label, rows=3)
    pen.rounded_rectangle(_px(246, 130, 256, 200), _w(5), fill=(250, 252, 252))  # a highlight


def _jar(pen, main, accent, label, content):
    pen.rounded_rectangle(_px(205, 90, 395, 132), _w(10), fill=main)  # the lid
    pen.rectangle(_px(205, 104, 395, 110), fill=accent)
    pen.rounded_rectangle(_px(190, 130, 410, 390), _w(34), fill=(226, 232, 230))
    pen.rounded_rectangle(_px(200, 170, 400, 382), _w(28), fill=content)
    for row in range(4):  # palm sugar discs, honeycomb or spice grains: texture in the fill
        for col in range(4):
            x, y = 218 + col * 40 + (row % 2) * 18, 190 + row * 46
            pen.ellipse(_px(x, y, x + 26, y + 16), fill=tuple(min(255, c + 22) for c in content))
    pen.rounded_rectangle(_px(226, 236, 374, 326), _w(8), fill=label)
    pen.rectangle(_px(226, 250, 374, 258), fill=main)
    _lines(pen, (236, 262, 364, 322), accent, rows=2)
    pen.rounded_rectangle(_px(206, 150, 218, 240), _w(6), fill=(246, 250, 250))


def _garment(pen, main, accent, label, content):
    """A folded gamis or koko shirt: the stack, the collar, a placket of buttons."""
    dark = tuple(max(0, c - 28) for c in main)
    pen.rounded_rectangle(_px(150, 120, 450, 380), _w(14), fill=dark)  # the folds below
    pen.rounded_rectangle(_px(160, 100, 440, 362), _w(14), fill=main)
    pen.polygon(_px(250, 100, 300, 150, 350, 100), fill=dark)  # the neckline
    pen.polygon(_px(250, 100, 300, 150, 272, 100), fill=accent)
    pen.polygon(_px(350, 100, 300, 150, 328, 100), fill=accent)
    pen.line(_px(300, 150, 300, 330), fill=dark, width=_w(3))
    for y in range(170, 320, 36):
        pen.ellipse(_px(292, y, 308, y + 16), fill=label)
    pen.line(_px(160, 250, 440, 250), fill=dark, width=_w(2))  # a fold line
    for x in range(180, 430, 40):  # embroidery along the hem
        pen.ellipse(_px(x, 336, x + 14, 350), outline=accent, width=_w(2))


def _scarf(pen, main, accent, label, content):
    """A hijab folded into a square, its pattern and a corner showing."""
    pen.polygon(_px(170, 140, 430, 110, 450, 360, 190, 380), fill=tuple(max(0, c - 25) for c in main))
    pen.polygon(_px(160, 120, 420, 96, 436, 344, 176, 360), fill=main)
    for i in range(7):
        for j in range(6):
            x, y = 190 + i * 34 + j * 2, 126 + j * 38 - i * 3
            pen.ellipse(_px(x, y, x + 12, y + 12), fill=accent)
    pen.polygon(_px(420, 96, 436, 344, 380, 300), fill=tuple(min(255, c + 30) for c in main))


def _mukena(pen, main, accent, label, content):
    """A white mukena folded in its pouch: the face opening, embroidered flowers and a lace edge."""
    white, shade = (252, 250, 246), (228, 222, 212)
    pen.rounded_rectangle(_px(140, 130, 460, 388), _w(16), fill=main)  # the matching pouch
    pen.rounded_rectangle(_px(160, 96, 440, 366), _w(14), fill=shade)
    pen.rounded_rectangle(_px(168, 88, 432, 356), _w(14), fill=white)
    pen.ellipse(_px(236, 110, 364, 200), outline=shade, width=_w(8))  # the face opening, folded
    for x in range(168, 432, 22):  # scalloped lace along the edge
        pen.pieslice(_px(x, 340, x + 22, 370), 0, 180, fill=white, outline=shade, width=_w(2))
    for x in range(196, 420, 44):  # embroidered flowers
        for dx, dy in ((0, -8), (8, 0), (0, 8), (-8, 0)):
            pen.ellipse(_px(x + dx - 6, 290 + dy - 6, x + dx + 6, 290 + dy + 6), fill=main)
        pen.ellipse(_px(x - 4, 286, x + 4, 294), fill=accent)


def _mask(pen, main, accent, label, content):
    pen.arc(_px(110, 150, 230, 330), 90, 270, fill=(210, 204, 196), width=_w(5))  # ear loops
    pen.arc(_px(370, 150, 490, 330), 270, 90, fill=(210, 204, 196), width=_w(5))
    pen.rounded_rectangle(_px(160, 150, 440, 330), _w(60), fill=main)
    for y in (200, 240, 280):
        pen.line(_px(170, y, 430, y), fill=tuple(max(0, c - 30) for c in main), width=_w(3))
    for i in range(8):
        x = 190 + i * 30
        pen.ellipse(_px(x, 166, x + 14, 180), fill=accent)


def _cloth(pen, main, accent, label, content):
    """A batik cloth, folded: kawung circles on the top, parang stripes on the fold."""
    base = (236, 220, 190)
    pen.polygon(_px(110, 120, 490, 100, 500, 330, 100, 350), fill=base)
    for i in range(9):
        for j in range(5):
            x, y = 130 + i * 40, 118 + j * 40 - i * 2
            pen.ellipse(_px(x, y, x + 30, y + 30), outline=main, width=_w(4))
            pen.ellipse(_px(x + 11, y + 11, x + 19, y + 19), fill=accent)
    pen.polygon(_px(100, 330, 500, 310, 510, 380, 96, 396), fill=main)
    for x in range(100, 510, 26):
        pen.line(_px(x, 392, x + 30, 318), fill=accent, width=_w(5))


def _carving(pen, main, accent, label, content):
    wood, carved = (150, 96, 56), (112, 66, 36)
    pen.rounded_rectangle(_px(170, 70, 430, 380), _w(12), fill=wood)
    pen.rounded_rectangle(_px(190, 90, 410, 360), _w(8), outline=carved, width=_w(6))
    for angle in range(0, 360, 45):  # a flower of leaves, the Jepara way
        x = 300 + math.cos(math.radians(angle)) * 60
        y = 225 + math.sin(math.radians(angle)) * 60
        pen.ellipse(_px(x - 26, y - 14, x + 26, y + 14), outline=carved, width=_w(5))
    pen.ellipse(_px(276, 201, 324, 249), fill=carved)
    pen.ellipse(_px(288, 213, 312, 237), fill=accent)


def _basket(pen, main, accent, label, content):
    straw, dark = (214, 184, 130), (176, 140, 88)
    pen.polygon(_px(170, 170, 430, 170, 400, 385, 200, 385), fill=straw)
    for y in range(180, 380, 18):
        pen.line(_px(168 + (y - 170) * 0.14, y, 432 - (y - 170) * 0.14, y), fill=dark, width=_w(2))
    for x in range(185, 420, 22):
        pen.line(_px(x, 172, 300 + (x - 300) * 0.78, 384), fill=dark, width=_w(2))
    pen.rectangle(_px(178, 240, 422, 262), fill=main)
    pen.ellipse(_px(166, 150, 434, 192), fill=dark)
    pen.ellipse(_px(178, 156, 422, 186), fill=(120, 92, 56))
    pen.arc(_px(220, 70, 380, 250), 180, 360, fill=dark, width=_w(10))


def _vase(pen, main, accent, label, content):
    clay = (176, 96, 60)
    points = []
    for y in range(90, 390, 6):  # a curved body: narrow neck, round belly, small foot
        t = (y - 90) / 300
        half = 36 + 95 * math.sin(math.pi * min(1.0, t * 1.15)) ** 1.4
        points.append((y, half))
    outline = [(300 - h, y) for y, h in points] + [(300 + h, y) for y, h in reversed(points)]
    pen.polygon([(round(x * _S), round(y * _S)) for x, y in outline], fill=clay)
    pen.ellipse(_px(258, 80, 342, 100), fill=(140, 72, 44))
    pen.rectangle(_px(190, 230, 410, 250), fill=main)
    for x in range(200, 400, 24):
        pen.polygon(_px(x, 250, x + 12, 266, x + 24, 250), fill=accent)


def _cup(pen, main, accent, label, content):
    pen.ellipse(_px(150, 330, 450, 392), fill=(236, 232, 226))  # the saucer
    pen.ellipse(_px(172, 340, 428, 380), fill=tuple(max(0, c - 15) for c in main))
    pen.arc(_px(360, 200, 450, 300), 270, 90, fill=main, width=_w(16))  # the handle
    pen.rounded_rectangle(_px(200, 170, 400, 360), _w(40), fill=main)
    pen.rectangle(_px(200, 170, 400, 230), fill=main)
    pen.ellipse(_px(200, 150, 400, 190), fill=tuple(min(255, c + 40) for c in main))
    pen.ellipse(_px(212, 156, 388, 186), fill=(70, 42, 26))  # coffee in it
    pen.rectangle(_px(200, 260, 400, 272), fill=accent)


def _dripper(pen, main, accent, label, content):
    glass = (222, 230, 232)
    pen.rounded_rectangle(_px(210, 230, 390, 390), _w(36), fill=glass)  # the server
    pen.rounded_rectangle(_px(218, 300, 382, 382), _w(30), fill=(88, 56, 36))
    pen.rectangle(_px(200, 216, 400, 236), fill=accent)  # the dripper's base
    pen.polygon(_px(180, 90, 420, 90, 330, 220, 270, 220), fill=main)
    for x in range(210, 400, 26):
        pen.line(_px(x, 100, 300 + (x - 300) * 0.3, 212), fill=tuple(max(0, c - 30) for c in main), width=_w(3))
    pen.arc(_px(380, 270, 440, 350), 270, 90, fill=glass, width=_w(10))


_DRAWERS = {
    "pouch": _pouch,
    "bottle": _bottle,
    "jar": _jar,
    "garment": _garment,
    "scarf": _scarf,
    "mukena": _mukena,
    "mask": _mask,
    "cloth": _cloth,
    "carving": _carving,
    "basket": _basket,
    "vase": _vase,
    "cup": _cup,
    "dripper": _dripper,
}
