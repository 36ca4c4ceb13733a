import pytest

from .driver import chromium_paths


@pytest.fixture
def browser():
    binary, driver = chromium_paths()
    if binary is None or driver is None:
        pytest.skip(
            "chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver; .ci/run does it)"
        )
    from .driver import chromium_driver

    browser = chromium_driver()
    yield browser
    browser.quit()
