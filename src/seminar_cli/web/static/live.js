// Live updates for the phone page, /screen and /timer: forms work without this script; it
// only follows the session's event stream, refreshes the page's live part, ticks the
// countdown, sends answers without reloading, and reorders a ranking in place.
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live) { return; }
  var kind = live.getAttribute("data-kind");
  var loadedAt = Date.now();

  function clockText(seconds) {
    var sign = seconds < 0 ? "+" : "";
    var total = Math.floor(Math.abs(seconds));
    var h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
    var mm = (m < 10 ? "0" : "") + m, ss = (s < 10 ? "0" : "") + s;
    return h ? sign + h + ":" + mm + ":" + ss : sign + mm + ":" + ss;
  }

  function tick() {
    var elapsed = (Date.now() - loadedAt) / 1000;
    var clocks = live.querySelectorAll(".countdown[data-remaining]");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      var left = Number(el.getAttribute("data-remaining"));
      // a rehearsal (--speed) counts session seconds, faster than real ones
      var speed = Number(el.getAttribute("data-speed")) || 1;
      var running = el.getAttribute("data-running") === "1";
      if (running) { left -= elapsed * speed; }
      var warn = Number(el.getAttribute("data-warn"));
      var level = left < 0 ? "over" : (warn && left <= warn ? "warn" : "ok");
      el.classList.remove("ok", "warn", "over");
      el.classList.add(level);
      var time = el.querySelector(".time");
      if (time) {
        var text = clockText(left < 0 ? Math.floor(left) : Math.ceil(left));
        time.textContent = text;
        time.setAttribute("data-chars", String(text.length));  // the CSS fits it to the width
      }
      var label = el.querySelector(".label[data-over]");
      if (label && running) {
        label.textContent = label.getAttribute(left < 0 ? "data-over" : "data-left");
      }
      if (kind === "timer") { document.body.setAttribute("data-level", level); }
    }
  }

  // the new live part replaces the old one, except a prompt's section left as it was (what
  // the participant is typing or has ticked stays)
  function merge(html) {
    var fresh = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html").body.firstChild;
    var kept = {};
    var old = live.querySelectorAll("section.prompt[data-key]");
    for (var i = 0; i < old.length; i++) { kept[old[i].getAttribute("data-key")] = old[i]; }
    var focused = document.activeElement && live.contains(document.activeElement) ? document.activeElement : null;
    var nodes = [];
    while (fresh.firstChild) {
      var node = fresh.firstChild;
      fresh.removeChild(node);
      var key = node.nodeType === 1 ? node.getAttribute("data-key") : null;
      if (key && kept[key] && kind === "phone") { node = kept[key]; }
      nodes.push(node.ownerDocument === document ? node : document.adoptNode(node));
    }
    while (live.firstChild) { live.removeChild(live.firstChild); }
    for (var j = 0; j < nodes.length; j++) { live.appendChild(nodes[j]); }
    if (focused && live.contains(focused)) { focused.focus(); }
    loadedAt = Date.now();
    tick();
  }

  var pending = null;
  function refresh(ok, delay) {
    if (pending) { return; }
    pending = setTimeout(function () {
      pending = null;
      var url = live.getAttribute("data-part") + (ok ? "?ok=" + encodeURIComponent(ok) : "");
      fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (r.status === 401) { window.location.reload(); return null; }
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (html !== null && html !== undefined) {
          merge(html);
          if (ok) {
            var done = document.querySelector("#p-" + CSS.escape(ok) + " .recorded");
            if (done) { done.setAttribute("tabindex", "-1"); done.focus(); }
          }
        }
      }).catch(function () {});
    }, delay || 0);
  }

  // the event stream: its ids are journal positions, so a reconnection misses nothing
  var offline = document.getElementById("offline");
  if (window.EventSource) {
    var url = live.getAttribute("data-events");
    url += (url.indexOf("?") < 0 ? "?" : "&") + "after=" + encodeURIComponent(live.getAttribute("data-seq"));
    var source = new EventSource(url);
    var types = ["segment_started", "segment_paused", "segment_resumed", "segment_extended",
      "segment_ended", "segment_skipped", "prompt_opened", "prompt_closed", "replan_accepted",
      "session_suspended", "session_resumed", "session_closed", "anonymous_voided"];
    types.forEach(function (type) {
      source.addEventListener(type, function () { refresh(null, 150); });
    });
    if (kind === "screen") {
      source.addEventListener("answer", function () { refresh(null, 1000); });
      // anonymous answers and secret ballots wait in the pool with no event to announce
      // them, and the workshops write in their own streams: while a prompt is open or the
      // workshops are shown, the projector reads its counts again every few seconds
      setInterval(function () {
        if (live.querySelector("section.prompt, section.workshops")) { refresh(null, 0); }
      }, 4000);
    }
    source.addEventListener("session_closed", function () { source.close(); });
    source.onopen = function () { if (offline) { offline.hidden = true; } };
    source.onerror = function () { if (offline) { offline.hidden = false; } };
  }

  function valueOf(form) {
    var type = form.getAttribute("data-type");
    var i;
    if (type === "multi" || type === "election") {
      var picked = [];
      var boxes = form.querySelectorAll("input[name=value]:checked");
      for (i = 0; i < boxes.length; i++) { picked.push(boxes[i].value); }
      return picked;
    }
    if (type === "ranking") {
      var order = [];
      var items = form.querySelectorAll("input[name=order]");
      for (i = 0; i < items.length; i++) { order.push(items[i].value); }
      return order;
    }
    if (type === "choice" || type === "yesno" || type === "vote" || type === "rating") {
      var checked = form.querySelector("input[name=value]:checked");
      return checked ? checked.value : null;
    }
    var field = form.querySelector("[name=value]");
    return field ? field.value : null;
  }

  // which button sent a form, for browsers without SubmitEvent.submitter (Safari before 15.4)
  live.addEventListener("click", function (event) {
    var sender = event.target.closest ? event.target.closest("form.answer button[type=submit]") : null;
    if (sender) { sender.form.setAttribute("data-sender", sender.name || ""); }
  }, true);

  live.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button.move") : null;
    if (!button) { return; }
    event.preventDefault();
    var item = button.closest("li");
    var list = item.parentNode;
    var up = button.value.indexOf("up:") === 0;
    var other = up ? item.previousElementSibling : item.nextElementSibling;
    if (!other) { return; }
    if (up) { list.insertBefore(item, other); } else { list.insertBefore(other, item); }
    var rows = list.querySelectorAll("li");
    for (var i = 0; i < rows.length; i++) {
      var buttons = rows[i].querySelectorAll("button.move");
      buttons[0].value = "up:" + i; buttons[0].disabled = i === 0;
      buttons[1].value = "down:" + i; buttons[1].disabled = i === rows.length - 1;
    }
    var again = item.querySelector(up ? "button.move[value^='up:']" : "button.move[value^='down:']");
    (again && !again.disabled ? again : item.querySelector("button.move:not([disabled])")).focus();
  });

  live.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("answer")) { return; }
    event.preventDefault();
    var prompt = form.getAttribute("data-prompt");
    var error = form.querySelector("[data-error]");
    var value = valueOf(form);
    if (form.getAttribute("data-type") === "election") {
      // a blank ballot only by « Voter blanc », never by « Envoyer » with nothing ticked
      var sender = event.submitter ? event.submitter.name : form.getAttribute("data-sender");
      form.removeAttribute("data-sender");
      if (sender === "blank") {
        value = [];
      } else if (!value.length) {
        error.textContent = form.getAttribute("data-empty");
        error.hidden = false;
        return;
      }
    }
    fetch("/api/answers", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(form.hasAttribute("data-for")
        ? { prompt: prompt, value: value, "for": form.getAttribute("data-for") }
        : { prompt: prompt, value: value })
    }).then(function (r) {
      if (r.status === 201) {
        error.hidden = true;
        var section = form.closest("section.prompt");
        if (section) { section.removeAttribute("data-key"); }
        refresh(prompt, 0);
        return null;
      }
      return r.json().then(function (body) {
        error.textContent = body.message || String(r.status);
        error.hidden = false;
      });
    }).catch(function () {
      if (offline) { offline.hidden = false; }
    });
  });

  // the projector's results: all of them when they fit the screen, else one after the other
  // (every 8 s), never cut at the bottom; the page alone shows the latest one
  var ROTATE_MS = 8000;
  var shownResult = null;
  function resultsFit(sections) {
    for (var i = 0; i < sections.length; i++) {
      if (!sections[i].hidden && sections[i].getBoundingClientRect().bottom > window.innerHeight) { return false; }
    }
    return true;
  }
  function showResults(step) {
    var grid = live.querySelector(".results-grid");
    if (!grid) { shownResult = null; return; }
    var sections = grid.querySelectorAll("section.results");
    var i;
    for (i = 0; i < sections.length; i++) { sections[i].hidden = false; }
    if (sections.length < 2 || resultsFit(sections)) { shownResult = null; return; }
    var at = 0;
    for (i = 0; i < sections.length; i++) {
      if (sections[i].getAttribute("aria-labelledby") === shownResult) { at = i; }
    }
    if (step) { at = (at + 1) % sections.length; }
    for (i = 0; i < sections.length; i++) { sections[i].hidden = i !== at; }
    shownResult = sections[at].getAttribute("aria-labelledby");
  }
  if (kind === "screen") {
    var merged = merge;
    merge = function (html) { merged(html); showResults(false); };
    showResults(false);
    setInterval(function () { showResults(true); }, ROTATE_MS);
    window.addEventListener("resize", function () { showResults(false); });
  }

  tick();
  setInterval(tick, 1000);
})();
