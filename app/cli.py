"""Command line: `quotes evaluate GOLD.jsonl` (and the batch commands), through the same
pipeline and services as the API."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="quotes", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("evaluate", add_help=False, help="score the pipeline on a gold JSONL file (see --help)")
    args, rest = parser.parse_known_args(argv)
    if args.command == "evaluate":
        from app.evaluate import main as evaluate

        return evaluate(rest) or 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
