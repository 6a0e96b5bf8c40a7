"""Wegwijzer's command line: python -m bot COMMAND.

run          start the Rasa server, the action server and the web app (make run)
web          start only the web app
build-nlp    build the Dutch spaCy pipeline and the generated entity synonyms
add-worker   make a portal account for a support worker or admin (password asked, never shown)
purge        delete what is kept longer than the configured periods (--dry-run: only count)
exec -- CMD  run CMD (e.g. rasa test) with Wegwijzer's configuration in the environment
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot import config

GENERATED_SYNONYMS = config.PROJECT_ROOT / "data" / "nlu" / "generated" / "synonyms.yml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="start all three processes")
    commands.add_parser("web", help="start the web app")
    commands.add_parser("migrate", help="bring the application database up to date (Alembic)")
    build_nlp = commands.add_parser("build-nlp", help="build the Dutch spaCy pipeline")
    build_nlp.add_argument("--output", type=Path, default=config.SPACY_MODEL_DIR)
    add_worker = commands.add_parser("add-worker", help="make a portal account")
    from bot.handoff import add_worker as add_worker_command

    add_worker_command.add_arguments(add_worker)
    purge = commands.add_parser("purge", help="delete what is kept too long")
    purge.add_argument("--dry-run", action="store_true", help="only count what would go")
    run_cmd = commands.add_parser("exec", help="run a command with the configuration set")
    run_cmd.add_argument("cmd", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)

    if args.command == "run":
        from bot import launcher

        return launcher.run(config.load_settings())
    if args.command == "web":
        from bot.web import app

        app.serve(config.load_settings())
        return 0
    if args.command == "migrate":
        from bot.storage import db

        try:
            db.migrate(config.load_settings().db_url)
        except Exception as error:  # one line for the operator, not a stack trace
            print(f"The database at WEGWIJZER_DB_URL cannot be used: {error}", file=sys.stderr)
            return 1
        return 0
    if args.command == "add-worker":
        return add_worker_command.run(args, config.load_settings())
    if args.command == "purge":
        return purge_command(args.dry_run)
    if args.command == "build-nlp":
        from bot import nlp_pipeline

        nlp_pipeline.build(args.output, GENERATED_SYNONYMS)
        print(f"Dutch spaCy pipeline written to {args.output}")
        return 0
    if args.command == "exec":
        cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
        if not cmd:
            parser.error("exec needs a command")
        env = config.rasa_environment(config.load_settings())
        os.execvpe(cmd[0], cmd, env)
    return 1


def purge_command(dry_run: bool) -> int:
    from bot.retention import run_purge
    from bot.storage import db

    settings = config.load_settings()
    try:
        db.migrate(settings.db_url)  # the tables must exist, as for add-worker
        purged = run_purge(settings, dry_run=dry_run)
    except Exception as error:  # one line for the operator, without query parameters
        print(f"The purge failed: {type(error).__name__}", file=sys.stderr)
        return 1
    verb = "Would remove" if dry_run else "Removed"
    print(f"{verb}: {purged.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
