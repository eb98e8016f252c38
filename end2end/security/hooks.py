"""Schemathesis check for the portal's REST API: every error answer is JSON with a Persian
message ({"code": ..., "message": "..."}), as the OpenAPI document promises."""
import re

import schemathesis

PERSIAN = re.compile("[\u0600-\u06FF]")


@schemathesis.check
def persian_json_errors(ctx, response, case):
    if response.status_code < 400:
        return None
    kind = response.headers.get("content-type", [""])
    kind = kind[0] if isinstance(kind, list) else kind
    if not kind.startswith("application/json"):
        raise AssertionError(f"error {response.status_code} is {kind!r}, not JSON")
    body = response.json()
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not PERSIAN.search(message):
        raise AssertionError(f"error {response.status_code} has no Persian message: {body!r}")
    return None
