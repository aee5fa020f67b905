"""The live preview, end to end in a real headless browser (Debian's chromium via selenium)."""

from __future__ import annotations

import http.client
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium en chromedriver zijn niet geïnstalleerd")


@pytest.fixture
def server(project):
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "preview", str(project), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    line = process.stdout.readline()
    assert line.startswith("Voorbeeld op http://127.0.0.1:"), line + process.stderr.read()
    url = line.split()[2]
    yield process, url
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-quic", f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(browser, predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate(browser.find_element("tag name", "body").text):
                return True
        except Exception:  # the page is reloading
            pass
        time.sleep(0.2)
    raise AssertionError(f"niet gezien binnen {timeout} s; pagina toont:\n{browser.find_element('tag name', 'body').text[:2000]}")


def test_preview_follows_edits_shows_errors_and_refuses_traversal(server, browser, project):
    process, url = server
    browser.get(url)
    wait_for(browser, lambda text: "Intentieverklaring" in text and "Raadsvoorstel" in text)
    browser.get(url + "doc/intentieverklaring")
    wait_for(browser, lambda text: "Verklaren als volgt" in text)
    browser.execute_script("window.nietHandmatig = 'nog dezelfde pagina';")

    # 1. change a value in the YAML: the open page shows it by itself
    intent = project / "intentieverklaring.yaml"
    original = intent.read_text(encoding="utf-8")
    intent.write_text(original.replace("regelmatig overleggen", "elke maand overleggen"), encoding="utf-8")
    wait_for(browser, lambda text: "elke maand overleggen" in text)
    assert browser.execute_script("return window.nietHandmatig === undefined;"), "the page reloaded itself"

    # 2. break the YAML: the page shows the positioned error, the last good rendering is one click away
    broken = original.replace("  plaats: Dordrecht", "  plaats: Dordrecht\n plaats: kapot")
    intent.write_text(broken, encoding="utf-8")
    wait_for(browser, lambda text: "De inhoud bevat fouten" in text)
    body = browser.find_element("tag name", "body").text
    line = broken.splitlines().index(" plaats: kapot") + 1
    assert f"intentieverklaring.yaml:{line}:" in body and "YAML-syntaxfout" in body
    browser.find_element("link text", "Laatste goede versie van intentieverklaring bekijken").click()
    wait_for(browser, lambda text: "elke maand overleggen" in text and "laatste goede versie" in text)
    assert process.poll() is None, "invalid content does not stop the server"

    # 3. repair: the document comes back
    browser.get(url + "doc/intentieverklaring")
    intent.write_text(original, encoding="utf-8")
    wait_for(browser, lambda text: "regelmatig overleggen" in text and "De inhoud bevat fouten" not in text)

    # 4. only what was rendered is served: no path traversal
    address = urlsplit(url)
    for path in ("/../../etc/passwd", "/doc/../../etc/passwd", "/doc/%2e%2e/%2e%2e/etc/passwd", "/laatste/../manifest.json"):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        content = response.read()
        assert response.status == 404, path
        assert b"root:" not in content

    # 5. Ctrl-C stops it cleanly
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=10) == 0
    assert "Voorbeeld gestopt." in process.stdout.read()


def test_binds_to_loopback_only(server):
    process, url = server
    assert urlsplit(url).hostname == "127.0.0.1"
