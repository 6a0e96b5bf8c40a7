"""`make bench`: Wegwijzer and Rasa's starter bot under the same load, side by side.

    .venv/bin/python -m bot exec -- .venv/bin/python -m benchmarks.load [--short] [--no-write]

Wegwijzer runs twice: with one Rasa worker process, and with two (WEGWIJZER_RASA_WORKERS=2,
the Redis lock store at 127.0.0.1:6379). Starts each bot from nothing (timing its cold
start), runs the Locust phases against it (benchmarks/load/measure.py) while sampling its
memory, stops it, and writes the figures as a section of docs/benchmarks.md. TRAIN=1 in
the environment also times a fresh training of both bots into a temporary folder;
otherwise the recorded times are shown.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial
from pathlib import Path

from benchmarks.load import alternate, bots, measure, report, starter, stored, training
from benchmarks.load.memory import PeakRss
from benchmarks.load.scripts import SCRIPTS


def bench(
    start: Callable[[Path], AbstractContextManager[bots.RunningBot]], plan: measure.Plan
) -> measure.Figures:
    with tempfile.TemporaryDirectory() as tmp, PeakRss() as memory:
        with start(Path(tmp)) as bot:
            print(f"{bot.name}: ready, cold start {bot.cold_start}", flush=True)
            for label, pid in bot.processes.items():
                memory.watch(label, pid)
            figures = measure.load(bot, plan)
        if bot.db_url:  # the servers are stopped; the database is still there
            figures.stored = stored.check(bot.db_url, SCRIPTS[bot.script])
            print(f"{bot.name}: stored {figures.stored}", flush=True)
    figures.peak_rss = dict(memory.peaks)
    figures.peak_pss = dict(memory.pss_peaks)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__)
    parser.add_argument("--short", action="store_true", help="a few seconds and users only")
    parser.add_argument("--no-write", action="store_true", help="print, leave the doc alone")
    args = parser.parse_args()
    plan = measure.SHORT if args.short else measure.Plan()
    retrain = os.environ.get("TRAIN") == "1"
    machine = report.Machine.now()  # before anything of ours runs: the load of others
    starter.ensure_trained()
    wegwijzer_training = training.wegwijzer(retrain)
    trainings = (wegwijzer_training, wegwijzer_training, training.starter_bot(retrain))
    columns = [
        bench(bots.wegwijzer, plan),
        bench(partial(bots.wegwijzer, workers=2), plan),
        bench(bots.starter_bot, plan),
    ]
    # Last, both bots again at the same time, their closed loops taking turns.
    alternation = alternate.closed_loops(plan)
    columns[0].alternating = alternation.wegwijzer
    columns[2].alternating = alternation.starter
    if "MAKELEVEL" in os.environ:
        command = ("TRAIN=1 " if retrain else "") + "make bench"
    else:
        command = ".venv/bin/python -m bot exec -- .venv/bin/python -m benchmarks.load"
        command += " --short" if args.short else ""
    text = report.section(columns, trainings, plan, machine, command, report.Build.now())
    print(text)
    if not args.no_write:
        report.write(text)
        print(f"Written to {report.DOC}")


if __name__ == "__main__":
    main()
