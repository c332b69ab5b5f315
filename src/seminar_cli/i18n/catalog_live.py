"""Messages of the live area."""

MESSAGES: dict[str, tuple[str, str]] = {}
