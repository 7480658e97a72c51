/* The editing aids of a story's change form (ArticleAdmin.Media in articles/admin.py;
   the markup is templates/admin/articles/article/includes/editing_aids.html):

   - 字数 beside the body: the lead and the body as a page measures them, counted the way
     the server counts them (articles.models.count_chars: no whitespace, no crosshead
     marks), live as one types;
   - the 小标题 button over the body: the line the cursor is on (or every line of the
     selection) becomes a crosshead, "## " in front, or, marked already, a paragraph again;
   - a draft kept in the browser (localStorage) every few seconds while one types, under
     the story and the version the form was loaded at. A draft of this version that
     differs from the form is offered back, never restored unasked; a draft of an older
     version is not restored (someone saved the story since) and is dropped with a word.
     A save that went through drops its draft: the admin's success message on the next
     page says so;
   - who else has the story open: a heartbeat to the presence view
     (articles/workflow/presence.py) every 20 seconds, their names in the form.

   Without this file the form works as before; the names are printed by the server. */
(function () {
  "use strict";

  var DRAFT_PREFIX = "unionsite.article-draft.";
  var SUBMITTED = "unionsite.article-draft.submitted";
  var DRAFT_FIELDS = ["kicker", "title", "subtitle", "dateline", "lead", "body"];
  var SAVE_EVERY_MS = 3000;
  var CROSSHEAD_MARK = "## ";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function storage() {
    try {
      var test = DRAFT_PREFIX + "test";
      window.localStorage.setItem(test, "1");
      window.localStorage.removeItem(test);
      return window.localStorage;
    } catch (error) {
      return null; // private mode or storage full: no drafts, everything else works
    }
  }

  // --- 字数: the same rule as articles.models.count_chars -------------------------------

  function countChars(text) {
    var count = 0;
    text.split(/\r\n|\r|\n/).forEach(function (line) {
      var block = line.trim();
      if (block.indexOf("##") === 0) block = block.slice(2);
      // Characters, not UTF-16 units: a rare hanzi outside the BMP is one character.
      Array.from(block.replace(/\s+/g, "")).forEach(function () { count += 1; });
    });
    return count;
  }

  function setUpCount(lead, body, counter) {
    function update() {
      var count = countChars(lead ? lead.value : "") + countChars(body.value);
      counter.textContent = "字数：" + count;
    }
    if (lead) lead.addEventListener("input", update);
    body.addEventListener("input", update);
    update();
  }

  // --- the 小标题 button -------------------------------------------------------------------

  function toggleCrossheads(body) {
    var text = body.value;
    var start = body.selectionStart > 0 ? text.lastIndexOf("\n", body.selectionStart - 1) + 1 : 0;
    var endAt = body.selectionEnd > body.selectionStart ? body.selectionEnd - 1 : body.selectionEnd;
    var end = text.indexOf("\n", Math.max(endAt, start));
    if (end === -1) end = text.length;
    var lines = text.slice(start, end).split("\n");
    // One press marks them all, or, when every non-empty line is a crosshead, unmarks them.
    var filled = lines.filter(function (line) { return line.trim(); });
    var unmark = filled.length > 0 && filled.every(function (line) {
      return line.trim().indexOf("##") === 0;
    });
    var changed = lines.map(function (line) {
      if (!line.trim()) return line;
      if (unmark) return line.replace(/^\s*##\s*/, "");
      return CROSSHEAD_MARK + line.replace(/^\s+/, "");
    }).join("\n");
    body.focus();
    body.setSelectionRange(start, end);
    // insertText keeps the browser's undo (Ctrl+Z); setRangeText where it is missing.
    var inserted = false;
    try {
      inserted = document.execCommand("insertText", false, changed);
    } catch (error) {
      inserted = false;
    }
    if (!inserted || body.value.slice(start, start + changed.length) !== changed) {
      body.setRangeText(changed, start, end, "end");
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
    body.setSelectionRange(start + changed.length, start + changed.length);
  }

  function setUpTools(body, lead) {
    var tools = document.createElement("div");
    tools.className = "body-tools";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button body-tools__crosshead";
    button.textContent = "小标题";
    button.title = "把光标所在的行设为小标题（行首加“## ”），再按一次取消";
    var counter = document.createElement("span");
    counter.className = "body-tools__count";
    counter.setAttribute("aria-live", "polite");
    counter.setAttribute("data-char-count", "");
    tools.appendChild(button);
    tools.appendChild(counter);
    // The tools and the box in one column, where the box stood beside its label.
    var editor = document.createElement("div");
    editor.className = "body-editor";
    body.parentNode.insertBefore(editor, body);
    editor.appendChild(tools);
    editor.appendChild(body);
    // Keep the selection the button acts on: pressing it would otherwise move the focus.
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () { toggleCrossheads(body); });
    setUpCount(lead, body, counter);
  }

  // --- the draft in the browser -----------------------------------------------------------

  function draftFields(form) {
    var fields = {};
    DRAFT_FIELDS.forEach(function (name) {
      var input = form.elements.namedItem(name);
      if (input && typeof input.value === "string") fields[name] = input;
    });
    return fields;
  }

  function valuesOf(fields) {
    var values = {};
    Object.keys(fields).forEach(function (name) { values[name] = fields[name].value; });
    return values;
  }

  function sameValues(a, b) {
    return Object.keys(a).every(function (name) {
      return !(name in b) || a[name] === b[name];
    });
  }

  function readDraft(store, key) {
    try {
      var draft = JSON.parse(store.getItem(key));
      return draft && typeof draft.fields === "object" ? draft : null;
    } catch (error) {
      return null;
    }
  }

  function when(savedAt) {
    var at = new Date(savedAt);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return (at.getMonth() + 1) + "月" + at.getDate() + "日 " + two(at.getHours()) + ":" + two(at.getMinutes());
  }

  function button(label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "button " + className;
    element.textContent = label;
    return element;
  }

  function setUpDraft(form, aids, store) {
    var fields = draftFields(form);
    var versionInput = form.elements.namedItem("version");
    var version = versionInput ? parseInt(versionInput.value || "0", 10) || 0 : 0;
    var story = aids.getAttribute("data-draft-key");
    var prefix = DRAFT_PREFIX + story + ".";
    var key = prefix + version;
    var notice = aids.querySelector("[data-draft]");
    var loaded = valuesOf(fields);
    var dirty = false;

    function say(nodes) {
      notice.textContent = "";
      nodes.forEach(function (node) {
        notice.appendChild(typeof node === "string" ? document.createTextNode(node) : node);
      });
      notice.hidden = nodes.length === 0;
    }

    // Drafts of this story kept at other versions: an older one cannot be restored over
    // what was saved since; it is dropped, and the editor told.
    var stale = false;
    for (var i = store.length - 1; i >= 0; i -= 1) {
      var name = store.key(i);
      if (!name || name.indexOf(prefix) !== 0 || name === key) continue;
      var older = parseInt(name.slice(prefix.length), 10);
      if (!(older < version)) continue;
      var old = readDraft(store, name);
      if (old && !sameValues(old.fields, loaded)) stale = true;
      store.removeItem(name);
    }
    if (stale) say(["有未保存的内容，但稿件已被他人更新，无法恢复。"]);

    var draft = readDraft(store, key);
    if (draft && sameValues(draft.fields, loaded)) {
      store.removeItem(key);
      draft = null;
    }
    var savedSinceOffer = false;
    if (draft) {
      var offered = draft; // kept here: typing meanwhile writes a newer draft over it
      var restore = button("恢复未保存的内容（" + when(draft.savedAt) + "）", "editing-aids__restore");
      var discard = button("放弃", "editing-aids__discard");
      restore.addEventListener("click", function () {
        Object.keys(fields).forEach(function (name) {
          if (name in offered.fields) {
            fields[name].value = offered.fields[name];
            fields[name].dispatchEvent(new Event("input", { bubbles: true }));
          }
        });
        say([]);
        save();
      });
      discard.addEventListener("click", function () {
        if (!savedSinceOffer && !dirty) store.removeItem(key);
        say([]);
      });
      say(["这篇稿件有上次未保存的内容。", restore, " ", discard]);
    }

    function save() {
      var values = valuesOf(fields);
      dirty = false;
      savedSinceOffer = true;
      try {
        if (sameValues(values, loaded)) store.removeItem(key);
        else store.setItem(key, JSON.stringify({ savedAt: Date.now(), version: version, fields: values }));
      } catch (error) {
        // Storage full: the form is still there to save.
      }
    }

    Object.keys(fields).forEach(function (name) {
      fields[name].addEventListener("input", function () { dirty = true; });
    });
    window.setInterval(function () { if (dirty) save(); }, SAVE_EVERY_MS);
    window.addEventListener("pagehide", function () { if (dirty) save(); });
    form.addEventListener("submit", function () {
      // Kept until the next page shows the save went through (see dropSubmittedDraft):
      // a refused save, or a login asked for on the way, must not lose it.
      save();
      try { window.sessionStorage.setItem(SUBMITTED, key); } catch (error) { /* no session storage */ }
    });
  }

  function dropSubmittedDraft(store) {
    var key = null;
    try {
      key = window.sessionStorage.getItem(SUBMITTED);
      window.sessionStorage.removeItem(SUBMITTED);
    } catch (error) {
      return;
    }
    if (key && document.querySelector(".messagelist .success")) store.removeItem(key);
  }

  // --- who else has the story open -----------------------------------------------------

  function setUpPresence(aids) {
    var url = aids.getAttribute("data-presence-url");
    if (!url || !window.fetch) return;
    var seconds = parseInt(aids.getAttribute("data-presence-seconds"), 10) || 20;
    var line = aids.querySelector("[data-presence]");
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");

    function show(names) {
      line.textContent = names.length ? names.join("、") + " 也在编辑这篇稿件" : "";
      line.hidden = names.length === 0;
    }

    function beat() {
      var data = new FormData();
      if (csrf) data.append("csrfmiddlewaretoken", csrf.value);
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf ? csrf.value : "", Accept: "application/json" },
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (answer && Array.isArray(answer.others)) show(answer.others);
        })
        .catch(function () { /* offline for a moment: the next beat tries again */ });
    }

    window.setInterval(beat, seconds * 1000);
    window.addEventListener("pagehide", function () {
      if (!navigator.sendBeacon) return;
      var data = new FormData();
      if (csrf) data.append("csrfmiddlewaretoken", csrf.value);
      data.append("leave", "1");
      navigator.sendBeacon(url, data);
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) beat(); // back from the browser's page cache: present again
    });
  }

  ready(function () {
    var store = storage();
    if (store) dropSubmittedDraft(store);
    var aids = document.querySelector("[data-editing-aids]");
    if (!aids) return;
    setUpPresence(aids);
    // A reader without the right to change the story sees no fields to type in.
    var body = document.getElementById("id_body");
    if (!body || body.tagName !== "TEXTAREA" || !body.form) return;
    setUpTools(body, document.getElementById("id_lead"));
    if (store) setUpDraft(body.form, aids, store);
  });
})();
