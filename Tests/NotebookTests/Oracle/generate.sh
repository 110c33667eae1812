#!/usr/bin/env bash
# Writes swift-classification.json: every Swift cell of the book (Lessons/**/*.md) and every
# snippet of corpus.swift, each with swift-syntax's classification of its bytes
# (SwiftClassification/, swift-syntax 603.0.1's SwiftIDEUtils). NotebookTests' highlighter
# test reads the JSON, so neither `make test` nor `make site` builds swift-syntax.
#
#   Tests/NotebookTests/Oracle/generate.sh
#
# The first run builds swift-syntax in release mode: about 8 minutes of one core. Set
# SCRATCH to reuse another build folder (SwiftPM's --scratch-path).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
scratch=${SCRATCH:-$here/SwiftClassification/.build}
swift build -c release --package-path "$here/SwiftClassification" --scratch-path "$scratch" >&2
python3 - "$root" "$here/corpus.swift" <<'PY' | "$scratch/release/classify" > "$here/swift-classification.json"
import glob, json, re, sys
root, corpus = sys.argv[1], sys.argv[2]
sources = []
for path in sorted(glob.glob(root + "/Lessons/**/*.md", recursive=True)):
    if "/po/" in path:
        continue
    text = open(path, encoding="utf-8").read()
    sources += re.findall(r"^```swift[^\n]*\n(.*?)^```", text, re.M | re.S)
snippets = re.split(r"^// ----\n", open(corpus, encoding="utf-8").read(), flags=re.M)
sources += snippets
json.dump(sources, sys.stdout)
PY
echo "wrote $here/swift-classification.json" >&2
