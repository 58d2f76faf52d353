#!/bin/sh
# Seeds fuzz/corpus/<target>/ (gitignored) for every target: the release-note
# fixtures (repaired and misprinted), the hand-picked seeds and reproducers in
# tests/fixtures/fuzz/, and synthetic documents that set every element and
# attribute of each schema (written by the fuzz_regressions test).
# Run from anywhere: sh fuzz/seed-corpus.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo="$here/.."
synth="$here/corpus/.synth"
mkdir -p "$synth"
QUALYS_WAS_FUZZ_SEEDS="$synth" cargo test -q --manifest-path "$repo/Cargo.toml" \
    -p qualys-was-tests --test fuzz_regressions synthetic_documents_pass_every_target >/dev/null
for target in validate parse roundtrip; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    cp "$repo"/tests/fixtures/release-notes/*.xml "$dir"/
    for f in "$repo"/tests/fixtures/release-notes/misprinted/*.xml; do
        cp "$f" "$dir/misprinted-$(basename "$f")"
    done
    for sub in seeds validate parse roundtrip; do
        if [ -d "$repo/tests/fixtures/fuzz/$sub" ]; then
            for f in "$repo/tests/fixtures/fuzz/$sub"/*; do
                case "$f" in *.md|*/\*) continue ;; esac
                cp "$f" "$dir/$sub-$(basename "$f")"
            done
        fi
    done
    cp "$synth"/*.xml "$dir"/
done
rm -rf "$synth"
echo "seeded $(ls "$here/corpus/validate" | wc -l) inputs per target under fuzz/corpus/"
