"""The program's entry, for the ``seminar`` console script and ``python -m seminar_cli``.

Ctrl-C is a quiet exit 130 from the first instant: until :func:`run` hands over to ``main``
(which turns ``KeyboardInterrupt`` into its message and 130), and again once it returns, a
SIGINT ends the process at once, with no traceback from an import or from the shutdown.
Nothing is recorded in those moments, so nothing can be lost by stopping there.
"""

import os
import signal


def _quiet_exit(signum: int, frame: object) -> None:
    os._exit(130)


# a SIGINT that Python already ignores (a background job) stays ignored
_EARLY = signal.getsignal(signal.SIGINT) is signal.default_int_handler
if _EARLY:
    signal.signal(signal.SIGINT, _quiet_exit)

from seminar_cli.main import main  # noqa: E402  (after the handler, on purpose)


def run() -> int:
    if not _EARLY:
        return main()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return main()
    except KeyboardInterrupt:  # in the instant before main() is inside its handler
        return 130
    finally:
        signal.signal(signal.SIGINT, _quiet_exit)


if __name__ == "__main__":
    raise SystemExit(run())
