#!/usr/bin/env bash
# First call on the GPU machine: stash the carried part of the CUDA provider, build the ViT-B/32-shaped ONNX
# model and the JPEG corpus under /root/gpu (kept while the machine stays warm), and record the environment.
set -u
mkdir -p /root/gpu/parts
mv .gpu/*/xpart* /root/gpu/parts/ 2>/dev/null
ls -la /root/gpu/parts
if [ "${1:-}" = "--prepare" ]; then
  nvidia-smi --query-gpu=name,memory.total,driver_version,clocks.max.sm --format=csv | tee "$OUT/gpu.txt"
  nproc | tee -a "$OUT/gpu.txt"; which xz zstd | tee -a "$OUT/gpu.txt"
  python3 -c "import torch, onnx; print('torch', torch.__version__, 'onnx', onnx.__version__)" | tee -a "$OUT/gpu.txt"
  site=$(python3 -c 'import nvidia, os; print(os.path.dirname(list(nvidia.__path__)[0]))')
  find "$site/nvidia" -name 'lib*.so*' -printf '%h\n' | sort -u | tee /root/gpu/libdirs.txt | tee -a "$OUT/gpu.txt"
  PYTHONUNBUFFERED=1 python3 bench/embed-gpu/make_vit_b32.py /root/gpu/vit-b32 2>&1 | tail -2 | tee -a "$OUT/gpu.txt"
  PYTHONUNBUFFERED=1 python3 bench/embed-gpu/make_jpegs.py /root/gpu/jpegs 4000 | tee -a "$OUT/gpu.txt"
  du -sh /root/gpu/jpegs | tee -a "$OUT/gpu.txt"
fi
