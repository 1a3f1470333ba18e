#!/usr/bin/python3
"""PIL's side of bench/decode: decodes every JPEG in DIR from memory, one thread, Image.open(...).convert("RGB"),
in ROUNDS rounds; prints the median CPU ms per image (process CPU time: robust to a loaded machine) and writes DIR/pil.sha256 (SHA-256 of each decoded RGB buffer)."""
import hashlib
import io
import os
import statistics
import sys
import time

from PIL import Image


def main(directory, rounds):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".jpg"))
    data = [open(os.path.join(directory, n), "rb").read() for n in names]
    with open(os.path.join(directory, "pil.sha256"), "w") as f:
        for name, b in zip(names, data):
            f.write(f"{hashlib.sha256(Image.open(io.BytesIO(b)).convert('RGB').tobytes()).hexdigest()} {name}\n")
    times = []
    rgb = None
    for _ in range(rounds):
        start = time.process_time()
        for b in data:
            # Kept until the next image and the file closed: PIL's fastest form. The one-liner
            # Image.open(f).convert("RGB"), dropping both at once, measured 6x slower here (9 ms against 1.4 ms on
            # 500x375), apparently in freeing and re-faulting the image memory; clipgeo is compared with the fast form.
            im = Image.open(io.BytesIO(b))
            rgb = im.convert("RGB")
            im.close()
        times.append((time.process_time() - start) * 1000 / len(data))
    del rgb
    print(f"PIL {Image.__version__}: {statistics.median(times):.3f} ms per image (median of {rounds})")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 7)
