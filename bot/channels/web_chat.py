"""The channel names under which the web chat's messages reach Rasa and the actions.

The web chat (bot/web/app.py) sends its messages through the REST channel
(bot/channels/rest.py, still named "rest"); a tracker that has no input channel yet (a
conversation opened from the web chat before its first message) counts as the web chat too.
No Rasa import: the action server loads this module.
"""

from __future__ import annotations

WEB_CHANNELS: frozenset[str | None] = frozenset({"rest", None})
