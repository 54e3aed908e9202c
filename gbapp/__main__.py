"""`python -m gbapp`, and the frozen program's entry script (hence the absolute import)."""

import sys

from gbapp.cli import main

sys.exit(main())
