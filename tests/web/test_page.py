"""The page of ``newproj serve`` in a real browser (Debian's chromium through chromium-driver), driven
with the keyboard alone: fill the form in English and Korean, see an inline error and fix it, explore a
file, download and compare with the CLI's project, open a share link.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from newproj.cli.app import main
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from webkit import archive_files, folder_files, without_dev_values

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _driver(lang: str, downloads: Path) -> webdriver.Chrome:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(
            "chromium and chromium-driver are not installed; run bash .ci/run (or apt-get install them)"
        )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--lang={lang}",
        "--window-size=1200,900",
    ):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    return driver


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Callable[[str], webdriver.Chrome]]:
    """``browser("ko")``: a headless chromium whose language is ``ko``; its console must stay clean."""
    drivers: list[webdriver.Chrome] = []

    def make(lang: str) -> webdriver.Chrome:
        downloads = tmp_path / f"downloads-{lang}"
        downloads.mkdir(exist_ok=True)
        drivers.append(_driver(lang, downloads))
        drivers[-1].downloads = downloads  # type: ignore[attr-defined]
        return drivers[-1]

    yield make
    try:
        for driver in drivers:
            problems = [
                entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")
            ]
            assert problems == [], problems
    finally:
        for driver in drivers:
            driver.quit()


def wait(condition: Callable[[], object], timeout: float = 15) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the element is not there yet
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the page")


def active_id(driver: webdriver.Chrome) -> str:
    return driver.execute_script("return document.activeElement && document.activeElement.id || ''")


def tab_to(driver: webdriver.Chrome, element_id: str, limit: int = 120) -> None:
    """Press Tab until ``element_id`` has the focus: it is reachable with the keyboard."""
    for _ in range(limit):
        if active_id(driver) == element_id:
            return
        ActionChains(driver).send_keys(Keys.TAB).perform()
    raise AssertionError(f"{element_id} cannot be reached with Tab")


def type_text(driver: webdriver.Chrome, text: str) -> None:
    """Replace the focused field's text by typing."""
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(
        Keys.BACKSPACE
    ).perform()
    ActionChains(driver).send_keys(text).perform()


def text_of(driver: webdriver.Chrome, element_id: str) -> str:
    return driver.execute_script("return document.getElementById(arguments[0]).textContent", element_id)


def settled(driver: webdriver.Chrome) -> None:
    """Wait until the page has the model's answer for what is typed (the share link follows it)."""
    time.sleep(0.3)
    wait(lambda: driver.find_element("id", "share-link").get_attribute("value"))


def open_page(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url)
    wait(lambda: driver.find_element("id", "f-project_name"))
    settled(driver)


def downloaded(folder: Path, name: str) -> bytes:
    path = folder / name
    wait(lambda: path.exists() and not list(folder.glob("*.crdownload")), timeout=30)
    return path.read_bytes()


def test_fill_fix_and_download_in_english_with_the_keyboard(browser, live_server, tmp_path: Path) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/")
    assert driver.find_element("tag name", "html").get_attribute("lang") == "en"
    tab_to(driver, "f-project_name")
    type_text(driver, "Keyboard Site")
    tab_to(driver, "f-port")
    type_text(driver, "abc")
    message = "'abc' is not a whole number; use a port from 1 to 65535, e.g. 8000"
    wait(lambda: text_of(driver, "e-port") == message)
    port = driver.find_element("id", "f-port")
    assert port.get_attribute("aria-invalid") == "true"
    assert "e-port" in port.get_attribute("aria-describedby")
    assert driver.find_element("id", "download-zip").get_attribute("href") is None
    type_text(driver, "9000")
    wait(lambda: text_of(driver, "e-port") == "")
    assert port.get_attribute("aria-invalid") is None
    tab_to(driver, "f-database")
    ActionChains(driver).send_keys("mariadb").perform()
    wait(
        lambda: (
            [
                o.get_attribute("value")
                for o in driver.find_elements("css selector", "#f-database_version option")
            ]
            == ["10.11", "11.4", "11.8"]
        )
    )
    settled(driver)
    assert driver.find_element("id", "command").text == (
        "newproj init --no-input --name 'Keyboard Site' --slug keyboard_site "
        "--description 'A Django project generated by newproj' --author '' --python 3.13 --django 6.1 "
        "--port 9000 --database mariadb --database-version 11.8 --project-language en --time-zone UTC"
    )
    tab_to(driver, "download-zip")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    served = archive_files(downloaded(driver.downloads, "keyboard_site.zip"), "zip")

    answers = ["--name", "Keyboard Site", "--port", "9000", "--database", "mariadb"]
    assert main(["init", "--no-input", *answers, str(tmp_path / "keyboard_site")]) == 0
    written = folder_files(tmp_path / "keyboard_site", "keyboard_site")
    assert without_dev_values(served, "keyboard_site") == without_dev_values(written, "keyboard_site")


