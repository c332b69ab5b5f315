"""Messages of the prompts area."""

MESSAGES: dict[str, tuple[str, str]] = {}
