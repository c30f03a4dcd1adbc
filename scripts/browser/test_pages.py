#!/usr/bin/env python3
"""End-to-end checks of `netprep serve` in a real browser: headless Chromium driven by Selenium.

    pip install -r scripts/browser/requirements.txt    # and: apt-get install chromium chromium-driver
    python3 scripts/browser/test_pages.py --netprep .build/debug/netprep [--screenshots DIR]

Imports a hostile note into a fresh database, starts `netprep serve --port 0` on it, runs the
checks in order (later ones build on earlier ones: the quiz's three reviews must show in the
stats), prints one line per check, saves a screenshot of each page (default
.build/browser-screenshots), always stops the server, and exits 1 naming the checks that failed.
"""
import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

REPO = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
ENV.update(NO_COLOR="1", LANG="en_US.UTF-8")

HOSTILE_NOTE = ("---\nid: hostile\ntitle: Hostile\n---\n# Hostile\n\n<script>window.__pwned=1</script>\n\n"
                '<img src=x onerror="window.__pwned=2">\n\n[click](javascript:window.__pwned=3)\n')


class CheckFailed(AssertionError):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def netprep(binary, *arguments):
    """Runs the CLI; its stdout, or CheckFailed with what it printed."""
    result = subprocess.run([binary, *arguments], env=ENV, capture_output=True, text=True, timeout=120)
    expect(result.returncode == 0, f"netprep {' '.join(arguments)} exited {result.returncode}: {result.stderr.strip()}")
    return result.stdout


