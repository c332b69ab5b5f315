from seminar_cli.main import main

raise SystemExit(main())
