#!/usr/bin/python3
"""JPEG decoding goldens for ClipGeometry: small JPEG files of every kind, and PIL's decoded RGB of each.

Run with Debian's python (Pillow 9.4 on libjpeg-turbo 2.1.5) and jpegtran from libjpeg-turbo-progs
(for restart markers):
    /usr/bin/python3 make_jpegs.py
Writes <name>.jpg and <name>.rgb.npy (uint8 [h, w, 3]: PIL's Image.open(f).convert("RGB")), and
jpeg_q<q>.npy: the committed source image input.png saved by PIL with save(quality=q) (PIL's defaults: 4:2:0,
its standard quantisation tables, no optimisation) then decoded, for the jpeg:q perturbation; s420_blur<s>.npy: SciPy's gaussian_filter (sigma s, reflect, truncate 4, rounded
half up) of PIL's decoded s420.jpg.
Sizes are odd (not multiples of the MCU) so that edge blocks and chroma upsampling at the borders are covered.
"""
import io
import subprocess

import numpy as np
from PIL import Image, ImageCms
from scipy.ndimage import gaussian_filter


def photo(w, h, seed):
    # Smooth colour gradients, sharp coloured edges and noise: chroma detail that upsampling must reconstruct.
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3))
    img[..., 0] = 128 + 100 * np.sin(x / 4.0 + y / 9.0)
    img[..., 1] = 255 * x / (w - 1)
    img[..., 2] = 255 * y / (h - 1)
    disc = (x - w * 0.6) ** 2 + (y - h * 0.4) ** 2 < (min(w, h) * 0.25) ** 2
    img[disc] = [230, 20, 60]
    img[h // 2: h // 2 + 3, 2: w - 2] = [10, 200, 250]
    img += rng.normal(0, 12, img.shape)
    return Image.fromarray(np.clip(np.rint(img), 0, 255).astype(np.uint8), "RGB")


def save(name, data):
    with open(f"{name}.jpg", "wb") as f:
        f.write(data)
    rgb = np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))
    np.save(f"{name}.rgb.npy", rgb)


def pil_jpeg(image, **kw):
    buf = io.BytesIO()
    image.save(buf, "JPEG", **kw)
    return buf.getvalue()


def main():
    src = photo(61, 47, 7)
    src.save("input.png")
    save("s444", pil_jpeg(src, quality=90, subsampling=0))
    save("s422", pil_jpeg(src, quality=90, subsampling=1))
    save("s420", pil_jpeg(src, quality=75, subsampling=2))
    save("progressive", pil_jpeg(src, quality=85, progressive=True))
    save("optimized", pil_jpeg(photo(37, 53, 3), quality=60, optimize=True))
    save("grey", pil_jpeg(src.convert("L"), quality=85))
    save("cmyk", pil_jpeg(src.convert("CMYK"), quality=90))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    save("icc", pil_jpeg(src, quality=88, icc_profile=srgb))
    # Restart markers: PIL 9.4 cannot write them; jpegtran (Debian's libjpeg-turbo-progs 2.1.5) adds them
    # losslessly, one restart interval per MCU row.
    data = subprocess.run(["jpegtran", "-restart", "1"], input=pil_jpeg(src, quality=80),
                          capture_output=True, check=True).stdout
    assert b"\xff\xdd" in data and b"\xff\xd0" in data, "no restart markers written"
    save("restart", data)
    for q in (10, 50, 95):
        buf = io.BytesIO(pil_jpeg(src, quality=q))
        np.save(f"jpeg_q{q}.npy", np.asarray(Image.open(buf).convert("RGB")))
    # The blur golden on a JPEG: SciPy's gaussian_filter on PIL's decoded pixels, rounded half up, as
    # ../blur/make_golden.py does for PNG inputs.
    pixels = np.asarray(Image.open("s420.jpg").convert("RGB")).astype(float)
    for s in (1, 3):
        out = gaussian_filter(pixels, (s, s, 0), mode="reflect", truncate=4.0)
        np.save(f"s420_blur{s}.npy", np.clip(np.floor(out + 0.5), 0, 255).astype(np.uint8))


if __name__ == "__main__":
    main()
