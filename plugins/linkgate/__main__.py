"""`python -m linkgate SITE_DIR`: the same as the `linkgate` command."""

import sys

from .cli import main

sys.exit(main())
