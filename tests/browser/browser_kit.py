"""What the browser tests share: the demo programme with a [web] section in a temporary folder,
`mentorcal web` started and waited for, headless Debian chromium through chromium-driver, checks
that are counted rather than raised, and the clean-up."""
import os
import shutil
import subprocess
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class Checks:
    """Failed checks, each printed as it happens."""

    def __init__(self):
        self.failures = []

    def __call__(self, ok, what):
        if not ok:
            self.failures.append(what)
            print("FAIL:", what)

    def summary(self, test, artifacts):
        """Print the outcome; return the exit code."""
        print(f"{test}:", "all checks passed" if not self.failures else f"{len(self.failures)} failures")
        print(artifacts)
        return 1 if self.failures else 0


def free_port(src):
    links = os.path.join(src, "tests/integration/web_link.py")
    return subprocess.check_output(["/usr/bin/python3", links, "free-port"], text=True).strip()


def demo_with_web(src, port, web_lines=""):
    """The demo programme's text with its state in the working folder and a [web] section on
    `port` (plus `web_lines`)."""
    demo = open(os.path.join(src, "packaging/examples/demo.toml"), encoding="utf-8").read()
    demo = "\n".join('state = "state.sqlite3"' if l.startswith("state =") else l
                     for l in demo.split("\n"))
    return demo.replace("[mail]", f'[web]\nbase_url = "http://127.0.0.1:{port}"\n'
                                  f'listen = "127.0.0.1:{port}"\n{web_lines}\n[mail]', 1)


def wait_for(port):
    """Wait until `mentorcal web` answers on `port` (at most 10 s)."""
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)


def start_web(binary, cwd, config, now, port, log="web.log"):
    """`mentorcal web` on `config` at `now`, answering on `port`."""
    web = subprocess.Popen([binary, "web", "--config", config, "--now", now], cwd=cwd,
                           stdout=open(os.path.join(cwd, log), "w"), stderr=subprocess.STDOUT)
    wait_for(port)
    return web


def chromium(profile_dir, width, height, console_log=False):
    """Headless Debian chromium at `width` x `height`."""
    options = webdriver.ChromeOptions()
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--window-size={width},{height}", f"--user-data-dir={profile_dir}/chromium-profile"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium")
    if console_log:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def stop(process):
    if process:
        process.terminate()
        process.wait(10)


def clean_up(driver, web, tmp):
    if driver:
        driver.quit()
    stop(web)
    shutil.rmtree(tmp, ignore_errors=True)
