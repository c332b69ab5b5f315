"""Messages of the minutes area."""

MESSAGES: dict[str, tuple[str, str]] = {}
