"""Warnings: a port in use (a port the test holds), a privileged port."""

from __future__ import annotations

from pathlib import Path

from clikit import SLUG, Run, one_json

# --- warnings -----------------------------------------------------------------------------------


def test_port_in_use_is_a_warning(cli: Run, workdir: Path, busy_port: int) -> None:
    result = cli("init", "--no-input", "--port", str(busy_port))
    assert result.code == 0
    assert result.err_lines == [
        f"warning: port {busy_port} is already in use on this machine; stop what uses it or pick another with --port"
    ]
    assert (workdir / SLUG / "manage.py").is_file()


def test_port_in_use_warning_in_korean_and_json(cli: Run, busy_port: int) -> None:
    result = cli("init", "--no-input", "--port", str(busy_port), "--lang", "ko", "--json", "--dry-run")
    assert result.code == 0
    assert one_json(result.out)["answers"]["port"] == busy_port
    assert result.err_lines[0] == (
        f"경고: 포트 {busy_port} 을(를) 이 컴퓨터에서 이미 쓰고 있습니다. 그 프로그램을 멈추거나 --port 로 다른 포트를 고르세요"
    )


def test_privileged_port_is_a_warning(cli: Run) -> None:
    result = cli("init", "--no-input", "--port", "80", "--dry-run", "--json")
    assert result.code == 0
    message = "--port: 80 is below 1024; binding it on the host may need administrator rights"
    assert f"warning: {message}" in result.err_lines
    assert one_json(result.out)["warnings"] == [message]


def test_a_server_on_8000_does_not_reach_tests_that_are_not_about_it(cli: Run) -> None:
    """CI holds 8000 busy on purpose: a CLI test sees the warning only for a port it holds itself."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", 8000))
            sock.listen(1)
        except OSError:
            pass  # something else already listens there: the condition holds anyway
        result = cli("init", "--no-input", "--dry-run")
    assert (result.code, result.err) == (0, "")


def test_the_warning_uses_the_real_check(busy_port: int) -> None:
    """Held ports go through newproj's own check (a connection), not through a stand-in answer."""
    import newproj.cli.report

    assert newproj.cli.report.port_in_use(busy_port) is True
