"""axe-core (shipped inside axe-playwright-python) finds no serious or critical accessibility violation on any
main page, on a laptop (1280 px) and on a phone (390 px), and in the dark scheme (its contrast too)."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.main_pages import main_pages

axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-playwright-python is in the dev extra")


def _serious(axe, page) -> list[str]:
    results = axe.run(page, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])}): {targets}")
    return found


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "light"), (1280, "dark")])
def test_no_serious_accessibility_violations_on_the_main_pages(page, demo, width, scheme):
    axe = axe_playwright.Axe()
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    page.goto("/login/")
    failures = [f"/login/: {problem}" for problem in _serious(axe, page)]
    log_in(page)
    for address in main_pages(demo):
        page.goto(address)
        failures += [f"{address}: {problem}" for problem in _serious(axe, page)]
    assert not failures, "\n".join(failures)