class Server:
    """`netprep serve --port 0 --db DB`, up once it has printed its address."""

    def __init__(self, binary, db, timeout=60):
        self.process = subprocess.Popen([binary, "serve", "--port", "0", "--db", db], env=ENV, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.errors = []
        lines = queue.Queue()
        threading.Thread(target=lambda: [*map(lines.put, self.process.stdout), lines.put("")], daemon=True).start()
        threading.Thread(target=lambda: self.errors.extend(self.process.stderr), daemon=True).start()
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            line = f"nothing within {timeout} s"
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not match:
            self.stop()
            raise CheckFailed(f"netprep serve printed {line!r}, not its address: {''.join(self.errors)}")
        self.url = match.group(0)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class App:
    """The browser on the server's pages, and what the checks share: the database and the CLI."""

    def __init__(self, url, binary, db, shots):
        self.url, self.binary, self.db, self.shots = url, binary, db, shots
        options = Options()
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
        self.driver = webdriver.Chrome(service=service, options=options)
        self.page = "(none)"
        self.console = []  # "page: message" for each error or CSP violation the browser logged

    def open(self, path):
        """Loads a page (and files the console of the one before)."""
        self.collect()
        self.page = path
        self.driver.get(self.url + path.lstrip("/"))
        self.wait(lambda: self.js("return document.readyState") == "complete", f"{path} to load")

    def collect(self, allowed=None):
        """Files the browser's console since the last call: SEVERE entries and CSP reports, except
        the favicon and messages matching `allowed`."""
        for entry in self.driver.get_log("browser"):
            message = entry["message"]
            if "favicon" in message or (allowed and re.search(allowed, message)):
                continue
            if entry["level"] == "SEVERE" or "Content Security Policy" in message:
                self.console.append(f"{self.page}: {message}")

    def js(self, script, *arguments):
        return self.driver.execute_script(script, *arguments)

    def find(self, selector, within=None):
        return (within or self.driver).find_element(By.CSS_SELECTOR, selector)

    def texts(self, selector):
        return self.js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", selector)

    def visible(self, selector):
        found = self.driver.find_elements(By.CSS_SELECTOR, selector)
        return bool(found) and found[0].is_displayed()

    def keys(self, *keys):
        """Types on whatever has the focus, as a person at the keyboard would."""
        ActionChains(self.driver).send_keys(*keys).perform()

    def wait(self, condition, what, timeout=5.0):
        end = time.monotonic() + timeout
        while True:
            try:
                value = condition()
                if value:
                    return value
            except (NoSuchElementException, StaleElementReferenceException):
                pass
            if time.monotonic() > end:
                raise CheckFailed(f"waited {timeout:g} s for {what} on {self.driver.current_url}")
            time.sleep(0.05)

    def shot(self, name):
        self.driver.save_screenshot(str(self.shots / f"{name}.png"))


CHECKS = []


def check(name):
    """Adds the function below to the checks, under `name`."""
    return lambda function: CHECKS.append((name, function)) or function


@check("search as you type")
def search_as_you_type(app):
    """Typing 握手, then TIME_WAIT, key by key into the Today page's box lists hits whose snippets
    mark the term."""
    app.open("/")
    box = app.find("#search")
    for term, shot in (("握手", "today-search-zh"), ("TIME_WAIT", "today-search-en")):
        box.clear()
        for key in term:
            box.send_keys(key)
        app.wait(lambda: any(term.lower() in mark.lower() for mark in app.texts("#results a.hit .snippet mark")),
                 f"a hit whose <mark> contains {term}")
        expect(len(app.texts("#results li a.hit")) > 1, f"only one hit for {term}")
        app.shot(shot)


@check("note renders table and code")
def note_renders_markdown(app):
    """A note's Markdown becomes a styled table and a code block, with its neighbours and cards."""
    app.open("/note/sessions-sso.cookies")
    expect(app.texts("article.note h1") == ["HTTP cookies and their attributes"], "the note's h1")
    expect(len(app.texts("article.note table thead th")) == 2, "the table's two header cells")
    expect(len(app.texts("article.note table tbody tr")) >= 5, "the table's rows")
    expect(any("Set-Cookie: sid=" in code for code in app.texts("article.note pre code")), "the fenced code block")
    collapse = app.js("return getComputedStyle(document.querySelector('article.note table')).borderCollapse")
    expect(collapse == "collapse", f"the table is not styled by app.css (border-collapse {collapse})")
    for selector in ("#prerequisites li a", "#related li a", "#cards li details"):
        expect(app.texts(selector), f"no {selector}")
    app.shot("note")


@check("graph page")
def graph_page(app):
    """The inline Graphviz SVG draws one linked node per topic, as many as data-nodes and the list,
    and a click on a node opens its note."""
    app.open("/graph?topic=tcp&depth=1")
    graph = app.js("""
        const root = document.getElementById('graph'), svg = root && root.querySelector('svg');
        if (!svg) return null;
        const box = svg.getBoundingClientRect(), text = svg.querySelector('g.node text');
        return {declared: Number(root.dataset.nodes), items: document.querySelectorAll('#graph-list li').length,
                width: box.width, height: box.height, textWidth: text ? text.getBBox().width : 0,
                links: [...svg.querySelectorAll('g.node')].map(node => { const a = node.querySelector('a');
                  return a && (a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')); })};
    """)
    expect(graph, "no <svg> in #graph")
    count = len(graph["links"])
    expect(count > 1 and count == graph["declared"] == graph["items"],
           f"{count} g.node, data-nodes={graph['declared']}, {graph['items']} #graph-list items")
    unlinked = [link for link in graph["links"] if not (link or "").startswith("/note/")]
    expect(not unlinked, f"nodes without a /note/ link: {unlinked}")
    expect(graph["width"] > 100 and graph["height"] > 100 and graph["textWidth"] > 0,
           f"the SVG is not drawn: {graph['width']}x{graph['height']}, text width {graph['textWidth']}")
    app.shot("graph")
    target = "/note/tcp.handshake?lang=en"
    expect(target in graph["links"], f"no node links to {target}")
    app.find(f'#graph g.node a[*|href="{target}"]').click()
    app.wait(lambda: "/note/tcp.handshake" in app.driver.current_url and app.texts("article.note h1"),
             "the note page after clicking the node")
    expect("handshake" in app.texts("article.note h1")[0].lower(), "the clicked node's note is not tcp.handshake")


def run_demo(app, form, args, ready, what):
    """Types `args` into a demo runner, presses Run, and waits for `ready(output element)`."""
    field = app.find("input[name=args]", form)
    field.clear()
    field.send_keys(args)
    app.find("button[type=submit]", form).click()
    output = app.find(".demo-output", form)
    app.wait(lambda: ready(output), what)
    return output


PICTURE_LOADED = "const i = arguments[0].querySelector('img.demo-svg'); return !!i && i.complete && i.naturalWidth > 0"


@check("demo runs and draws")
def demo_runs(app):
    """A note's demo runner shows the run's SVG and text for new options, an error for bad ones;
    the runner page /demo/NAME comes already run."""
    app.open("/note/tcp.handshake")
    form = app.find('form.demo[data-demo="tcp.handshake"]')
    expect(form.get_attribute("data-picture") == "true", "tcp.handshake is not marked as drawing a picture")
    expect(app.find(".demo-output", form).text == "", "the runner has output before Run")
    output = run_demo(app, form, "--client-isn 1000 --server-isn 5000", lambda o: app.js(PICTURE_LOADED, o),
                      "the demo's SVG to load")
    expect("client-isn" in app.find("img.demo-svg", output).get_attribute("src"), "the picture ignores the args")
    for summary in output.find_elements(By.CSS_SELECTOR, "details > summary"):
        summary.click()  # the text output may come folded under the picture
    expect("1000" in app.find("pre.demo-text", output).text, "the demo's text does not show the ISN 1000")
    app.js("arguments[0].scrollIntoView()", form)
    app.shot("note-demo")
    for args, says in (("--loss 7", "--loss"), ("--nope", "--nope")):
        error = lambda o: says in "".join(e.text for e in o.find_elements(By.CSS_SELECTOR, "pre.demo-text.error"))
        output = run_demo(app, form, args, error, f"the error for {args}")
        expect(not output.find_elements(By.CSS_SELECTOR, "img"), f"a picture for the bad args {args}")
    # The bad runs' 400 answers are logged as failed loads: expected, unlike any other error.
    app.collect(allowed=r"/demo/tcp\.handshake/run\?args=--(loss|nope).*status of 400")
    app.open("/demo/tcp.congestion")
    app.wait(lambda: app.js(PICTURE_LOADED, app.find("form.demo .demo-output")), "/demo/tcp.congestion's picture")
    expect(app.find("pre.demo-text").get_attribute("textContent").strip(), "/demo/tcp.congestion has no text")
    app.shot("demo")


@check("hostile note is inert")
def hostile_note(app):
    """The imported note's <script>, onerror and javascript: link neither run nor survive."""
    app.open("/note/hostile")
    expect(app.texts("article.note h1") == ["Hostile"], "the hostile note was not imported")
    leftovers = app.js("""const n = document.querySelector('article.note');
        return [...n.querySelectorAll('script, [onerror], a[href^="javascript" i]')].map(e => e.outerHTML)
          .concat([...document.querySelectorAll('a[href^="javascript" i]')].map(e => e.outerHTML));""")
    expect(not leftovers, f"unsafe markup on the page: {leftovers}")
    expect(app.js("return window.__pwned") is None, "the note's <script> or onerror ran (window.__pwned is set)")
    links = app.driver.find_elements(By.XPATH, "//article[@class='note']//a[normalize-space()='click']")
    if links:
        links[0].click()
        time.sleep(0.5)
    expect(app.js("return window.__pwned") is None, "the note's javascript: link ran (window.__pwned is set)")


def card_shown(app):
    """What identifies the card on screen: its path, prompt and progress line."""
    return tuple(app.find(selector).get_attribute("innerHTML") for selector in ("#path", "#prompt", "#progress"))


def next_card(app, shown, why):
    """Waits for the card after `shown` (or the end of the quiz)."""
    app.wait(lambda: app.visible("#done") or (card_shown(app) != shown and not app.visible("#answer")),
             f"the next card after {why} ({shown[2]})")


def answer_card(app, rating="3", shot=None):
    """Answers the card on screen by keyboard: Space then `rating`, or for a typed card an answer,
    Enter, then Space."""
    shown = card_shown(app)
    if app.visible("#typed"):
        app.find("#typed-answer").send_keys("no idea", Keys.ENTER)
        app.wait(lambda: app.visible("#verdict") and app.visible("#answer"), "the verdict on a typed answer")
        app.keys(Keys.SPACE)
    else:
        app.keys(Keys.SPACE)
        app.wait(lambda: app.visible("#answer") and app.visible("#ratings"), "Space to show the answer and ratings")
        if shot:
            app.shot(shot)
        app.keys(rating)
    next_card(app, shown, "answering")
    return shown


@check("quiz by keyboard")
def quiz_by_keyboard(app):
    """Three new cards answered Good by keyboard, the second one undone with u and answered again;
    the session then repeats those cards still in learning (not new ones), which s skips: the quiz
    ends with three answers, and the database holds three reviews today."""
    app.open("/quiz?limit=3")
    app.wait(lambda: app.visible("#card #prompt") and app.find("#prompt").text.strip(), "the first card")
    answered = [answer_card(app, shot="quiz-answer")]
    answered.append(answer_card(app))
    expect(app.visible("#card"), "the quiz ended after two of three cards")
    app.keys("u")
    app.wait(lambda: card_shown(app) == answered[1], "u to bring back the second card")
    answer_card(app)
    answered.append(answer_card(app))
    for _ in range(len(answered)):  # the learning steps of these three, due within the session
        if app.visible("#done"):
            break
        shown = card_shown(app)
        expect(shown[0] in [card[0] for card in answered], f"a card beyond the limit of three: {shown[0]}")
        if app.visible("#typed"):
            app.find("#typed-answer").send_keys(Keys.ESCAPE)  # leaves the box, where keys are text
        app.keys("s")
        next_card(app, shown, "s to skip")
    expect(app.visible("#done") and not app.visible("#card"), "#done is not shown after three cards")
    expect(app.find("#progress").text == "3 answered", f"progress says {app.find('#progress').text!r}")
    app.shot("quiz-done")
    stats = json.loads(netprep(app.binary, "stats", "--json", "--db", app.db))
    today = stats["reviewsPerDay"][-1]
    expect(today["reviews"] == 3, f"netprep stats: {today['reviews']} reviews on {today['date']}, not 3")


@check("stats charts")
def stats_charts(app):
    """/stats charts the quiz's three reviews on today's bar, and draws the forecast and mastery."""
    app.open("/stats")
    values = app.js("return [...document.querySelectorAll('svg#reviews-chart rect.bar')].map(r => r.dataset.value)")
    expect(values and values[-1] == "3", f"today's bar in #reviews-chart is {values[-1:] or 'missing'}, not 3")
    expect(app.find("#reviews-total").text == "3", f"#reviews-total is {app.find('#reviews-total').text!r}")
    expect(app.find("#retention").text.strip(), "#retention is empty")
    days = app.js("return [...document.querySelectorAll('svg#year-chart rect.day')].map(r => r.dataset.value)")
    expect(365 <= len(days) <= 371 and days[-1] == "3", f"the year's last square is {days[-1:] or 'missing'}, not 3")
    for chart in ("year-chart", "reviews-chart", "forecast-chart", "mastery-chart"):
        box = app.find(f"svg#{chart}").rect
        expect(box["width"] * box["height"] > 1000, f"svg#{chart} is not drawn")
    app.shot("stats")


@check("the quiz's d key runs the card's demo")
def quiz_demo_key(app):
    """In a quiz of tcp.handshake, the first card with a demo shows it under the card on `d`, as
    the terminal does; cards without one are skipped with s (no answer is stored)."""
    app.open("/quiz?topic=tcp.handshake")
    app.wait(lambda: app.visible("#card #prompt") and app.find("#prompt").text.strip(), "the first card")
    for _ in range(40):
        if app.visible("#demo"):
            break
        shown = card_shown(app)
        if app.visible("#typed"):
            app.find("#typed-answer").send_keys(Keys.ESCAPE)
        app.keys("s")
        next_card(app, shown, "s to skip")
        expect(not app.visible("#done"), "no card of tcp.handshake has a demo")
    expect(app.visible("#demo"), "no card with a demo in 40 cards")
    app.keys("d")
    app.wait(lambda: app.visible("#demo-output") and app.js(
        "const o = document.getElementById('demo-output');"
        "const img = o.querySelector('img.demo-svg'); const pre = o.querySelector('pre.demo-text');"
        "return (img && img.complete && img.naturalWidth > 0) || (pre && pre.textContent.length > 0 && !img);"),
        "d to show the demo's output under the card")
    app.shot("quiz-demo")


@check("no console errors or CSP violations")
def console_is_clean(app):
    """Every page opened above, and the Today and demo list pages, logged no error and broke no CSP."""
    for path, shot in (("/", "today"), ("/demos", "demos"), ("/search?q=TIME_WAIT", None)):
        app.open(path)
        expect(app.texts("main *"), f"{path} is empty")
        if shot:
            app.shot(shot)
    app.collect()
    expect(not app.console, "the browser logged:\n  " + "\n  ".join(app.console))


def run_checks(app, server):
    """Runs every check in order, each to its end even when one before failed; the failed names."""
    failed = []
    for name, function in CHECKS:
        try:
            function(app)
            print(f"ok    {name}", flush=True)
        except Exception as error:  # a check that breaks in any way has failed
            failed.append(name)
            detail = str(error).split("\nStacktrace:")[0].strip()
            print(f"FAIL  {name}: {detail if isinstance(error, CheckFailed) else repr(detail)}", flush=True)
            if server.process.poll() is not None:
                print(f"      the server exited ({server.process.returncode}): {''.join(server.errors)}")
            try:
                app.shot("FAIL-" + re.sub(r"\W+", "-", name))
            except WebDriverException:
                pass
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--netprep", required=True, help="the netprep binary to serve with")
    parser.add_argument("--screenshots", default=str(REPO / ".build" / "browser-screenshots"), help="where the PNGs go")
    options = parser.parse_args()
    binary, shots = str(Path(options.netprep).resolve()), Path(options.screenshots)
    shots.mkdir(parents=True, exist_ok=True)
    for stale in shots.glob("FAIL-*.png"):
        stale.unlink()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="netprep-browser-") as folder:
        db, notes = str(Path(folder) / "db.sqlite"), Path(folder) / "notes"
        notes.mkdir()
        (notes / "hostile.md").write_text(HOSTILE_NOTE, encoding="utf-8")
        try:
            netprep(binary, "import", str(notes), "--db", db, "--quiet")
            server = Server(binary, db)
        except (CheckFailed, OSError, subprocess.TimeoutExpired) as error:
            print(f"FAIL  setup: {error}")
            return 1
        try:
            app = App(server.url, binary, db, shots)
            try:
                failed = run_checks(app, server)
            finally:
                app.driver.quit()
        except WebDriverException as error:
            print(f"FAIL  setup: Chromium through chromedriver: {str(error).strip()}")
            return 1
        finally:
            server.stop()
    print(f"{len(CHECKS) - len(failed)}/{len(CHECKS)} checks passed in {time.monotonic() - started:.1f} s; "
          f"screenshots in {shots}")
    if failed:
        print("failed: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
