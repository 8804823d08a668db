"""Entry point of the bundled application (PyInstaller needs a script, not a module)."""

import sys

from timeline_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
