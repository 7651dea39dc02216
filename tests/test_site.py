"""Browser checks of the built site: offline, error-free, accessible, readable.

These tests serve the built site (``_build/html``, or ``$NNBOOK_SITE``) on 127.0.0.1
and open every page in headless Chromium, driven by Playwright with the system's
Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``; Playwright never downloads a
browser here). For every page they check: no request leaves 127.0.0.1, no console
error, every image loaded and described, all math typeset by MathJax, the
previous/next links work, and axe-core finds no serious or critical accessibility
violation. They also check the search, the chapters' notebook links, and take
screenshots of a chapter in light and dark mode (``<builddir>/screenshots/``), checking
that the text of its first figure stands out from the background in both.

Run them after ``make html`` (``make test`` does). Without Chromium or a built site
they are skipped with a message, except in CI (``CI=true``), where they fail
(``unavailable`` in conftest.py).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from conftest import SITE, site_pages, unavailable

pytestmark = pytest.mark.browser

BUILD_DIR = SITE.parent
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


# -- Fixtures: a local server, a browser, one visit of every page ------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".ipynb": "application/x-ipynb+json",
    }

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(QuietHandler, directory=str(SITE))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def browser():
    chromium = find_chromium()
    if chromium is None:
        unavailable(
            "Chromium not found (looked for $CHROMIUM, /usr/bin/chromium, chromium on "
            "PATH): install it with `apt-get install chromium` to run the browser checks"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed: run `make venv`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


class PageVisit:
    """Opens one page, records what happened, and answers questions about it."""

    def __init__(self, context, base, page_path):
        self.path = page_path
        self.external = []
        self.console_errors = []
        page = context.new_page()
        self.page = page
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"page error: {exc}"))
        page.route("**/*", self._route)
        response = page.goto(base + page_path, wait_until="load")
        self.status = response.status if response else None
        page.evaluate(WAIT_FOR_MATHJAX)

    def _on_console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def _route(self, route):
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.external.append(url)
            route.abort()


WAIT_FOR_MATHJAX = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  return true;
}"""

INSPECT_PAGE = """() => {
  const images = Array.from(document.images).map(img => ({
    src: img.getAttribute('src'), alt: img.getAttribute('alt'),
    complete: img.complete, width: img.naturalWidth}));
  const mathNodes = Array.from(document.querySelectorAll('.math'));
  const clone = document.querySelector('main, .bd-main, body').cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, textarea, mjx-container, .highlight')
       .forEach(n => n.remove());
  return {
    images,
    math: mathNodes.length,
    mathUntypeset: mathNodes.filter(n => !n.querySelector('mjx-container')).length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    mathJaxOutput: document.querySelectorAll('mjx-container').length,
    text: clone.innerText,
    prev: (document.querySelector('.prev-next-area a.left-prev') || {}).href || null,
    next: (document.querySelector('.prev-next-area a.right-next') || {}).href || null,
    title: document.title,
  };
}"""


@pytest.fixture(scope="session")
def visits(server, browser):
    pages = site_pages()
    if not pages:
        unavailable(f"no pages in {SITE}: run `make html` first")
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    results = {}
    for page_path in pages:
        visit = PageVisit(context, server, page_path)
        visit.info = visit.page.evaluate(INSPECT_PAGE)
        # What the page did before axe: axe itself re-fetches stylesheets (and
        # resolves the theme's `@import "../basic.css"` against the page, a 404),
        # which is not the page's doing.
        external, errors = list(visit.external), list(visit.console_errors)
        visit.axe = axe.run(visit.page).response["violations"]
        visit.external, visit.console_errors = external, errors
        visit.page.close()
        results[page_path] = visit
    context.close()
    # The same in dark mode: the theme's dark colours must pass axe too.
    dark = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    dark.add_init_script("localStorage.setItem('theme', 'dark'); localStorage.setItem('mode', 'dark');")
    for page_path, visit in results.items():
        page = dark.new_page()
        page.goto(server + page_path, wait_until="load")
        page.evaluate(WAIT_FOR_MATHJAX)
        for violation in axe.run(page).response["violations"]:
            violation["id"] += " (dark mode)"
            visit.axe.append(violation)
        page.close()
    dark.close()
    write_report(results)
    return results


def write_report(results):
    """`<builddir>/site-report.json`: the numbers of the last run, for the record."""
    impacts = Counter(v["impact"] for visit in results.values() for v in visit.axe)
    report = {
        "pages": len(results),
        "external_requests": sum(len(v.external) for v in results.values()),
        "console_errors": sum(len(v.console_errors) for v in results.values()),
        "axe_violations_by_impact": dict(impacts),
        "images": sum(len(v.info["images"]) for v in results.values()),
        "pages_with_math": sum(1 for v in results.values() if v.info["math"]),
        "per_page": {
            path: {
                "external": v.external,
                "console_errors": v.console_errors,
                "axe": [
                    {"impact": a["impact"], "id": a["id"],
                     "nodes": [(" ".join(map(str, n["target"])), n.get("failureSummary", "")[:300])
                               for n in a["nodes"][:5]]}
                    for a in v.axe
                ],
            }
            for path, v in results.items()
        },
    }
    (BUILD_DIR / "site-report.json").write_text(json.dumps(report, indent=2) + "\n")


