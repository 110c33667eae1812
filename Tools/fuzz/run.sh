#!/usr/bin/env bash
# Fuzzes the lesson parser, the prose renderer and the Swift highlighter with libFuzzer
# (Tools/fuzz/FuzzLessons.swift).
#
#   Tools/fuzz/run.sh [SECONDS] [LIBFUZZER_OPTION...]
#
# Builds .build-fuzz/fuzz-lessons with `-sanitize=fuzzer,address`, seeds a temporary corpus
# with every lesson (Lessons/**/*.md) and every Markdown fixture (Tests/**/*.md), and runs
# one fuzzing process for SECONDS (default 60) on one core; an input that takes over 25 s
# is reported as a hang. A crashing input is written to
# .build-fuzz/crashes/; replay one with `.build-fuzz/fuzz-lessons FILE`, shrink it with
# `.build-fuzz/fuzz-lessons -minimize_crash=1 -max_total_time=60 FILE`, and commit it under
# Tests/NotebookTests/FuzzRegressions/, which NotebookTests parses and renders.
#
# The package build is not involved: swiftc compiles Charts, LessonResults, swift-mustache
# (checked out by SwiftPM into .build-fuzz/spm) and Notebook straight into .build-fuzz/, so
# only our Swift code is instrumented; Debian's cmark-gfm is linked as it is.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
shift || true
out=$root/.build-fuzz
flags=(-sanitize=fuzzer,address -O -g -parse-as-library -I "$out")

cd "$root"
mkdir -p "$out/crashes"
swift package --scratch-path "$out/spm" resolve >/dev/null
mustache=$out/spm/checkouts/swift-mustache/Sources/Mustache

# The C target's header as SwiftPM would present it: a module map around its include folder.
cat > "$out/module.modulemap" <<MAP
module CRenameExchange {
    header "$root/Sources/CRenameExchange/include/CRenameExchange.h"
    export *
}
MAP
clang -O -g -fsanitize=address -I Sources/CRenameExchange/include -c Sources/CRenameExchange/rename_exchange.c -o "$out/CRenameExchange.o"

# One module at a time, in dependency order; each is one object and one .swiftmodule.
module() {
    local name=$1 swiftVersion=$2; shift 2
    echo "compiling $name"
    swiftc "${flags[@]}" -swift-version "$swiftVersion" -module-name "$name" -wmo -c "$@" \
        -emit-module -emit-module-path "$out/$name.swiftmodule" -o "$out/$name.o"
}
module Charts 6 Sources/Charts/*.swift
module LessonResults 6 Sources/LessonResults/*.swift
module Mustache 5 "$mustache"/*.swift
module Notebook 6 -I Sources/CCMarkGFM $(find Sources/Notebook -name '*.swift' | sort)

echo "linking fuzz-lessons"
swiftc "${flags[@]}" -module-name FuzzLessons Tools/fuzz/FuzzLessons.swift \
    "$out"/{Charts,LessonResults,Mustache,Notebook,CRenameExchange}.o \
    -I Sources/CCMarkGFM -lcmark-gfm -lcmark-gfm-extensions -o "$out/fuzz-lessons"

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
find Lessons Tests -name '*.md' -not -path 'Lessons/po/*' -exec cp --backup=numbered {} "$corpus/" \;
echo "corpus: $(ls "$corpus" | wc -l) seeds; fuzzing for $seconds s"
"$out/fuzz-lessons" -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -timeout=25 \
    -artifact_prefix="$out/crashes/" -print_final_stats=1 "$@" "$corpus"
