"""The aiohttp web app: chat page, health check (portal and plan views come later)."""
