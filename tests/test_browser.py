"""The pages in a real headless Chromium (Debian's ``chromium`` and ``chromium-driver``, which
``.ci/run`` installs), driven through selenium with the system browser: nothing is fetched."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from newsledger.web import create_app

from .hostile import hostile_ledger

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver", "/usr/lib/chromium/chromedriver")


def _find(names: tuple[str, ...]) -> str:
    for name in names:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    pytest.fail(
        f"none of {', '.join(names)} is installed: the browser tests need Debian's chromium"
        " and chromium-driver (`apt-get install -y chromium chromium-driver`; .ci/run does it)"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = _find(BROWSERS)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--window-size=1280,1600")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=_find(DRIVERS)))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


class Server:
    """The app on a free local port, served by uvicorn in a thread for the test's lifetime."""

    def __init__(self, db: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(
            create_app(db), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                pytest.fail("the web app did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def demo_site(demo_db: Path) -> Iterator[str]:
    with Server(demo_db) as url:
        yield url


def test_story_page_to_article_with_highlights(
    browser: WebDriver, demo_site: str, tmp_path: Path
) -> None:
    browser.get(demo_site + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"
    browser.find_element(By.LINK_TEXT, "Articles").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "table.listing tbody tr")
    assert len(rows) > 10
    rows[2].find_element(By.LINK_TEXT, "read").click()
    assert "/articles/" in browser.current_url
    for kind in ("actor", "place", "time", "quote", "event"):
        assert browser.find_elements(By.CSS_SELECTOR, f".article-text mark.hl-{kind}"), kind
    actor = browser.find_element(By.CSS_SELECTOR, ".article-text mark.hl-actor")
    assert actor.value_of_css_property("font-weight") in ("600", "700")  # the style applies
    text = browser.find_element(By.CSS_SELECTOR, ".article-text")
    browser.find_element(By.CSS_SELECTOR, 'input[data-layer="actor"]').click()
    assert "off-actor" in str(text.get_attribute("class"))  # our script runs under the CSP
    assert actor.value_of_css_property("font-weight") == "400"
    shot = tmp_path / "article.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_a_listing_row_leads_to_its_sentence(browser: WebDriver, demo_site: str) -> None:
    browser.get(demo_site + "/events")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.bar")
    link = browser.find_element(By.CSS_SELECTOR, "table.listing a.sentence-link")
    link.click()
    anchor = browser.current_url.rsplit("#", 1)[1]
    sentence = browser.find_element(By.ID, anchor)
    assert sentence.get_attribute("class") == "sent" and sentence.text


def test_map_and_network_render(browser: WebDriver, demo_site: str) -> None:
    browser.get(demo_site + "/places")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.map path.land")) > 10
    assert browser.find_element(By.CSS_SELECTOR, "svg.map").size["height"] > 100
    browser.get(demo_site + "/actors")
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg.network circle")) >= 10


def test_hostile_article_is_inert(
    browser: WebDriver, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    db, article_id = hostile_ledger(tmp_path_factory.mktemp("hostile-browser"))
    with Server(db) as site:
        for page in ("/articles", "/search?q=pwned", f"/articles/{article_id}"):
            browser.get(site + page)
            with pytest.raises(NoAlertPresentException):
                _ = browser.switch_to.alert.text
            assert browser.execute_script("return typeof window.__pwned") == "undefined", page
            assert browser.title != "pwned"
        body = browser.find_element(By.CSS_SELECTOR, ".article-text").text
        assert "<script>window.__pwned = 1" in body and "onerror=" in body  # shown as text
        for tag in ("script:not([src])", "img", "svg", "a[href^='javascript']", "[onerror]"):
            assert browser.find_elements(By.CSS_SELECTOR, f"main {tag}") == [], tag
        for link in browser.find_elements(By.CSS_SELECTOR, "main a"):
            link_target = str(link.get_attribute("href"))
            assert link_target.startswith(site), link_target
        browser.save_screenshot(str(tmp_path / "hostile.png"))