def test_korean_page_inline_error_and_switching_language(browser, live_server) -> None:
    driver = browser("ko")
    open_page(driver, live_server.url + "/")
    assert driver.find_element("tag name", "html").get_attribute("lang") == "ko"
    assert text_of(driver, "l-project_name") == "프로젝트 이름"  # the model's Korean label
    tab_to(driver, "f-project_slug")
    type_text(driver, "class")
    wait(
        lambda: (
            text_of(driver, "e-project_slug")
            == "'class'은(는) 파이썬 예약어입니다. 다른 이름을 쓰세요 (예: my_class)"
        )
    )
    type_text(driver, "seoul_class")
    wait(lambda: text_of(driver, "e-project_slug") == "")
    tab_to(driver, "f-language")
    ActionChains(driver).send_keys("ko").perform()
    wait(lambda: driver.find_element("id", "f-time_zone").get_attribute("placeholder") == "Asia/Seoul")
    # The page's language, switched with the keyboard: the labels and the messages follow.
    tab_to(driver, "ui-lang")
    ActionChains(driver).send_keys("E").perform()
    wait(lambda: text_of(driver, "l-project_name") == "Project name")
    assert driver.find_element("tag name", "html").get_attribute("lang") == "en"


def test_explore_a_file_with_the_keyboard(browser, live_server) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/?name=Explorer&database=sqlite")
    tab_to(driver, "explore")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait(lambda: driver.execute_script("return document.activeElement.closest('#file-list') !== null"))
    for _ in range(120):
        if driver.execute_script("return document.activeElement.textContent") == "docker-compose.yml":
            break
        ActionChains(driver).send_keys(Keys.TAB).perform()
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait(lambda: text_of(driver, "file-name") == "docker-compose.yml")
    shown = text_of(driver, "file-text")
    import httpx

    preview = httpx.get(live_server.url + "/preview?name=Explorer&database=sqlite", timeout=30).json()
    expected = next(f["text"] for f in preview["files"] if f["path"] == "docker-compose.yml")
    assert shown == expected and "services:" in shown


def test_a_share_link_restores_the_form_and_warns_about_unknown_values(browser, live_server) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/?name=Shared+Site&database=mysql&port=8100")
    assert driver.find_element("id", "f-project_name").get_attribute("value") == "Shared Site"
    assert driver.find_element("id", "f-database").get_attribute("value") == "mysql"
    assert driver.find_element("id", "f-database_version").get_attribute("value") == "8.4"
    link = driver.find_element("id", "share-link").get_attribute("value")
    assert link == live_server.url + "/?name=Shared+Site&port=8100&database=mysql"  # in the model's order
    assert driver.find_element("id", "link-warnings").is_displayed() is False

    open_page(driver, live_server.url + "/?name=Odd&database=oracle&colour=blue")
    warnings = driver.find_element("id", "link-warnings")
    assert warnings.is_displayed()
    assert [item.text for item in warnings.find_elements("tag name", "li")] == [
        "The link's Database oracle is not offered here; the default is used instead.",
        "The link has an answer this page does not know, colour=blue; it was left out.",
    ]
    assert driver.find_element("id", "f-database").get_attribute("value") == "postgresql"
    assert driver.find_element("id", "f-project_name").get_attribute("value") == "Odd"


