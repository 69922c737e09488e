// What the kit's widgets do in the browser that ipywidgets cannot say from Python.
// Loaded by helpers/widgets/behaviour.py (an anywidget), one per kit widget, invisible.
//
// 1. Keys stay in the widget: JupyterLab reads ArrowDown on a focused list as "next cell"
//    and "a" on a focused checkbox as "insert a cell" (its shortcut selector matches any
//    focused element in a notebook in command mode). JupyterLab listens for keys on the
//    document as they bubble up, so the widget's root stops the keys a control uses
//    itself (arrows, Home/End, Page Up/Down, Space, Enter, plain letters) before they get
//    there. Keys with Ctrl, Alt or Cmd, Shift+Enter, Escape and Tab still reach JupyterLab.
// 2. Toggle buttons say whether they are pressed (aria-pressed), in step with the state.
// 3. Picking a finding scrolls its marked highlight into view inside its pane, and the
//    page too when the pane itself is below the window.
// 4. Each report pane has a name, a role and a place in the Tab order.
// 5. A text box is named by the question above it, and a row of toggle buttons is a named
//    group ("Highlights from"), so a screen reader says what they are for.

function rootOf(el) {
  return el.closest(".mlk-kit");
}

function syncPressed(root) {
  for (const button of root.querySelectorAll("button.widget-toggle-button")) {
    const pressed = button.classList.contains("mod-active") ? "true" : "false";
    if (button.getAttribute("aria-pressed") !== pressed) button.setAttribute("aria-pressed", pressed);
  }
}

function scrollMarks(root, seen) {
  for (const box of root.querySelectorAll(".mlk-scroll")) {
    const mark = box.querySelector("mark.mlk-emphasis");
    const key = mark ? (mark.getAttribute("data-span") || "") + "@" + (box.className || "") : "";
    const last = seen.get(box);
    seen.set(box, key);
    if (!mark || key === last) continue;
    const pane = box.getBoundingClientRect();
    const place = mark.getBoundingClientRect();
    const inPane = place.top >= pane.top && place.bottom <= pane.bottom;
    const onScreen = place.top >= 0 && place.bottom <= window.innerHeight;
    // Scroll the pane to the mark, and the page (or the notebook) too when the pane itself
    // is out of the window (on a laptop the panes start near its bottom).
    if (!inPane || !onScreen) mark.scrollIntoView({ block: "center", inline: "nearest" });
  }
}

// A screen reader names each report pane after its heading ("Left: Breitbart News"), and
// every browser lets the keyboard reach it to scroll it (not only Chromium).
function namePanes(root) {
  for (const box of root.querySelectorAll(".mlk-scroll")) {
    const heading = box.parentElement && box.parentElement.querySelector("h3");
    const name = heading ? heading.textContent.trim() : "Report";
    if (box.getAttribute("aria-label") !== name) box.setAttribute("aria-label", name);
    if (!box.hasAttribute("role")) box.setAttribute("role", "region");
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
  }
}

function nameControls(root) {
  for (const area of root.querySelectorAll("textarea")) {
    if (area.hasAttribute("aria-label")) continue;
    const widget = area.closest(".widget-textarea") || area;
    const before = widget.previousElementSibling;
    const prompt = before && before.querySelector(".mlk-prompt");
    if (prompt) area.setAttribute("aria-label", prompt.textContent.trim());
  }
  for (const row of root.querySelectorAll(".widget-toggle-buttons")) {
    if (row.getAttribute("role") === "group") continue;
    row.setAttribute("role", "group");
    const label = row.querySelector(".widget-label");
    if (label && label.textContent.trim()) row.setAttribute("aria-label", label.textContent.trim());
  }
}

const CONTROL_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End",
                              "PageUp", "PageDown", " ", "Enter"]);
const CONTROLS = "select, input, button, textarea, [tabindex], .mlk-scroll";

function keepKeys(event) {
  const target = event.target;
  if (!target || !target.matches || !target.matches(CONTROLS)) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === "Enter" && event.shiftKey) return;
  if (CONTROL_KEYS.has(event.key) || event.key.length === 1) event.stopPropagation();
}

function attach(root) {
  if (root.__mlkBehaviour) return;
  root.__mlkBehaviour = true;
  root.addEventListener("keydown", keepKeys);
  const seen = new WeakMap();
  let queued = false;
  const update = () => {
    queued = false;
    syncPressed(root);
    namePanes(root);
    nameControls(root);
    scrollMarks(root, seen);
  };
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(update);
    }
  }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
  update();
}

function render({ el }) {
  el.classList.add("mlk-behaviour");
  let tries = 0;
  const find = () => {
    const root = rootOf(el);
    if (root) attach(root);
    else if (tries++ < 200) setTimeout(find, 50);
  };
  find();
}

export default { render };
