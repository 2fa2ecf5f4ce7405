#!/usr/bin/python3
"""Issue 15 in a real browser: Debian's chromium through chromium-driver and python3-selenium.

  partner_page_test.py MENTORCAL SOURCE_DIR ARTIFACT_DIR

A programme runs one tick (letters to a directory outbox); the link found in amara's letter is
opened in headless Chromium at 360 px width (a screenshot is kept in ARTIFACT_DIR); using the
keyboard only (Tab to the button, Enter), amara says she cannot make a meeting; the page confirms;
she types an away week (Tab between the fields, Enter sends); after the next `run --once` the
pair's make-up is at another time than the declined one, and the meeting in the away week has
moved (the same UID, SEQUENCE+1, a REQUEST to both). Priya changes her weekly availability in
the form (filled with her windows from the file) to Mondays only; after the next `run --once` every
upcoming meeting of amara-priya lies in the new window (and in amara's). Also: a wrong token is 404, a
form sent without its CSRF token changes nothing, and the rate limit answers 429.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from browser_kit import Checks, chromium, demo_with_web, free_port, start_web, stop, clean_up

BIN, SRC, ARTIFACTS = (os.path.realpath(a) for a in sys.argv[1:4])
LINKS = os.path.join(SRC, "tests/integration/web_link.py")
check = Checks()


def run(*args, cwd):
    out = subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit {out.returncode}: {out.stdout}{out.stderr}")
    return out.stdout + out.stderr


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="mentorcal-browser-")
    web = None
    driver = None
    try:
        port = free_port(SRC)
        demo = demo_with_web(SRC, port)
        with open(os.path.join(tmp, "demo.toml"), "w", encoding="utf-8") as f:
            f.write(demo)
        run("run", "--once", "--config", "demo.toml", "--now", "2026-11-22T09:00:00Z", cwd=tmp)
        link = subprocess.check_output(["/usr/bin/python3", LINKS, "link", os.path.join(tmp, "outbox"),
                                        "amara@example.org"], text=True).strip()
        web = start_web(BIN, tmp, "demo.toml", "2026-11-22T09:30:00Z", port)
        driver = chromium(tmp, 360, 800)
        driver.set_window_size(360, 800)

        db = sqlite3.connect(os.path.join(tmp, "state.sqlite3"))
        uid, start = db.execute(
            "SELECT uid, start FROM meetings WHERE pair = 'amara-li' AND status = 'booked' "
            "AND first = 0 ORDER BY start LIMIT 1").fetchone()

        driver.get(link)
        check("Your mentoring meetings" in driver.title, f"title: {driver.title}")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 360, f"the page is {width} px wide at 360 px: it scrolls sideways")
        buttons = driver.find_elements(By.CSS_SELECTOR, "form button")
        check(len(buttons) >= 2, "no 'find another time' buttons")
        for b in buttons:
            check(b.rect["x"] >= 0 and b.rect["x"] + b.rect["width"] <= 360, "a button overflows 360 px")
        driver.save_screenshot(os.path.join(ARTIFACTS, "partner-page-360.png"))

        # A form without its CSRF token: refused, nothing changes.
        driver.execute_script(
            "const f = document.querySelector('input[value=\"' + arguments[0] + '\"]').form;"
            "f.querySelector('input[name=csrf]').remove(); f.submit();", uid)
        check("Forbidden" in driver.find_element(By.TAG_NAME, "body").text, "no 403 without CSRF")
        check(db.execute("SELECT status FROM meetings WHERE uid = ?", (uid,)).fetchone()[0] == "booked",
              "a form without CSRF token changed the meeting")

        # Keyboard only: Tab until the button of that meeting has the focus, then Enter.
        driver.get(link)
        body = driver.find_element(By.TAG_NAME, "body")
        body.click()
        target = driver.find_element(By.CSS_SELECTOR, f'input[value="{uid}"]').find_element(
            By.XPATH, "following-sibling::button")
        for _ in range(40):
            active = driver.switch_to.active_element
            if active == target:
                break
            active.send_keys(Keys.TAB)
        check(driver.switch_to.active_element == target, "Tab never reached the button")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        time.sleep(0.5)
        done = driver.find_elements(By.CSS_SELECTOR, ".done")
        check(bool(done) and "Li Wei" in done[0].text, "no confirmation after the keyboard decline")
        driver.save_screenshot(os.path.join(ARTIFACTS, "partner-page-declined-360.png"))
        row = db.execute("SELECT status, cancel_kind FROM meetings WHERE uid = ?", (uid,)).fetchone()
        check(row == ("cancelled", "declined"), f"the meeting is {row}")

        tick = run("run", "--once", "--config", "demo.toml", "--now", "2026-11-22T10:00:00Z", cwd=tmp)
        booked = [r[0] for r in db.execute(
            "SELECT start FROM meetings WHERE pair = 'amara-li' AND status = 'booked'")]
        check(start not in booked, "the declined time was booked again")
        made_up = db.execute("SELECT count(*) FROM meetings WHERE pair = 'amara-li' AND status = 'booked' "
                             "AND created > (SELECT cancelled_at FROM meetings WHERE uid = ?) - 1",
                             (uid,)).fetchone()[0]
        check(made_up >= 1, f"no make-up was booked after the decline: {tick}")
        driver.get(link)
        check(uid not in driver.page_source, "the declined meeting is still offered")

        # Away a week: typed into the form (Tab between fields, Enter sends it).
        week = (1797202800, 1797807600)  # 2026-12-14 to 2026-12-20 in Africa/Lagos, as UTC
        away_uid, away_seq = db.execute(
            "SELECT uid, sequence FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' "
            "AND start >= ? AND start < ?", week).fetchone()
        driver.get(link)
        field = driver.find_element(By.ID, "from")
        field.send_keys("2026-12-14")
        field.send_keys(Keys.TAB)
        driver.switch_to.active_element.send_keys("2026-12-20")
        driver.switch_to.active_element.send_keys(Keys.TAB)
        driver.switch_to.active_element.send_keys("conference")
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        time.sleep(0.5)
        done = driver.find_elements(By.CSS_SELECTOR, ".done")
        check(bool(done) and "2026" in done[0].text, "no confirmation of the away week")
        check("conference" in driver.page_source, "the away week is not listed")
        driver.save_screenshot(os.path.join(ARTIFACTS, "partner-page-away-360.png"))

        run("run", "--once", "--config", "demo.toml", "--now", "2026-11-22T10:30:00Z", cwd=tmp)
        status, seq, moved = db.execute("SELECT status, sequence, start FROM meetings WHERE uid = ?",
                                        (away_uid,)).fetchone()
        check(status == "booked" and seq == away_seq + 1, f"the away meeting: {status}, {seq}")
        check(not (week[0] <= moved < week[1]), "the meeting still lies in the away week")
        sent = db.execute("SELECT count(*) FROM outbox WHERE meeting_uid = ? AND sequence = ? "
                          "AND method = 'REQUEST'", (away_uid, seq)).fetchone()[0]
        check(sent == 2, f"the update went to {sent} of 2")

        # Change availability and see the plan follow: priya (Asia/Kolkata) meets amara on
        # Wednesdays and Saturdays (the file); she gives Monday 13:00-17:00 instead, which meets
        # amara's Monday 09:00-12:00 (Africa/Lagos) on Mondays 08:00-11:00 UTC.
        from selenium.webdriver.support.ui import Select
        priya = subprocess.check_output(["/usr/bin/python3", LINKS, "link", os.path.join(tmp, "outbox"),
                                         "priya@example.org"], text=True).strip()
        driver.get(priya)
        check(driver.find_element(By.ID, "start1").get_attribute("value") == "18:00",
              "the form does not start from today's windows")
        check(Select(driver.find_element(By.ID, "day1")).first_selected_option.get_attribute("value")
              == "Wed", "the first row is not her Wednesday window")
        width = driver.execute_script("return document.documentElement.scrollWidth")
        check(width <= 360, f"the availability form is {width} px wide at 360 px")
        driver.execute_script("document.getElementById('availability').scrollIntoView()")
        driver.save_screenshot(os.path.join(ARTIFACTS, "partner-page-availability-form-360.png"))
        for name in ("day1", "start1", "end1"):
            box = driver.find_element(By.ID, name).rect
            check(box["x"] >= 0 and box["x"] + box["width"] <= 360, f"{name} overflows 360 px")
        Select(driver.find_element(By.ID, "day1")).select_by_value("Mon")
        for name, value in (("start1", "13:00"), ("end1", "17:00"), ("start2", ""), ("end2", "")):
            box = driver.find_element(By.ID, name)
            box.clear()
            if value:
                box.send_keys(value)
        driver.find_element(By.ID, "end1").send_keys(Keys.ENTER)
        time.sleep(0.5)
        done = driver.find_elements(By.CSS_SELECTOR, ".done")
        check(bool(done) and "13:00" in done[0].text, "no confirmation of the new availability")
        driver.save_screenshot(os.path.join(ARTIFACTS, "partner-page-availability-360.png"))
        kept = db.execute("SELECT windows FROM partner_windows WHERE person = 'priya'").fetchone()
        check(kept == ("Mon 13:00-17:00",), f"priya's windows in the state: {kept}")
        run("run", "--once", "--config", "demo.toml", "--now", "2026-11-22T10:45:00Z", cwd=tmp)
        after = list(db.execute(
            "SELECT strftime('%w %H:%M', start, 'unixepoch'), strftime('%w %H:%M', \"end\", 'unixepoch') "
            "FROM meetings WHERE pair = 'amara-priya' AND status = 'booked' AND start > ?",
            (1795521600,)))  # 2026-11-24T12:00Z: past the notice
        check(len(after) >= 2, f"amara-priya has {len(after)} upcoming meetings")
        for begin, end in after:
            check(begin.startswith("1 ") and "08:00" <= begin[2:] and end[2:] <= "11:00",
                  f"a meeting of amara-priya outside priya's new window: {begin}-{end} (UTC)")

        # Four weeks on, after maria-diego's getting-to-know-you meeting: maria (Spanish) answers
        # "continue?" with the keyboard only; it reaches the admins and ends nothing.
        port2 = free_port(SRC)
        with open(os.path.join(tmp, "later.toml"), "w", encoding="utf-8") as f:
            f.write(demo.replace(f"127.0.0.1:{port}", f"127.0.0.1:{port2}"))
        later = start_web(BIN, tmp, "later.toml", "2026-12-19T12:00:00Z", port2, "web-later.log")
        try:
            maria = subprocess.check_output(["/usr/bin/python3", LINKS, "link", os.path.join(tmp, "outbox"),
                                             "maria@example.org"], text=True).strip()
            driver.get(maria.replace(f"127.0.0.1:{port}", f"127.0.0.1:{port2}"))
            check("¿Quieres continuar con Diego Fuentes?" in driver.page_source,
                  "maria is not asked whether to continue")
            driver.find_element(By.TAG_NAME, "body").click()
            no = driver.find_element(By.ID, "no-maria-diego")
            for _ in range(60):
                if driver.switch_to.active_element == no:
                    break
                driver.switch_to.active_element.send_keys(Keys.TAB)
                if driver.switch_to.active_element.get_attribute("name") == "answer":
                    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)  # yes -> no
            no.send_keys(Keys.SPACE)
            check(no.is_selected(), "the keyboard did not choose no")
            no.send_keys(Keys.TAB)
            driver.switch_to.active_element.send_keys("Gracias, pero no encajamos")
            driver.switch_to.active_element.send_keys(Keys.TAB)
            driver.switch_to.active_element.send_keys(Keys.ENTER)
            time.sleep(0.5)
            done = driver.find_elements(By.CSS_SELECTOR, ".done")
            check(bool(done) and "Diego Fuentes" in done[0].text, "no confirmation of the answer")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            check(width <= 360, f"the page with the requests is {width} px wide at 360 px")
            driver.save_screenshot(os.path.join(ARTIFACTS, "partner-page-continue-360.png"))
            row = db.execute("SELECT pair, kind, word FROM partner_requests").fetchall()
            check(row == [("maria-diego", "continue-no", "Gracias, pero no encajamos")], f"requests: {row}")
            ended = db.execute("SELECT count(*) FROM pair_events WHERE pair = 'maria-diego'").fetchone()[0]
            check(ended == 0, "the answer ended the pairing by itself")
        finally:
            stop(later)

        # A wrong token: 404, and nothing of the page.
        driver.get(link[:-5] + "AAAAA")
        check("Not found" in driver.page_source and "Amara" not in driver.page_source, "wrong token")
        # The rate limit of one link.
        seen = set()
        for _ in range(40):
            try:
                urllib.request.urlopen(link[:-5] + "BBBBB", timeout=2)
            except urllib.error.HTTPError as e:
                seen.add(e.code)
        check(429 in seen, f"no 429: {seen}")
    finally:
        clean_up(driver, web, tmp)
    return check.summary("browser", f"screenshots: {os.path.join(ARTIFACTS, 'partner-page-360.png')}")

sys.exit(main())
