// The name picker: while a name is typed, the roster's buttons narrow to the names that hold
// it, accents, case and spaces ignored (« ines » finds « Inès Benali »).  Without this script
// the page works the same, every name listed.
(function () {
  "use strict";
  var field = document.getElementById("name");
  var count = document.getElementById("roster-count");
  if (!field || !count) { return; }
  var buttons = document.querySelectorAll("button.pick[data-fold]");

  // the server's name_key: no accents, no case, single spaces (data-fold holds it per name)
  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/ß/g, "ss").split(/\s+/).filter(Boolean).join(" ");
  }

  function narrow() {
    var typed = fold(field.value);
    var shown = 0;
    for (var i = 0; i < buttons.length; i++) {
      var match = !typed || buttons[i].getAttribute("data-fold").indexOf(typed) >= 0;
      buttons[i].parentNode.hidden = !match;
      if (match) { shown += 1; }
    }
    var text;
    if (!typed) { text = count.getAttribute("data-all"); }
    else if (shown === 0) { text = count.getAttribute("data-none"); }
    else if (shown === 1) { text = count.getAttribute("data-one"); }
    else { text = count.getAttribute("data-many").replace("{count}", String(shown)); }
    if (count.textContent !== text) { count.textContent = text; }
  }

  field.addEventListener("input", narrow);
  narrow();
})();
