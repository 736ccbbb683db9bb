"""Command line: `python -m devserver OUTPUT [--bind HOST] [--port N] -- pelican CONTENT ...`."""

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from .builds import Builder, BuildRunner, SiteState, build_environment
from .server import DevServer
from .watch import watch, watched_paths

PLUGIN_FOLDER = Path(__file__).resolve().parent.parent


def pelican_settings(pelican_command: list[str]) -> tuple[dict, Path | None]:
    """Return the settings the build command reads, and its settings file."""
    from pelican import get_config, parse_arguments
    from pelican.settings import read_settings

    arguments = parse_arguments(pelican_command[1:])
    settings_file = Path(arguments.settings) if arguments.settings else None
    settings = read_settings(arguments.settings, override=get_config(arguments))
    return settings, settings_file


def echo(line: str) -> None:
    """Show one line in the terminal, as it comes."""
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Build, serve and rebuild on every change until interrupted; return the exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    command: list[str] = []
    if "--" in arguments:
        split = arguments.index("--")
        arguments, command = arguments[:split], arguments[split + 1 :]
    parser = argparse.ArgumentParser(
        prog="python -m devserver",
        description="Serve the last good build of the course and rebuild it on every save.",
    )
    parser.add_argument("output", type=Path, help="the site's folder, e.g. output")
    parser.add_argument("--bind", default="127.0.0.1", help="address to serve on")
    parser.add_argument("--port", type=int, default=8000, help="port (0: any free port)")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="run each build in a new process (as make html), not forked from a warm one",
    )
    options = parser.parse_args(arguments)
    if not command:
        parser.error("the Pelican command must follow --")

    settings, settings_file = pelican_settings(command)
    output = Path(os.path.abspath(options.output))
    content = Path(settings["PATH"])
    state = SiteState()
    plugin_folders = [Path(folder) for folder in settings.get("PLUGIN_PATHS", [])]
    runner = BuildRunner(output, content, command, plugin_folders, build_environment(PLUGIN_FOLDER))
    runner.warm = runner.warm and not options.cold
    runner.start()  # importing begins while the server starts
    builder = Builder(runner, output, state, echo, Path(os.path.abspath(content)))
    try:
        server = DevServer((options.bind, options.port), output, state)
    except OSError as error:
        print(f"devserver: cannot serve on {options.bind}:{options.port}: {error.strerror}")
        return 2
    stop = threading.Event()
    watch(watched_paths(settings, settings_file), builder.request, stop)
    building = threading.Thread(
        target=builder.run, args=(stop,), name="devserver-build", daemon=True
    )
    building.start()
    builder.request()  # the first build
    host, port = server.server_address[:2]
    echo(f"devserver: serving {output} at http://{host}:{port}/ (Ctrl-C to stop)")
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, name="devserver-http", daemon=True)
    serving.start()
    try:
        stop.wait()
    except KeyboardInterrupt:
        stop.set()
    with builder.wake:
        builder.wake.notify_all()
    server.stop()
    runner.stop()
    building.join(timeout=30)  # it puts back pages shown early that no build checked
    builder.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
