#!/usr/bin/env bash
# Does the test command depend on the machine's training? Trains four models -- two
# random seeds, TensorFlow limited to 1 and to 2 threads -- and runs every check that
# depends on the model against each: the clarity check of the typed story messages, the
# held-out NLU gates, and Rasa's test stories. Figures go into docs/benchmarks.md.
#
#     bash benchmarks/seed_and_threads.sh [SEED ...]     (default seeds: 42 7)
#     FULL=1 bash benchmarks/seed_and_threads.sh         (the whole pytest suite per model)
#     REUSE=1 bash benchmarks/seed_and_threads.sh        (test the variants trained before)
# With FULL=1 beside another suite, give it a database of its own (createdb variants):
#     WEGWIJZER_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/variants FULL=1 ...
#
# Run from the project root after `make setup`. The variants and their logs go to
# var/variants/; each is served through WEGWIJZER_MODEL, so models/ is never touched.
set -euo pipefail
seeds=("${@:-42 7}")
read -r -a seeds <<< "${seeds[*]}"
out=var/variants
mkdir -p "$out"

export PYTHONPATH=$PWD RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2
summary="$out/summary${FULL:+-full}.txt"
: > "$summary"
for seed in "${seeds[@]}"; do
  for threads in 1 2; do
    name="seed${seed}-threads${threads}"
    sed "s/random_seed: 42/random_seed: ${seed}/" config.yml > "$out/config-$name.yml"
    export TF_NUM_INTRAOP_THREADS=$threads TF_NUM_INTEROP_THREADS=$threads
    export TF_INTRA_OP_PARALLELISM_THREADS=$threads TF_INTER_OP_PARALLELISM_THREADS=$threads
    SECONDS=0
    if [[ ${REUSE:-0} == 1 && -f $out/$name.tar.gz ]]; then
      echo "reusing $out/$name.tar.gz" > "$out/train-$name.log"
    else
      .venv/bin/python -m bot exec -- .venv/bin/python -m bot.rasa_cli train --force \
        --config "$out/config-$name.yml" --fixed-model-name "$name" --out "$out" \
        > "$out/train-$name.log" 2>&1
    fi
    trained=$SECONDS
    unset TF_NUM_INTRAOP_THREADS TF_NUM_INTEROP_THREADS
    unset TF_INTRA_OP_PARALLELISM_THREADS TF_INTER_OP_PARALLELISM_THREADS
    export WEGWIJZER_MODEL=$PWD/$out/$name.tar.gz

    if [[ ${FULL:-0} == 1 ]]; then
      tests=(tests)
    else
      tests=(tests/test_story_confidence.py tests/test_nlu_holdout.py)
    fi
    SECONDS=0
    status=passed
    .venv/bin/python -m bot exec -- .venv/bin/pytest -q -p no:randomly "${tests[@]}" \
      > "$out/pytest${FULL:+-full}-$name.log" 2>&1 || status=FAILED
    rm -rf "$out/results-$name"
    .venv/bin/python -m bot exec -- .venv/bin/rasa test core --e2e --stories tests/ \
      --model "$WEGWIJZER_MODEL" --out "$out/results-$name" > "$out/stories-$name.log" 2>&1 \
      || status=FAILED
    failed=$(grep -c '^- story:' "$out/results-$name/failed_test_stories.yml" 2>/dev/null || true)
    [[ ${failed:-1} == 0 ]] || status=FAILED
    line="$name: training ${trained} s; pytest: $(tail -n 1 "$out/pytest${FULL:+-full}-$name.log" | tr -d '='); \
failed stories: ${failed:-?}; $status"
    echo "$line" | tee -a "$summary"
    unset WEGWIJZER_MODEL
  done
done
