"""Peak memory of running processes, each with all its children, sampled often.

RSS counts a page that several processes share (forked workers share their parent's) once
per process; PSS splits it between them, so a tree's PSS is what it takes of the machine."""

from __future__ import annotations

import threading
from collections.abc import Callable

import psutil


def process_tree(pid: int) -> list[psutil.Process]:
    """A process and all its descendants (none when it is gone)."""
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def tree_total(pid: int, read: Callable[[psutil.Process], float]) -> float:
    """The sum of `read` over a process tree; a process that ended meanwhile counts 0."""
    total = 0.0
    for process in process_tree(pid):
        try:
            total += read(process)
        except psutil.Error:
            pass  # ended between the listing and the reading
    return total


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (0 when it is gone)."""
    return int(tree_total(pid, lambda process: process.memory_info().rss))


def tree_pss(pid: int) -> int:
    """Proportional bytes of a process and all its descendants (0 when it is gone).

    Reading a process's PSS walks its page tables: about 7 ms for a Rasa server of 1 GB,
    against 0.01 ms for its RSS; so it is sampled less often."""
    return int(tree_total(pid, lambda process: process.memory_full_info().pss))


def server_process(pid: int) -> psutil.Process:
    """The server's own Python process in a tree: the largest (a Procfile command runs
    under `sh -c`, so the process started is the shell)."""
    return max(process_tree(pid), key=lambda p: p.memory_info().rss)


class PeakRss:
    """Samples the watched process trees every `interval` seconds in a thread."""

    def __init__(self, interval: float = 0.25, pss_every: int = 8) -> None:
        self.interval = interval
        self.pss_every = pss_every  # PSS every this many samples (every 2 s)
        self.watched: dict[str, int] = {}
        self.peaks: dict[str, int] = {}  # RSS
        self.pss_peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def watch(self, label: str, pid: int) -> None:
        with self._lock:
            self.watched[label] = pid
            self.peaks.setdefault(label, 0)
            self.pss_peaks.setdefault(label, 0)

    def _sample(self) -> None:
        sample = 0
        while not self._stop.wait(self.interval):
            sample += 1
            with self._lock:
                for label, pid in self.watched.items():
                    self.peaks[label] = max(self.peaks[label], tree_rss(pid))
                    if sample % self.pss_every == 0:
                        self.pss_peaks[label] = max(self.pss_peaks[label], tree_pss(pid))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
