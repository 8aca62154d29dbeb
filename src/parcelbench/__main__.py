import sys

from parcelbench.cli import main

if __name__ == "__main__":  # guarded: the AED reader process re-imports the main module
    sys.exit(main())
