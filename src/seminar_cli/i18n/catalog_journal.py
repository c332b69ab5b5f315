"""Messages of the journal area."""

MESSAGES: dict[str, tuple[str, str]] = {}