def test_every_control_is_labelled_and_dark_mode_is_readable(browser, live_server) -> None:
    driver = browser("en")
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
    )
    open_page(driver, live_server.url + "/")
    unlabelled = driver.execute_script(
        "return Array.from(document.querySelectorAll('#fields input, #fields select'))"
        ".filter(c => !(c.labels.length && c.labels[0].textContent.trim())).map(c => c.id)"
    )
    assert unlabelled == []
    colours = driver.execute_script(
        "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]"
    )
    assert colours == ["rgb(13, 17, 23)", "rgb(230, 237, 243)"]
    # Choices the model refuses with the current answers are disabled, with its reason (metadata "conflicts").
    open_page(driver, live_server.url + "/?django=6.1")
    disabled = driver.execute_script(
        "return Array.from(document.querySelectorAll('#f-python_version option'))"
        ".filter(o => o.disabled).map(o => [o.value, o.title])"
    )
    assert disabled == [
        [
            "3.10",
            "Django 6.1 supports Python 3.12 to 3.15, not 3.10; pick a Python in that range or another Django version",
        ],
        [
            "3.11",
            "Django 6.1 supports Python 3.12 to 3.15, not 3.11; pick a Python in that range or another Django version",
        ],
    ]
    # Nothing is loaded from elsewhere: every resource the page used is on this server.
    sources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert sources and all(source.startswith(live_server.url) for source in sources)


def test_a_validation_the_service_refuses_is_shown_and_stops_the_download(browser, live_server) -> None:
    """A 413 from /validate (2000 Korean letters are 18000 bytes once percent-encoded) is no verdict:
    the page says the server's words and offers no download of older answers; fixing it brings it back."""
    driver = browser("en")
    open_page(driver, live_server.url + "/?name=Before")
    assert driver.find_element("id", "download-zip").get_attribute("href")
    driver.execute_script(
        "const d = document.getElementById('f-description'); d.focus(); d.value = '가'.repeat(2000);"
        "d.dispatchEvent(new Event('input', {bubbles: true}))"
    )
    message = "the request is larger than 16384 bytes; send fewer or shorter parameters"
    wait(lambda: text_of(driver, "service-error") == message)
    assert driver.find_element("id", "service-error").is_displayed()
    zip_link = driver.find_element("id", "download-zip")
    assert zip_link.get_attribute("href") is None and zip_link.get_attribute("aria-disabled") == "true"
    assert driver.find_element("id", "download-tgz").get_attribute("href") is None
    assert driver.find_element("id", "explore").get_attribute("disabled") == "true"
    assert driver.find_element("id", "command").text == ""
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    time.sleep(1)
    assert list(driver.downloads.iterdir()) == []
    # The browser logs the refused request itself; the page throws nothing.
    logged = [
        entry["message"] for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")
    ]
    assert logged and all("/validate" in line and "413" in line for line in logged), logged
    type_text(driver, "Short again")
    wait(lambda: driver.find_element("id", "download-zip").get_attribute("href"))
    assert driver.find_element("id", "service-error").is_displayed() is False
    assert "--description 'Short again'" in driver.find_element("id", "command").text


