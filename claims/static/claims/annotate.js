// The annotation view: select a phrase, choose figure, event or statement, and get the claim form with
// the span filled in. Offsets are Unicode code points; JavaScript strings count UTF-16 units, so every
// offset is converted (a character outside the Basic Multilingual Plane is one code point, two units).
(function () {
  "use strict";
  const container = document.getElementById("document-text");
  const toolbar = document.getElementById("annotate-toolbar");
  if (!container) return;

  const codePoints = (s) => Array.from(s).length;

  function segmentOf(node) {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    return element && element.closest("[data-start]");
  }

  // The code-point offset in the document of a DOM position (node, offset) inside the text.
  function offsetOf(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      return Number(segmentOf(node).dataset.start) + codePoints(node.data.slice(0, offset));
    }
    const child = node.childNodes[offset];
    if (child) {
      const segment = segmentOf(child);
      return segment ? Number(segment.dataset.start) : 0;
    }
    if (node === container) return Number(container.dataset.length);
    const segment = segmentOf(node);
    return Number(segment.dataset.start) + codePoints(segment.textContent);
  }

  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
    const start = offsetOf(range.startContainer, range.startOffset);
    const end = offsetOf(range.endContainer, range.endOffset);
    return end > start ? { start, end, rect: range.getBoundingClientRect() } : null;
  }

  container.addEventListener("mouseup", function () {
    if (!toolbar) return;
    const span = selectedSpan();
    if (!span) { toolbar.hidden = true; return; }
    toolbar.dataset.start = span.start;
    toolbar.dataset.end = span.end;
    toolbar.style.top = (window.scrollY + span.rect.bottom + 6) + "px";
    toolbar.style.left = (window.scrollX + span.rect.left) + "px";
    toolbar.hidden = false;
  });

  if (toolbar) {
    toolbar.addEventListener("click", function (event) {
      const kind = event.target.dataset.kind;
      if (!kind) return;
      const params = new URLSearchParams({
        document: container.dataset.document, start: toolbar.dataset.start, end: toolbar.dataset.end,
        kind: kind, from: "annotate",
      });
      window.location.href = container.dataset.addUrl + "?" + params.toString();
    });
  }

  container.addEventListener("click", function (event) {
    const segment = event.target.closest(".seg.claim");
    if (!segment || !window.getSelection().isCollapsed) return;
    window.location.href = container.dataset.changeUrl.replace("{id}", segment.dataset.claim);
  });
})();
