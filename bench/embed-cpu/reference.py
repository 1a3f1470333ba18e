#!/usr/bin/python3
"""The reference CPU path with PIL + torchvision 0.14 on one thread: decode (PIL), exact Gaussian blur sigma=3
(torchvision's gaussian_blur, kernel 25 = truncation at 4 sigma, reflect borders), CLIP preprocessing (Resize 224
bicubic antialiased, CenterCrop 224, ToTensor, Normalize). Prints images per CPU-second and per wall-second.
With --pil-blur it uses PIL's ImageFilter.GaussianBlur instead (a box-blur approximation, not the same work)."""
import glob
import sys
import time

import torch
from PIL import Image, ImageFilter
from torchvision import transforms
from torchvision.transforms import functional as F

torch.set_num_threads(1)
SIGMA = 3.0
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)
clip = transforms.Compose([
    transforms.Resize(224, interpolation=transforms.InterpolationMode.BICUBIC),
    transforms.CenterCrop(224),
    transforms.ToTensor(),
    transforms.Normalize(MEAN, STD),
])


def one(path: str, pil_blur: bool) -> torch.Tensor:
    with Image.open(path) as im:
        img = im.convert("RGB")
    img = img.filter(ImageFilter.GaussianBlur(SIGMA)) if pil_blur else F.gaussian_blur(img, kernel_size=25, sigma=SIGMA)
    return clip(img)


def main() -> None:
    paths = sorted(glob.glob(sys.argv[1] + "/*.jpg"))
    pil_blur = "--pil-blur" in sys.argv
    out = torch.empty(len(paths), 3, 224, 224)
    for p in paths[:10]:
        one(p, pil_blur)  # warm-up
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for i, p in enumerate(paths):
        out[i] = one(p, pil_blur)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    name = "PIL+torchvision (PIL box-approximate blur)" if pil_blur else "PIL+torchvision"
    print(f"{name}: {len(paths)} images, {wall:.3f} s wall, {cpu:.3f} s CPU, "
          f"{len(paths) / cpu:.2f} images per CPU-second, {len(paths) / wall:.2f} images/s wall")


if __name__ == "__main__":
    main()
