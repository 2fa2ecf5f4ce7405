#!/usr/bin/python3
"""/admin in a real browser (issue 15): Debian's chromium through chromium-driver and python3-selenium.

  admin_page_test.py MENTORCAL SOURCE_DIR ARTIFACT_DIR

A programme runs one tick; `mentorcal web` serves /admin with the credentials of a file of
crypt(3) hashes. Without credentials the browser gets the 401 and no report. With them (sent as
a Basic Authorization header on every request, as a browser does after its sign-in dialog) the
report opens: every pair, its stylesheet applied although the Content-Security-Policy allows no
inline style (it is linked at /admin/report.css), no console error (a CSP violation would be one).
A screenshot is kept in ARTIFACT_DIR/admin-report.png.
"""
import base64
import os
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By

from browser_kit import Checks, chromium, demo_with_web, free_port, start_web, clean_up

BIN, SRC, ARTIFACTS = (os.path.realpath(a) for a in sys.argv[1:4])
check = Checks()


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="mentorcal-browser-admin-")
    web = None
    driver = None
    try:
        port = free_port(SRC)
        hashed = subprocess.check_output(["openssl", "passwd", "-6", "correct horse battery"],
                                         text=True).strip()
        with open(os.path.join(tmp, "web-admin"), "w", encoding="utf-8") as f:
            f.write(f"ada:{hashed}\n")
        with open(os.path.join(tmp, "demo.toml"), "w", encoding="utf-8") as f:
            f.write(demo_with_web(SRC, port, 'admin_credentials_file = "web-admin"\n'))
        subprocess.run([BIN, "run", "--once", "--config", "demo.toml", "--now", "2026-11-22T09:00:00Z"],
                       cwd=tmp, check=True, capture_output=True)
        web = start_web(BIN, tmp, "demo.toml", "2026-11-22T09:30:00Z", port)
        driver = chromium(tmp, 1024, 900, console_log=True)
        admin = f"http://127.0.0.1:{port}/admin"

        # No credentials: the challenge's 401 (headless Chromium shows no dialog), no report.
        driver.get(admin)
        check("amara-li" not in driver.page_source, "the report without credentials")

        token = base64.b64encode(b"ada:correct horse battery").decode()
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders",
                               {"headers": {"Authorization": f"Basic {token}"}})
        driver.get(admin)
        check("mentoring report" in driver.title, f"title: {driver.title}")
        for pair in ("amara-li", "amara-priya", "maria-diego", "tom-jack"):
            check(pair in driver.page_source, f"{pair} is not in the report")
        totals = driver.find_element(By.CSS_SELECTOR, "ul.totals")
        check(totals.value_of_css_property("display") == "flex",
              "the report's stylesheet was not applied (ul.totals is not flex)")
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg")) >= 4, "no timelines drawn")
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"
                  and "/admin" in e.get("message", "") and "401" not in e.get("message", "")]
        check(not errors, f"console errors: {errors}")
        driver.save_screenshot(os.path.join(ARTIFACTS, "admin-report.png"))

        # Wrong credentials: refused again.
        bad = base64.b64encode(b"ada:wrong").decode()
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders",
                               {"headers": {"Authorization": f"Basic {bad}"}})
        driver.get(admin)
        check("amara-li" not in driver.page_source, "the report with a wrong password")
    finally:
        clean_up(driver, web, tmp)
    return check.summary("browser /admin", f"screenshot: {os.path.join(ARTIFACTS, 'admin-report.png')}")

sys.exit(main())
