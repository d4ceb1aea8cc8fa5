import io
import sys

import numpy as np
import pytest
from PIL import Image

from segmentation.errors import ImageDecodeError, ImageTooLargeError
from segmentation.load import decode_image, frame_count


def _encode(image: Image.Image, fmt: str = "PNG", **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **kwargs)
    return buffer.getvalue()


def test_rgb_becomes_8bit_gray() -> None:
    image = Image.new("RGB", (20, 10), (255, 255, 255))
    image.putpixel((3, 4), (0, 0, 0))
    gray = decode_image(_encode(image))
    assert gray.shape == (10, 20) and gray.dtype == np.uint8
    assert gray[4, 3] == 0 and gray[0, 0] == 255


def test_exif_orientation_is_applied() -> None:
    image = Image.new("L", (40, 10), 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to display"
    gray = decode_image(_encode(image, "JPEG", exif=exif.tobytes()))
    assert gray.shape == (40, 10)


def test_transparency_is_laid_on_white_paper() -> None:
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))  # fully transparent black
    image.putpixel((5, 5), (0, 0, 0, 255))
    gray = decode_image(_encode(image))
    assert gray[0, 0] == 255 and gray[5, 5] == 0


@pytest.mark.parametrize("mode", ["P", "CMYK", "1", "LA"])
def test_other_modes_decode(mode: str) -> None:
    image = Image.new("RGB", (12, 12), (255, 255, 255)).convert(mode)
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    gray = decode_image(_encode(image, fmt))
    assert gray.shape == (12, 12) and gray.min() > 200


def test_16bit_is_scaled_to_its_range() -> None:
    values = np.full((8, 8), 40000, np.uint16)
    values[2, 2] = 1000
    gray = decode_image(_encode(Image.fromarray(values)))
    assert gray[2, 2] == 0 and gray[0, 0] == 255


def test_empty_truncated_and_foreign_bytes_are_decode_errors() -> None:
    with pytest.raises(ImageDecodeError, match="empty"):
        decode_image(b"")
    with pytest.raises(ImageDecodeError, match="not an image"):
        decode_image(b"just some text, not a picture")
    noise = Image.fromarray(np.random.default_rng(0).integers(0, 255, (200, 200), dtype=np.uint8))
    jpeg = _encode(noise, "JPEG")
    with pytest.raises(ImageDecodeError, match="truncated"):
        decode_image(jpeg[: len(jpeg) // 2])


def test_pixel_limit_is_checked_before_decoding() -> None:
    data = _encode(Image.new("1", (5000, 5000), 1))  # 25 MP, but only a few kB on disk
    with pytest.raises(ImageTooLargeError, match="25,000,000 pixels"):
        decode_image(data, max_pixels=1_000_000)


def _heic_bytes() -> bytes:
    """A HEIC file's start: the file-type box an iPhone writes, then (here) nothing a decoder could use."""
    return b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64


def test_a_heic_photo_without_its_decoder_says_how_to_read_it(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "pillow_heif", None)  # as if the heic extra were not installed
    with pytest.raises(ImageDecodeError, match=r"HEIC.*pageocr\[heic\]"):
        decode_image(_heic_bytes())


def test_a_heic_photo_is_read_with_the_heic_extra() -> None:
    pillow_heif = pytest.importorskip("pillow_heif", reason="the heic extra (pillow-heif) is not installed")
    pillow_heif.register_heif_opener()
    image = Image.new("RGB", (64, 48), (250, 250, 250))
    image.paste((0, 0, 0), (10, 10, 30, 30))
    data = _encode(image, "HEIF", quality=95)
    assert data[4:12] == b"ftypheic"
    gray = decode_image(data)
    assert gray.shape == (48, 64)
    assert gray[20, 20] < 40 and gray[40, 50] > 220


def test_a_pdf_says_it_is_a_document_and_how_to_read_it() -> None:
    with pytest.raises(ImageDecodeError, match=r"PDF document.*PNG or JPEG"):
        decode_image(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")


def test_frame_count_is_the_pages_a_file_holds() -> None:
    pages = [Image.new("L", (30, 20), shade) for shade in (255, 128, 0)]
    assert frame_count(_encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])) == 3
    assert frame_count(_encode(pages[0])) == 1
    assert frame_count(b"not an image") == 1  # decode_image is the one that says what is wrong
    # decode_image reads the first page
    assert decode_image(_encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])).max() == 255
