"""Sessions: opening, resolving, recording, and running them over an injected clock."""
