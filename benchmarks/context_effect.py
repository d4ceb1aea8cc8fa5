"""How much the context rules (case from line geometry, marks from position, look-alikes from words) and the
word list (ocr/lexicon.py) help.

    python benchmarks/context_effect.py [--lines 60]

Renders test lines of mixed case, digits and punctuation in the held-out font families (never trained on)
and in handwriting-like Hershey strokes, reads them without context, with it, and with it and the English word
list (as `pageocr read` does), and prints the error rates. The test words are common English words, all in
the list: the last column is what the list gives on such text, not on names or codes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "samples"))

from generate import WORDS, hand_ink, print_ink  # noqa: E402

from models.fonts import FAMILIES, HELD_OUT  # noqa: E402
from ocr.classifier import Classifier  # noqa: E402
from ocr.decode import ReadOptions  # noqa: E402
from ocr.lexicon import load_lexicon  # noqa: E402
from ocr.metrics import character_error_rate  # noqa: E402
from ocr.pipeline import read_page  # noqa: E402

SENTENCES = ("Call me at 555-0147, or write to Box 12.", "Is it 10:30? No: it's 11:45!", "Sold 3 (three) of 20 so far.",
             "Order 2041 ships on 12/03, said Oscar.", "Zoe saw 7 owls over Oslo; wow.")  # fmt: skip


def lines(count: int, rng: np.random.Generator) -> list[str]:
    out = list(SENTENCES)
    while len(out) < count:
        words = [str(rng.choice(WORDS)) for _ in range(int(rng.integers(3, 6)))]
        words[0] = words[0].capitalize()
        if rng.random() < 0.5:
            words.insert(int(rng.integers(1, len(words))), str(int(rng.integers(0, 1000))))
        out.append(" ".join(words) + str(rng.choice([".", ",", "?", "!", ""])))
    return out[:count]


def page(ink: np.ndarray) -> np.ndarray:
    return (235 - 205 * ink).astype(np.uint8)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=60)
    args = parser.parse_args()
    rng = np.random.default_rng(11)
    classifier = Classifier()
    fonts = [f.files[0] for f in FAMILIES if f.name in HELD_OUT]
    cases = [(f"print ({name.split('-')[0]})", text, page(print_ink(text, name, 36))) for text in lines(args.lines, rng)
             for name in fonts[:1]]  # fmt: skip
    cases += [(f"print ({fonts[1].split('-')[0]})", text, page(print_ink(text, fonts[1], 30)))
              for text in lines(args.lines // 2, rng)]  # fmt: skip
    hand = [" ".join(str(rng.choice(WORDS)).upper() for _ in range(3)) + f" {int(rng.integers(0, 999))}"
            for _ in range(args.lines // 2)]  # fmt: skip
    cases += [("handwriting-like caps", text, page(hand_ink(text, 40, rng))) for text in hand]
    settings = {"context off": ReadOptions(context=False), "context on": ReadOptions(),
                "context and words": ReadOptions(words=load_lexicon("english"))}  # fmt: skip
    totals: dict[str, list[float]] = {}
    for kind, text, image in cases:
        for name, options in settings.items():
            reading = read_page(image, classifier, options).text
            totals.setdefault(f"{kind}, {name}", []).append(character_error_rate(reading, text))
    print(f"{'test lines':<42} {'lines':>6} {'CER':>8}")
    for key, values in totals.items():
        print(f"{key:<42} {len(values):>6} {float(np.mean(values)):>8.4f}")


if __name__ == "__main__":
    main()
