// The scorecard as a form that keeps what is typed and saves a card file, offline.
// Included inline by scorecard.html.j2; it reads its card description from the JSON in
// <script id="interviewkit-card">, so it holds no names of its own. No network, no eval,
// nothing written into the page as HTML: values go in and out through .value and
// .textContent only.
(function () {
  "use strict";
  var card = JSON.parse(document.getElementById("interviewkit-card").textContent);
  var status = document.getElementById("save-status");
  var names = [card.interviewer, card.date, card.overall];
  card.competencies.forEach(function (c) { names.push(c.rating, c.evidence); });
  if (card.notes) { names.push(card.notes); }  // notes on unscored questions: text, no rating

  function field(name) { return document.getElementsByName(name)[0] || null; }

  function say(text) { status.textContent = text; }

  function clock(date) {
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // The browser's local storage, where there is one: some browsers keep nothing for pages
  // opened from files, or refuse in private windows; the page then still saves files.
  // Reading and writing are told apart: pages opened from files share one storage, and
  // when another has filled it, what was kept here must still come back.
  // A blank card has no storage key: it serves one candidate after another.
  var store = null;
  var writable = false;
  try {
    store = card.storage_key ? window.localStorage : null;
    if (store) { store.getItem(card.storage_key); }
  } catch (error) {
    store = null;
  }
  if (store) {
    try {
      store.setItem(card.storage_key + ":probe", "1");
      store.removeItem(card.storage_key + ":probe");
      writable = true;
    } catch (error) {
      writable = false;  // full, or read-only: keep() says so when it fails
    }
  }

  function current() {
    var values = {};
    names.forEach(function (name) {
      var element = field(name);
      if (element) { values[name] = element.value; }
    });
    return values;
  }

  function keep() {
    if (!store) { return; }
    try {
      store.setItem(card.storage_key, JSON.stringify({ kept: Date.now(), values: current() }));
      say("Kept in this browser at " + clock(new Date()) + ". Save card when you are done.");
    } catch (error) {
      say("This browser would not keep the card (" + error.name + "): save it as a file.");
    }
  }

  function restore() {
    var kept = null;
    try {
      kept = store && JSON.parse(store.getItem(card.storage_key) || "null");
    } catch (error) {
      kept = null;  // not ours, or damaged: leave the form as built
    }
    if (!kept || typeof kept.values !== "object" || kept.values === null) { return false; }
    names.forEach(function (name) {
      var element = field(name);
      var value = kept.values[name];
      if (!element || typeof value !== "string") { return; }
      if (element.tagName === "SELECT"
          && !Array.prototype.some.call(element.options, function (o) { return o.value === value; })) {
        return;  // not a choice of this scale (the bank changed): leave it unrated
      }
      element.value = value;
    });
    // the time it was kept, when that is a time (another page may have written anything)
    var when = typeof kept.kept === "number" ? new Date(kept.kept) : null;
    say("Restored what you typed"
        + (when && !isNaN(when.getTime()) ? " (kept " + clock(when) + ")" : "")
        + ". Save card when you are done.");
    return true;
  }

  // Half of a character (a lone surrogate) is no text: it becomes U+FFFD, as a decoder would.
  function wellFormed(value) {
    var out = "";
    for (var i = 0; i < value.length; i++) {
      var code = value.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length
          && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        out += value.charAt(i) + value.charAt(i + 1);
        i++;
      } else {
        out += code >= 0xd800 && code <= 0xdfff ? "\ufffd" : value.charAt(i);
      }
    }
    return out;
  }

  // YAML that the reader takes: each text as a JSON string, which YAML reads as a quoted
  // scalar, with what YAML would refuse or read as a line break written as an escape.
  function text(value) {
    return JSON.stringify(wellFormed(value)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
      function (found) { return "\\u" + ("000" + found.charCodeAt(0).toString(16)).slice(-4); });
  }

  function rated(value) { return !!value && value !== card.not_rated; }

  function rating(value) {
    if (!rated(value)) { return "null"; }
    return /^[0-9]{1,6}$/.test(value) ? value : text(value);
  }

  function cardText(values) {
    var lines = ["# Scorecard typed in a browser and saved " + new Date().toISOString() + ".",
                 "# Put this file in the kit's scores/ folder; `interviewkit scores read`",
                 "# and the debrief read it from there."];
    card.identity.forEach(function (pair) { lines.push(pair[0] + ": " + text(pair[1])); });
    lines.push(card.interviewer + ": " + text(values[card.interviewer] || ""));
    lines.push(card.date + ": " + text(values[card.date] || ""));
    // a card that rates nothing (a stage of unscored questions) says so: {} is no mapping left out
    var none = card.competencies.length ? "" : " {}";
    lines.push(card.ratings_key + ":" + none);
    card.competencies.forEach(function (c) {
      lines.push("  " + text(c.id) + ": " + rating(values[c.rating]));
    });
    lines.push(card.evidence_key + ":" + none);
    card.competencies.forEach(function (c) {
      lines.push("  " + text(c.id) + ": " + text(values[c.evidence] || ""));
    });
    if (card.notes) { lines.push(card.notes + ": " + text(values[card.notes] || "")); }
    lines.push(card.overall + ": " + rating(values[card.overall]));
    return lines.join("\n") + "\n";
  }

  // The interviewer's name in a file name: letters and digits of any script (a Cyrillic or
  // CJK name must not come out empty, naming every such card of a stage alike), Latin
  // accents dropped, at most 40 characters (whole ones, not halves of a pair).
  function slug(value) {
    var kept = value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")
      .toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
    return Array.from(kept).slice(0, 40).join("").replace(/-+$/, "");
  }

  function fileName(values) {
    var who = slug(values[card.interviewer] || "");
    var stage = card.identity.filter(function (pair) { return pair[0] === "stage"; })[0][1];
    return stage.replace(/[^A-Za-z0-9_-]+/g, "-") + (who ? "-" + who : "") + ".yaml";
  }

  function missing(values) {
    var gaps = [];
    if (!(values[card.interviewer] || "").trim()) { gaps.push("your name"); }
    card.competencies.forEach(function (c) {
      if (!rated(values[c.rating])) {
        var section = field(c.rating).closest("section");
        var heading = section && section.querySelector("h3");
        gaps.push("a rating for " + (heading ? heading.textContent : c.id));
      }
    });
    if (!rated(values[card.overall])) { gaps.push("the overall recommendation"); }
    return gaps;
  }

  function save() {
    var values = current();
    var name = fileName(values);
    var blob = new Blob([cardText(values)], { type: "application/yaml" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    keep();
    var gaps = missing(values);
    say("Saved " + name + ". Put it in the kit's scores/ folder."
        + (gaps.length ? " Still missing: " + gaps.join(", ")
           + "; the debrief will refuse the card until "
           + (gaps.length === 1 ? "it is" : "they are") + " filled in." : ""));
  }

  function clear() {
    if (!window.confirm("Clear this scorecard? What you typed is removed from the page and "
                        + "from this browser; a card file you saved is kept.")) { return; }
    names.forEach(function (name) {
      var element = field(name);
      if (!element) { return; }
      element.value = element.tagName === "SELECT" ? card.not_rated : element.defaultValue;
    });
    if (store) { store.removeItem(card.storage_key); }
    say("Cleared.");
  }

  names.forEach(function (name) {
    var element = field(name);
    if (element) {
      element.addEventListener("input", keep);
      element.addEventListener("change", keep);
    }
  });
  document.getElementById("save-card-button").addEventListener("click", save);
  document.getElementById("clear-card-button").addEventListener("click", clear);
  Array.prototype.forEach.call(document.querySelectorAll(".needs-script"),
                               function (element) { element.hidden = false; });
  if (!restore()) {
    say(writable ? "What you type is kept in this browser as you go. Save card when you are done."
        : !card.storage_key ? "A blank scorecard keeps nothing in this browser (it serves many "
                              + "candidates): save the card before you close the page."
        : "This browser keeps nothing for this page: save the card before you close it.");
  }
})();
