"""A real browser for the tests and the handbook's screenshots: Debian's chromium.

Driven through selenium and chromium-driver, both from the system (nothing is
downloaded at run time); axe-core comes from npm (``tools/browser``, installed by
``make test``) and is injected into the page. Missing pieces skip the browser
tests locally and fail them in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tools" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
#: WCAG 2.2 A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
DESKTOP = (1440, 900)
PHONE = (390, 844)


def missing() -> str | None:
    """Why the browser tests cannot run here, or ``None``."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    for program in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(program) is None:
            return f"{program} is missing (apt-get install chromium chromium-driver)"
    if not AXE.is_file():
        return f"{AXE} is missing (npm install --prefix tools/browser)"
    return None


def require_browser() -> None:
    reason = missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(f"no browser here: {reason}")


class Browser:
    """One headless chromium, resized and recoloured per check."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver

    def open(self, page: Path, size: tuple[int, int] = DESKTOP, *, dark: bool = False) -> None:
        width, height = size
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
        )
        scheme = "dark" if dark else "light"
        self.driver.execute_cdp_cmd(
            "Emulation.setEmulatedMedia",
            {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
        )
        self.driver.get(page.as_uri())

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def axe(self) -> list[dict[str, Any]]:
        """axe-core's violations on the open page: rule, impact and the first targets."""
        self.js(AXE.read_text(encoding="utf-8"))
        options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}})
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            f"axe.run(document, {options}).then((r) => done(r.violations.map((v) => ("
            "{id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map("
            "(n) => n.target.join(' '))}))));"
        )
        return list(result)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(path))


@contextmanager
def chromium() -> Iterator[Browser]:
    """A fresh headless chromium (as root it needs ``--no-sandbox``)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
        ):
            options.add_argument(argument)
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        driver.set_script_timeout(60)
        try:
            yield Browser(driver)
        finally:
            driver.quit()
