#!/bin/sh
# Remakes sample-results/ (the report's test input, docs/results.md "A sample"): MakeSample.cs runs clipgeo's
# commands on demo images with the tiny CLIP fixture, then umap_projections.py adds projections/ with umap-learn.
# Needs the .NET 10 SDK, ../shared/fixtures and Debian's python3-umap (umap-learn). Usage: tests/Client.Tests/Report/make-sample.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
dotnet run --file "$here/make-sample/MakeSample.cs" -c Release -- "$here/sample-results" "$root/../shared/fixtures"
python3 "$here/make-sample/umap_projections.py" "$here/sample-results"
du -sh "$here/sample-results"
