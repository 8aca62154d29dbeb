import sys

from parcelbench.cli import main

sys.exit(main())
