"""One module per `compare-reports` command: `add_parser(subparsers, name, help)` and `run(args)`."""
