// The series' reading aids: notes beside their marks, the catalogue filter, "Copy".
"use strict";

const whenReady = (run) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
};

// Notes. Each numbered mark gets its note beside it: in the margin on wide screens,
// opened under the mark by hover, keyboard focus or a tap on narrow ones. The list
// headed "Notes" stays the reference (and what readers without scripts use).
whenReady(() => {
  const body = document.querySelector(".body");
  if (!body) return;
  const marks = body.querySelectorAll("a.footnote-reference[href^='#']");
  if (!marks.length) return;
  const wide = window.matchMedia("(min-width: 75rem)");
  let open = null;

  const close = (note) => {
    if (!note) return;
    note.classList.remove("is-open", "is-active");
    if (open === note) open = null;
  };
  const show = (mark, note) => {
    if (open && open !== note) close(open);
    note.classList.add("is-active");
    if (!wide.matches) {
      note.classList.add("is-open");
      note.style.top = `${mark.offsetTop + mark.offsetHeight + 6}px`;
    }
    open = note;
  };

  marks.forEach((mark, i) => {
    const source = document.getElementById(decodeURIComponent(mark.hash.slice(1)));
    if (!source) return;
    const note = document.createElement("span");
    note.className = "sidenote";
    note.id = `sidenote-${i + 1}`;
    note.setAttribute("role", "note");
    const number = document.createElement("span");
    number.className = "sidenote-number";
    number.textContent = mark.textContent.replace(/[[\]\s]/g, "");
    note.append(number);
    source.querySelectorAll(":scope > p").forEach((para, j) => {
      if (j) note.append(" ");
      para.childNodes.forEach((child) => note.append(child.cloneNode(true)));
    });
    note.querySelectorAll("[id]").forEach((el) => el.removeAttribute("id"));
    mark.after(note);
    mark.setAttribute("aria-describedby", note.id);
    mark.setAttribute("aria-expanded", "false");

    let timer = 0;
    const later = () => { timer = setTimeout(() => { close(note); sync(); }, 250); };
    const sync = () => mark.setAttribute("aria-expanded", String(open === note && !wide.matches));
    mark.addEventListener("pointerenter", (e) => {
      if (e.pointerType !== "mouse") return;
      clearTimeout(timer); show(mark, note); sync();
    });
    mark.addEventListener("pointerleave", (e) => { if (e.pointerType === "mouse") later(); });
    note.addEventListener("pointerenter", () => clearTimeout(timer));
    note.addEventListener("pointerleave", (e) => { if (e.pointerType === "mouse") later(); });
    mark.addEventListener("focus", () => { clearTimeout(timer); show(mark, note); sync(); });
    mark.addEventListener("blur", (e) => {
      if (!note.contains(e.relatedTarget)) { close(note); sync(); }
    });
    mark.addEventListener("click", (e) => {
      // The note is beside the mark: no jump to the list of notes.
      e.preventDefault();
      if (open === note && note.classList.contains("is-open")) close(note);
      else show(mark, note);
      sync();
    });
  });
  body.classList.add("has-sidenotes");
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && open) {
      const mark = document.querySelector(`[aria-describedby="${open.id}"]`);
      close(open);
      if (mark) { mark.setAttribute("aria-expanded", "false"); mark.focus(); }
    }
  });
  document.addEventListener("click", (e) => {
    if (open && !open.contains(e.target) && !e.target.closest("a.footnote-reference")) close(open);
  });
});

// The page's contents: open beside the paper on wide screens, folded on narrow ones
// (where it would otherwise push the paper down).
whenReady(() => {
  const contents = document.querySelector("details.page-contents-fold");
  if (contents && !window.matchMedia("(min-width: 64rem)").matches) contents.open = false;
});

// The catalogue's filter: typing narrows the papers shown; without scripts the box
// stays hidden and every paper is listed.
whenReady(() => {
  const box = document.querySelector(".series-filter");
  const catalogue = document.querySelector(".series-catalogue");
  if (!box || !catalogue) return;
  const input = box.querySelector("input");
  const status = box.querySelector(".series-filter-status");
  const entries = [...catalogue.querySelectorAll("li.series-entry")];
  const years = [...catalogue.querySelectorAll("section.series-year")];
  const texts = entries.map((entry) => entry.textContent.toLowerCase());
  box.hidden = false;
  input.addEventListener("input", () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    entries.forEach((entry, i) => {
      const match = words.every((word) => texts[i].includes(word));
      entry.hidden = !match;
      if (match) shown += 1;
    });
    years.forEach((year) => { year.hidden = !year.querySelector("li.series-entry:not([hidden])"); });
    status.textContent = words.length ? `${shown} of ${entries.length} papers shown` : "";
  });
});

// "Copy" buttons next to a paper's formatted citation.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy-citation");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy)?.querySelector(".cite-as-text");
  if (!text || !navigator.clipboard) return;
  navigator.clipboard.writeText(text.textContent.trim()).then(() => {
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy"; }, 1500);
  });
});