def failures(visits, check):
    found = {}
    for path, visit in visits.items():
        problems = check(visit)
        if problems:
            found[path] = problems
    return found


# -- Every page ----------------------------------------------------------------------


def test_every_page_loads(visits):
    assert failures(visits, lambda v: [] if v.status == 200 else [v.status]) == {}
    assert "index.html" in visits and any(p.startswith("chapters/") for p in visits)


def test_no_request_leaves_the_site(visits):
    assert failures(visits, lambda v: v.external) == {}


def test_no_console_errors(visits):
    assert failures(visits, lambda v: v.console_errors) == {}


def test_images_load_and_have_alt_text(visits):
    def check(visit):
        problems = []
        for img in visit.info["images"]:
            if not img["complete"] or img["width"] == 0:
                problems.append(f"not loaded: {img['src']}")
            alt = (img["alt"] or "").strip()
            # myst-nb falls back to the image's path when a cell gives no alt text.
            if (not alt or re.match(r"<Figure size", alt) or alt in img["src"]
                    or re.search(r"\.(png|jpe?g|svg|gif)$", alt, re.IGNORECASE)):
                problems.append(f"no real alt text ({img['alt']!r}): {img['src']}")
        return problems

    assert failures(visits, check) == {}


def test_math_is_typeset(visits):
    def check(visit):
        info, problems = visit.info, []
        if info["math"] and not info["mathJaxOutput"]:
            problems.append(f"{info['math']} math elements but no MathJax output")
        if info["mathUntypeset"]:
            problems.append(f"{info['mathUntypeset']} math elements not typeset")
        if info["mathErrors"]:
            problems.append(f"{info['mathErrors']} MathJax errors (mjx-merror)")
        for raw in ("$$", "\\(", "\\["):
            if raw in info["text"]:
                at = info["text"].index(raw)
                problems.append(f"raw {raw!r} in text: {info['text'][at - 40:at + 40]!r}")
        return problems

    assert failures(visits, check) == {}
    assert any(v.info["mathJaxOutput"] for v in visits.values()), "no page has math?"


def test_previous_and_next_links(visits, server):
    def local(url):
        return urllib.parse.urlsplit(url).path.lstrip("/") if url else None

    def check(visit):
        problems = []
        for kind in ("prev", "next"):
            target = local(visit.info[kind])
            if target is None:
                continue
            if target not in visits:
                problems.append(f"{kind} link to {target!r}, which is not a page")
                continue
            back = local(visits[target].info["next" if kind == "prev" else "prev"])
            if back != visit.path:
                problems.append(f"{kind} is {target!r}, whose opposite link is {back!r}")
        return problems

    assert failures(visits, check) == {}
    # Following "next" from the title page visits every chapter, in order.
    seen, page = [], "index.html"
    while page and page not in seen:
        seen.append(page)
        page = local(visits[page].info["next"])
    chapters = sorted(p for p in visits if p.startswith("chapters/"))
    assert [p for p in seen if p.startswith("chapters/")] == chapters


def test_no_serious_accessibility_violations(visits):
    def check(visit):
        return [
            f"{v['impact']}: {v['id']} ({v['help']}) at "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
            for v in visit.axe
            if v["impact"] in ("serious", "critical")
        ]

    assert failures(visits, check) == {}


# -- Search ----------------------------------------------------------------------------


def search(browser, server, query):
    page = browser.new_page()
    external = []
    page.route("**/*", lambda route: (
        route.continue_() if urllib.parse.urlsplit(route.request.url).hostname == "127.0.0.1"
        else (external.append(route.request.url), route.abort())
    ))
    page.goto(f"{server}search.html?q={urllib.parse.quote(query)}", wait_until="load")
    page.wait_for_function(
        "() => /Search finished/.test(document.getElementById('search-results').innerText)",
        timeout=20_000,
    )
    links = page.eval_on_selector_all(
        "#search-results ul.search li a", "els => els.map(a => a.getAttribute('href'))"
    )
    page.close()
    assert external == []
    return links


def test_search_finds_softmax_in_the_logistic_regression_chapter(browser, server):
    if not (SITE / "chapters" / "04-logistic-regression.html").exists():
        # Until chapter 4 is built, check the mechanism with a word of chapter 1.
        links = search(browser, server, "broadcasting")
        assert any(link.startswith("chapters/01-tensors.html") for link in links), links
        unavailable("chapter 4 is not built yet; checked the search with chapter 1")
    links = search(browser, server, "softmax")
    assert any(link.startswith("chapters/04-logistic-regression.html") for link in links), links


