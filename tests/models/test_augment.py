import numpy as np

from models.augment import CLEAN_SHARE, augment_batch
from segmentation.normalise import normalise_glyph


def _bar_tiles(n: int) -> np.ndarray:
    tiles = np.zeros((n, 28, 28), np.uint8)
    tiles[:, 4:24, 10:18] = 255  # a thick upright stroke: any distortion changes its normalised frame
    return tiles


def test_augmentation_is_deterministic_and_normalised() -> None:
    a, b = augment_batch(_bar_tiles(40), seed=3), augment_batch(_bar_tiles(40), seed=3)
    assert np.array_equal(a, b) and a.shape == (40, 28, 28)
    assert a[:, :2].max() == 0 and a[:, -2:].max() == 0  # the 2-pixel border of every normalised frame
    assert not np.array_equal(a, augment_batch(_bar_tiles(40), seed=4))


def test_a_share_of_tiles_is_only_normalised() -> None:
    tiles = _bar_tiles(400)
    clean = normalise_glyph(tiles[0])
    untouched = np.mean([np.array_equal(frame, clean) for frame in augment_batch(tiles, seed=1)])
    assert abs(untouched - CLEAN_SHARE) < 0.08
