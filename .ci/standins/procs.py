"""Running commands for the stand-in builder: progress on stderr, useful failure reports."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

_START = time.monotonic()
TAIL_LINES = 40


class StandinError(RuntimeError):
    """A step of building or checking the stand-in images failed."""


def log(message: str) -> None:
    """Print one progress line to stderr, with the time since the module was loaded."""
    print(f"[standins {time.monotonic() - _START:6.1f}s] {message}", file=sys.stderr, flush=True)


def tail(text: str, lines: int = TAIL_LINES) -> str:
    """The last `lines` lines of `text`."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def shorten(text: str, width: int = 150) -> str:
    """`text` cut to `width` characters, marking the cut."""
    return text if len(text) <= width else text[: width - 3] + "..."


def command_failed(cmd: Sequence[str], returncode: int, output: str) -> StandinError:
    """An error naming the command, its exit status and the tail of its output."""
    return StandinError(
        f"command failed (exit {returncode}): {shlex.join(cmd)}\n"
        f"--- last lines of its output ---\n{tail(output)}"
    )


def _environment(env: Mapping[str, str] | None) -> dict[str, str] | None:
    """The process environment updated with `env`, or None to inherit it unchanged."""
    return None if env is None else {**os.environ, **env}


def run(
    cmd: Sequence[str],
    *,
    input_text: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run `cmd`, capturing stdout and stderr as text.

    With `check`, a non-zero exit raises StandinError carrying the command and the tail
    of its stderr (or stdout when stderr is empty).
    """
    try:
        proc = subprocess.run(
            list(cmd),
            input=input_text,
            capture_output=True,
            text=True,
            env=_environment(env),
            cwd=cwd,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:
        raise StandinError(f"command not found: {shlex.join(cmd)} ({exc})") from exc
    except subprocess.TimeoutExpired as exc:
        output = (exc.stderr or exc.stdout or b"")
        text = output.decode(errors="replace") if isinstance(output, bytes) else output
        raise command_failed(cmd, -1, f"timed out after {timeout} s\n{text}") from exc
    if check and proc.returncode != 0:
        raise command_failed(cmd, proc.returncode, proc.stderr.strip() or proc.stdout)
    return proc


def run_logged(
    cmd: Sequence[str],
    log_path: Path,
    *,
    echo: Callable[[str], bool] = lambda line: False,
    prefix: str = "",
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> None:
    """Run a long command, writing its combined output to `log_path`.

    Lines for which `echo` returns True are also shown as progress (after `prefix`,
    which tells parallel commands apart). A non-zero exit
    raises StandinError with the command, the log's path and the output's tail.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    last: deque[str] = deque(maxlen=TAIL_LINES)
    with log_path.open("w", encoding="utf-8") as log_file:
        log_file.write(f"$ {shlex.join(cmd)}\n")
        log_file.flush()
        try:
            proc = subprocess.Popen(
                list(cmd),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                errors="replace",
                env=_environment(env),
                cwd=cwd,
            )
        except FileNotFoundError as exc:
            raise StandinError(f"command not found: {shlex.join(cmd)} ({exc})") from exc
        assert proc.stdout is not None
        for line in proc.stdout:
            log_file.write(line)
            last.append(line.rstrip("\n"))
            if echo(line):
                log("    " + shorten(prefix + line.strip()))
        returncode = proc.wait()
    if returncode != 0:
        output = "\n".join(last) + f"\n(full output in {log_path})"
        raise command_failed(cmd, returncode, output)
