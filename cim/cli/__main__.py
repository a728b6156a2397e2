from cim.cli import main

raise SystemExit(main())