def test_search_finds_an_api_entry(browser, server):
    links = search(browser, server, "line_data")
    assert "reference/api.html#nnlib.data.line_data" in links, links


# -- Chapters: notebook links ------------------------------------------------------------


def test_chapters_link_to_their_notebook_and_colab(visits, server, conf):
    for path in (p for p in visits if p.startswith("chapters/")):
        slug = Path(path).stem
        html = (SITE / path).read_text()
        download = f'href="../notebooks/{slug}.ipynb"'
        assert download in html, f"{path}: no download link"
        with urllib.request.urlopen(f"{server}notebooks/{slug}.ipynb") as response:
            assert response.status == 200
            json.loads(response.read())
        owner_repo = conf.REPOSITORY_URL.removeprefix("https://github.com/")
        colab = (f"https://colab.research.google.com/github/{owner_repo}/blob/"
                 f"{conf.PAGES_BRANCH}/notebooks/{slug}.ipynb")
        assert f'href="{colab}"' in html, f"{path}: no Colab link {colab}"


# -- Light and dark mode -------------------------------------------------------------------


def relative_luminance(rgb):
    """WCAG relative luminance of sRGB colours (an array of shape (..., 3), 0-255)."""
    import numpy as np

    c = np.asarray(rgb, dtype=float)[..., :3] / 255
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def contrast(l1, l2):
    high, low = max(l1, l2), min(l1, l2)
    return (high + 0.05) / (low + 0.05)


def figure_contrast(png_bytes):
    """Contrast of a figure's text and lines against the figure's background.

    The background is the most common colour of the screenshot of the figure (as
    shown, on the page or on the theme's card); the "ink" is the 1% of pixels whose
    luminance differs most from it (axis labels, tick labels, lines). Returns the
    WCAG contrast ratio of the median ink pixel to the background, and the background.
    """
    import io

    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(io.BytesIO(png_bytes)).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    background = tuple(int(v) for v in colours[counts.argmax()])
    bg = float(relative_luminance(background))
    luminance = relative_luminance(pixels)
    distance = np.abs(luminance - bg)
    ink = luminance[np.argsort(-distance)[: max(1, len(luminance) // 100)]]
    return contrast(bg, float(np.median(ink))), background


def screenshot_chapter():
    """The first chapter page with a figure (else the first chapter)."""
    chapters = sorted((SITE / "chapters").glob("*.html"))
    for chapter in chapters:
        if "cell_output" in chapter.read_text() and "<img" in chapter.read_text():
            return chapter.relative_to(SITE).as_posix()
    return chapters[0].relative_to(SITE).as_posix() if chapters else None


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_screenshots_and_figure_contrast(browser, server, mode):
    chapter = screenshot_chapter()
    if chapter is None:
        unavailable("no chapter pages in the built site")
    out = BUILD_DIR / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=mode, device_scale_factor=1
    )
    context.add_init_script(
        f"localStorage.setItem('theme', '{mode}'); localStorage.setItem('mode', '{mode}');"
    )
    page = context.new_page()
    page.goto(server + chapter, wait_until="load")
    page.evaluate(WAIT_FOR_MATHJAX)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    stem = Path(chapter).stem
    page.screenshot(path=str(out / f"{stem}-{mode}.png"), full_page=True)
    figure = page.query_selector("div.cell_output img")
    if figure is None:
        context.close()
        pytest.skip(f"{chapter} has no figure; took a page screenshot only")
    figure.scroll_into_view_if_needed()
    page.evaluate("window.scrollBy(0, -250)")  # the code cell above it, too
    page.wait_for_timeout(500)  # let the scrolled-to area paint
    page.screenshot(path=str(out / f"{stem}-{mode}-viewport.png"))
    ratio, background = figure_contrast(figure.screenshot(path=str(out / f"{stem}-{mode}-figure.png")))
    context.close()
    assert ratio >= 4.5, (
        f"{mode} mode: the text of the first figure of {chapter} has contrast "
        f"{ratio:.2f} against its background {background} (need at least 4.5)"
    )


# -- On a phone ------------------------------------------------------------------------------


def test_pages_fit_a_phone_screen(browser, server):
    """At a phone's width nothing makes the page scroll sideways (wide code, tables
    and figures scroll or shrink inside their own boxes)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True,
        has_touch=True,
    )
    too_wide = {}
    for path in site_pages():
        if path.startswith("_modules/"):
            continue
        page = context.new_page()
        page.goto(server + path, wait_until="load")
        page.evaluate(WAIT_FOR_MATHJAX)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390 + 1:
            too_wide[path] = width
        if path == screenshot_chapter():
            out = BUILD_DIR / "screenshots"
            out.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out / f"{Path(path).stem}-phone.png"))
        page.close()
    context.close()
    assert too_wide == {}, f"pages wider than a 390 px phone screen: {too_wide}"
