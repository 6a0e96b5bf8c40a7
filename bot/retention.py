"""Running the retention purge (bot/storage/retention.py): once from the command line
(`python -m bot purge [--dry-run]`) and every few minutes in the web app's background.

The background purge runs in a thread, so the web app keeps answering; it never stops the
app, and its log lines hold only counts and error types, nothing personal.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime

from aiohttp import web

from bot.config import Settings
from bot.storage import db
from bot.storage.retention import Periods, Purged, purge

PURGE_EVERY_SECONDS = 300
logger = logging.getLogger(__name__)


def run_purge(settings: Settings, now: datetime | None = None, dry_run: bool = False) -> Purged:
    """One purge of the configured database with the configured periods."""
    with db.session(settings.db_url) as session:
        return purge(session, Periods.from_settings(settings), now=now, dry_run=dry_run)


def purge_and_log(settings: Settings) -> None:
    """One purge that never raises: a failure is logged by its type only."""
    try:
        purged = run_purge(settings)
    except Exception as error:  # the message may hold a query parameter: not logged
        logger.warning("The background purge failed (%s)", type(error).__name__)
        return
    if purged.total:
        logger.info("The background purge removed %s", purged.summary())


async def _every(settings: Settings, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    while True:
        await asyncio.sleep(seconds)
        await loop.run_in_executor(None, purge_and_log, settings)


async def purge_in_background(app: web.Application) -> AsyncIterator[None]:
    """aiohttp cleanup context: the purge every `PURGE_EVERY_SECONDS` while the app runs."""
    from bot.web.app import SETTINGS  # the app imports this module

    task = asyncio.create_task(_every(app[SETTINGS], PURGE_EVERY_SECONDS))
    yield
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
