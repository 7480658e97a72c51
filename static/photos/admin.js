/* The admin's photo list (PhotoInline in articles/admin.py): a drop zone that sends each file
   alone to the staging endpoint and adds a row for it, up/down buttons that rewrite the
   order numbers, and a click on a picture that sets its focal point. Without this file
   the inline still works: a file field per row, numbers for order and focal point. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function field(row, name) {
    return row.querySelector('[name$="-' + name + '"]');
  }

  function setUp(desk) {
    var prefix = desk.dataset.prefix;
    var list = desk.querySelector("[data-photo-list]");
    var template = desk.querySelector("template[data-empty-row]");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var maxForms = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");

    function rows() {
      return Array.prototype.slice.call(list.querySelectorAll("[data-photo-row]"));
    }
    function photoRows() {
      return rows().filter(function (row) { return row.hasAttribute("data-has-photo"); });
    }

    function renumber() {
      photoRows().forEach(function (row, index) {
        var order = field(row, "order");
        if (order && order.value !== String(index + 1)) order.value = String(index + 1);
      });
    }

    function showMarker(row) {
      var marker = row.querySelector("[data-focal-marker]");
      var x = field(row, "focal_x"), y = field(row, "focal_y");
      if (!marker || !x || !y || !row.querySelector("[data-focal-image]")) return;
      marker.style.left = (parseInt(x.value, 10) || 0) + "%";
      marker.style.top = (parseInt(y.value, 10) || 0) + "%";
      marker.hidden = false;
    }

    function move(row, step) {
      var photos = photoRows();
      var index = photos.indexOf(row);
      var other = photos[index + step];
      if (!other) return;
      if (step < 0) list.insertBefore(row, other);
      else list.insertBefore(other, row);
      renumber();
    }

    function enhance(row) {
      if (row.hasAttribute("data-blank")) row.hidden = true;
      var picture = row.querySelector("[data-focal-picture]");
      picture.addEventListener("click", function (event) {
        var image = row.querySelector("[data-focal-image]");
        if (!image || event.target !== image) return;
        var box = image.getBoundingClientRect();
        var x = Math.round(((event.clientX - box.left) / box.width) * 100);
        var y = Math.round(((event.clientY - box.top) / box.height) * 100);
        field(row, "focal_x").value = String(Math.min(100, Math.max(0, x)));
        field(row, "focal_y").value = String(Math.min(100, Math.max(0, y)));
        showMarker(row);
      });
      ["focal_x", "focal_y"].forEach(function (name) {
        var input = field(row, name);
        if (input) input.addEventListener("input", function () { showMarker(row); });
      });
      var buttons = document.createElement("div");
      buttons.className = "photo-desk__move";
      [["上移", -1], ["下移", 1]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = pair[0];
        button.addEventListener("click", function () {
          move(row, pair[1]);
          button.focus();
        });
        buttons.appendChild(button);
      });
      picture.after(buttons);
      showMarker(row);
    }

    function addRow(answer) {
      var index = parseInt(total.value, 10);
      var holder = document.createElement("ol");
      holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index)).trim();
      var row = holder.querySelector("[data-photo-row]");
      row.removeAttribute("data-blank");
      row.setAttribute("data-has-photo", "");
      field(row, "staged").value = answer.token;
      var image = document.createElement("img");
      image.src = answer.thumb;
      image.alt = answer.filename + "，点击设定焦点";
      image.setAttribute("data-focal-image", "");
      var picture = row.querySelector("[data-focal-picture]");
      picture.insertBefore(image, picture.firstChild);
      var file = row.querySelector(".photo-desk__field--image");
      if (file) file.hidden = true;
      list.appendChild(row);
      total.value = String(index + 1);
      enhance(row);
      renumber();
      return row;
    }

    rows().forEach(enhance);
    if (!template || !total) return;

    var drop = desk.querySelector("[data-drop]");
    var input = desk.querySelector("[data-drop-input]");
    var status = desk.querySelector("[data-drop-status]");
    var errors = desk.querySelector("[data-drop-errors]");
    drop.hidden = false;

    function upload(files) {
      var queue = Array.prototype.slice.call(files);
      var count = queue.length, done = 0, added = 0;
      errors.textContent = "";
      function fail(message) {
        var item = document.createElement("li");
        item.textContent = message;
        errors.appendChild(item);
      }
      function next() {
        var file = queue.shift();
        if (!file) {
          status.textContent = "已添加 " + added + " 张照片" + (added < count ? "，" + (count - added) + " 张未能添加" : "") + "。保存稿件后生效。";
          return;
        }
        done += 1;
        if (maxForms && parseInt(total.value, 10) >= parseInt(maxForms.value, 10)) {
          fail(file.name + "：每篇稿件最多 " + maxForms.value + " 张照片。");
          next();
          return;
        }
        status.textContent = "正在上传第 " + done + " 张（共 " + count + " 张）：" + file.name;
        var body = new FormData();
        body.append("file", file);
        fetch(desk.dataset.stageUrl, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrf ? csrf.value : "" }
        }).then(function (response) {
          return response.json().then(function (data) {
            return { ok: response.ok, data: data };
          }, function () {
            var text = response.status === 413 ? "文件过大，无法上传。" : "上传失败（" + response.status + "）。";
            return { ok: false, data: { error: file.name + "：" + text } };
          });
        }).then(function (result) {
          if (result.ok) {
            addRow(result.data);
            added += 1;
          } else {
            fail(result.data.error);
          }
        }, function () {
          fail(file.name + "：网络错误，未能上传。");
        }).then(next);
      }
      next();
    }

    input.addEventListener("change", function () {
      if (input.files.length) upload(input.files);
      input.value = "";
    });
    drop.addEventListener("dragover", function (event) {
      event.preventDefault();
      drop.classList.add("photo-desk__drop--over");
    });
    drop.addEventListener("dragleave", function () {
      drop.classList.remove("photo-desk__drop--over");
    });
    drop.addEventListener("drop", function (event) {
      event.preventDefault();
      drop.classList.remove("photo-desk__drop--over");
      if (event.dataTransfer && event.dataTransfer.files.length) upload(event.dataTransfer.files);
    });
  }

  ready(function () {
    document.querySelectorAll("[data-photo-desk]").forEach(setUp);
  });
})();
