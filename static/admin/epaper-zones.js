/* The zone editor of a printed page (PrintPageAdmin in articles/admin.py): every story's
   zones drawn over the page image, moved by dragging their body, resized by a corner,
   drawn anew on the empty page for the story picked in "新区域属于", each tied to one
   story of the page by the select of its row in the list, removed by its button.
   Keyboard: arrows move the selected zone (Shift: further), Alt + arrows resize it,
   Delete removes it. All zones live in the form's hidden field `zones` as JSON
   ([{"article": id, "box": [x0, y0, x1, y1]}], fractions of the page, origin top left),
   written on every change and saved with the page (articles.services.save_zones). */
(function () {
  "use strict";

  var STEP = 0.002; // an arrow key: about a millimetre on a broadsheet
  var BIG_STEP = 0.02;
  var MIN_SIDE = 0.01; // no zone thinner than this (a click on the page is no zone)
  var NEW_SIZE = [0.3, 0.12]; // "添加区域": a box this large, to move into place
  var CORNERS = ["nw", "ne", "sw", "se"];
  var CORNER_NAMES = { nw: "左上角", ne: "右上角", sw: "左下角", se: "右下角" };

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function clamp(value, low, high) {
    return Math.min(high, Math.max(low, value));
  }

  function round(value) {
    return Math.round(value * 10000) / 10000;
  }

  function readZones(input) {
    if (!input.value) return [];
    try {
      var data = JSON.parse(input.value);
      if (!Array.isArray(data)) return [];
      return data.filter(function (zone) {
        return zone && Array.isArray(zone.box) && zone.box.length === 4;
      });
    } catch (error) {
      return [];
    }
  }

  function setUp(editor) {
    var input = editor.querySelector("input[name=zones]");
    var sheet = editor.querySelector("[data-zone-sheet]");
    var list = editor.querySelector("[data-zone-list]");
    var picker = editor.querySelector("[data-zone-story]");
    var addButton = editor.querySelector("[data-zone-add]");
    var status = editor.querySelector("[data-zone-status]");
    if (!input || !sheet || !list) return;

    // The page's stories, in print order, from the picker's options.
    var stories = picker
      ? Array.prototype.map.call(picker.options, function (option, index) {
          return { id: Number(option.value), label: option.textContent, number: index + 1 };
        })
      : [];
    var zones = [];
    var selected = null;
    var drag = null;

    function story(id) {
      for (var i = 0; i < stories.length; i++) if (stories[i].id === id) return stories[i];
      return null;
    }

    function say(text) {
      if (status) status.textContent = text;
    }

    function write() {
      input.value = JSON.stringify(
        zones.map(function (zone) {
          return { article: zone.article, box: zone.box.map(round) };
        })
      );
    }

    function describe(zone) {
      var found = story(zone.article);
      return "区域 " + (zones.indexOf(zone) + 1) + "：" + (found ? found.label : "未指定稿件");
    }

    function paint(zone) {
      var box = zone.box;
      var style = zone.element.style;
      style.left = box[0] * 100 + "%";
      style.top = box[1] * 100 + "%";
      style.width = (box[2] - box[0]) * 100 + "%";
      style.height = (box[3] - box[1]) * 100 + "%";
      var found = story(zone.article);
      // Each story its own colour, the same on the page and in the list.
      var hue = found ? Math.round((found.number - 1) * 137.5) % 360 : 0;
      zone.element.style.setProperty("--zone-hue", String(hue));
      zone.item.style.setProperty("--zone-hue", String(hue));
      zone.badge.textContent = found ? String(found.number) : "?";
      zone.element.classList.toggle("zone--orphan", !found);
      zone.element.setAttribute("aria-label", describe(zone));
      zone.name.textContent = "区域 " + (zones.indexOf(zone) + 1);
    }

    function paintAll() {
      zones.forEach(paint);
    }

    function select(zone, focus) {
      if (selected && selected !== zone) {
        selected.element.classList.remove("zone--selected");
        selected.item.classList.remove("zone-item--selected");
        selected.element.setAttribute("aria-pressed", "false");
      }
      selected = zone;
      if (!zone) return;
      zone.element.classList.add("zone--selected");
      zone.item.classList.add("zone-item--selected");
      zone.element.setAttribute("aria-pressed", "true");
      if (focus) zone.element.focus();
    }

    function remove(zone) {
      var index = zones.indexOf(zone);
      if (index < 0) return;
      zones.splice(index, 1);
      zone.element.remove();
      zone.item.remove();
      if (selected === zone) selected = null;
      paintAll();
      write();
      say("已删除一个区域。保存后生效。");
      var next = zones[Math.min(index, zones.length - 1)];
      if (next) select(next, true);
      else sheet.focus();
    }

    function storySelect(zone) {
      var choose = document.createElement("select");
      choose.setAttribute("aria-label", "所属稿件");
      if (!story(zone.article)) {
        var blank = document.createElement("option");
        blank.value = "";
        blank.textContent = "— 请选择稿件 —";
        choose.appendChild(blank);
      }
      stories.forEach(function (item) {
        var option = document.createElement("option");
        option.value = String(item.id);
        option.textContent = item.label;
        choose.appendChild(option);
      });
      choose.value = story(zone.article) ? String(zone.article) : "";
      choose.addEventListener("change", function () {
        if (!choose.value) return;
        zone.article = Number(choose.value);
        var blank = choose.querySelector('option[value=""]');
        if (blank) blank.remove();
        paint(zone);
        write();
      });
      return choose;
    }

    function make(article, box) {
      var zone = { article: article, box: box.slice() };
      var element = document.createElement("div");
      element.className = "zone";
      element.tabIndex = 0;
      element.setAttribute("role", "button");
      element.setAttribute("aria-pressed", "false");
      element.setAttribute("data-zone", "");
      var badge = document.createElement("span");
      badge.className = "zone__badge";
      badge.setAttribute("aria-hidden", "true");
      element.appendChild(badge);
      CORNERS.forEach(function (corner) {
        var handle = document.createElement("span");
        handle.className = "zone__handle zone__handle--" + corner;
        handle.setAttribute("data-handle", corner);
        handle.title = "拖动" + CORNER_NAMES[corner] + "调整大小";
        element.appendChild(handle);
      });
      var item = document.createElement("li");
      item.className = "zone-item";
      var swatch = document.createElement("span");
      swatch.className = "zone-item__swatch";
      swatch.setAttribute("aria-hidden", "true");
      var name = document.createElement("span");
      name.className = "zone-item__name";
      var remover = document.createElement("button");
      remover.type = "button";
      remover.className = "button zone-item__delete";
      remover.textContent = "删除";
      remover.addEventListener("click", function () {
        remove(zone);
      });
      item.append(swatch, name, storySelect(zone), remover);
      item.addEventListener("focusin", function () {
        select(zone, false);
      });
      item.addEventListener("click", function () {
        select(zone, false);
      });
      zone.element = element;
      zone.item = item;
      zone.badge = badge;
      zone.name = name;
      element.__zone = zone;
      sheet.appendChild(element);
      list.appendChild(item);
      zones.push(zone);
      paint(zone);
      return zone;
    }

    function point(event) {
      var rect = sheet.getBoundingClientRect();
      return {
        x: clamp((event.clientX - rect.left) / rect.width, 0, 1),
        y: clamp((event.clientY - rect.top) / rect.height, 0, 1),
      };
    }

    // A box moved by (dx, dy) as a whole, kept inside the page.
    function moved(box, dx, dy) {
      var w = box[2] - box[0];
      var h = box[3] - box[1];
      var x0 = clamp(box[0] + dx, 0, 1 - w);
      var y0 = clamp(box[1] + dy, 0, 1 - h);
      return [x0, y0, x0 + w, y0 + h];
    }

    // A box with one corner dragged by (dx, dy); the opposite corner stays.
    function resized(box, corner, dx, dy) {
      var x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3];
      if (corner.indexOf("w") >= 0) x0 = clamp(x0 + dx, 0, x1 - MIN_SIDE);
      else x1 = clamp(x1 + dx, x0 + MIN_SIDE, 1);
      if (corner.indexOf("n") >= 0) y0 = clamp(y0 + dy, 0, y1 - MIN_SIDE);
      else y1 = clamp(y1 + dy, y0 + MIN_SIDE, 1);
      return [x0, y0, x1, y1];
    }

    sheet.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      var element = event.target.closest("[data-zone]");
      var start = point(event);
      if (element) {
        var zone = element.__zone;
        var handle = event.target.closest("[data-handle]");
        select(zone, true);
        drag = {
          zone: zone,
          mode: handle ? handle.getAttribute("data-handle") : "move",
          start: start,
          box: zone.box.slice(),
        };
      } else {
        if (!picker || !picker.value) return;
        // A new zone for the picked story, drawn from here to where the pointer stops.
        var drawn = make(Number(picker.value), [start.x, start.y, start.x, start.y]);
        select(drawn, true);
        drag = { zone: drawn, mode: "draw", start: start };
      }
      sheet.setPointerCapture(event.pointerId);
      event.preventDefault();
    });

    sheet.addEventListener("pointermove", function (event) {
      if (!drag) return;
      var here = point(event);
      var dx = here.x - drag.start.x;
      var dy = here.y - drag.start.y;
      if (drag.mode === "move") drag.zone.box = moved(drag.box, dx, dy);
      else if (drag.mode === "draw")
        drag.zone.box = [
          Math.min(drag.start.x, here.x),
          Math.min(drag.start.y, here.y),
          Math.max(drag.start.x, here.x),
          Math.max(drag.start.y, here.y),
        ];
      else drag.zone.box = resized(drag.box, drag.mode, dx, dy);
      paint(drag.zone);
    });

    function endDrag() {
      if (!drag) return;
      var zone = drag.zone;
      var mode = drag.mode;
      drag = null;
      if (mode === "draw") {
        if (zone.box[2] - zone.box[0] < MIN_SIDE || zone.box[3] - zone.box[1] < MIN_SIDE) {
          // A click on the empty page, not a drawn box.
          remove(zone);
          say("在版面空白处按住鼠标拖动，可画出新区域。");
          return;
        }
        say("已添加" + describe(zone) + "。保存后生效。");
      }
      write();
    }
    sheet.addEventListener("pointerup", endDrag);
    sheet.addEventListener("pointercancel", endDrag);
    sheet.addEventListener("lostpointercapture", endDrag);

    var ARROWS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    sheet.addEventListener("keydown", function (event) {
      var element = event.target.closest("[data-zone]");
      if (!element) return;
      var zone = element.__zone;
      if (event.key === "Delete" || event.key === "Backspace") {
        remove(zone);
        event.preventDefault();
        return;
      }
      var arrow = ARROWS[event.key];
      if (!arrow) return;
      var step = event.shiftKey ? BIG_STEP : STEP;
      var dx = arrow[0] * step;
      var dy = arrow[1] * step;
      zone.box = event.altKey ? resized(zone.box, "se", dx, dy) : moved(zone.box, dx, dy);
      paint(zone);
      write();
      event.preventDefault();
    });
    sheet.addEventListener("focusin", function (event) {
      var element = event.target.closest("[data-zone]");
      if (element && element.__zone !== selected) select(element.__zone, false);
    });

    if (addButton) {
      addButton.addEventListener("click", function () {
        if (!picker.value) return;
        // Placed a little lower for each zone added, so two added in a row do not hide
        // each other.
        var offset = (zones.length % 6) * 0.04;
        var x0 = 0.5 - NEW_SIZE[0] / 2;
        var y0 = 0.2 + offset;
        var zone = make(Number(picker.value), [x0, y0, x0 + NEW_SIZE[0], y0 + NEW_SIZE[1]]);
        select(zone, true);
        write();
        say("已添加" + describe(zone) + "，请拖到稿件所在位置。保存后生效。");
      });
    }

    sheet.tabIndex = -1;
    readZones(input).forEach(function (data) {
      var box = data.box.map(Number);
      make(Number(data.article), [
        clamp(box[0], 0, 1),
        clamp(box[1], 0, 1),
        clamp(box[2], 0, 1),
        clamp(box[3], 0, 1),
      ]);
    });
    // The field is written on the first change only: a value the editor could not read
    // (a post that came back with an error) is not turned into "no zones" unasked.
    editor.classList.add("zone-editor--ready");
  }

  ready(function () {
    document.querySelectorAll("[data-zone-editor]").forEach(setUp);
  });
})();
