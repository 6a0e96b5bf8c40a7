"""Wegwijzer's web side: chat page, launcher and command line (python -m bot ...)."""
