"""Peak resident memory of running processes, each with all its children, sampled often."""

from __future__ import annotations

import threading

import psutil


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (0 when it is gone)."""
    try:
        root = psutil.Process(pid)
        family = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in family:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass  # ended between the listing and the reading
    return total


def server_process(pid: int) -> psutil.Process:
    """The server's own Python process in a tree: the largest (a Procfile command runs
    under `sh -c`, so the process started is the shell)."""
    root = psutil.Process(pid)
    return max([root, *root.children(recursive=True)], key=lambda p: p.memory_info().rss)


class PeakRss:
    """Samples the watched process trees every `interval` seconds in a thread."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.watched: dict[str, int] = {}
        self.peaks: dict[str, int] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def watch(self, label: str, pid: int) -> None:
        with self._lock:
            self.watched[label] = pid
            self.peaks.setdefault(label, 0)

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            with self._lock:
                for label, pid in self.watched.items():
                    self.peaks[label] = max(self.peaks[label], tree_rss(pid))

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
