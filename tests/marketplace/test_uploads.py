"""Uploaded pictures: only real JPEG, PNG and WebP pass, small enough, and without their metadata.

Every hostile file is made here, byte by byte, so the test shows exactly what it throws at the check.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from marketplace.errors import ValidationError
from marketplace.uploads import image_clean

GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def indonesian():
    """The reasons are written in Indonesian; earlier tests may leave another language active."""
    with translation.override("id"):
        yield


def picture_bytes(fmt="JPEG", size=(64, 48), *, exif=None, mode="RGB", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, (180, 90, 40) if mode == "RGB" else 0).save(buffer, fmt, exif=exif or b"", **options)
    return buffer.getvalue()


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        image_clean(upload(data, **kwargs))
    return refused.value.detail["image"][0]


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    exif[GPS_IFD] = {1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 49.0, 0.0)}  # a house in Jakarta
    return exif


def png_bomb(width: int, height: int) -> bytes:
    """A valid black-and-white PNG: a few dozen kilobytes that unpack to width x height pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit per pixel, greyscale
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_real_jpeg_png_or_webp_picture_passes_with_its_size(fmt):
    clean = image_clean(upload(picture_bytes(fmt, (64, 48))))

    assert (clean.format, clean.width, clean.height) == (fmt, 64, 48)
    assert Image.open(io.BytesIO(clean.content.read())).format == fmt


def test_the_stored_name_and_type_come_from_the_content_not_from_the_upload():
    clean = image_clean(upload(picture_bytes("PNG"), name="../../etc/passwd.jpg", content_type="image/jpeg"))

    assert clean.format == "PNG"
    assert clean.content.name.endswith(".png")
    assert "passwd" not in clean.content.name and "/" not in clean.content.name


def test_the_gps_position_and_camera_details_are_stripped():
    original = picture_bytes("JPEG", exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the phone did record where

    clean = Image.open(io.BytesIO(image_clean(upload(original)).content.read()))

    assert not clean.getexif()
    assert "exif" not in clean.info


def test_a_portrait_shot_stays_upright_once_its_orientation_tag_is_gone():
    exif = Image.Exif()
    exif[0x0112] = 6  # the phone was held upright: rotate 90 degrees to display
    clean = image_clean(upload(picture_bytes("JPEG", (80, 40), exif=exif)))

    assert (clean.width, clean.height) == (40, 80)


def test_a_php_script_hidden_in_a_real_jpeg_does_not_survive_the_re_encoding():
    polyglot = picture_bytes("JPEG", comment=b"<?php system($_GET['c']); ?>") + b"<?php echo 'appended'; ?>"

    stored = image_clean(upload(polyglot, name="shell.php.jpg")).content.read()

    assert b"<?php" not in stored


def test_an_html_page_renamed_jpg_is_refused():
    page = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"

    assert refusal(page, name="foto.jpg") == "Berkas bukan gambar JPEG, PNG, atau WebP."


def test_an_svg_is_refused_even_declared_as_an_image():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'

    assert refusal(svg, name="logo.svg", content_type="image/svg+xml") == "Berkas bukan gambar JPEG, PNG, atau WebP."


def test_a_php_script_behind_a_jpeg_header_is_refused():
    script = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00<?php system($_GET['c']); ?>"

    assert "JPEG" in refusal(script, name="shell.jpg")


def test_a_jpeg_cut_off_half_way_is_refused_as_broken():
    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG")

    reason = refusal(buffer.getvalue()[:4000])

    assert reason == "Gambar rusak atau tidak utuh, sehingga tidak bisa dibaca."


def test_a_cut_off_jpeg_is_refused_even_after_weasyprint_let_pillow_pad_truncated_files():
    import weasyprint  # noqa: F401  (importing it turns Pillow's LOAD_TRUNCATED_IMAGES on, process-wide)
    from PIL import ImageFile

    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, "JPEG")
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # what invoices need, left as it was found

    assert refusal(buffer.getvalue()[:4000]) == "Gambar rusak atau tidak utuh, sehingga tidak bisa dibaca."
    assert ImageFile.LOAD_TRUNCATED_IMAGES


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_picture_formats_are_refused(fmt):
    assert refusal(picture_bytes(fmt), name=f"foto.{fmt.lower()}") == "Berkas bukan gambar JPEG, PNG, atau WebP."


def test_a_decompression_bomb_is_refused_without_decoding_a_pixel():
    bomb = png_bomb(20_000, 20_000)
    assert len(bomb) < 100_000  # tiny on the wire, 400 million pixels once unpacked
    images_before = Image.core.get_stats()["new_count"]

    reason = refusal(bomb, name="bom.png", content_type="image/png")

    assert "6.000 piksel per sisi" in reason
    assert Image.core.get_stats()["new_count"] == images_before  # no pixel buffer was ever allocated


def test_a_picture_wider_than_6000_pixels_is_refused_naming_its_size():
    reason = refusal(png_bomb(6_001, 10), name="panorama.png")

    assert reason == "Ukuran gambar terlalu besar: paling banyak 6.000 piksel per sisi (berkas ini 6.001 × 10)."


def test_a_picture_of_exactly_6000_pixels_a_side_passes():
    assert image_clean(upload(png_bomb(6_000, 8), name="strip.png")).width == 6_000


def test_a_file_over_10_mb_is_refused_before_it_is_read():
    oversized = picture_bytes("PNG") + b"\0" * (10 * 1024 * 1024)

    assert refusal(oversized) == "Berkas terlalu besar: paling besar 10 MB."


def test_an_empty_file_is_refused():
    assert refusal(b"") == "Berkas kosong."


def test_the_reason_is_given_under_the_callers_field_name():
    with pytest.raises(ValidationError) as refused:
        image_clean(upload(b"not a picture"), field="evidence")

    assert list(refused.value.detail) == ["evidence"]


def test_the_reasons_are_given_in_english_to_an_english_visitor():
    with translation.override("en"):
        not_a_picture = refusal(b"<html></html>")
        too_wide = refusal(png_bomb(6_001, 10))
        too_big = refusal(b"\0" * (10 * 1024 * 1024 + 1))

    assert not_a_picture == "The file is not a JPEG, PNG or WebP picture."
    assert too_wide.startswith("The picture is too large: at most 6,000 pixels a side")
    assert too_big == "The file is too large: at most 10 MB."


def test_a_caller_may_keep_a_smaller_copy_of_a_large_picture():
    clean = image_clean(upload(picture_bytes("JPEG", (3000, 1500))), fit_within=2000)

    assert (clean.width, clean.height) == (2000, 1000)
    assert Image.open(io.BytesIO(clean.content.read())).size == (2000, 1000)
