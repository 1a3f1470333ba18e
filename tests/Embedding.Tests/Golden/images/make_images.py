#!/usr/bin/python3
"""Small good and bad images for ClipGeometry's ImageDecoder tests, and PIL's RGB conversion of each.

Run with Debian's python (Pillow 9.4): /usr/bin/python3 make_images.py
For every decodable image X, expected_X.png holds PIL's Image.open(X).convert("RGB") (what HF's
CLIPImageProcessor does first). expected.json holds the SHA-256 of PIL's RGB bytes of the shared fixture
tiny-clip/images/pub_rgba.png (the fixture is not copied into the repository).
"""
import hashlib
import io
import json
import struct
import zlib

import numpy as np
from PIL import Image

rng = np.random.default_rng(7)


def save_expected(name, im):
    im.convert("RGB").save(f"expected_{name}.png")


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def main():
    rgb = Image.fromarray(rng.integers(0, 256, size=(12, 16, 3), dtype=np.uint8), "RGB")

    # Greyscale PNG and JPEG.
    grey = Image.fromarray(rng.integers(0, 256, size=(10, 13), dtype=np.uint8), "L")
    grey.save("grey.png")
    save_expected("grey.png", Image.open("grey.png"))
    grey.save("grey.jpg", quality=95)
    save_expected("grey.jpg", Image.open("grey.jpg"))

    # Palette PNG with a transparent entry: the palette colour is kept, alpha dropped.
    pal = rgb.quantize(colors=8)
    pal.info["transparency"] = 0
    pal.save("palette.png", transparency=0)
    save_expected("palette.png", Image.open("palette.png"))

    # RGBA with partly and fully transparent pixels whose colour must survive (alpha dropped, not composited).
    rgba = np.concatenate([np.asarray(rgb), rng.integers(0, 256, size=(12, 16, 1), dtype=np.uint8)], axis=2)
    rgba[0, :, 3] = 0
    Image.fromarray(rgba, "RGBA").save("rgba.png")
    save_expected("rgba.png", Image.open("rgba.png"))

    # Greyscale with alpha.
    la = Image.fromarray(np.stack([np.asarray(grey), np.full((10, 13), 40, np.uint8)], axis=2), "LA")
    la.save("la.png")
    save_expected("la.png", Image.open("la.png"))

    # One pixel.
    Image.new("RGB", (1, 1), (12, 34, 56)).save("one_pixel.png")
    save_expected("one_pixel.png", Image.open("one_pixel.png"))

    # CMYK JPEG (Adobe marker, inverted values, as Pillow writes it).
    smooth = Image.fromarray(np.clip(np.add.outer(np.arange(24) * 8, np.arange(32) * 4)[..., None]
                                     + np.array([0, 60, 120]), 0, 255).astype(np.uint8), "RGB")
    smooth.convert("CMYK").save("cmyk.jpg", "JPEG", quality=95)
    save_expected("cmyk.jpg", Image.open("cmyk.jpg"))

    # Ordinary RGB JPEG, BMP, GIF, WebP.
    smooth.save("rgb.jpg", quality=95)
    save_expected("rgb.jpg", Image.open("rgb.jpg"))
    rgb.save("rgb.bmp")
    save_expected("rgb.bmp", Image.open("rgb.bmp"))
    pal.save("palette.gif")
    save_expected("palette.gif", Image.open("palette.gif"))
    rgb.save("lossless.webp", lossless=True)
    save_expected("lossless.webp", Image.open("lossless.webp"))

    # 16-bit RGB PNG (PIL keeps the high byte), 1-bit PNG, interlaced PNG, progressive JPEG, lossy WebP.
    rgb16 = (np.asarray(smooth).astype(np.uint16) * 257 + rng.integers(0, 257, size=(24, 32, 3))).astype(">u2")
    with open("rgb16.png", "wb") as f:
        raw = b"".join(b"\x00" + row.tobytes() for row in rgb16)
        f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 32, 24, 16, 2, 0, 0, 0))
                + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))
    save_expected("rgb16.png", Image.open("rgb16.png"))
    grey.point(lambda v: 255 if v > 128 else 0).convert("1").save("bilevel.png")
    save_expected("bilevel.png", Image.open("bilevel.png"))
    rgb.save("interlaced.png", interlace=1)
    save_expected("interlaced.png", Image.open("interlaced.png"))
    smooth.save("progressive.jpg", quality=90, progressive=True)
    save_expected("progressive.jpg", Image.open("progressive.jpg"))
    smooth.save("lossy.webp", quality=90)
    save_expected("lossy.webp", Image.open("lossy.webp"))

    # Animated GIF: only the first frame is used.
    frames = [Image.new("RGB", (8, 6), (200, 10, 10)), Image.new("RGB", (8, 6), (10, 200, 10))]
    frames[0].save("animated.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    save_expected("animated.gif", Image.open("animated.gif"))

    # A JPEG with EXIF orientation 6 (rotate 90° clockwise to display): decoded as stored, 32 wide, 24 high.
    exif = Image.Exif()
    exif[0x0112] = 6
    smooth.save("exif_rotated.jpg", quality=95, exif=exif.tobytes())
    save_expected("exif_rotated.jpg", Image.open("exif_rotated.jpg"))

    # Bad files.
    data = io.BytesIO()
    smooth.save(data, "JPEG", quality=95)
    with open("truncated.jpg", "wb") as f:
        f.write(data.getvalue()[: len(data.getvalue()) // 3])
    # Cut inside the entropy-coded scan data: the header is intact, the pixels are not.
    with open("truncated_scan.jpg", "wb") as f:
        f.write(data.getvalue()[: len(data.getvalue()) * 4 // 5])
    open("zero.jpg", "wb").close()
    with open("text.jpg", "w") as f:
        f.write("This is not an image, only text with a .jpg name.\n")
    # A PNG whose IHDR claims 100000 x 100000 RGB pixels, with a valid CRC and a tiny IDAT.
    ihdr = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
    with open("huge_header.png", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
                + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + png_chunk(b"IEND", b""))
    # A TIFF: a real image in a format the decoder deliberately does not register.
    rgb.save("rgb.tiff")

    fixture = "/work/shared/fixtures/tiny-clip/images/pub_rgba.png"
    rgb_bytes = np.asarray(Image.open(fixture).convert("RGB")).tobytes()
    with open("expected.json", "w") as f:
        json.dump({"pub_rgba.png": {"rgb_sha256": hashlib.sha256(rgb_bytes).hexdigest(),
                                    "size": list(Image.open(fixture).size)}}, f, indent=1)
        f.write("\n")

    # 16-bit PNGs of the other colour types, with their own generator so the files above do not change: PIL keeps
    # the high byte of RGBA and grey+alpha samples, but opens 16-bit grey as mode I and clips it to 0..255.
    rng16 = np.random.default_rng(16)
    for name, colour_type, channels in (("grey16.png", 0, 1), ("la16.png", 4, 2), ("rgba16.png", 6, 4)):
        grey16 = rng16.integers(0, 65536, size=(10, 14, channels))
        grey16[:5, ..., 0] = rng16.integers(0, 600, size=(5, 14))  # small values: unclipped in PIL's I mode
        data16 = grey16.astype(">u2")
        with open(name, "wb") as f:
            raw = b"".join(b"\x00" + row.tobytes() for row in data16)
            f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 14, 10, 16, colour_type, 0, 0, 0))
                    + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b""))
        save_expected(name, Image.open(name))


if __name__ == "__main__":
    main()
