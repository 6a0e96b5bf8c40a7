"""Is each part of Wegwijzer up? Used by GET /healthz."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import aiohttp
from sqlalchemy import text
from sqlalchemy.engine import Engine

TIMEOUT = aiohttp.ClientTimeout(total=3)
# Below this much free space on its disk, a SQLite database counts as down.
MIN_FREE_BYTES = 1024 * 1024


async def _http_ok(session: aiohttp.ClientSession, url: str, **kwargs) -> bool:
    try:
        async with session.get(url, timeout=TIMEOUT, **kwargs) as response:
            return response.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False


async def rasa_up(session: aiohttp.ClientSession, rasa_url: str, token: str) -> bool:
    """Up means: the server answers and has a model loaded (/status needs the token)."""
    try:
        async with session.get(
            f"{rasa_url}/status", params={"token": token}, timeout=TIMEOUT
        ) as response:
            if response.status != 200:
                return False
            body = await response.json()
            return bool(body.get("model_file"))
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
        return False


async def actions_up(session: aiohttp.ClientSession, action_url: str) -> bool:
    return await _http_ok(session, f"{action_url}/health")


def _room_to_write(engine: Engine) -> bool:
    """A SQLite file can still grow: its disk has MIN_FREE_BYTES free. A full disk still
    answers SELECT 1, but no answer can be stored."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return True
    return shutil.disk_usage(Path(database).resolve().parent).free >= MIN_FREE_BYTES


def _database_ping(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return _room_to_write(engine)
    except Exception:  # any driver error means: down
        return False


async def database_up(engine: Engine | None) -> bool:
    if engine is None:
        return False
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, _database_ping, engine)
