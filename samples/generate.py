"""Generate sample pages with ground truth: `python samples/generate.py [--out DIR] [--bench N]`.

Without --bench it writes the bundled set (a few pages, each showing one difficulty, in samples/). With
--bench N it writes N random photo-like pages for benchmarks. Everything is drawn here from fonts, except
with --emnist PATH, where the benchmark's handwritten pages are made of real EMNIST test glyphs:
- handwriting-like block letters and digits: OpenCV's Hershey stroke fonts, every glyph with its own jitter of
  size, slant, rotation, baseline and pen width, with uneven spacing;
- print: TrueType fonts from Debian packages (DejaVu, Liberation, Charis SIL), else Pillow's own font;
- a camera model (samples/camera.py): perspective tilt, rotation, light gradient, soft shadow, blur, sensor
  noise, JPEG, paper tint and texture, ruled or squared paper, a dark or wooden desk around a small page,
  pencil, a lamp's glare, binding holes;
- effects for every benchmark page (EFFECTS, one flag each): --fine-pen, large handwriting in a fine pen, as
  phones photograph ballpoint writing (every glyph redrawn along its centre line by samples/pen.py);
  --slanted, handwriting leaning the same way throughout, as a writer's does (8-24 degrees, a fifth of writers
  to the left); --curled, a page bowed like an open book's; --shaken, a photo streaked by a shaking hand;
  --pencil, writing in grey, grainy graphite; --on-desk, the page lying on a dark or wooden desk;
  --hard-shadow, a sharp-edged shadow; --glare, a lamp's reflection over part of the page; --squared, graph
  paper; --holes, a notebook's binding holes; --underlined, the first line underlined by hand; --side-view and
  --top-view, the page photographed from one side or from below; --small-print, dense small prose (15-22 px),
  mildly blurred, in five faces (held out from training: Charis SIL, Open Sans); --small-hand, handwriting in
  small letters, descenders hanging (with --emnist: EMNIST's small letters, samples/emnist_hand.py); --numbers,
  lines of digit groups;
- pages in two columns: the columns of a text are separated by a form feed, and its ground truth reads the left
  column, then the right.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this runs as a script; its pen sits beside it
from camera import Camera, photograph
from emnist_hand import emnist_glyph, hang, load_hand_glyphs

FONT_DIRS = (Path("/usr/share/fonts/truetype"), Path("/usr/share/fonts/opentype"))
HERSHEY = (cv2.FONT_HERSHEY_SIMPLEX, cv2.FONT_HERSHEY_DUPLEX)
# fmt: off
WORDS = [
    "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "page", "scan", "photo", "read", "text",
    "line", "word", "paper", "light", "shadow", "camera", "table", "letter", "number", "river", "stone",
    "garden", "window", "morning", "evening", "orange", "yellow", "purple", "silver", "market", "station",
    "ticket", "invoice", "order", "total", "amount", "date", "street", "house", "north", "south", "winter",
    "summer"
]
# fmt: on


@dataclass(frozen=True)
class PageSpec:
    name: str
    text: str
    kind: str  # "hand" or "print"
    camera: Camera = field(default_factory=Camera)
    font: str = "DejaVuSans.ttf"
    size: int = 40  # glyph size in pixels (print: font size; hand: cap height-ish)
    pen: float = 0.0  # hand: pen width as a fraction of the glyph size; 0 = the glyph's own strokes
    slant: float = 0.0  # hand: the writer's lean, a horizontal shear of the whole hand (0.3: 17 degrees right)
    underline: bool = False  # the first line underlined by hand


BUNDLED = (
    PageSpec("hand_blocks", "HELLO WORLD\nPAGE OCR 2026\nBLOCK LETTERS\nQUICK FOX 789", "hand",
             Camera(gradient=0.3, noise=2.5)),
    PageSpec("hand_digits", "0123456789\n31 12 2025\n4096 8192\nTEL 5550147", "hand", Camera(gradient=0.2, noise=2.5)),
    PageSpec("print_caps", "THE QUICK BROWN FOX\nJUMPS OVER 13 LAZY DOGS\nPACK MY BOX WITH\nFIVE DOZEN JUGS 2468",
             "print", Camera(gradient=0.2, noise=2.5), size=34),
    PageSpec("photo_print_shadow", "Meet me at the station.\nThe train leaves at 7:45,\nplatform 3 (north side).\n"
             "Bring the tickets!", "print", Camera(gradient=0.5, shadow=0.45, noise=3, jpeg=80), size=36),
    PageSpec("photo_print_tilt", "Invoice 2041 - total due\nPaid on 12/03, thank you.\nQuestions? Call our office.",
             "print", Camera(tilt=0.04, rotate=4.0, blur=1.0, noise=4, jpeg=75),
             font="liberation2/LiberationSerif-Regular.ttf", size=40),
    PageSpec("photo_hand_ruled", "SHOPPING LIST\nMILK 2 EGGS 12\nBREAD AND JAM\nCOFFEE 500G", "hand",
             Camera(ruled=88, tint=(250, 246, 228), texture=6, noise=3, jpeg=85, gradient=0.25)),
    PageSpec("photo_hand_uneven", "MEET AT NOON\nROOM 42 FLOOR 3\nBRING THE MAP", "hand",
             Camera(rotate=-3.0, tilt=0.02, blur=0.8, noise=4, jpeg=70, gradient=0.4, shadow=0.3)),
    PageSpec("print_unseen_300dpi", "A page printed at 300 dpi in a typeface\nthat the character model has never "
             "seen:\nCharis SIL, held out from training.\nIt reads 12 point text, digits 0123456789,\nand "
             "punctuation (commas, periods; colons: dashes - too).", "print", Camera(noise=1.5),
             font="CharisSIL-Regular.ttf", size=50),
    PageSpec("photo_note_on_desk", "CALL ANNA AT 6\nTABLE FOR FOUR\nCODE 7391", "hand",
             Camera(desk=160, rotate=2.0, gradient=0.3, blur=0.7, noise=3, jpeg=85), size=36),
    PageSpec("print_two_columns", "Two columns of print\nare read column by\ncolumn, the left one\nfirst.\f"
             "The right column's\nlines do not sit on\nthe left one's rows,\nyet never mix with\nthem.", "print",
             Camera(rotate=1.0, gradient=0.2, noise=2, jpeg=90), font="DejaVuSerif.ttf", size=30),
)  # fmt: skip


def find_font(name: str) -> Path | None:
    """A font file by name, or by "folder/name" where two packages ship files of one name (liberation and
    liberation2 both have LiberationSerif-Regular.ttf, in different versions)."""
    for root in (r for r in FONT_DIRS if r.is_dir()):
        hits = sorted(p for p in root.rglob(Path(name).name) if p.as_posix().endswith("/" + name))
        if hits:
            return hits[0]
    return None


def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = find_font(name) or find_font("DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path else ImageFont.load_default(size)


def _hershey_glyph(char: str, rng: np.random.Generator, size: float, pen: float = 0.0) -> np.ndarray:
    """One jittered handwritten-looking glyph as an ink mask (float 0..1), trimmed to its ink plus a margin."""
    font = HERSHEY[int(rng.integers(len(HERSHEY)))]
    scale = size / 22.0 * rng.uniform(0.88, 1.12)
    thickness = max(1, round(pen * size)) if pen else max(2, round(size / 18 * rng.uniform(0.7, 1.4)))
    (w, h), _ = cv2.getTextSize(char, font, scale, thickness)
    pad = int(size)
    canvas = np.zeros((h + 2 * pad, w + 2 * pad), np.uint8)
    cv2.putText(canvas, char, (pad, pad + h), font, scale, 255, thickness, cv2.LINE_AA)
    canvas = canvas.astype(np.float32) / 255.0
    m = cv2.getRotationMatrix2D((canvas.shape[1] / 2, canvas.shape[0] / 2), rng.uniform(-7, 7), 1.0)
    m[0, 1] += rng.uniform(-0.18, 0.18)  # slant
    canvas = cv2.warpAffine(canvas, m, canvas.shape[::-1], flags=cv2.INTER_LINEAR)
    cols = np.flatnonzero(canvas.max(axis=0) > 0.1)
    return canvas[:, max(0, cols[0] - 1) : cols[-1] + 2] if cols.size else canvas


def hand_ink(text: str, size: float, rng: np.random.Generator, uneven: float = 1.0,
             glyphs: dict[str, np.ndarray] | None = None, pen: float = 0.0) -> np.ndarray:  # fmt: skip
    """Ink mask of a handwriting-like page: jittered Hershey glyphs (or real EMNIST ones) on wandering baselines."""
    margin = int(size * 2)
    lines = text.split("\n")
    ink = np.zeros((int(margin * 2 + len(lines) * size * 2.0), int(margin * 2 + max(map(len, lines)) * size * 1.1)),
                   np.float32)  # fmt: skip
    for row, line in enumerate(lines):
        x = margin + rng.uniform(-0.2, 0.2) * size
        baseline, drift = margin + size * (1.4 + 2.0 * row), rng.uniform(-0.02, 0.02) * uneven  # slope of the line
        for char in line:
            if char == " ":
                x += size * rng.uniform(0.9, 1.3)
                continue
            glyph = emnist_glyph(char, glyphs, rng, size, pen) if glyphs else _hershey_glyph(char, rng, size, pen)
            gh, gw = glyph.shape
            # Hershey glyphs are centred on the line's middle with their margins; EMNIST ones sit on the baseline,
            # or hang below it.
            middle = gh / 2 + size / 2 if glyphs is None else gh - hang(char) * size
            top = int(baseline + drift * (x - margin) + rng.uniform(-0.07, 0.07) * size * uneven - middle)
            region = ink[max(0, top) : top + gh, int(x) : int(x) + gw]
            np.maximum(region, glyph[: region.shape[0], : region.shape[1]], out=region)
            x += gw + size * rng.uniform(0.15, 0.15 + 0.25 * uneven)
    return ink


def print_ink(text: str, font_name: str, size: int) -> np.ndarray:
    """Ink mask of printed text; columns (separated by form feeds) stand side by side, two glyph sizes apart."""
    if "\f" in text:
        columns = [print_ink(column, font_name, size) for column in text.split("\f")]
        height = max(c.shape[0] for c in columns)
        return np.hstack([np.vstack([c, np.zeros((height - c.shape[0], c.shape[1]), np.float32)]) for c in columns])
    font = _font(font_name, size)
    lines = text.split("\n")
    margin = size * 2
    width = margin * 2 + max(int(font.getlength(line)) for line in lines)
    image = Image.new("L", (width, margin * 2 + int(len(lines) * size * 1.45)), 0)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * size * 1.45), line, fill=255, font=font)
    return np.asarray(image, np.float32) / 255.0


def render(spec: PageSpec, rng: np.random.Generator, glyphs: dict[str, np.ndarray] | None = None) -> np.ndarray:
    if spec.kind == "hand":
        ink = lean(hand_ink(spec.text, spec.size, rng, glyphs=glyphs, pen=spec.pen), spec.slant)
    else:
        ink = print_ink(spec.text, spec.font, spec.size)
    if spec.underline:
        underline_first_line(ink, spec.size, rng)
    return photograph(ink, spec.camera, rng)


def underline_first_line(ink: np.ndarray, size: int, rng: np.random.Generator) -> None:
    """A hand-drawn underline under the first line, in place: a little past both its ends, just under its
    letters (touching the descenders), waving gently."""
    rows = np.flatnonzero(ink.max(axis=1) > 0.5)
    if not rows.size:
        return
    gaps = np.flatnonzero(np.diff(rows) > 1)
    bottom = int(rows[gaps[0]] if gaps.size else rows[-1])
    cols = np.flatnonzero(ink[: bottom + 1].max(axis=0) > 0.5)
    wave, period = rng.uniform(1, 3), rng.uniform(30, 60)
    y = bottom + size * rng.uniform(0.05, 0.15)
    xs = np.arange(int(cols[0]) - size // 4, int(cols[-1]) + size // 4, 4)
    points = np.column_stack([xs, y + wave * np.sin(xs / period)]).astype(np.int32)
    cv2.polylines(ink, [points], False, 1.0, max(2, round(size * 0.08)), cv2.LINE_AA)


def lean(ink: np.ndarray, slant: float) -> np.ndarray:
    """The ink sheared so that its tops move `slant` of their height to the right (left when negative)."""
    if not slant:
        return ink
    h, w = ink.shape
    grow = int(abs(slant) * h) + 1
    m = np.float32([[1, -slant, max(slant, 0.0) * h], [0, 1, 0]])  # x' = x + slant * (h - y), kept in frame
    return cv2.warpAffine(ink, m, (w + grow, h), flags=cv2.INTER_LINEAR)


# Effects a benchmark run can give every page: flag name -> what it does (each is one flag of this script and
# of benchmarks/pages.py).
EFFECTS = {
    "fine-pen": "large handwriting (50-90 px) in a fine pen, 0.03-0.06 of its size, on grained paper",
    "slanted": "handwriting leaning as a writer's does, each page by its own slant",
    "curled": "the page bowed like an open book's, its lines by up to 6 percent of its height",
    "shaken": "the photo streaked by a shaking hand, 5-11 pixels",
    "pencil": "writing in grey, grainy graphite",
    "on-desk": "the page lying on a desk that shows around it, dark and grainy or wooden, 3-8 glyphs wide",
    "hard-shadow": "a phone's or hand's shadow under a ceiling lamp over part of the page: 30-60 percent "
    "darker, its edge sharp (a few pixels)",
    "glare": "a lamp's reflection over part of the page, lifting ink and paper by 100-170 grey levels at its core",
    "squared": "squared (graph) paper, its rules 1.1-1.8 glyphs apart",
    "holes": "a notebook page: binding holes down its left side or along its top, 0.4-0.8 glyphs across",
    "underlined": "the first line underlined by hand, the stroke touching its descenders",
    "side-view": "photographed from the left or right: the far edge 4-12 percent of its height shorter at each end",
    "top-view": "photographed from below or above: the far edge 4-12 percent of its width shorter at each end",
    "small-print": "print only: lines of small (15-22 px) prose with commas and full stops, mildly blurred, in "
    "serif and sans faces, two of them held out from training",
    "small-hand": "handwriting only, in small letters: g, j, p, q and y hanging below the line",
    "numbers": "lines of numbers only: groups of 1-6 digits",
}
# Faces of the small print: two the model never saw (Charis SIL, Open Sans) among common document faces.
SMALL_PRINT_FONTS = (
    "DejaVuSerif.ttf",
    "liberation2/LiberationSerif-Regular.ttf",
    "liberation2/LiberationSans-Regular.ttf",
    "OpenSans-Regular.ttf",
    "CharisSIL-Regular.ttf",
)


def random_spec(index: int, rng: np.random.Generator, effects: frozenset[str] = frozenset()) -> PageSpec:
    """A random photo-like page for benchmarks: print or handwriting, any mix of camera effects, and every one
    of `effects` (names from EFFECTS)."""
    unknown = effects - EFFECTS.keys()
    if unknown:
        raise ValueError(f"unknown effects: {sorted(unknown)}")
    fine_pen = "fine-pen" in effects
    if "small-print" in effects:
        return _small_print_spec(index, rng)
    small_hand = "small-hand" in effects
    hand = fine_pen or small_hand or rng.random() < 0.5
    lines = []
    for _ in range(int(rng.integers(3, 7))):
        words = [str(rng.choice(WORDS)) for _ in range(int(rng.integers(2, 5)))]
        if "numbers" in effects:
            words = ["".join(str(d) for d in rng.integers(0, 10, int(rng.integers(1, 7)))) for _ in words]
        elif rng.random() < 0.3:
            words.append(str(int(rng.integers(0, 10000))))
        line = " ".join(words)
        if hand:
            lines.append(line if small_hand else line.upper())
        else:
            lines.append(line.capitalize() + ("." if rng.random() < 0.4 and "numbers" not in effects else ""))
    camera = Camera(
        tilt=float(rng.uniform(0, 0.03)), rotate=float(rng.uniform(-5, 5)), gradient=float(rng.uniform(0, 0.5)),
        shadow=float(rng.uniform(0, 0.4)) if rng.random() < 0.4 else 0.0, blur=float(rng.uniform(0, 1.2)),
        noise=float(rng.uniform(1, 5)), jpeg=int(rng.integers(60, 95)),
        ruled=int(rng.integers(80, 100)) if hand and rng.random() < 0.3 else 0,
    )  # fmt: skip
    font = str(rng.choice(["DejaVuSans.ttf", "DejaVuSerif.ttf", "liberation2/LiberationSans-Regular.ttf"]))
    if fine_pen:
        camera = replace(camera, texture=float(rng.uniform(2, 8)), ruled=camera.ruled * 2)
        spec = PageSpec(f"fine_{index:04d}", "\n".join(lines), "hand", camera, font, int(rng.integers(50, 90)),
                        pen=float(rng.uniform(0.03, 0.06)))  # fmt: skip
    else:
        kind = "hand" if hand else "print"
        spec = PageSpec(f"{kind}_{index:04d}", "\n".join(lines), kind, camera, font, int(rng.integers(28, 48)))
    if "slanted" in effects:  # 0.15-0.45 is 8.5-24 degrees
        spec = replace(spec, slant=float(rng.uniform(0.15, 0.45) * (-0.6 if rng.random() < 0.2 else 1.0)))
    if "curled" in effects:
        spec = replace(spec, camera=replace(spec.camera, curl=float(rng.uniform(0.02, 0.06))))
    if "shaken" in effects:
        spec = replace(spec, camera=replace(spec.camera, shake=int(rng.integers(5, 12))))
    if "pencil" in effects:
        spec = replace(spec, camera=replace(spec.camera, pencil=True))
    if "hard-shadow" in effects:
        dark, edge = float(rng.uniform(0.3, 0.6)), float(rng.uniform(0.001, 0.004))
        spec = replace(spec, camera=replace(spec.camera, shadow=dark, shadow_edge=edge))
    if "glare" in effects:
        spec = replace(spec, camera=replace(spec.camera, glare=float(rng.uniform(100, 170))))
    if "squared" in effects:
        spec = replace(spec, camera=replace(spec.camera, ruled=int(spec.size * rng.uniform(1.1, 1.8)), squared=True))
    if "holes" in effects:
        spec = replace(spec, camera=replace(spec.camera, holes=int(spec.size * rng.uniform(0.4, 0.8))))
    if "underlined" in effects:
        spec = replace(spec, underline=True)
    for edge in ("side_view", "top_view"):  # the far edge shorter at each end, on either side
        if edge.replace("_", "-") in effects:
            far = float(rng.uniform(0.04, 0.12) * rng.choice([-1.0, 1.0]))
            spec = replace(spec, camera=replace(spec.camera, **{edge: far}))
    if "on-desk" in effects:
        desk = int(spec.size * rng.uniform(3, 8))
        spec = replace(spec, camera=replace(spec.camera, desk=desk, wood=bool(rng.random() < 0.5)))
    return spec


def _small_print_spec(index: int, rng: np.random.Generator) -> PageSpec:
    """A page of small prose: sentences of 6-14 words run on over 6-10 lines of 8-13 words, commas between some."""
    words, sentence = [], 0
    for _ in range(int(rng.integers(6, 11)) * int(rng.integers(8, 14))):
        word = str(rng.choice(WORDS))
        words.append(word.capitalize() if sentence == 0 else word)
        sentence += 1
        if sentence >= 6 and rng.random() < 0.2:
            words[-1], sentence = words[-1] + ".", 0
        elif sentence > 1 and rng.random() < 0.12:
            words[-1] += ","
    per_line = int(rng.integers(8, 14))
    text = "\n".join(" ".join(words[k : k + per_line]) for k in range(0, len(words), per_line))
    camera = Camera(
        rotate=float(rng.uniform(-3, 3)), gradient=float(rng.uniform(0, 0.4)), blur=float(rng.uniform(0.5, 1.1)),
        noise=float(rng.uniform(1, 5)), jpeg=int(rng.integers(70, 95)),
    )  # fmt: skip
    font = str(rng.choice(SMALL_PRINT_FONTS))
    return PageSpec(f"small_{index:04d}", text.rstrip(",") + ".", "print", camera, font, int(rng.integers(15, 23)))


def write_page(
    spec: PageSpec, out: Path, rng: np.random.Generator, glyphs: dict[str, np.ndarray] | None = None
) -> Path:
    image = render(spec, rng, glyphs)
    suffix = ".jpg" if spec.camera.jpeg else ".png"
    path = out / f"{spec.name}{suffix}"
    Image.fromarray(image).save(path, quality=95) if suffix == ".jpg" else Image.fromarray(image).save(path)
    (out / f"{spec.name}.gt.txt").write_text(spec.text.replace("\f", "\n") + "\n", encoding="utf-8")
    return path


def generate(
    out: Path, seed: int = 7, bench: int = 0, emnist: Path | None = None, effects: frozenset[str] = frozenset()
) -> list[Path]:
    """Write the bundled pages, or `bench` random ones, with their NAME.gt.txt into `out`; with `emnist`, the
    benchmark's handwritten pages are written with real EMNIST test glyphs instead of Hershey strokes; every
    benchmark page gets all of `effects` (see EFFECTS)."""
    out.mkdir(parents=True, exist_ok=True)
    if bench:
        rng = np.random.default_rng(seed)
        glyphs = load_hand_glyphs(emnist) if emnist else None
        specs = [random_spec(i, rng, effects) for i in range(bench)]
        return [write_page(spec, out, np.random.default_rng([seed, i]), glyphs) for i, spec in enumerate(specs)]
    return [write_page(spec, out, np.random.default_rng([seed, i])) for i, spec in enumerate(BUNDLED)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bench", type=int, default=0, help="write this many random benchmark pages instead")
    parser.add_argument("--emnist", type=Path, help="with --bench: handwriting from this EMNIST file's test images")
    for name, effect in EFFECTS.items():
        parser.add_argument(f"--{name}", action="store_true", help=f"with --bench: {effect}")
    args = parser.parse_args()
    effects = frozenset(name for name in EFFECTS if getattr(args, name.replace("-", "_")))
    for path in generate(args.out, args.seed, args.bench, args.emnist, effects):
        print(path)


if __name__ == "__main__":
    main()
