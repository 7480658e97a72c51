/* The copy desk's findings on a story's change form
   (templates/admin/articles/article/includes/copy_check.html, ArticleAdmin.Media):

   - each finding is also shown under its field (主题, 正文 …), beside what it is about;
   - a finding with a fix has a button (改为 …) that puts the house form in the field in
     place of the text it is about, if that text is still there (else nearest to where it
     was); later findings of the field move with the change. Nothing is saved until the
     editor saves; the next save checks the copy again.

   Without this file the findings are listed on top of the form and nothing else changes. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function nearest(value, excerpt, start) {
    var best = -1;
    var at = value.indexOf(excerpt);
    while (at !== -1) {
      if (best === -1 || Math.abs(at - start) < Math.abs(best - start)) best = at;
      at = value.indexOf(excerpt, at + 1);
    }
    return best;
  }

  ready(function () {
    var section = document.querySelector(".copy-check");
    if (!section) return;
    var findings = Array.prototype.slice.call(section.querySelectorAll(".copy-finding"));

    function copiesOf(item) {
      return document.querySelectorAll('.copy-finding[data-finding="' + item.dataset.finding + '"]');
    }

    function apply(item) {
      var field = document.getElementById("id_" + item.dataset.field);
      if (!field) return;
      var start = parseInt(item.dataset.start, 10);
      var end = parseInt(item.dataset.end, 10);
      var excerpt = item.dataset.excerpt;
      var replacement = item.dataset.replacement;
      var value = field.value;
      if (value.slice(start, end) !== excerpt) {
        start = nearest(value, excerpt, start);
        if (start === -1) {
          copiesOf(item).forEach(function (copy) {
            var button = copy.querySelector(".copy-finding__fix");
            if (button) button.textContent = "原文已改动，请手动修改";
          });
          return;
        }
        end = start + excerpt.length;
      }
      field.value = value.slice(0, start) + replacement + value.slice(end);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      var shift = replacement.length - (end - start);
      findings.forEach(function (other) {
        if (other === item || other.dataset.field !== item.dataset.field) return;
        var otherStart = parseInt(other.dataset.start, 10);
        var otherEnd = parseInt(other.dataset.end, 10);
        if (otherStart < end) return;
        copiesOf(other).forEach(function (copy) {
          copy.dataset.start = String(otherStart + shift);
          copy.dataset.end = String(otherEnd + shift);
        });
      });
      copiesOf(item).forEach(function (copy) {
        copy.classList.add("copy-finding--fixed");
        var button = copy.querySelector(".copy-finding__fix");
        if (button) {
          button.disabled = true;
          button.textContent = "已改为 " + replacement + "，保存后生效";
        }
      });
      field.focus();
      field.setSelectionRange(start, start + replacement.length);
    }

    findings.forEach(function (item, index) {
      item.dataset.finding = String(index);
      var row = document.querySelector(".form-row.field-" + item.dataset.field);
      if (row) {
        var list = row.querySelector(".copy-field-findings");
        if (!list) {
          list = document.createElement("ul");
          list.className = "copy-field-findings";
          list.setAttribute("aria-label", "校对");
          row.appendChild(list);
        }
        var copy = item.cloneNode(true);
        var where = copy.querySelector(".copy-finding__field");
        if (item.dataset.field === "body") where.textContent = where.textContent.replace("正文", "");
        else where.remove();
        list.appendChild(copy);
      }
    });
    document.querySelectorAll(".copy-finding__fix").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        apply(button.closest(".copy-finding"));
      });
    });
  });
})();
