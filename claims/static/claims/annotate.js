// The annotation view: select a phrase, choose figure, event or statement, and get the claim form with
// the span filled in. Offsets are Unicode code points; JavaScript strings count UTF-16 units, so every
// offset is converted (a character outside the Basic Multilingual Plane is one code point, two units).
// A selection that is already a claim, or overlaps one, is said at once; suggestions are reviewed from the
// keyboard (j/k move, a accepts, r rejects, e opens the form), one request per decision, without a reload.
(function () {
  "use strict";
  const container = document.getElementById("document-text");
  const toolbar = document.getElementById("annotate-toolbar");
  const warning = document.getElementById("annotate-warning");
  if (!container) return;
  const claims = JSON.parse(document.getElementById("claims-data").textContent);  // in text order
  const byId = new Map(claims.map((claim) => [String(claim.id), claim]));
  const characters = Array.from(container.textContent);  // the text as code points
  const segments = Array.from(container.querySelectorAll("[data-start]"));
  const counter = document.getElementById("review-counter");
  const message = document.getElementById("review-message");
  const panel = document.getElementById("claim-list");
  const filter = document.getElementById("claim-filter");
  const canReview = container.dataset.canReview === "true";
  let focused = null;  // the claim the keys act on

  const codePoints = (s) => Array.from(s).length;
  const changeUrl = (id) => container.dataset.changeUrl.replace("{id}", id);

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
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    while (start < end && /\s/.test(characters[start])) start++;  // as the claim form trims it
    while (end > start && /\s/.test(characters[end - 1])) end--;
    return end > start ? { start, end, rect: range.getBoundingClientRect() } : null;
  }

  // ---- the warning: a selection that is already a claim, or overlaps one ----
  function showWarning(span) {
    const same = claims.filter((c) => c.start === span.start && c.end === span.end);
    const overlapping = claims.filter((c) => c.start < span.end && span.start < c.end && !same.includes(c));
    warning.replaceChildren();
    const mention = (claim) => {
      const link = document.createElement("a");
      link.href = changeUrl(claim.id);
      link.textContent = `claim #${claim.id}`;
      warning.append(link, ` (${claim.kind}, ${claim.status})`);
    };
    const list = (found) => found.forEach((claim, k) => { if (k) warning.append(", "); mention(claim); });
    if (same.length) {
      warning.dataset.match = "same";
      warning.append("This span is already ");
      list(same);
      warning.append(".");
    } else if (overlapping.length) {
      warning.dataset.match = "overlap";
      warning.append("This span overlaps ");
      list(overlapping);
      warning.append(".");
    }
    warning.hidden = !(same.length || overlapping.length);
  }

  container.addEventListener("mouseup", function () {
    if (!toolbar) return;
    const span = selectedSpan();
    if (!span) { toolbar.hidden = true; return; }
    toolbar.dataset.start = span.start;
    toolbar.dataset.end = span.end;
    showWarning(span);
    toolbar.hidden = false;  // shown before it is placed: a hidden toolbar has no width to keep on screen
    toolbar.style.top = (window.scrollY + span.rect.bottom + 6) + "px";
    toolbar.style.left = Math.max(0, Math.min(window.scrollX + span.rect.left,
                                              document.documentElement.clientWidth - toolbar.offsetWidth - 8)) + "px";
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
    window.location.href = changeUrl(segment.dataset.claim);
  });

  // ---- focus: the claim the keys act on, ringed in the text and in the panel ----
  function segmentsOf(claim) {
    return segments.filter((segment, k) => {
      const start = Number(segment.dataset.start);
      const end = k + 1 < segments.length ? Number(segments[k + 1].dataset.start) : Number(container.dataset.length);
      return claim.start <= start && end <= claim.end && start < end;
    });
  }

  function panelItem(claim) {
    return panel && panel.querySelector(`li[data-claim="${claim.id}"]`);
  }

  function focus(claim) {
    document.querySelectorAll(".focused").forEach((element) => element.classList.remove("focused"));
    focused = claim;
    if (!claim) return;
    const parts = segmentsOf(claim);
    parts.forEach((segment) => segment.classList.add("focused"));
    const item = panelItem(claim);
    if (item) {
      item.classList.add("focused");
      item.scrollIntoView({ block: "nearest" });
    }
    if (parts.length) parts[0].scrollIntoView({ block: "center" });
    say(`#${claim.id} ${claim.kind} · ${claim.reading} · ${claim.status}`);
  }

  function say(text, isError) {
    message.textContent = text;
    message.classList.toggle("error", Boolean(isError));
  }

  function move(step) {
    if (!claims.length) return;
    const at = focused ? claims.indexOf(focused) : (step > 0 ? -1 : claims.length);
    focus(claims[Math.max(0, Math.min(claims.length - 1, at + step))]);
  }

  // ---- the decision: one request through the server's service, the page updated in place ----
  function setStatus(claim, status) {
    const old = claim.status;
    claim.status = status;
    container.querySelectorAll(`[data-claim="${claim.id}"]`).forEach((segment) => {
      segment.classList.replace(`status-${old}`, `status-${status}`);
    });
    const item = panelItem(claim);
    if (item) {
      item.querySelector(".claim-status").textContent = status;
      item.querySelector(".seg").classList.replace(`status-${old}`, `status-${status}`);
    }
  }

  function showLeft(left) {
    counter.dataset.left = left;
    counter.textContent = `${left} suggestion${left === 1 ? "" : "s"} left`;
  }

  async function decide(decision) {
    if (!focused) { say("Press j to choose a claim first.", true); return; }
    if (!canReview) { say("Only reviewers accept or reject here; press e to open the claim's form.", true); return; }
    const claim = focused;
    if (claim.status !== "suggested") {
      say(`#${claim.id} is ${claim.status}, not a suggestion: there is nothing to ${decision}.`, true);
      return;
    }
    const body = new URLSearchParams({ decision });
    const response = await fetch(container.dataset.reviewUrl.replace("{id}", claim.id), {
      method: "POST", body, credentials: "same-origin",
      headers: { "X-CSRFToken": document.querySelector("[name=csrfmiddlewaretoken]").value },
    });
    const answer = await response.json().catch(() => ({ error: `The server answered ${response.status}.` }));
    if (!response.ok) { say(answer.error, true); return; }
    setStatus(claim, answer.status);
    showLeft(answer.left);
    const next = claims.slice(claims.indexOf(claim) + 1).concat(claims).find((c) => c.status === "suggested");
    focus(next || claim);
    say(`#${claim.id} ${decision === "accept" ? "accepted (now a draft)" : "rejected"}.`);
  }

  const typing = (target) => target.closest("input, textarea, select, [contenteditable]") !== null;

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const actions = {
      j: () => move(1), k: () => move(-1), a: () => decide("accept"), r: () => decide("reject"),
      e: () => { if (focused) window.location.href = changeUrl(focused.id); },
      Escape: () => { focus(null); say(""); },
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // ---- the side panel: click a claim to scroll to it and focus it; filter the list ----
  if (panel) {
    panel.addEventListener("click", function (event) {
      const item = event.target.closest("li[data-claim]");
      if (!item) return;
      event.preventDefault();
      focus(byId.get(item.dataset.claim));
      history.replaceState(null, "", `#claim-${item.dataset.claim}`);
    });
  }
  if (filter) {
    filter.addEventListener("input", function () {
      const wanted = filter.value.trim().toLowerCase();
      panel.querySelectorAll("li[data-claim]").forEach((item) => {
        item.hidden = Boolean(wanted) && !item.textContent.toLowerCase().includes(wanted);
      });
    });
  }
  const linked = /^#claim-(\d+)$/.exec(window.location.hash);  // from a claim's form: that claim in focus
  if (linked && byId.has(linked[1])) focus(byId.get(linked[1]));
})();
