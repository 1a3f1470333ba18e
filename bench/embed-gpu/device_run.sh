#!/usr/bin/env bash
# Last call on the GPU machine: reassemble the CUDA provider next to the self-contained benchmark, point the
# loader at the CUDA 13 / cuDNN 9 libraries that PyTorch's pip packages ship, and run the benchmark.
# Expects .gpu/app/gpu-app.tar.xz and .gpu/app/xpart03 carried, parts 00-02 stashed by device_setup.sh.
set -u
repo=$PWD; export REPO=$repo
# xz where the image has it, else Python's lzma (always there).
unxz_stream() { if command -v xz >/dev/null 2>&1; then xz -d -c; else python3 -c "import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.stdin.buffer), sys.stdout.buffer, 1 << 20)"; fi; }
mkdir -p /root/gpu/parts && mv "$repo"/.gpu/*/xpart* /root/gpu/parts/ 2>/dev/null
cd /root/gpu || exit 1
ls -la parts
echo "1b7437de8e5fc19b0aa064ae0546204bc2b1c5791a4363b5135ff5b857f88d7e  -" > want.sha
cat parts/xpart0* | sha256sum | diff - want.sha && echo "provider parts intact"
rm -rf gpu-app && unxz_stream < "$repo/.gpu/app/gpu-app.tar.xz" | tar -xf - || exit 1
cat parts/xpart0* | unxz_stream > gpu-app/libonnxruntime_providers_cuda.so || exit 1
export LD_LIBRARY_PATH="$(paste -sd: libdirs.txt):/root/gpu/gpu-app"
export DOTNET_gcServer=1
log="$OUT/bench.txt"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$log"
for args in "--batch 256 --streams 2" "--batch 512 --streams 3" "--batch 256 --streams 2 --sigma 3"; do
  echo "== $args" | tee -a "$log"
  timeout 240 ./gpu-app/embed-gpu-bench --model /root/gpu/vit-b32 --images /root/gpu/jpegs --decoders 16 --provider cuda --repeat 2 --calls 20 $args 2>&1 | tee -a "$log"
done
# The same model in PyTorch on the same GPU, for scale (fp32, no decoding).
python3 - <<'PY' 2>&1 | tee -a "$log"
import sys, time, torch
sys.argv = ["x", "/tmp/unused"]
import os; sys.path.insert(0, os.environ["REPO"] + "/bench/embed-gpu")
from make_vit_b32 import VisionTower
m = VisionTower().cuda().eval()
x = torch.randn(256, 3, 224, 224, device="cuda")
with torch.no_grad():
    for _ in range(3): m(x)
    torch.cuda.synchronize(); t = time.time()
    for _ in range(20): m(x)
    torch.cuda.synchronize()
print(f"pytorch fp32 encode only (on-device input): {20 * 256 / (time.time() - t):.0f} images/s")
PY
