"""The `chiso` console entry point: Django management commands, with dashed names.

`chiso load-provinces` runs the `load_provinces` command; commands run with the audit
source set to "command".
"""

import os
import signal
import sys


def main(argv: list[str] | None = None) -> None:
    if hasattr(signal, "SIGPIPE"):
        # `chiso results --csv | head` should stop quietly, not with a BrokenPipeError trace.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    from django.core.management import execute_from_command_line

    from chiso.orgs.context import set_source

    set_source("command")
    argv[0] = "chiso"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
