{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "web 컨테이너의 헬스 체크: URL 이 200 으로 답하면 종료 코드 0 (healthy)." if ko else "The web container's healthcheck: exit code 0 (healthy) when the URL answers 200." }}

    python docker/healthcheck.py http://127.0.0.1:{{ cookiecutter.port }}/health/

{{ "slim 이미지에는 curl 이 없어 파이썬으로 묻습니다. 컨테이너가 도는 내내 몇 초마다 실행되므로" if ko else "The slim image has no curl, so Python asks. It runs every few seconds for as long as the" }}
{{ "가볍게: HTTP 는 TCP 위의 글자라서 GET 한 번은 socket 모듈로 충분합니다 (urllib 은 검사마다" if ko else "container runs, so it stays light: HTTP is text over TCP, and one GET needs only the socket" }}
{{ "SSL 과 이메일 파싱 모듈까지 읽어 들입니다)." if ko else "module (urllib would load SSL and e-mail parsing on every check)." }}
"""

import socket
import sys
from urllib.parse import urlsplit


def main(url: str) -> int:
    parts = urlsplit(url)
    request = f"GET {parts.path or '/'} HTTP/1.0\r\nHost: {parts.netloc}\r\n\r\n"
    try:
        with socket.create_connection((parts.hostname, parts.port or 80), timeout=5) as conn:
            conn.sendall(request.encode("ascii"))
            status_line = conn.makefile("rb").readline()  # b"HTTP/1.1 200 OK\r\n"
    except OSError:  # {{ "연결 거부, 시간 초과" if ko else "refused or timed out" }}
        return 1
    return 0 if status_line.split()[1:2] == [b"200"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
