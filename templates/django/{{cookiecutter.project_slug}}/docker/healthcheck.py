{%- set ko = cookiecutter.language == 'ko' -%}
"""{{ "web 컨테이너의 헬스 체크: 주어진 URL(앱의 /health/)이 200 으로 답하면 healthy." if ko else "The web container's healthcheck: healthy when the URL given (the app's /health/) answers 200." }}

    python docker/healthcheck.py http://127.0.0.1:{{ cookiecutter.port }}/health/

{{ "Docker Engine 20.10 에는 start_interval 이 없어 검사는 처음부터 1초 간격입니다." if ko else "Docker Engine 20.10 has no start_interval, so checks run a second apart from the start." }}
{{ "그래서 컨테이너가 막 시작된 동안(처음 30초, docker-compose.yml 의 start_period)에는" if ko else "While the container is starting (its first 30 s, the start_period of docker-compose.yml)," }}
{{ "한 번의 검사가 0.1초마다 최대 9초까지 다시 묻습니다: 앱이 준비되고 0.1초 안에" if ko else "one check asks again every 0.1 s for up to 9 s: the container turns healthy within" }}
{{ "healthy 가 됩니다. 그 뒤의 검사는 한 번만 묻습니다." if ko else "0.1 s of the app being ready. Later checks ask once." }}
"""

import http.client
import os
import sys
import time
from urllib.parse import urlsplit

START_PERIOD = 30.0  # {{ "docker-compose.yml 의 start_period 와 같게" if ko else "the same as start_period in docker-compose.yml" }}
# {{ "다음 검사는 이 검사가 끝나고 interval(1초)이 지나야 시작합니다:" if ko else "The next check starts only an interval (1 s) after this one ends:" }}
# {{ "그 사이에 준비된 앱이 기다리지 않도록, 시작하는 동안 한 번의 검사가 오래 묻습니다" if ko else "one check asks for long while starting, so an app ready in between does not wait" }}
KEEP_ASKING_FOR = 9.0  # {{ "헬스 체크의 timeout(10초)보다 짧게" if ko else "shorter than the healthcheck's timeout (10 s)" }}
ASK_EVERY = 0.1


def answers_200(url: str) -> bool:
    """{{ "URL 이 200 으로 답하면 True (연결 실패나 다른 상태 코드는 False)" if ko else "True when the URL answers 200 (a refused connection or another status is False)" }}."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=2)
    try:
        connection.request("GET", parts.path or "/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def container_age() -> float:
    """{{ "컨테이너의 첫 프로세스(PID 1)가 시작된 뒤 지난 초" if ko else "Seconds since the container's first process (PID 1) started" }}."""
    with open("/proc/uptime", encoding="ascii") as uptime:
        booted_for = float(uptime.read().split()[0])
    with open("/proc/1/stat", encoding="ascii") as stat:
        ticks = int(stat.read().rsplit(")", 1)[1].split()[19])  # {{ "22번째 필드: 부팅 후 시작 시각" if ko else "field 22: start time after boot" }}
    return booted_for - ticks / os.sysconf("SC_CLK_TCK")


def main(url: str) -> int:
    deadline = time.monotonic() + (KEEP_ASKING_FOR if container_age() < START_PERIOD else 0)
    while not answers_200(url):
        if time.monotonic() >= deadline:
            return 1
        time.sleep(ASK_EVERY)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
