import sys

from besliswijzer.cli import main

sys.exit(main())
