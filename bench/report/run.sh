#!/bin/sh
# Size and load time of the report of a Flickr8k-sized synthetic results directory (8,091 images, 6 levels).
# Usage: bench/report/run.sh [DIR] [IMAGES] [DIMENSION]  (COCO size: run.sh /tmp/coco-bench 118287 32)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build -c Release "$root/bench/report/ReportBench.csproj" -v q -nologo >/dev/null
dotnet "$root/bench/report/bin/Release/net10.0/ReportBench.dll" "$@"
