"""Screenshots of the reviewer's desk for the README: the claim list, a dossier, its timeline, the claim page.

Needs the demo data (`make demo`, or `manage.py migrate && manage.py load_demo && manage.py ingest_demo`)
in the database DATABASE_URL points at, and Debian's chromium + chromium-driver. Serves the app itself
on a free port for the run (DEBUG on, as `make demo`), logs in as the demo reviewer and writes PNGs at
1,400 px wide into docs/img/:

    DATABASE_URL=sqlite:///$PWD/data/db.sqlite3 .venv/bin/python docs/screenshots.py
"""

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    from tests.browser.driver import chromium_driver, log_in

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claim", type=int, help="the claim whose dossier to show (default: most evidence)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "img"))
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "claimtracker.settings")
    os.environ["DEBUG"] = "1"
    import django

    django.setup()
    from django.db.models import Count

    from claims.models import Claim

    claim_id = args.claim or Claim.objects.annotate(n=Count("evidence")).order_by("-n", "id").first().pk
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    driver = None
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        driver = chromium_driver()
        log_in(driver, base, "reviewer", "claimtracker-reviewer")
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        driver.get(f"{base}/admin/claims/claim/")
        driver.save_screenshot(str(out / "admin-claim-list.png"))
        driver.get(f"{base}/admin/claims/claim/{claim_id}/dossier/")
        # The tree as a reviewer first sees it: re-report groups collapsed with their count. (An element's
        # screenshot is cut at the window's bottom: make the window as tall as the page first.)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1400, min(height + 120, 6000))
        driver.find_element("id", "origin-tree").screenshot(str(out / "dossier-tree.png"))
        for group in driver.find_elements("css selector", "#origin-tree details"):
            driver.execute_script("arguments[0].open = true", group)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1400, min(height + 120, 6000))
        driver.save_screenshot(str(out / "dossier.png"))
        driver.set_window_size(1400, 900)
        timeline = driver.find_element("id", "timeline")
        timeline.screenshot(str(out / "dossier-timeline.png"))
        driver.get(f"{base}/admin/claims/claim/{claim_id}/change/")
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(1400, min(height + 120, 6000))
        driver.save_screenshot(str(out / "claim-page.png"))
        print(
            f"Wrote {out}/admin-claim-list.png, dossier.png, dossier-tree.png, dossier-timeline.png, "
            f"claim-page.png (claim {claim_id})"
        )
    finally:
        if driver is not None:
            driver.quit()
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
