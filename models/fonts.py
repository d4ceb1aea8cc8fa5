"""The font families printed training glyphs are rendered from, all from Debian packages.

Three whole families are held out of training and used only to test print accuracy on unseen designs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_ROOTS = (Path("/usr/share/fonts"), Path("/usr/share/texmf/fonts"), Path("/usr/local/share/fonts"))


@dataclass(frozen=True)
class Family:
    name: str
    package: str  # the Debian package that installs it
    files: tuple[str, ...]  # file names of its regular, bold and italic faces (those it has), "folder/name"
    # where two packages ship files of the same name
    caps_only: bool = False  # its lowercase letters are small capitals: render only its capitals
    no_capitals: bool = False  # its capitals are ornaments no one writes by hand: render all but its capitals
    scale: float = 1.0  # drawn this much larger than the chosen size, for faces whose letters are small in the em


FAMILIES: tuple[Family, ...] = (
    Family("DejaVu Sans", "fonts-dejavu-core", ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")),
    Family("DejaVu Serif", "fonts-dejavu-core", ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf")),
    Family("DejaVu Sans Mono", "fonts-dejavu-core", ("DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf")),
    Family(
        "Liberation Sans",
        "fonts-liberation2",
        (
            "liberation2/LiberationSans-Regular.ttf",
            "liberation2/LiberationSans-Bold.ttf",
            "liberation2/LiberationSans-Italic.ttf",
        ),
    ),
    Family(
        "Liberation Serif",
        "fonts-liberation2",
        (
            "liberation2/LiberationSerif-Regular.ttf",
            "liberation2/LiberationSerif-Bold.ttf",
            "liberation2/LiberationSerif-Italic.ttf",
        ),
    ),
    Family("FreeSans", "fonts-freefont-ttf", ("FreeSans.ttf", "FreeSansBold.ttf", "FreeSansOblique.ttf")),
    Family("FreeSerif", "fonts-freefont-ttf", ("FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf")),
    Family("FreeMono", "fonts-freefont-ttf", ("FreeMono.ttf", "FreeMonoBold.ttf")),
    Family(
        "Nimbus Sans", "fonts-urw-base35", ("NimbusSans-Regular.otf", "NimbusSans-Bold.otf", "NimbusSans-Italic.otf")
    ),
    Family(
        "Nimbus Roman",
        "fonts-urw-base35",
        ("NimbusRoman-Regular.otf", "NimbusRoman-Bold.otf", "NimbusRoman-Italic.otf"),
    ),
    Family("Nimbus Mono PS", "fonts-urw-base35", ("NimbusMonoPS-Regular.otf", "NimbusMonoPS-Bold.otf")),
    Family("C059", "fonts-urw-base35", ("C059-Roman.otf", "C059-Bold.otf", "C059-Italic.otf")),
    Family("P052", "fonts-urw-base35", ("P052-Roman.otf", "P052-Bold.otf", "P052-Italic.otf")),
    Family("URW Bookman", "fonts-urw-base35", ("URWBookman-Light.otf", "URWBookman-Demi.otf")),
    Family("URW Gothic", "fonts-urw-base35", ("URWGothic-Book.otf", "URWGothic-Demi.otf")),
    Family("Carlito", "fonts-crosextra-carlito", ("Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf")),
    Family("Caladea", "fonts-crosextra-caladea", ("Caladea-Regular.ttf", "Caladea-Bold.ttf", "Caladea-Italic.ttf")),
    Family("Roboto", "fonts-roboto-unhinted", ("Roboto-Regular.ttf", "Roboto-Bold.ttf", "Roboto-Italic.ttf")),
    Family("Lato", "fonts-lato", ("Lato-Regular.ttf", "Lato-Bold.ttf", "Lato-Italic.ttf")),
    Family("Cantarell", "fonts-cantarell", ("Cantarell-Regular.otf", "Cantarell-Bold.otf")),
    Family(
        "Linux Libertine", "fonts-linuxlibertine", ("LinLibertine_R.otf", "LinLibertine_RB.otf", "LinLibertine_RI.otf")
    ),
    Family("Linux Biolinum", "fonts-linuxlibertine", ("LinBiolinum_R.otf", "LinBiolinum_RB.otf", "LinBiolinum_RI.otf")),
    Family(
        "EB Garamond",
        "fonts-ebgaramond",
        ("EBGaramond12-Regular.otf", "EBGaramond12-Bold.otf", "EBGaramond12-Italic.otf"),
    ),
    Family("Go", "fonts-go", ("Go-Regular.ttf", "Go-Bold.ttf", "Go-Italic.ttf")),
    Family("Hack", "fonts-hack", ("Hack-Regular.ttf", "Hack-Bold.ttf")),
    Family("Andika", "fonts-sil-andika", ("Andika-Regular.ttf", "Andika-Bold.ttf", "Andika-Italic.ttf")),
    Family("Comic Neue", "fonts-comic-neue", ("ComicNeue-Regular.otf", "ComicNeue-Bold.otf", "ComicNeue-Italic.otf")),
    Family("Quicksand", "fonts-quicksand", ("Quicksand-Regular.ttf", "Quicksand-Bold.ttf")),
    Family(
        "TeX Gyre Schola",
        "fonts-texgyre",
        ("texgyreschola-regular.otf", "texgyreschola-bold.otf", "texgyreschola-italic.otf"),
    ),
    Family("TeX Gyre Adventor", "fonts-texgyre", ("texgyreadventor-regular.otf", "texgyreadventor-bold.otf")),
    # Handwriting fonts: pen shapes that EMNIST's hand-printed forms lack (open bowls, loops, lead-in strokes).
    Family("DKG Handwriting", "fonts-dkg-handwriting", ("dkg.ttf", "dkgBd.ttf", "dkgIt.ttf")),
    Family("Breip", "fonts-breip", ("Breip.ttf",)),
    Family("Femkeklaver", "fonts-femkeklaver", ("femkeklaver.ttf",)),
    Family("Dancing Script", "fonts-dancingscript", ("DancingScript-Regular.otf", "DancingScript-Bold.otf")),
    Family("Kaushan Script", "fonts-kaushanscript", ("KaushanScript-Regular.otf",)),
    Family("Kristi", "fonts-kristi", ("Kristi.ttf",)),
    Family("Klee One", "fonts-klee", ("KleeOne-Regular.ttf", "KleeOne-SemiBold.ttf")),  # pencil hand-printing
    # School cursive (looped a, b, g, lead-in strokes), as taught in France and much of Europe.
    Family("Ecolier", "fonts-ecolier-court", ("Ecolier-court.ttf",), no_capitals=True, scale=2.0),
    Family("Humor Sans", "fonts-humor-sans", ("Humor-Sans.ttf",), caps_only=True),
    Family(
        "Because We Had To",  # six hands, each its own font
        "fonts-bwht",
        tuple(f"BecauseWe{w}-Regular.otf" for w in ("Build", "Connect", "Create", "Learn", "Mentor", "Organize")),
        caps_only=True,
    ),
    # Held out: never trained on, only tested.
    Family("Charis SIL", "fonts-sil-charis", ("CharisSIL-Regular.ttf", "CharisSIL-Bold.ttf", "CharisSIL-Italic.ttf")),
    Family("Open Sans", "fonts-open-sans", ("OpenSans-Regular.ttf", "OpenSans-Bold.ttf", "OpenSans-Italic.ttf")),
    Family(
        "Liberation Mono",
        "fonts-liberation2",
        (
            "liberation2/LiberationMono-Regular.ttf",
            "liberation2/LiberationMono-Bold.ttf",
            "liberation2/LiberationMono-Italic.ttf",
        ),
    ),
)
HELD_OUT = frozenset({"Charis SIL", "Open Sans", "Liberation Mono"})
_BY_NAME = {f.name: f for f in FAMILIES}


@cache
def _index() -> dict[str, Path]:
    """Font files by name and by "folder/name"."""
    found: dict[str, Path] = {}
    for root in FONT_ROOTS:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.suffix.lower() in (".ttf", ".otf"):
                    found.setdefault(path.name, path)
                    found.setdefault(f"{path.parent.name}/{path.name}", path)
    return found


def font_files(held_out: bool) -> list[tuple[str, Path]]:
    """(family, path) of every installed face of the training families, or of the held-out ones."""
    index = _index()
    return [
        (family.name, index[name])
        for family in FAMILIES
        if (family.name in HELD_OUT) == held_out
        for name in family.files
        if name in index
    ]


def drawing_scale(family: str) -> float:
    """How much larger than the chosen size the family is drawn (its x-height is a fraction of most faces')."""
    return _BY_NAME[family].scale if family in _BY_NAME else 1.0


def draws(family: str, char: str) -> bool:
    """Whether the family's glyph for `char` has the shape `char` names and is one people write (small capitals
    and calligraphic capitals are not)."""
    known = _BY_NAME.get(family)
    if known is None:
        return True
    return not (char.islower() and known.caps_only) and not (char.isupper() and known.no_capitals)


def missing_packages() -> list[str]:
    """Debian packages of families with no face installed (to tell the user what to install)."""
    index = _index()
    return sorted({f.package for f in FAMILIES if not any(name in index for name in f.files)})
