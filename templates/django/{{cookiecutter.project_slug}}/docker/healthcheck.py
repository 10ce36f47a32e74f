{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "web 컨테이너의 헬스 체크: URL 이 200 으로 답하면 종료 코드 0 (healthy)." if ko else "The web container's healthcheck: exit code 0 (healthy) when the URL answers 200." }}

    python docker/healthcheck.py http://127.0.0.1:{{ cookiecutter.port }}/health/

{{ "slim 이미지에는 curl 이 없어 파이썬 표준 라이브러리로 묻습니다." if ko else "The slim image has no curl, so Python's standard library asks." }}
"""

import sys
import urllib.request


def main(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return 0 if response.status == 200 else 1
    except OSError:  # {{ "연결 거부, 시간 초과, 200 이 아닌 HTTP 오류" if ko else "refused, timed out, or an HTTP error status" }}
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