def test_a_download_right_after_typing_has_the_answers_just_typed(browser, live_server) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/")
    tab_to(driver, "f-project_name")
    type_text(driver, "Quick Site")
    ActionChains(driver).key_down(Keys.CONTROL).send_keys(Keys.ENTER).key_up(Keys.CONTROL).perform()
    wait(lambda: list(driver.downloads.glob("*.zip")), timeout=30)
    downloaded(driver.downloads, "quick_site.zip")
    assert [p.name for p in driver.downloads.glob("*.zip")] == ["quick_site.zip"]
    # The same for a click: the link is made for the form as it is at the click.
    tab_to(driver, "f-project_name")
    type_text(driver, "Quicker Site")
    driver.find_element("id", "download-tgz").click()
    downloaded(driver.downloads, "quicker_site.tar.gz")
    assert sorted(p.name for p in driver.downloads.iterdir()) == ["quick_site.zip", "quicker_site.tar.gz"]


def python_options(driver: webdriver.Chrome) -> list[list[str]]:
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#f-python_version option'))"
        ".filter(o => o.disabled).map(o => [o.value, o.title])"
    )


def test_a_default_django_rules_out_no_python_and_follows_the_python_picked(browser, live_server) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/")
    assert driver.find_element("id", "f-django_version").get_attribute("value") == "6.1"
    assert python_options(driver) == []
    tab_to(driver, "f-python_version")
    ActionChains(driver).send_keys(Keys.HOME).perform()  # the first Python: 3.10
    wait(lambda: driver.find_element("id", "f-django_version").get_attribute("value") == "5.2")
    settled(driver)
    assert driver.find_element("id", "f-python_version").get_attribute("value") == "3.10"
    assert text_of(driver, "e-python_version") == ""
    assert "--python 3.10 --django 5.2" in driver.find_element("id", "command").text
    assert driver.find_element("id", "download-zip").get_attribute("href")
    # Now Python is an answer: the Django it rules out is disabled, with the model's reason.
    django = driver.execute_script(
        "return Array.from(document.querySelectorAll('#f-django_version option'))"
        ".filter(o => o.disabled).map(o => [o.value, o.title])"
    )
    assert django == [
        [
            "6.1",
            "Django 6.1 supports Python 3.12 to 3.15, not 3.10; pick a Python in that range or another Django version",
        ]
    ]


def test_a_share_link_restores_the_yes_and_no_words_the_api_takes(browser, live_server) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/?use_redis=yes&use_worker=1&use_ci=OFF&use_k8s=maybe")

    def checked(name: str) -> bool:
        return driver.find_element("id", "f-" + name).is_selected()

    assert (checked("use_redis"), checked("use_worker"), checked("use_ci")) == (True, True, False)
    assert checked("use_k8s") is False  # the default, not the link's word
    warnings = driver.find_element("id", "link-warnings")
    assert warnings.is_displayed()
    assert [item.text for item in warnings.find_elements("tag name", "li")] == [
        "The link's Kubernetes manifests maybe is neither yes nor no; the default is used instead."
    ]
    link = driver.find_element("id", "share-link").get_attribute("value")
    assert link == live_server.url + "/?use_ci=false&use_redis=true&use_worker=true"


def test_an_emptied_field_means_its_default(browser, live_server) -> None:
    driver = browser("en")
    open_page(driver, live_server.url + "/")
    tab_to(driver, "f-port")
    ActionChains(driver).send_keys("9").perform()
    wait(lambda: "--port 9 " in driver.find_element("id", "command").text)
    ActionChains(driver).send_keys(Keys.BACKSPACE).perform()
    wait(lambda: "--port 8000 " in driver.find_element("id", "command").text)
    assert text_of(driver, "e-port") == ""
    assert driver.find_element("id", "f-port").get_attribute("aria-invalid") is None
    assert driver.find_element("id", "share-link").get_attribute("value") == live_server.url + "/"
    # A derived default still shows in an emptied field: the slug follows the name typed after.
    tab_to(driver, "f-project_slug")
    type_text(driver, "x")
    type_text(driver, "")
    tab_to(driver, "f-project_name")
    type_text(driver, "Empty Slug")
    wait(lambda: driver.find_element("id", "f-project_slug").get_attribute("placeholder") == "empty_slug")
    assert driver.find_element("id", "download-zip").get_attribute("href").endswith("?name=Empty+Slug")
