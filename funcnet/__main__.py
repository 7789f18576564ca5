"""Entry point of `python -m funcnet`."""

import sys

from funcnet.cli import main

if __name__ == "__main__":
    sys.exit(main())
