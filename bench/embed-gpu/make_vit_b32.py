"""Builds a ViT-B/32-shaped CLIP vision tower with random weights and exports it to ONNX.

The GPU benchmark measures throughput, not semantics, so random weights are fine; the shape is CLIP
ViT-B/32's vision tower: 224x224 input, 32x32 patches (49 + 1 tokens), width 768, 12 layers, 12 heads,
MLP 3072, pre-LN, QuickGELU, projection to 512. Output `image_embeds` [n,512] (not normalised), input
`pixel_values` [n,3,224,224] float32 with a dynamic batch axis: the `separate/` layout's vision model.

Usage: python3 make_vit_b32.py OUT_DIR [--fp16]
"""
import os
import sys

import torch
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out_proj = nn.Linear(width, width)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), QuickGELU(), nn.Linear(4 * width, width))

    def forward(self, x):
        n, t, w = x.shape
        qkv = self.qkv(self.ln_1(x)).reshape(n, t, 3, self.heads, w // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        attn = torch.softmax((q @ k.transpose(-2, -1)) * (w // self.heads) ** -0.5, dim=-1)
        x = x + self.out_proj((attn @ v).transpose(1, 2).reshape(n, t, w))
        return x + self.mlp(self.ln_2(x))


class VisionTower(nn.Module):
    def __init__(self, width=768, layers=12, heads=12, patch=32, size=224, out=512):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, patch, patch, bias=False)
        tokens = (size // patch) ** 2 + 1
        self.class_embedding = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.positional_embedding = nn.Parameter(torch.randn(tokens, width) * width ** -0.5)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.Sequential(*[Block(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(torch.randn(width, out) * width ** -0.5)

    def forward(self, pixel_values):
        x = self.conv1(pixel_values).flatten(2).transpose(1, 2)
        cls = self.class_embedding.expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.blocks(self.ln_pre(x))
        return self.ln_post(x[:, 0, :]) @ self.proj


def main():
    out_dir = sys.argv[1]
    fp16 = "--fp16" in sys.argv
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(1)
    model = VisionTower().eval()
    dummy = torch.randn(2, 3, 224, 224)
    if fp16:
        model = model.half()
        dummy = dummy.half()
    path = os.path.join(out_dir, "vision_model.onnx")
    extra = {"dynamo": False} if int(torch.__version__.split(".")[0]) >= 2 else {}
    with torch.no_grad():
        try:
            torch.onnx.export(model, (dummy,), path, input_names=["pixel_values"], output_names=["image_embeds"],
                              dynamic_axes={"pixel_values": {0: "n"}, "image_embeds": {0: "n"}}, opset_version=17,
                              **extra)
        except Exception as e:  # a PyTorch without the TorchScript exporter: use the dynamo one
            print(f"TorchScript export failed ({e}); trying the dynamo exporter")
            batch = torch.export.Dim("n", min=1, max=4096)
            torch.onnx.export(model, (dummy,), path, input_names=["pixel_values"], output_names=["image_embeds"],
                              dynamic_shapes=({0: batch},), dynamo=True, external_data=False)
    params = sum(p.numel() for p in model.parameters())
    print(f"wrote {path}: {params / 1e6:.1f}M parameters, {os.path.getsize(path) / 2**20:.0f} MiB")


if __name__ == "__main__":
    main()
