"""The journal: every action of a session is an event appended to SQLite (PRODUCT §4)."""
