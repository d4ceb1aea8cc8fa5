"""Build the reader's English word list (models/english-words.txt.gz) from a spell-checker list.

    apt-get install wamerican          # SCOWL size 50, /usr/share/dict/american-english
    python -m models.words /usr/share/dict/american-english

Possessives lose their 's, words with anything but the letters a-z (accents, apostrophes) are left out, and
everything is lower-cased: the reader compares words whatever their case.
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

from ocr.files import write_bytes_atomic
from ocr.lexicon import ENGLISH


def english_words(lines: list[str]) -> list[str]:
    words = set()
    for line in lines:
        word = line.strip().removesuffix("'s").lower()
        if word.isascii() and word.isalpha():
            words.add(word)
    return sorted(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a word list, one word per line (e.g. wamerican's)")
    parser.add_argument("--out", type=Path, default=ENGLISH)
    args = parser.parse_args()
    words = english_words(args.source.read_text(encoding="utf-8", errors="replace").splitlines())
    write_bytes_atomic(args.out, gzip.compress(("\n".join(words) + "\n").encode(), 9, mtime=0))
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
