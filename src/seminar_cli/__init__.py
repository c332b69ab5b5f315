"""seminar — run real seminars from the terminal."""

__version__ = "0.1.0"
