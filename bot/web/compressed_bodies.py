"""Compressed request bodies are refused (issue 12, point 7).

aiohttp 3.9.5 (pinned by Rasa) inflates a gzip, deflate or br body while it arrives,
without a limit: a 400 KB deflate body to /chat/message costs about 512 MB before the
size limit sees it. Two layers stop that:
- `SERVER_OPTIONS` switch the inflating off in the HTTP parser (`serve` passes them), so
  the bytes stay as they came;
- the middleware answers any Content-Encoding other than identity with 415 before a
  handler runs, so no handler reads such a body: a Dutch JSON error on the chat's JSON
  routes, a plain refusal elsewhere (the portal's forms, the plan pages).
"""

from __future__ import annotations

from typing import Any

from aiohttp import hdrs, web

SERVER_OPTIONS: dict[str, Any] = {"auto_decompress": False}
JSON_PATHS = frozenset({"/chat/message"})
CHAT_ERROR = "Dit bericht kon ik niet lezen. Verstuur het opnieuw vanaf de chatpagina."
PLAIN_ERROR = "Dit verzoek is ingepakt (gecomprimeerd). Dat aanvaardt Wegwijzer niet."


def is_compressed(request: web.BaseRequest) -> bool:
    codings = request.headers.getall(hdrs.CONTENT_ENCODING, [])
    return any(
        coding.strip().lower() not in ("", "identity")
        for value in codings
        for coding in value.split(",")
    )


@web.middleware
async def refuse_compressed_bodies(request: web.Request, handler):
    if not is_compressed(request):
        return await handler(request)
    if request.path in JSON_PATHS:
        response = web.json_response({"error": CHAT_ERROR}, status=415)
    else:
        response = web.Response(text=PLAIN_ERROR, status=415)
    response.force_close()  # the unread body is not waited for on this connection
    return response
