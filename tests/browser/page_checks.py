"""What every page must pass in a real browser: no sideways scrolling, no axe-core violation, no console
error; each page's screenshot is kept under var/screenshots/ (CI keeps that directory as an artefact)."""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(
      n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(0, 2).join(" ")
    ),
  }));
}"""

OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
    .filter(el => !el.closest(".table-wrap, [data-scrolls]"))
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : ""));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, widest: wide};
}"""

CUT_TABLES = """() => [...document.querySelectorAll(".table-wrap")]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => wrap.getAttribute("aria-label") || wrap.querySelector("table").getAttribute("data-testid") || "table")"""

DANGLING_IDREFS = """() => [...document.querySelectorAll("[aria-describedby], [aria-labelledby], label[for]")]
  .flatMap(el => ["aria-describedby", "aria-labelledby", "for"]
    .flatMap(name => (el.getAttribute(name) || "").split(/\\s+/).filter(Boolean))
    .filter(id => !document.getElementById(id)))"""


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    visited: int = 0

    def check(self, context, url: str, name: str, width: str, *, expect_status: int = 200) -> None:
        """Open `url` in a fresh tab of `context` and record every way the page breaks the site's rules."""
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        response = page.goto(url, wait_until="load")
        self.visited += 1
        where = f"{name} @ {WIDTHS[width]['width']}px ({url})"
        if response is None or response.status != expect_status:
            self.problems.append(f"{where}: HTTP {response.status if response else '?'}, expected {expect_status}")
        overflow = page.evaluate(OVERFLOW)
        if overflow:
            self.problems.append(f"{where}: scrolls sideways {overflow}")
        for missing in page.evaluate(DANGLING_IDREFS):
            self.problems.append(f"{where}: points at a missing id #{missing}")
        if width == "desktop":
            # On a phone a wide table may scroll inside its box; on a laptop every column must show.
            for table in page.evaluate(CUT_TABLES):
                self.problems.append(f"{where}: table {table} is cut off")
        page.evaluate(AXE_JS.read_text())
        for violation in page.evaluate(AXE_RUN):
            self.problems.append(f"{where}: axe {violation['id']} ({violation['impact']}): {violation['nodes']}")
        if expect_status != 200:
            # The browser reports the page's own 404 or 403 as a failed load; that one is expected.
            own = next((text for text in errors if f"status of {expect_status}" in text), None)
            errors = [text for text in errors if text is not own]
        for text in errors:
            self.problems.append(f"{where}: console error: {text}")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}-{WIDTHS[width]['width']}.png", full_page=True)
        page.close()

    def assert_clean(self) -> None:
        assert not self.problems, f"{len(self.problems)} problems on {self.visited} page views:\n" + "\n".join(
            self.problems
        )
